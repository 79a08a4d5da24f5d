import { monotonicFactory, ulidToUUID } from 'ulid'

/** A source of randomness in [0, 1); injectable so that runs can be reproduced. */
export type Random = () => number

/** Makes event ids: 32 lowercase hex digits (as DynamoDB's eventID), sorting in creation order. */
export function createEventIdFactory(random?: Random): (nowMs: number) => string {
  const next = random === undefined ? monotonicFactory() : monotonicFactory(random)
  return (nowMs) => {
    // A ULID is 128 bits; its UUID spelling is those bits in hex, so the id keeps the ULID's monotonic order.
    const uuid = ulidToUUID(next(nowMs))
    return (uuid.slice(0, 8) + uuid.slice(9, 13) + uuid.slice(14, 18) + uuid.slice(19, 23) + uuid.slice(24)).toLowerCase()
  }
}

const SEQUENCE_PREFIX = '1'
const SEQUENCE_DIGITS = 20

/** The sequence number of counter value `n`: 21 digits, fixed width, so string order is numeric order. */
export function formatSequenceNumber(n: number): string {
  return SEQUENCE_PREFIX + String(n).padStart(SEQUENCE_DIGITS, '0')
}

/** True for a syntactically valid sequence number: 21 to 40 decimal digits. */
export function isSequenceNumber(value: unknown): value is string {
  return typeof value === 'string' && /^\d{21,40}$/.test(value)
}

/** Orders two sequence numbers as the big integers they are. */
export function compareSequenceNumbers(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '')
  const y = b.replace(/^0+(?=\d)/, '')
  if (x.length !== y.length) return x.length - y.length
  return x < y ? -1 : x > y ? 1 : 0
}

/** A shard id in the service's format: `shardId-` + 20-digit creation ms + `-` + 8 hex digits. */
export function formatShardId(createdAtMs: number, ordinal: number): string {
  return `shardId-${String(createdAtMs).padStart(20, '0')}-${(ordinal >>> 0).toString(16).padStart(8, '0')}`
}

/** A stream label: the creation time as `YYYY-MM-DDTHH:mm:ss.SSS`, UTC, without a zone. */
export function formatStreamLabel(createdAtMs: number): string {
  return new Date(createdAtMs).toISOString().slice(0, 23)
}

/** The ARN of a table. */
export function tableArn(region: string, accountId: string, tableName: string): string {
  return `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}`
}

/** The ARN of a table's stream with the given label. */
export function streamArn(region: string, accountId: string, tableName: string, label: string): string {
  return `${tableArn(region, accountId, tableName)}/stream/${label}`
}

const STREAM_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table\/([a-zA-Z0-9_.-]{3,255})\/stream\/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})$/

/** The parts of a well-formed stream ARN, or undefined when it is malformed. */
export function parseStreamArn(arn: unknown): { region: string; accountId: string; tableName: string; label: string } | undefined {
  if (typeof arn !== 'string' || arn.length < 37 || arn.length > 1024) return undefined
  const m = STREAM_ARN.exec(arn)
  if (m === null) return undefined
  return { region: m[1] as string, accountId: m[2] as string, tableName: m[3] as string, label: m[4] as string }
}
