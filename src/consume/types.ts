import type { BackoffOptions } from './retry.js'
import type { CheckpointStore } from './checkpoint-store.js'
import type { FilterPattern } from './filter.js'

/** A tumbling window's state: what JSON can carry (it is round-tripped through JSON between invocations). */
export type WindowState = Record<string, unknown>

/** The tumbling window a batch belongs to, with the state the previous invocation of the window returned. */
export interface WindowContext<State = WindowState> {
  /** Window start and end, epoch milliseconds (end exclusive), aligned on record creation time. */
  readonly start: number
  readonly end: number
  /**
   * The state returned by the previous invocation of this window on this shard, as JSON made it (`{}` at the start of
   * a window); a fresh copy for each invocation, which the handler may change and return.
   */
  readonly state: State
  /** True on the closing invocation of the window: its state is final (the records may be empty). */
  readonly isFinalInvokeForWindow: boolean
  /** True on a final invocation forced because the state grew beyond 1 MB (the window then starts over with empty state). */
  readonly isWindowTerminatedEarly: boolean
}

/** What a handler learns about its batch besides the records. */
export interface BatchContext {
  readonly shardId: string
  readonly streamArn: string
  /** 1 on the first invocation of these records as a batch, counting up with each retry. */
  readonly attempt: number
  /** Id of this invocation: the on-failure record of a batch given up on names its last invocation by it. */
  readonly requestId: string
  /** Aborted when the handler timeout passes; the invocation then counts as failed whatever the handler does after. */
  readonly signal: AbortSignal
  /** Present when the consumer uses tumbling windows. */
  readonly window?: WindowContext<unknown>
}

/** The context of a tumbling-window consumer's handler: the window is always there. */
export interface WindowBatchContext<State = WindowState> extends BatchContext {
  readonly window: WindowContext<State>
}

/** A partial batch response: the sequence numbers (as `itemIdentifier`) of the records that failed. */
export interface BatchItemFailuresResponse {
  readonly batchItemFailures?: readonly { readonly itemIdentifier: string }[] | null
}

/** What a tumbling-window handler returns: the window's new state, and optionally the failed records. */
export interface WindowResponse<State = WindowState> extends BatchItemFailuresResponse {
  readonly state: State
}

/** What a handler may return; with tumbling windows a response must carry `state`, or the invocation fails. */
export type BatchResult = void | undefined | null | BatchItemFailuresResponse | WindowResponse

/** A function run over each batch of one shard's records; a throw, a rejection or a timeout fails the batch. */
export type BatchHandler<R, C extends BatchContext = BatchContext> = (records: readonly R[], context: C) => BatchResult | Promise<BatchResult>

/** The handler of a tumbling-window consumer: it receives the window and returns the window's new state. */
export type WindowHandler<R, State = WindowState> = (records: readonly R[], context: WindowBatchContext<State>) => WindowResponse<State> | Promise<WindowResponse<State>>

/** Why the consumer gave up on a batch: `CascadeDepthExceeded` is streamtable's, for records too many handler invocations from their original write. */
export type FailureCondition = 'RetryAttemptsExhausted' | 'RecordAgeExceeded' | 'CascadeDepthExceeded'

/** The service's on-failure destination record for a DynamoDB stream: metadata of the discarded batch. */
export interface OnFailureRecord {
  readonly requestContext: {
    readonly requestId: string
    readonly functionArn: string
    readonly condition: FailureCondition
    /** Invocations of the discarded batch; 0 when its records aged out before any. */
    readonly approximateInvokeCount: number
  }
  readonly responseContext: {
    readonly statusCode: 200
    readonly executedVersion: '$LATEST'
    /** "Unhandled" after a throw or timeout; null after a partial batch response or when never invoked. */
    readonly functionError: 'Unhandled' | null
  }
  readonly version: '1.0'
  /** When the record was produced, ISO-8601 with milliseconds. */
  readonly timestamp: string
  readonly DDBStreamBatchInfo: {
    readonly shardId: string
    readonly startSequenceNumber: string
    readonly endSequenceNumber: string
    readonly approximateArrivalOfFirstRecord: string
    readonly approximateArrivalOfLastRecord: string
    readonly batchSize: number
    readonly streamArn: string
  }
}

/** Receives discarded batches: the service's record, and (as an S3 destination would) the records themselves. */
export type OnFailureDestination<R> = (failure: OnFailureRecord, records: readonly R[]) => void | Promise<void>

/** Crossing and recovery of the iterator-age alarm. */
export interface IteratorAgeAlarmEvent {
  /** True when the age rose above the threshold, false when it came back to it or below. */
  readonly alarm: boolean
  readonly iteratorAgeMs: number
  readonly thresholdMs: number
  /** The shard whose age crossed, or the last one to recover. */
  readonly shardId: string
}

/** Alerting on processing delay: a callback once when the iterator age exceeds the threshold and once when it recovers. */
export interface IteratorAgeAlarm {
  readonly thresholdMs: number
  readonly onChange: (event: IteratorAgeAlarmEvent) => void
}

/** Options of `store.consume`, named after the event source mapping's parameters, with times in milliseconds. */
export interface ConsumerOptions<R> {
  /** Where a consumer without checkpoints starts: required, as for a DynamoDB stream on the service. */
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST'
  /** Records per invocation, 1 to 10,000 (default 100). */
  readonly batchSize?: number
  /** How long to gather records before invoking, 0 to 300,000 ms (default 0: as soon as records are available). */
  readonly maximumBatchingWindowMs?: number
  /** Retries of a failed batch, 0 to 10,000, or -1 (default) to retry until the records expire. */
  readonly maximumRetryAttempts?: number
  /** Records older than this are not delivered: 60,000 ms to 7 days, or -1 (default) for no limit within retention. */
  readonly maximumRecordAgeMs?: number
  /** Split a failing batch in halves until the failing record is isolated (default false). */
  readonly bisectBatchOnFunctionError?: boolean
  /** Honour `{ batchItemFailures }` responses (default false: responses are ignored). */
  readonly reportBatchItemFailures?: boolean
  /** Receives every batch the consumer gives up on. */
  readonly onFailure?: OnFailureDestination<R>
  /** Batches of one shard in flight at once, 1 to 10 (default 1); records of one partition key never run concurrently. */
  readonly parallelizationFactor?: number
  /** Tumbling window length, 0 (default, off) to 900,000 ms. */
  readonly tumblingWindowMs?: number
  /**
   * Handler invocations a chain of writes may pass through: records written by a handler while handling records of
   * generation n have generation n + 1 (0 for a write outside handlers), and records of this generation or deeper go to
   * onFailure (condition CascadeDepthExceeded) instead of the handler. 1 to 10,000, or -1 for no limit (default 16,
   * as Lambda's recursive-loop detection).
   */
  readonly maximumCascadeDepth?: number
  /** Up to 5 event patterns; a record is delivered when it matches any (default: every record). */
  readonly filters?: readonly FilterPattern[]
  /** False creates the consumer without starting it; call `start()` (default true). */
  readonly enabled?: boolean
  /** An invocation still running after this long fails and its signal aborts; 0 (default) is no timeout, at most 900,000 ms. */
  readonly handlerTimeoutMs?: number
  /** Names the consumer in checkpoints and in the on-failure record's function ARN (default "consumer"). */
  readonly name?: string
  /** Where checkpoints are kept (default: in memory, for the life of the consumer). */
  readonly checkpointStore?: CheckpointStore
  /** Delay between retries of a failing batch, on the store's clock. */
  readonly backoff?: Partial<BackoffOptions>
  /** Calls back when the iterator age crosses a threshold and when it recovers. */
  readonly iteratorAgeAlarm?: IteratorAgeAlarm
  /** Receives errors of the consumer's own machinery (checkpoint store, on-failure destination, alarm callback); the store's onError by default. */
  readonly onError?: (error: unknown) => void
}

/** One shard as a consumer's metrics show it. */
export interface ShardMetrics {
  readonly shardId: string
  /** Age of the oldest record read and not yet processed (0 when caught up). */
  readonly iteratorAgeMs: number
  /** Sizes of the batches of this shard currently being invoked. */
  readonly inFlightBatchSizes: readonly number[]
  /** The last checkpointed sequence number, if any. */
  readonly checkpoint?: string
}

/** A consumer's counters since it was created, and its current lag. */
export interface ConsumerMetrics {
  readonly state: 'running' | 'paused' | 'stopped'
  /** The largest iterator age over the shards being read. */
  readonly iteratorAgeMs: number
  readonly shards: readonly ShardMetrics[]
  /** Handler invocations, retries included. */
  readonly invocations: number
  /** Failed invocations: throws, rejections, timeouts, malformed and partial-failure responses. */
  readonly errors: number
  /** Invocations that were retries of a failed batch. */
  readonly retries: number
  /** Records handed to the handler, counted again when redelivered. */
  readonly recordsDelivered: number
  /** Records dropped because no filter matched them. */
  readonly recordsFiltered: number
  /** Records in batches sent to the on-failure destination (or discarded without one). */
  readonly recordsSentToOnFailure: number
  /** Sizes of all batches currently being invoked. */
  readonly inFlightBatchSizes: readonly number[]
}

/** A running consumer of one stream: the event source mapping, in process. */
export interface Consumer {
  /** The stream this consumer reads. */
  readonly streamArn: string
  readonly name: string
  /**
   * Starts a consumer created with `enabled: false`, or one whose `stop()` has resolved; it resumes after its
   * checkpoints. Idempotent while running; throws LimitExceededException when the stream already has its maximum of
   * consumers, ResourceConflictException when a consumer of the same name is running on the stream. A started
   * consumer keeps the Node process alive until it is stopped (see `unref`).
   */
  start(): void
  /**
   * Stops taking batches; lets in-flight batches finish, then resolves. Retries waiting on backoff and batches
   * gathering in a batching window are dropped: their records come again after `start()`.
   */
  stop(): Promise<void>
  /** Stops invoking (in-flight batches finish); returns `resume`. */
  pause(): () => void
  /** Invokes again after `pause()`. */
  resume(): void
  /** Counters and lag, computed from live state (cheap enough to read in a loop). */
  metrics(): ConsumerMetrics
  /** Lets the Node process exit while this consumer runs (by default a started consumer keeps it alive until stopped). */
  unref(): void
}
