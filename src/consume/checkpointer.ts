import type { AnyChangeRecord } from '../capture/record.js'
import type { Checkpoint, CheckpointKey, CheckpointStore } from './checkpoint-store.js'

/** A record read from a shard, until it is processed (delivered, filtered out or discarded). */
export interface Entry {
  readonly record: AnyChangeRecord
  done: boolean
}

/** One shard's records in sequence order, and the checkpoint after the longest processed prefix. */
export interface Checkpointer {
  readonly key: CheckpointKey
  /** The last checkpointed sequence number. */
  readonly checkpoint: string | undefined
  /** Records read and not yet checkpointed. */
  readonly pending: number
  /** Adds a record just read, in sequence order. */
  track(entry: Entry): void
  /** Moves the checkpoint over the processed prefix and saves it; true when it moved. */
  advance(): boolean
  /** Starts from a loaded checkpoint. */
  resumeFrom(sequenceNumber: string | undefined): void
  /** Saves a checkpoint; saves run one at a time, in order, and only the newest waiting one is written. */
  save(checkpoint: Checkpoint): void
  /** Saves that the shard is processed to its end. */
  finish(): void
  /** Creation time of the oldest record read and not processed. */
  oldestPending(): number | undefined
}

/** What a checkpointer needs: where to save, how to run a save as tracked work, where errors go. */
export interface CheckpointerConfig {
  readonly key: CheckpointKey
  readonly store: CheckpointStore
  readonly spawn: (work: () => Promise<void>) => void
  readonly reportError: (error: unknown) => void
}

// Dropping the processed prefix once it is both long and most of the array keeps `advance` amortised O(1).
const COMPACT_AFTER = 1024

/** Creates the checkpointer of one shard. */
export function createCheckpointer(config: CheckpointerConfig): Checkpointer {
  // Slots before `head` are emptied as the checkpoint passes them: a processed record dies young, before the next
  // minor GC, instead of surviving until the array is compacted (and being copied, then promoted, meanwhile).
  let entries: (Entry | undefined)[] = []
  let head = 0
  let checkpoint: string | undefined
  let waiting: Checkpoint | undefined
  let saving = false

  function save(next: Checkpoint): void {
    waiting = next
    if (saving) return
    saving = true
    config.spawn(async () => {
      try {
        while (waiting !== undefined) {
          const value = waiting
          waiting = undefined
          try {
            await config.store.set(config.key, value)
          } catch (error) {
            // A later save carries the same information; the records stay at least once either way.
            config.reportError(error)
          }
        }
      } finally {
        saving = false
      }
    })
  }

  return {
    key: config.key,
    get checkpoint() {
      return checkpoint
    },
    get pending() {
      return entries.length - head
    },
    track(entry) {
      entries.push(entry)
    },
    advance() {
      let last: string | undefined
      while (head < entries.length && (entries[head] as Entry).done) {
        last = (entries[head] as Entry).record.sequenceNumber
        entries[head] = undefined
        head++
      }
      if (head > COMPACT_AFTER && head * 2 > entries.length) {
        entries = entries.slice(head)
        head = 0
      }
      if (last === undefined) return false
      checkpoint = last
      save({ sequenceNumber: last, shardEnded: false })
      return true
    },
    resumeFrom(sequenceNumber) {
      checkpoint = sequenceNumber
    },
    save,
    finish() {
      save(checkpoint === undefined ? { shardEnded: true } : { sequenceNumber: checkpoint, shardEnded: true })
    },
    oldestPending() {
      for (let i = head; i < entries.length; i++) {
        const entry = entries[i] as Entry
        if (!entry.done) return entry.record.createdAt
      }
      return undefined
    },
  }
}
