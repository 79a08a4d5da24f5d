import { describe, expect, it } from 'vitest'
import type { Entry } from '../../src/consume/checkpointer.js'
import { takeBatch } from '../../src/consume/invocation.js'
import { createLanes, type Lane } from '../../src/consume/lane.js'
import type { ShardCursor } from '../../src/consume/shard-reader.js'
import type { OpenWindow } from '../../src/consume/window.js'
import { createWindowStep, type WindowedShard } from '../../src/consume/window-step.js'
import type { AnyChangeRecord } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'

const WINDOW = 1000
const entry = (createdAt: number): Entry => ({ record: { createdAt, sizeBytes: 10, keys: { id: 'a' } } as unknown as AnyChangeRecord, done: false })

function harness() {
  const clock = new ManualClock(0)
  const cursor: ShardCursor = { shardId: 's', token: 'open', resumeAfter: undefined, caughtUp: true }
  const shard: WindowedShard = { cursor, window: undefined }
  const lane = createLanes(1, 'id', clock).all[0] as Lane
  const calls: { created: number[]; start: number; final: boolean; early: boolean }[] = []
  const wakes: string[] = []
  const step = createWindowStep<WindowedShard>({
    clock,
    windowMs: WINDOW,
    batchSize: 2,
    batchingDelay: () => 0,
    wakeAfter: () => wakes.push('batching'),
    wakeAtWindowEnd: (_, __, end) => wakes.push(`end ${end}`),
    async deliver(_, __, batch: Entry[], window: OpenWindow, final, early) {
      calls.push({ created: batch.map((e) => e.record.createdAt), start: window.start, final, early })
      for (const e of batch) e.done = true
      return true
    },
    refill: () => undefined,
    advance: () => wakes.push('advance'),
    take: takeBatch,
  })
  return { clock, shard, lane, calls, wakes, step }
}

describe('window step', () => {
  it('delivers the open window in batches, waits for its end, then makes the final invocation', async () => {
    const { clock, shard, lane, calls, wakes, step } = harness()
    lane.queue.push(entry(100), entry(200), entry(300))
    expect(await step(shard, lane)).toBe(true)
    expect(await step(shard, lane)).toBe(true)
    expect(await step(shard, lane)).toBe(false)
    expect(wakes).toEqual(['end 1000'])
    clock.set(1000)
    expect(await step(shard, lane)).toBe(true)
    expect(calls).toEqual([
      { created: [100, 200], start: 0, final: false, early: false },
      { created: [300], start: 0, final: false, early: false },
      { created: [], start: 0, final: true, early: false },
    ])
    expect(shard.window).toBeUndefined()
  })

  it('closes a window when the next record belongs to a later one, and never mixes windows in a batch', async () => {
    const { clock, shard, lane, calls, step } = harness()
    clock.set(2500)
    lane.queue.push(entry(900), entry(1100))
    while (await step(shard, lane)) {
      // Steps until nothing is left to do now.
    }
    expect(calls.map((c) => [c.created, c.start, c.final])).toEqual([
      [[900], 0, true],
      [[1100], 1000, true],
    ])
  })

  it('ends the window early when its state grows past 1 MB', async () => {
    const { shard, lane, calls, step } = harness()
    lane.queue.push(entry(100))
    shard.window = { start: 0, end: WINDOW, stateJson: JSON.stringify({ pad: 'x'.repeat(1024 * 1024) }) }
    expect(await step(shard, lane)).toBe(true)
    expect(calls.map((c) => [c.final, c.early])).toEqual([
      [false, false],
      [true, true],
    ])
    expect(shard.window).toBeUndefined()
  })

  it('makes the final invocation of the last window when the shard has ended, then moves the checkpoint', async () => {
    const { shard, lane, calls, wakes, step } = harness()
    shard.window = { start: 0, end: WINDOW, stateJson: '{}' }
    shard.cursor.token = null
    expect(await step(shard, lane)).toBe(true)
    expect(calls.map((c) => c.final)).toEqual([true])
    expect(wakes).toEqual(['advance'])
  })
})
