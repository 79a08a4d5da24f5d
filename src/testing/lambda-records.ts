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
