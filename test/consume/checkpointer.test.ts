import { describe, expect, it } from 'vitest'
import { createCheckpointer, type Entry } from '../../src/consume/checkpointer.js'
import type { Checkpoint, CheckpointKey } from '../../src/index.js'
import type { AnyChangeRecord } from '../../src/index.js'

const key: CheckpointKey = { consumer: 'c', streamArn: 'arn', shardId: 's' }
const entry = (n: number): Entry => ({ record: { sequenceNumber: String(n).padStart(21, '0'), createdAt: n } as AnyChangeRecord, done: false })

function harness(set: (checkpoint: Checkpoint) => void | Promise<void> = () => undefined) {
  const saved: Checkpoint[] = []
  const work: Promise<void>[] = []
  const errors: unknown[] = []
  const checkpointer = createCheckpointer({
    key,
    store: { get: () => undefined, set: async (_, c) => {
      saved.push(c)
      await set(c)
    } },
    spawn: (w) => work.push(w()),
    reportError: (e) => errors.push(e),
  })
  return { checkpointer, saved, errors, settled: async () => { while (work.length > 0) await work.shift() } }
}

describe('checkpointer', () => {
  it('checkpoints the longest processed prefix only, and reports the oldest pending record', async () => {
    const { checkpointer, saved, settled } = harness()
    const entries = [entry(1), entry(2), entry(3)]
    for (const e of entries) checkpointer.track(e)
    entries[1]!.done = true
    expect(checkpointer.advance()).toBe(false)
    expect(checkpointer.oldestPending()).toBe(1)
    entries[0]!.done = true
    expect(checkpointer.advance()).toBe(true)
    expect(checkpointer.checkpoint).toBe(entries[1]!.record.sequenceNumber)
    expect(checkpointer.pending).toBe(1)
    expect(checkpointer.oldestPending()).toBe(3)
    await settled()
    expect(saved).toEqual([{ sequenceNumber: entries[1]!.record.sequenceNumber, shardEnded: false }])
  })

  it('saves one at a time, writing only the newest of the checkpoints that waited', async () => {
    let release: () => void = () => undefined
    const { checkpointer, saved, settled } = harness(() => new Promise<void>((r) => (release = r)))
    checkpointer.save({ sequenceNumber: '1', shardEnded: false })
    checkpointer.save({ sequenceNumber: '2', shardEnded: false })
    checkpointer.save({ sequenceNumber: '3', shardEnded: false })
    await Promise.resolve()
    release()
    await new Promise((r) => setImmediate(r))
    release()
    await settled()
    expect(saved.map((c) => c.sequenceNumber)).toEqual(['1', '3'])
  })

  it('marks the shard ended with the last checkpoint, and reports a failing store without losing later saves', async () => {
    let fail = true
    const { checkpointer, saved, errors, settled } = harness(() => {
      if (fail) {
        fail = false
        throw new Error('store down')
      }
    })
    checkpointer.resumeFrom('000000000000000000007')
    checkpointer.finish()
    await settled()
    checkpointer.finish()
    await settled()
    expect(saved).toEqual([
      { sequenceNumber: '000000000000000000007', shardEnded: true },
      { sequenceNumber: '000000000000000000007', shardEnded: true },
    ])
    expect(errors).toHaveLength(1)
  })
})
