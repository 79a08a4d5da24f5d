import type { AnyChangeRecord, ViewType } from '../capture/record.js'
import { invalidOption } from '../core/errors.js'
import { parseStreamArn } from '../core/ids.js'
import { recordToJson } from '../codec/stream-record-json.js'

/** An attribute value in the JSON a Lambda handler receives: exactly one of S, N, B (base64), BOOL, NULL, M, L, SS, NS, BS. */
export type LambdaAttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: { [name: string]: LambdaAttributeValue } }
  | { L: LambdaAttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] }

/** An attribute map in the JSON a Lambda handler receives. */
export type LambdaAttributeMap = { [name: string]: LambdaAttributeValue }

/** One record of a DynamoDB stream event, as Lambda sends it: assignable to `DynamoDBRecord` of @types/aws-lambda. */
export interface LambdaStreamRecord {
  eventID: string
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE'
  eventVersion: string
  eventSource: 'aws:dynamodb'
  awsRegion: string
  dynamodb: {
    /** Epoch seconds, whole. */
    ApproximateCreationDateTime: number
    Keys: LambdaAttributeMap
    NewImage?: LambdaAttributeMap
    OldImage?: LambdaAttributeMap
    SequenceNumber: string
    SizeBytes: number
    StreamViewType: ViewType
  }
  /** The stream's ARN. */
  eventSourceARN: string
  /** Only on records of TTL deletes, in Lambda's camelCase. */
  userIdentity?: { type: 'Service'; principalId: 'dynamodb.amazonaws.com' }
}

/** A DynamoDB stream event, as Lambda sends it: assignable to `DynamoDBStreamEvent` of @types/aws-lambda. */
export interface LambdaStreamEvent {
  Records: LambdaStreamRecord[]
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
  const { userIdentity, ...json } = recordToJson(record, arn.region)
  const lambda = { ...json, eventSourceARN: record.streamArn }
  // Lambda re-serialises the identity in camelCase: userIdentity.type / principalId, as its filters name them.
  const shaped = userIdentity === undefined ? lambda : { ...lambda, userIdentity: { type: userIdentity.Type, principalId: userIdentity.PrincipalId } }
  return JSON.parse(JSON.stringify(shaped)) as LambdaStreamRecord
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

/** A DynamoDB stream event of a tumbling window, as Lambda sends it. */
export interface LambdaWindowEvent extends LambdaStreamEvent {
  /** ISO-8601 UTC instants bounding the window (end exclusive). */
  window: { start: string; end: string }
  /** The state the previous invocation of this window returned; `{}` at the start of a window. */
  state: { [name: string]: unknown }
  shardId: string
  eventSourceARN: string
  isFinalInvokeForWindow: boolean
  isWindowTerminatedEarly: boolean
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
  for (const name of Object.keys(options)) if (!WINDOW_OPTION_NAMES.has(name)) throw invalidOption('window event option', [...WINDOW_OPTION_NAMES].join(', '), name)
  const { tumblingWindowInSeconds: seconds, state = {}, isFinalInvokeForWindow = false, isWindowTerminatedEarly = false } = options
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 900) throw invalidOption('tumblingWindowInSeconds', 'an integer from 1 to 900', seconds)
  const event = toLambdaEvent(records)
  const first = records[0]
  const windowMs = seconds * 1000
  const startMs = options.windowStartMs ?? (first === undefined ? undefined : first.createdAt - (((first.createdAt % windowMs) + windowMs) % windowMs))
  const shardId = options.shardId ?? first?.shardId
  const eventSourceARN = options.eventSourceARN ?? first?.streamArn
  if (startMs === undefined || !Number.isFinite(startMs)) throw invalidOption('windowStartMs', 'epoch milliseconds (needed without records)', startMs)
  if (shardId === undefined || eventSourceARN === undefined) throw invalidOption('shardId and eventSourceARN', 'the shard and stream of the window (needed without records)', shardId)
  const iso = (ms: number): string => new Date(ms).toISOString().replace('.000Z', 'Z')
  return {
    ...event,
    window: { start: iso(startMs), end: iso(startMs + windowMs) },
    state: JSON.parse(JSON.stringify(state)) as LambdaWindowEvent['state'],
    shardId,
    eventSourceARN,
    isFinalInvokeForWindow,
    isWindowTerminatedEarly,
  }
}
