import type { AnyChangeRecord, WindowContext } from '../../index.js'
import { streamChangeJson } from '../../codec/stream-record-json.js'

interface AttributeValueMembers {
  S: string
  N: string
  B: string
  BOOL: boolean
  NULL: true
  M: { [name: string]: LambdaAttributeValue }
  L: LambdaAttributeValue[]
  SS: string[]
  NS: string[]
  BS: string[]
}

// One member present, the others typed as absent: reading `value.S` type-checks, as with @types/aws-lambda.
type OneOf<T, K extends keyof T = keyof T> = K extends keyof T ? { [P in K]: T[P] } & { [P in Exclude<keyof T, K>]?: never } : never

/** A value in the DynamoDB JSON of a Lambda event: exactly one of S, N, B (base64), BOOL, NULL, M, L, SS, NS, BS. */
export type LambdaAttributeValue = OneOf<AttributeValueMembers>

/** An attribute map in the DynamoDB JSON of a Lambda event. */
export type LambdaAttributeMap = { [name: string]: LambdaAttributeValue }

/** The `dynamodb` member of a record Lambda delivers: the change, in DynamoDB JSON. */
export interface LambdaStreamChange {
  /** Epoch seconds, whole. */
  ApproximateCreationDateTime: number
  Keys: LambdaAttributeMap
  NewImage?: LambdaAttributeMap
  OldImage?: LambdaAttributeMap
  SequenceNumber: string
  SizeBytes: number
  StreamViewType: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES'
}

/** One record of a Lambda event for a DynamoDB stream (`DynamoDBRecord` of @types/aws-lambda, with what is always there required). */
export interface LambdaStreamRecord {
  eventID: string
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE'
  eventVersion: string
  eventSource: 'aws:dynamodb'
  awsRegion: string
  dynamodb: LambdaStreamChange
  /** The stream's ARN. */
  eventSourceARN: string
  /** Only on records of TTL deletes; Lambda writes it in camelCase. */
  userIdentity?: { type: 'Service'; principalId: 'dynamodb.amazonaws.com' }
}

/** The event Lambda sends for a batch of a DynamoDB stream (`DynamoDBStreamEvent`); the window members only with tumbling windows. */
export interface LambdaStreamEvent {
  Records: LambdaStreamRecord[]
  /** ISO-8601 instants bounding the tumbling window (end exclusive). */
  window?: { start: string; end: string }
  /** The state the previous invocation of the window returned; `{}` at a window's start. */
  state?: { [key: string]: unknown }
  shardId?: string
  eventSourceARN?: string
  isFinalInvokeForWindow?: boolean
  isWindowTerminatedEarly?: boolean
}

const OPERATION = { INSERT: 'INSERT', MODIFY: 'MODIFY', DELETE: 'REMOVE' } as const

/**
 * A native record as Lambda delivers it: the DynamoDB Streams record plus `eventSourceARN`, `userIdentity` in
 * camelCase, binaries in base64.
 * @param record the native change record
 * @param awsRegion the stream's region
 * @returns the record of the Lambda event
 */
export function lambdaRecord(record: AnyChangeRecord, awsRegion: string): LambdaStreamRecord {
  const { userIdentity } = record
  // The Streams API's change member, as Lambda passes it on; only the types differ (Lambda's name each member).
  const dynamodb = streamChangeJson(record) as unknown as LambdaStreamChange
  const base = {
    eventID: record.eventId,
    eventName: OPERATION[record.eventName],
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb' as const,
    awsRegion,
    dynamodb,
    eventSourceARN: record.streamArn,
  }
  return userIdentity === undefined ? base : { ...base, userIdentity: { type: userIdentity.type, principalId: userIdentity.principalId } }
}

/** An instant as Lambda writes a window's bounds: ISO-8601 to the second. */
function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}

/** Where a batch came from, for the event's window members. */
export interface EventBatchSource {
  readonly awsRegion: string
  readonly shardId: string
  readonly streamArn: string
}

/**
 * The event of one invocation: the records, and with a tumbling window its bounds, state, shard and flags.
 * @param records the batch, in sequence order
 * @param source the region, shard and stream of the batch
 * @param window the tumbling window of the batch, if the mapping has windows
 * @returns the event as Lambda builds it, before it crosses the JSON boundary
 */
export function lambdaEvent(records: readonly AnyChangeRecord[], source: EventBatchSource, window: WindowContext<unknown> | undefined): LambdaStreamEvent {
  const Records = records.map((record) => lambdaRecord(record, source.awsRegion))
  if (window === undefined) return { Records }
  return {
    Records,
    window: { start: isoSeconds(window.start), end: isoSeconds(window.end) },
    state: window.state as { [key: string]: unknown },
    shardId: source.shardId,
    eventSourceARN: source.streamArn,
    isFinalInvokeForWindow: window.isFinalInvokeForWindow,
    isWindowTerminatedEarly: window.isWindowTerminatedEarly,
  }
}
