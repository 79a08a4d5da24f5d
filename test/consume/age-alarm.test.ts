import { describe, expect, it } from 'vitest'
import { createAgeAlarm, type ShardAge } from '../../src/consume/age-alarm.js'
import type { IteratorAgeAlarmEvent } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'

describe('iterator-age alarm', () => {
  it('calls back once on crossing (on time, by its own timer) and once on recovery, naming the shard', () => {
    const clock = new ManualClock(0)
    const events: IteratorAgeAlarmEvent[] = []
    let shards: ShardAge[] = [
      { shardId: 'a', oldestPending: 0 },
      { shardId: 'b', oldestPending: undefined },
    ]
    const alarm = createAgeAlarm({ thresholdMs: 1000, onChange: (e) => events.push(e) }, clock, () => shards, () => undefined)
    alarm.check()
    expect(events).toEqual([])
    clock.advance(1001)
    expect(events).toEqual([{ alarm: true, iteratorAgeMs: 1001, thresholdMs: 1000, shardId: 'a' }])
    alarm.check()
    expect(events).toHaveLength(1)
    shards = [{ shardId: 'a', oldestPending: undefined }]
    alarm.check()
    expect(events[1]).toEqual({ alarm: false, iteratorAgeMs: 0, thresholdMs: 1000, shardId: 'a' })
  })

  it('reports a throwing callback and forgets its state on reset', () => {
    const clock = new ManualClock(0)
    const errors: unknown[] = []
    let calls = 0
    const alarm = createAgeAlarm(
      {
        thresholdMs: 10,
        onChange: () => {
          calls++
          throw new Error('pager down')
        },
      },
      clock,
      () => [{ shardId: 'a', oldestPending: 0 }],
      (e) => errors.push(e),
    )
    clock.advance(20)
    alarm.check()
    expect(errors).toHaveLength(1)
    alarm.reset()
    alarm.check()
    expect(calls).toBe(2)
  })

  it('does nothing without an alarm option', () => {
    const clock = new ManualClock(0)
    createAgeAlarm(undefined, clock, () => [{ shardId: 'a', oldestPending: 0 }], () => undefined).check()
    expect(clock.pendingTimers()).toBe(0)
  })
})
