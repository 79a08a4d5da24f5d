import type { AnyChangeRecord, ViewType } from '../capture/record.js'
import type { CapturedChange } from '../capture/capture.js'
import type { Clock } from '../core/clock.js'
import type { KeySchema } from '../values/keys.js'
import type { ShardIteratorType } from './iterator.js'
import type { ShardOptions } from './shard-options.js'
import type { ShardDescription } from './shard.js'

/** A stream's life cycle, as DynamoDB's StreamStatus. */
export type StreamStatus = 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED'

/** A table's key schema as a stream describes it. */
export interface StreamKeySchema {
  readonly partitionKey: string
  readonly sortKey?: string
}

/** What `describe()` returns: the stream and one page of its shards. */
export interface StreamDescription {
  readonly streamArn: string
  readonly streamLabel: string
  readonly streamStatus: StreamStatus
  readonly streamViewType: ViewType
  /** When the stream was enabled, in epoch milliseconds. */
  readonly creationRequestDateTime: number
  readonly tableName: string
  readonly keySchema: StreamKeySchema
  readonly shards: readonly ShardDescription[]
  /** Present when more shards may follow: pass it as `exclusiveStartShardId`. */
  readonly lastEvaluatedShardId?: string
}

/** Options of `describe()`: DynamoDB's paging and child-shard filter. */
export interface DescribeOptions {
  /** Shards per page, 1 to 100 (default 100). */
  readonly limit?: number
  /** List shards whose id sorts after this one. */
  readonly exclusiveStartShardId?: string
  /** List only the children of this shard (DynamoDB's `ShardFilter` of type CHILD_SHARDS). */
  readonly childrenOf?: string
}

/** Options of `getShardIterator()`. */
export interface GetShardIteratorOptions {
  readonly shardId: string
  readonly type: ShardIteratorType
  /** Required for AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER, refused for the other types. */
  readonly sequenceNumber?: string
}

/** What `getRecords()` returns; `nextIterator` is null once a closed shard has been read to its end. */
export interface GetRecordsResult<R> {
  readonly records: readonly R[]
  readonly nextIterator: string | null
}

/** Options of `read()`. */
export interface ReadOptions {
  /** TRIM_HORIZON (default) reads everything retained; LATEST only what is written after the call. */
  readonly from?: 'TRIM_HORIZON' | 'LATEST'
  /** Ends the iteration (cleanly) when aborted. */
  readonly signal?: AbortSignal
}

/** A table's change stream: the shards, iterators and reads of DynamoDB Streams. */
export interface ChangeStream<R = AnyChangeRecord> {
  readonly arn: string
  readonly label: string
  readonly tableName: string
  readonly viewType: ViewType
  readonly keySchema: StreamKeySchema
  /** When the stream was enabled, in epoch milliseconds. */
  readonly createdAt: number
  /** ENABLED until the stream is disabled or its table deleted, DISABLED after. */
  status(): StreamStatus
  /** The stream and one page of its shards, in ascending shard id order. */
  describe(options?: DescribeOptions): StreamDescription
  /** Every shard still listed (open, or closed with records within retention), parents before children. */
  shards(): readonly ShardDescription[]
  /** An opaque iterator token for a position in a shard, valid for 15 minutes. */
  getShardIterator(options: GetShardIteratorOptions): string
  /** The sequence number a LATEST iterator of the shard starts after: its newest record's, or the shard's start when it has none. */
  latestSequenceNumber(shardId: string): string
  /** Up to `limit` (1 to 1,000, default 1,000) records, at most 1 MB of them, and the iterator that follows. */
  getRecords(iterator: string, options?: { readonly limit?: number }): GetRecordsResult<R>
  /** Every record of every shard, parents before children, waiting for new ones until the signal aborts. */
  read(options?: ReadOptions): AsyncIterableIterator<R>
  /** Closes an open shard and hands its hash range to two children (one if the range cannot split). */
  splitShard(shardId: string): readonly ShardDescription[]
  /** Closes an open shard and hands its whole range to one child, as the periodic rollover does. */
  rolloverShard(shardId: string): ShardDescription
  /**
   * Calls `listener` (in a microtask) after writes append records or shards close, with the ids of the shards
   * concerned; returns the unsubscribe function.
   */
  onRecords(listener: (shardIds: ReadonlySet<string>) => void): () => void
}

/** The stream as its table drives it; the public face is `stream`. */
export interface StreamInternal {
  readonly stream: ChangeStream
  readonly arn: string
  /** Appends the record of a captured change to the open shard that owns `hash`; the change's fields are copied. */
  append(change: CapturedChange, hash: number): void
  /** Closes every open shard (no children); the stream stays readable for 24 hours. */
  disable(): void
  /** True once the stream has been disabled for longer than the retention period. */
  isGone(): boolean
  status(): StreamStatus
}

/** What every stream of a store shares: its clock, its event ids, and where listener errors go. */
export interface StreamServices {
  readonly clock: Clock
  /** Makes the event id maker of a new stream. */
  readonly newEventIds: () => (sequenceCounter: number) => string
  readonly onListenerError: (error: unknown) => void
  /** The store's id, carried by every iterator its streams issue: another store's stream refuses them. */
  readonly storeId: string
}

/** What a stream needs from its store and table. */
export interface StreamConfig extends StreamServices {
  readonly arn: string
  readonly label: string
  readonly tableName: string
  readonly keySchema: KeySchema
  readonly viewType: ViewType
  readonly shards: ShardOptions
}
