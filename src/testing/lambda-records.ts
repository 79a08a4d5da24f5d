import { lambdaEvent, lambdaRecord, type LambdaStreamEvent, type LambdaStreamRecord } from '../aws/lambda/event.js'
import type { AnyChangeRecord } from '../capture/record.js'
import { checkOptionNames, invalidOption } from '../core/errors.js'
import { parseStreamArn } from '../core/ids.js'

export type { LambdaAttributeMap, LambdaAttributeValue, LambdaStreamEvent, LambdaStreamRecord } from '../aws/lambda/event.js'

/** A tumbling-window event: the records with the window's bounds, state, shard and flags, all present. */
export type LambdaWindowEvent = LambdaStreamEvent & {
  window: { start: string; end: string }
  state: { [name: string]: unknown }
  shardId: string
  eventSourceARN: string
  isFinalInvokeForWindow: boolean
  isWindowTerminatedEarly: boolean
}

function isLambdaRecord(value: unknown): value is LambdaStreamRecord {
  return typeof value === 'object' && value !== null && 'eventSourceARN' in value && 'dynamodb' in value
}

/**
 * A native change record as the record of a Lambda stream event: the service's record shape (REMOVE, AttributeValue
 * JSON, binaries as base64, whole-second ApproximateCreationDateTime) with `eventSourceARN`, and `userIdentity` in
 * camelCase on TTL deletes. The result is plain JSON, sharing nothing with the record.
 * @param record a native record (from a stream, a consumer or a record factory)
 * @returns the record Lambda would send
 */
export function toLambdaRecord(record: AnyChangeRecord): LambdaStreamRecord {
  const arn = parseStreamArn(record?.streamArn)
  if (arn === undefined) throw invalidOption('record', 'a native change record with a stream ARN', record)
  // The shape the event source mappings deliver, across the same JSON boundary.
  return JSON.parse(JSON.stringify(lambdaRecord(record, arn.region))) as LambdaStreamRecord
}

/**
 * A Lambda DynamoDB stream event of these records, in the order given (native records are converted).
 * @param records native records or Lambda records
 * @returns `{ Records }`, plain JSON
 */
export function toLambdaEvent(records: readonly (AnyChangeRecord | LambdaStreamRecord)[]): LambdaStreamEvent {
  if (!Array.isArray(records)) throw invalidOption('records', 'an array of change records', records)
  return { Records: records.map((record) => (isLambdaRecord(record) ? (JSON.parse(JSON.stringify(record)) as LambdaStreamRecord) : toLambdaRecord(record))) }
}

/** Options of `toLambdaWindowEvent`. */
export interface LambdaWindowEventOptions {
  /** The mapping's TumblingWindowInSeconds, 1 to 900. */
  readonly tumblingWindowInSeconds: number
  /** The state handed in; `{}` by default. */
  readonly state?: { readonly [name: string]: unknown }
  readonly isFinalInvokeForWindow?: boolean
  readonly isWindowTerminatedEarly?: boolean
  /** Where the window starts (epoch ms, aligned on the window size); by default the window of the first record. */
  readonly windowStartMs?: number
  /** The shard and stream; by default those of the first record (needed when there are no records). */
  readonly shardId?: string
  readonly eventSourceARN?: string
}

const WINDOW_OPTION_NAMES: ReadonlySet<string> = new Set(['tumblingWindowInSeconds', 'state', 'isFinalInvokeForWindow', 'isWindowTerminatedEarly', 'windowStartMs', 'shardId', 'eventSourceARN'])

/**
 * A tumbling-window invocation event of these native records (all of one shard and one window): the records with
 * `window`, `state`, `shardId`, `eventSourceARN` and the two window flags, windows aligned on record creation time.
 * @param records native records of one shard (may be empty for a final invocation, with the options naming the window)
 * @param options the window size and the state and flags of this invocation
 * @returns the event, plain JSON
 */
export function toLambdaWindowEvent(records: readonly AnyChangeRecord[], options: LambdaWindowEventOptions): LambdaWindowEvent {
  if (typeof options !== 'object' || options === null) throw invalidOption('window event options', 'an object with tumblingWindowInSeconds', options)
  checkOptionNames(options, WINDOW_OPTION_NAMES, 'window event')
  const { tumblingWindowInSeconds: seconds, state = {}, isFinalInvokeForWindow = false, isWindowTerminatedEarly = false } = options
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 900) throw invalidOption('tumblingWindowInSeconds', 'an integer from 1 to 900', seconds)
  if (!Array.isArray(records)) throw invalidOption('records', 'an array of change records', records)
  const first = records[0]
  const windowMs = seconds * 1000
  const startMs = options.windowStartMs ?? (first === undefined ? undefined : first.createdAt - (((first.createdAt % windowMs) + windowMs) % windowMs))
  const shardId = options.shardId ?? first?.shardId
  const eventSourceARN = options.eventSourceARN ?? first?.streamArn
  if (startMs === undefined || !Number.isFinite(startMs)) throw invalidOption('windowStartMs', 'epoch milliseconds (needed without records)', startMs)
  if (shardId === undefined || eventSourceARN === undefined) throw invalidOption('shardId and eventSourceARN', 'the shard and stream of the window (needed without records)', shardId)
  const arn = parseStreamArn(eventSourceARN)
  if (arn === undefined) throw invalidOption('eventSourceARN', 'a stream ARN', eventSourceARN)
  const window = { start: startMs, end: startMs + windowMs, state, isFinalInvokeForWindow, isWindowTerminatedEarly }
  return JSON.parse(JSON.stringify(lambdaEvent(records, { awsRegion: arn.region, shardId, streamArn: eventSourceARN }, window))) as LambdaWindowEvent
}
