/** A source of randomness in [0, 1); injectable so that runs can be reproduced. */
export type Random = () => number

// Ids must differ between stores and runs, not be secret: V8 seeds Math.random from the system's entropy for
// every isolate, and node:crypto would cost the main entry's import about 8 ms, a third of its budget. Taken when
// the module loads, so that a test that stubs Math.random later cannot make two stores share an id.
const systemRandom: Random = Math.random

/** The process's unseeded randomness: for ids that must differ between runs even when a store is seeded. */
export function unseededRandom(): Random {
  return systemRandom
}

/**
 * A new store's id: 16 random hex digits, drawn from the system's randomness even when ids are seeded, so that two
 * stores never share one. Iterators carry it, and a store opens only the iterators it issued.
 */
export function newStoreId(): string {
  return randomHex(systemRandom, 8) + randomHex(systemRandom, 8)
}

function randomHex(random: Random, digits: number): string {
  return Math.floor(random() * 16 ** digits)
    .toString(16)
    .padStart(digits, '0')
}

let dec4: readonly string[] | undefined

/**
 * Makes the event id makers of a store's streams. An event id is 32 lowercase hex digits (as DynamoDB's eventID):
 * 20 random digits naming the stream, then 12 counting its records up from a random start, so ids are unique,
 * sort in write order within their stream, and follow from the record's sequence counter: records built when they
 * are read need no stored id.
 */
export function createEventIdSource(random: Random = systemRandom): () => (sequenceCounter: number) => string {
  return () => {
    const prefix = randomHex(random, 10) + randomHex(random, 10)
    // A start below 2^44 leaves 12 hex digits room for 2^47 records.
    const start = Math.floor(random() * 2 ** 44)
    return (counter) => prefix + (start + counter).toString(16).padStart(12, '0')
  }
}

/**
 * Makes version-4 UUIDs (table ids): from `random` when the store was given one, so that seeded runs repeat,
 * else from the system's randomness.
 */
export function createUuidSource(random: Random = systemRandom): () => string {
  return () => {
    let hex = ''
    for (let i = 0; i < 32; i++) hex += Math.floor(random() * 16).toString(16)
    const variant = ((parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16)
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  }
}

let sequenceBlock = -1
let sequencePrefix = ''

/** The sequence number of counter value `n`: 21 digits, fixed width, so string order is numeric order. */
export function formatSequenceNumber(n: number): string {
  dec4 ??= Array.from({ length: 10_000 }, (_, i) => String(i).padStart(4, '0'))
  const block = Math.floor(n / 10_000)
  if (block !== sequenceBlock) {
    sequenceBlock = block
    sequencePrefix = `1${String(block).padStart(16, '0')}`
  }
  return sequencePrefix + (dec4[n % 10_000] as string)
}

/**
 * The counter value of a sequence number in this module's format (the inverse of `formatSequenceNumber`), for
 * comparing with stored ones as numbers: any other 21-digit value sorts before (-1) or after (Infinity) them all.
 */
export function sequenceCounterOf(sequenceNumber: string): number {
  const digits = sequenceNumber.replace(/^0+(?=\d)/, '')
  if (digits.length < 21 || (digits.length === 21 && digits[0] === '0')) return -1
  if (digits.length > 21 || digits[0] !== '1') return Number.POSITIVE_INFINITY
  return Number(digits.slice(1))
}

/** True for a syntactically valid sequence number: 21 to 40 decimal digits. */
export function isSequenceNumber(value: unknown): value is string {
  return typeof value === 'string' && /^\d{21,40}$/.test(value)
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

/** DynamoDB's rule for table names: 3 to 255 characters of a-z, A-Z, 0-9, `_`, `-` and `.`. */
export const TABLE_NAME_PATTERN = /^[a-zA-Z0-9_.-]{3,255}$/

const STREAM_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table\/([a-zA-Z0-9_.-]{3,255})\/stream\/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})$/

/** The parts of a well-formed stream ARN, or undefined when it is malformed. */
export function parseStreamArn(arn: unknown): { region: string; accountId: string; tableName: string; label: string } | undefined {
  if (typeof arn !== 'string' || arn.length < 37 || arn.length > 1024) return undefined
  const m = STREAM_ARN.exec(arn)
  if (m === null) return undefined
  return { region: m[1] as string, accountId: m[2] as string, tableName: m[3] as string, label: m[4] as string }
}
