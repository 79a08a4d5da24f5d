import { ValidationException } from '../core/errors.js'
import type { AttributeMap } from '../values/admission.js'
import { marshallItem, type AttributeValueJson } from './attribute-value-json.js'
import { unmarshallItem } from './attribute-value-read.js'
import { writeAttributeMap } from './attribute-value-bytes.js'
import { encodedJson, type JsonWriter } from './json-writer.js'

// The codec sits below the capture layer, so it names the native record's shape itself; the capture layer's
// `AnyChangeRecord` is assignable to it.
type ViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES'
type EventName = 'INSERT' | 'MODIFY' | 'DELETE'

/** A native change record, as the stream hands it out. */
export interface NativeChangeRecord {
  readonly eventId: string
  readonly eventName: EventName
  readonly table: string
  readonly streamArn: string
  readonly shardId: string
  readonly sequenceNumber: string
  /** Epoch milliseconds. */
  readonly createdAt: number
  readonly keys: AttributeMap
  readonly newImage?: AttributeMap
  readonly oldImage?: AttributeMap
  readonly sizeBytes: number
  readonly viewType: ViewType
  readonly userIdentity?: { readonly type: 'Service'; readonly principalId: 'dynamodb.amazonaws.com' }
}

/** An attribute map in DynamoDB's tagged JSON. */
export type AttributeMapJson = { readonly [name: string]: AttributeValueJson }

/** DynamoDB's OperationType: a native DELETE is the service's REMOVE. */
export type OperationType = 'INSERT' | 'MODIFY' | 'REMOVE'

/** A stream record as DynamoDB Streams' GetRecords returns it. */
export interface StreamRecordJson {
  readonly eventID: string
  readonly eventName: OperationType
  readonly eventVersion: '1.1'
  readonly eventSource: 'aws:dynamodb'
  readonly awsRegion: string
  readonly dynamodb: {
    /** Epoch seconds, rounded down to the whole second. */
    readonly ApproximateCreationDateTime: number
    readonly Keys: AttributeMapJson
    readonly NewImage?: AttributeMapJson
    readonly OldImage?: AttributeMapJson
    readonly SequenceNumber: string
    readonly SizeBytes: number
    readonly StreamViewType: ViewType
  }
  /** Only on records of TTL deletes. */
  readonly userIdentity?: { readonly PrincipalId: string; readonly Type: string }
}

const OPERATION_OF: Readonly<Record<EventName, OperationType>> = { INSERT: 'INSERT', MODIFY: 'MODIFY', DELETE: 'REMOVE' }
const EVENT_OF: Readonly<Record<string, EventName>> = { INSERT: 'INSERT', MODIFY: 'MODIFY', REMOVE: 'DELETE' }
const VIEW_TYPE_NAMES: ReadonlySet<string> = new Set(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'])

/**
 * The `dynamodb` member of a record in the service's shape, which the Streams API and Lambda events share.
 * @param record the native change record
 * @returns the change: keys, images, sequence number, size and view type
 */
export function streamChangeJson(record: NativeChangeRecord): StreamRecordJson['dynamodb'] {
  const { newImage, oldImage } = record
  // One literal per shape, so absent images are absent members and the members keep one order.
  return (
    newImage !== undefined && oldImage !== undefined
      ? {
          ApproximateCreationDateTime: Math.floor(record.createdAt / 1000),
          Keys: marshallItem(record.keys),
          NewImage: marshallItem(newImage),
          OldImage: marshallItem(oldImage),
          SequenceNumber: record.sequenceNumber,
          SizeBytes: record.sizeBytes,
          StreamViewType: record.viewType,
        }
      : newImage !== undefined
        ? {
            ApproximateCreationDateTime: Math.floor(record.createdAt / 1000),
            Keys: marshallItem(record.keys),
            NewImage: marshallItem(newImage),
            SequenceNumber: record.sequenceNumber,
            SizeBytes: record.sizeBytes,
            StreamViewType: record.viewType,
          }
        : oldImage !== undefined
          ? {
              ApproximateCreationDateTime: Math.floor(record.createdAt / 1000),
              Keys: marshallItem(record.keys),
              OldImage: marshallItem(oldImage),
              SequenceNumber: record.sequenceNumber,
              SizeBytes: record.sizeBytes,
              StreamViewType: record.viewType,
            }
          : {
              ApproximateCreationDateTime: Math.floor(record.createdAt / 1000),
              Keys: marshallItem(record.keys),
              SequenceNumber: record.sequenceNumber,
              SizeBytes: record.sizeBytes,
              StreamViewType: record.viewType,
            }
  )
}

/**
 * A native change record in the service's record shape (GetRecords' `Records` element).
 * @param record the native record
 * @param awsRegion the region the stream lives in
 * @returns the record as DynamoDB Streams sends it
 */
export function recordToJson(record: NativeChangeRecord, awsRegion: string): StreamRecordJson {
  const { userIdentity } = record
  const dynamodb = streamChangeJson(record)
  const base = {
    eventID: record.eventId,
    eventName: OPERATION_OF[record.eventName],
    eventVersion: '1.1' as const,
    eventSource: 'aws:dynamodb' as const,
    awsRegion,
    dynamodb,
  }
  return userIdentity === undefined ? base : { ...base, userIdentity: { PrincipalId: userIdentity.principalId, Type: userIdentity.type } }
}

// The record's constant pieces, in the member order of recordToJson.
const RECORD_PIECES = {
  start: encodedJson('{"eventID":'),
  event: {
    INSERT: encodedJson(',"eventName":"INSERT","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":'),
    MODIFY: encodedJson(',"eventName":"MODIFY","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":'),
    DELETE: encodedJson(',"eventName":"REMOVE","eventVersion":"1.1","eventSource":"aws:dynamodb","awsRegion":'),
  } satisfies Record<EventName, Uint8Array>,
  created: encodedJson(',"dynamodb":{"ApproximateCreationDateTime":'),
  keys: encodedJson(',"Keys":'),
  newImage: encodedJson(',"NewImage":'),
  oldImage: encodedJson(',"OldImage":'),
  sequenceNumber: encodedJson(',"SequenceNumber":'),
  size: encodedJson(',"SizeBytes":'),
  viewType: {
    KEYS_ONLY: encodedJson(',"StreamViewType":"KEYS_ONLY"}'),
    NEW_IMAGE: encodedJson(',"StreamViewType":"NEW_IMAGE"}'),
    OLD_IMAGE: encodedJson(',"StreamViewType":"OLD_IMAGE"}'),
    NEW_AND_OLD_IMAGES: encodedJson(',"StreamViewType":"NEW_AND_OLD_IMAGES"}'),
  } satisfies Record<ViewType, Uint8Array>,
  end: encodedJson('}'),
  ttlEnd: encodedJson(',"userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"}}'),
}

/**
 * Writes a native change record in the service's record shape: the UTF-8 of `JSON.stringify(recordToJson(record,
 * awsRegion))`, exactly, without the tree in between.
 * @param out where the JSON goes
 * @param record the native record
 * @param awsRegion the region the stream lives in
 */
export function writeRecordJson(out: JsonWriter, record: NativeChangeRecord, awsRegion: string): void {
  const { newImage, oldImage, userIdentity } = record
  out.encoded(RECORD_PIECES.start)
  out.string(record.eventId)
  out.encoded(RECORD_PIECES.event[record.eventName])
  out.string(awsRegion)
  out.encoded(RECORD_PIECES.created)
  out.integer(Math.floor(record.createdAt / 1000))
  out.encoded(RECORD_PIECES.keys)
  writeAttributeMap(out, record.keys)
  if (newImage !== undefined) {
    out.encoded(RECORD_PIECES.newImage)
    writeAttributeMap(out, newImage)
  }
  if (oldImage !== undefined) {
    out.encoded(RECORD_PIECES.oldImage)
    writeAttributeMap(out, oldImage)
  }
  out.encoded(RECORD_PIECES.sequenceNumber)
  out.string(record.sequenceNumber)
  out.encoded(RECORD_PIECES.size)
  out.integer(record.sizeBytes)
  out.encoded(RECORD_PIECES.viewType[record.viewType])
  out.encoded(userIdentity === undefined ? RECORD_PIECES.end : RECORD_PIECES.ttlEnd)
}

/** Where a record read back from the service's shape came from: what the shape itself does not say. */
export interface RecordOrigin {
  readonly table: string
  readonly streamArn: string
  readonly shardId: string
}

function invalidRecord(expected: string, received: unknown): ValidationException {
  return new ValidationException(`Invalid stream record: expected ${expected}, received ${JSON.stringify(received) ?? String(received)}`)
}

/**
 * A record in the service's shape (as GetRecords or a Lambda event carries it) as a native change record.
 * @param json the record as parsed from JSON
 * @param origin the table, stream and shard it was read from
 * @returns the native record; its `createdAt` has the whole-second precision of the service's shape
 */
export function recordFromJson(json: StreamRecordJson, origin: RecordOrigin): NativeChangeRecord {
  const eventName = EVENT_OF[json.eventName]
  if (eventName === undefined) throw invalidRecord('eventName INSERT, MODIFY or REMOVE', json.eventName)
  const d = json.dynamodb
  if (typeof d !== 'object' || d === null) throw invalidRecord('a dynamodb member', d)
  if (!VIEW_TYPE_NAMES.has(d.StreamViewType)) throw invalidRecord('a StreamViewType', d.StreamViewType)
  if (typeof d.SequenceNumber !== 'string' || !/^\d{21,40}$/.test(d.SequenceNumber)) throw invalidRecord('a SequenceNumber of 21 to 40 digits', d.SequenceNumber)
  if (!Number.isFinite(d.ApproximateCreationDateTime)) throw invalidRecord('ApproximateCreationDateTime in epoch seconds', d.ApproximateCreationDateTime)
  if (!Number.isInteger(d.SizeBytes) || d.SizeBytes < 1) throw invalidRecord('SizeBytes of at least 1', d.SizeBytes)
  const identity = json.userIdentity
  if (identity !== undefined && (identity.Type !== 'Service' || identity.PrincipalId !== 'dynamodb.amazonaws.com')) {
    throw invalidRecord('userIdentity of the TTL service (Type Service, PrincipalId dynamodb.amazonaws.com)', identity)
  }
  const userIdentity: NativeChangeRecord['userIdentity'] = identity === undefined ? undefined : { type: 'Service', principalId: 'dynamodb.amazonaws.com' }
  return Object.freeze({
    eventId: json.eventID,
    eventName,
    table: origin.table,
    streamArn: origin.streamArn,
    shardId: origin.shardId,
    sequenceNumber: d.SequenceNumber,
    createdAt: d.ApproximateCreationDateTime * 1000,
    keys: unmarshallItem(d.Keys),
    ...(d.NewImage === undefined ? {} : { newImage: unmarshallItem(d.NewImage) }),
    ...(d.OldImage === undefined ? {} : { oldImage: unmarshallItem(d.OldImage) }),
    sizeBytes: d.SizeBytes,
    viewType: d.StreamViewType,
    ...(userIdentity === undefined ? {} : { userIdentity }),
  })
}
