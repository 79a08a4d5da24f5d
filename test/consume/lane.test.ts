import { describe, expect, it } from 'vitest'
import { batchingDelay, createLanes } from '../../src/consume/lane.js'
import { ManualClock } from '../../src/testing.js'
import type { AnyChangeRecord } from '../../src/index.js'

const record = (customerId: string, createdAt = 0) => ({ keys: { customerId }, createdAt }) as unknown as AnyChangeRecord

describe('lanes', () => {
  it('puts every record of one partition key in the same lane and spreads keys over the lanes', () => {
    const lanes = createLanes(4, 'customerId', new ManualClock())
    const used = new Set<unknown>()
    for (let i = 0; i < 100; i++) {
      const lane = lanes.laneOf(record(`c${i}`))
      expect(lanes.laneOf(record(`c${i}`, 5))).toBe(lane)
      used.add(lane)
    }
    expect(used.size).toBe(4)
    expect(createLanes(1, 'customerId', new ManualClock()).all).toHaveLength(1)
  })

  it('keeps the earliest wake-up and cancels it on request', () => {
    const clock = new ManualClock(0)
    const [lane] = createLanes(1, 'customerId', clock).all
    const woken: string[] = []
    lane!.wakeAfter(100, () => woken.push('first'))
    lane!.wakeAfter(200, () => woken.push('later'))
    lane!.wakeAfter(50, () => woken.push('earlier'))
    clock.advance(300)
    expect(woken).toEqual(['earlier'])
    lane!.wakeAfter(10, () => woken.push('cancelled'))
    lane!.cancelWake()
    clock.advance(100)
    expect(woken).toEqual(['earlier'])
  })

  it('gathers until the window that opened with the oldest waiting record closes, unless the batch is full or the shard ended', () => {
    const [lane] = createLanes(1, 'customerId', new ManualClock()).all
    lane!.queue.push({ record: record('a', 1000), done: false }, { record: record('b', 1500), done: false })
    expect(batchingDelay(lane!, 10, 0, false, 1200)).toBe(0)
    expect(batchingDelay(lane!, 10, 500, false, 1200)).toBe(300)
    expect(batchingDelay(lane!, 10, 500, false, 2000)).toBe(0)
    expect(batchingDelay(lane!, 2, 500, false, 1200)).toBe(0)
    expect(batchingDelay(lane!, 10, 500, true, 1200)).toBe(0)
  })
})
