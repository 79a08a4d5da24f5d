import { describe, expect, it } from 'vitest'
import { createActivity } from '../../src/consume/activity.js'
import { createLifeCycle } from '../../src/consume/life-cycle.js'

describe('life cycle', () => {
  it('starts once, pauses and resumes, and stops once, counting generations', async () => {
    const life = createLifeCycle(false)
    let begun = 0
    expect(life.start(() => begun++)).toBe(true)
    expect(life.start(() => begun++)).toBe(false)
    expect(begun).toBe(1)
    const started = life.generation
    expect(life.active()).toBe(true)
    life.pause()
    expect(life.state).toBe('paused')
    expect(life.active()).toBe(false)
    const unpaused = life.whileUnpaused()
    expect(life.resume()).toBe(true)
    expect(await unpaused).toBe(true)
    expect(life.resume()).toBe(false)
    let ended = 0
    const stopping = life.stop(async () => undefined, () => ended++)
    expect(life.halted()).toBe(true)
    expect(life.signal.aborted).toBe(true)
    expect(life.stop(async () => undefined, () => ended++)).toBe(stopping)
    await stopping
    expect(ended).toBe(1)
    expect(life.state).toBe('stopped')
    expect(life.generation).toBeGreaterThan(started)
    await life.stop(async () => undefined, () => ended++)
    expect(ended).toBe(1)
  })

  it('wakes a paused waiter with false when the consumer stops', async () => {
    const life = createLifeCycle(false)
    life.start(() => undefined)
    life.pause()
    const waiting = life.whileUnpaused()
    await life.stop(async () => undefined, () => undefined)
    expect(await waiting).toBe(false)
  })

  it('does not start when its begin step throws', () => {
    const life = createLifeCycle(false)
    expect(() =>
      life.start(() => {
        throw new Error('limit')
      }),
    ).toThrow('limit')
    expect(life.state).toBe('stopped')
  })
})

describe('activity', () => {
  it('is idle only when no work is busy; a wait outside does not count; drain waits for work spawned meanwhile', async () => {
    const errors: unknown[] = []
    const activity = createActivity((e) => errors.push(e))
    expect(activity.whenIdle()).toBeUndefined()
    let release: () => void = () => undefined
    const gate = new Promise<void>((r) => (release = r))
    let inner = false
    activity.spawn(async () => {
      await activity.outside(gate)
      activity.spawn(async () => {
        inner = true
        throw new Error('reported')
      })
    })
    await Promise.resolve()
    expect(activity.whenIdle()).toBeUndefined()
    release()
    const drained = activity.drain()
    await drained
    expect(inner).toBe(true)
    expect(errors).toHaveLength(1)
    expect(activity.whenIdle()).toBeUndefined()
  })
})
