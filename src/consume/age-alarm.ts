import type { CancelTimer, Clock } from '../core/clock.js'
import type { IteratorAgeAlarm } from './types.js'

/** The oldest unprocessed record of one shard. */
export interface ShardAge {
  readonly shardId: string
  /** Creation time of the oldest record read and not processed; undefined when caught up. */
  readonly oldestPending: number | undefined
}

/** The iterator-age alarm of one consumer: called once on crossing the threshold and once on recovery. */
export interface AgeAlarm {
  /** Compares the current largest age with the threshold, calls back on a change, and sets a timer for the next crossing. */
  check(): void
  /** Cancels the timer and forgets the alarm state (on stop). */
  reset(): void
}

/** Creates the alarm over `shards` (read at each check); without an alarm option every call does nothing. */
export function createAgeAlarm(alarm: IteratorAgeAlarm | undefined, clock: Clock, shards: () => Iterable<ShardAge>, reportError: (error: unknown) => void): AgeAlarm {
  let alarmed = false
  // The shard that raised the alarm, named again when it recovers (by then no shard has an age of its own).
  let alarmShard = ''
  let timer: { readonly at: number; readonly cancel: CancelTimer } | undefined

  function check(): void {
    if (alarm === undefined) return
    const now = clock.now()
    let maxAge = 0
    let maxShard = ''
    let oldest: number | undefined
    for (const { shardId, oldestPending } of shards()) {
      if (oldestPending === undefined) continue
      if (now - oldestPending >= maxAge) {
        maxAge = now - oldestPending
        maxShard = shardId
      }
      if (oldest === undefined || oldestPending < oldest) oldest = oldestPending
    }
    if (alarmed !== maxAge > alarm.thresholdMs) {
      alarmed = !alarmed
      if (alarmed) alarmShard = maxShard
      try {
        alarm.onChange(Object.freeze({ alarm: alarmed, iteratorAgeMs: maxAge, thresholdMs: alarm.thresholdMs, shardId: alarmed ? maxShard : alarmShard }))
      } catch (error) {
        reportError(error)
      }
    }
    // The age grows with the clock alone, so the crossing is a time that can be known in advance.
    if (!alarmed && oldest !== undefined) {
      const at = oldest + alarm.thresholdMs + 1
      if (timer === undefined || timer.at > at) {
        timer?.cancel()
        timer = {
          at,
          cancel: clock.setTimer(at - now, () => {
            timer = undefined
            check()
          }),
        }
      }
    }
  }

  return {
    check,
    reset() {
      timer?.cancel()
      timer = undefined
      alarmed = false
    },
  }
}
