/** Identifies one consumer's position in one shard: the consumer's name, the stream and the shard. */
export interface CheckpointKey {
  readonly consumer: string
  readonly streamArn: string
  readonly shardId: string
}

/** Where a consumer stands in a shard: after `sequenceNumber` (or at the trim horizon without one); `shardEnded` once it has processed the closed shard to its end. */
export interface Checkpoint {
  readonly sequenceNumber?: string
  readonly shardEnded: boolean
}

/** Where consumers keep their checkpoints; implement it over a database to resume across processes. */
export interface CheckpointStore {
  /** The checkpoint saved for this key, or undefined when the consumer never started the shard. */
  get(key: CheckpointKey): Checkpoint | undefined | Promise<Checkpoint | undefined>
  /** Saves a checkpoint; the runner saves a shard's checkpoints one at a time, in order. */
  set(key: CheckpointKey, checkpoint: Checkpoint): void | Promise<void>
}

/** A checkpoint store in memory: the default, which lives as long as the consumer object that holds it. */
export function createMemoryCheckpointStore(): CheckpointStore {
  const entries = new Map<string, Checkpoint>()
  // The parts cannot contain the separator: names are checked, ARNs and shard ids have no control characters.
  const id = (key: CheckpointKey): string => `${key.consumer}\u0000${key.streamArn}\u0000${key.shardId}`
  return Object.freeze({
    get: (key: CheckpointKey) => entries.get(id(key)),
    set(key: CheckpointKey, checkpoint: Checkpoint) {
      entries.set(id(key), Object.freeze({ ...checkpoint }))
    },
  })
}
