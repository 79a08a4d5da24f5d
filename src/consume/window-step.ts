import type { Clock } from '../core/clock.js'
import type { Entry } from './checkpointer.js'
import type { Lane } from './lane.js'
import type { ShardCursor } from './shard-reader.js'
import { isStateTooLarge, openWindow, windowStartOf, type OpenWindow } from './window.js'

/** What the window step reads and changes of a shard. */
export interface WindowedShard {
  readonly cursor: ShardCursor
  window: OpenWindow | undefined
}

/** What the window step needs from the runner. */
export interface WindowStepConfig<S extends WindowedShard> {
  readonly clock: Clock
  readonly windowMs: number
  readonly batchSize: number
  /** How long the lane should still gather records (0: invoke now). */
  batchingDelay(shard: S, lane: Lane): number
  /** Runs the step again after `delayMs`. */
  wakeAfter(shard: S, lane: Lane, delayMs: number): void
  /** Runs the step again when the clock reaches the window's end. */
  wakeAtWindowEnd(shard: S, lane: Lane, end: number): void
  /** One batch of the window (maybe empty, for the final invocation); false when the consumer stopped first. */
  deliver(shard: S, lane: Lane, batch: Entry[], window: OpenWindow, final: boolean, terminatedEarly: boolean): Promise<boolean>
  /** Reads more of the shard after a batch. */
  refill(shard: S): void
  /** Moves the checkpoint once the shard's last window is closed. */
  advance(shard: S): void
  take(queue: Entry[], batchSize: number, accept: (entry: Entry) => boolean): Entry[]
}

/**
 * Creates one step of a tumbling consumer: a batch of the open window, or the window's final invocation (when the
 * clock has passed its end and the shard is read up to now, or the next record belongs to a later window). Resolves
 * false when there is nothing to do now.
 */
export function createWindowStep<S extends WindowedShard>(config: WindowStepConfig<S>): (shard: S, lane: Lane) => Promise<boolean> {
  const { clock, windowMs, batchSize } = config
  const startOf = (entry: Entry): number => windowStartOf(entry.record.createdAt, windowMs)

  return async function step(shard, lane) {
    const head = lane.queue[0]
    const window = shard.window
    if (window !== undefined && (head === undefined || startOf(head) !== window.start)) {
      const shardDone = shard.cursor.token === null && head === undefined
      if (!shardDone && head === undefined) {
        if (clock.now() < window.end) {
          config.wakeAtWindowEnd(shard, lane, window.end)
          return false
        }
        if (!shard.cursor.caughtUp) return false
      }
      if (!(await config.deliver(shard, lane, [], window, true, false))) return false
      shard.window = undefined
      if (shardDone) config.advance(shard)
      return true
    }
    if (head === undefined) return false
    const delay = config.batchingDelay(shard, lane)
    if (delay > 0) {
      config.wakeAfter(shard, lane, delay)
      return false
    }
    const open = window ?? openWindow(head.record.createdAt, windowMs)
    shard.window = open
    const batch = config.take(lane.queue, batchSize, (e) => startOf(e) === open.start)
    const next = lane.queue[0]
    const final = clock.now() >= open.end && (next === undefined ? shard.cursor.caughtUp || shard.cursor.token === null : startOf(next) !== open.start)
    if (!(await config.deliver(shard, lane, batch, open, final, false))) return false
    if (final) shard.window = undefined
    else if (isStateTooLarge(open.stateJson)) {
      if (!(await config.deliver(shard, lane, [], open, true, true))) return false
      shard.window = undefined
    }
    config.refill(shard)
    return true
  }
}
