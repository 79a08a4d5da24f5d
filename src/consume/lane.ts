import type { AnyChangeRecord } from '../capture/record.js'
import type { CancelTimer, Clock } from '../core/clock.js'
import { hashKeyValue, type KeyValue } from '../values/keys.js'
import type { Entry } from './checkpointer.js'

/** One of a shard's parallel lanes: the records of its partition keys waiting, in order, and whether a batch is in flight. */
export interface Lane {
  readonly queue: Entry[]
  running: boolean
  /** Calls `wake` after `delayMs` unless an earlier wake-up is already set. */
  wakeAfter(delayMs: number, wake: () => void): void
  /** Cancels the pending wake-up. */
  cancelWake(): void
}

/** The lanes of one shard and the lane each record belongs to. */
export interface Lanes {
  readonly all: readonly Lane[]
  laneOf(record: AnyChangeRecord): Lane
}

function createLane(clock: Clock): Lane {
  let timer: { readonly at: number; readonly cancel: CancelTimer } | undefined
  return {
    queue: [],
    running: false,
    wakeAfter(delayMs, wake) {
      const at = clock.now() + delayMs
      if (timer !== undefined && timer.at <= at) return
      timer?.cancel()
      const cancel = clock.setTimer(delayMs, () => {
        timer = undefined
        wake()
      })
      timer = { at, cancel }
    },
    cancelWake() {
      timer?.cancel()
      timer = undefined
    },
  }
}

/** Creates `count` lanes; records of one partition key always share a lane, so they are never in flight together. */
export function createLanes(count: number, partitionKey: string, clock: Clock): Lanes {
  const all = Array.from({ length: count }, () => createLane(clock))
  const first = all[0] as Lane
  return {
    all,
    laneOf(record) {
      if (count === 1) return first
      return all[hashKeyValue(record.keys[partitionKey] as KeyValue) % count] as Lane
    },
  }
}

/**
 * How long the lane should still gather records before invoking: 0 when the batch is full, the window is off or the
 * shard has ended; otherwise until the window that opened with the oldest waiting record's creation closes.
 */
export function batchingDelay(lane: Lane, batchSize: number, windowMs: number, shardEnded: boolean, now: number): number {
  if (windowMs === 0 || lane.queue.length >= batchSize || shardEnded) return 0
  const head = lane.queue[0] as Entry
  return Math.max(0, head.record.createdAt + windowMs - now)
}
