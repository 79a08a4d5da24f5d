import { randomFillSync } from 'node:crypto'

/** A source of randomness in [0, 1); injectable so that runs can be reproduced. */
export type Random = () => number

const RANDOM_HALF = 2 ** 40

function defaultRandom(): Random {
  // crypto-quality randomness for ids, read in blocks: one randomFillSync call per 1,024 draws.
  const block = new Uint32Array(1024)
  let next = block.length
  return () => {
    if (next === block.length) {
      randomFillSync(block)
      next = 0
    }
    return (block[next++] as number) / 2 ** 32
  }
}

// Each id and sequence number is one concatenation of a cached prefix and a shared low-order group, rather than
// fresh digit strings per record: records are retained, so every byte they hold is copied by the garbage collector.
let hex3: readonly string[] | undefined
let dec4: readonly string[] | undefined

function lowHex(): readonly string[] {
  hex3 ??= Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(3, '0'))
  return hex3
}

/**
 * Makes event ids: 32 lowercase hex digits (as DynamoDB's eventID) laid out as a ULID — 48 bits of time, 80 bits
 * of randomness, incremented within a millisecond — so ids are unique and sort in creation order. Hand-written
 * for the write path: a ULID library plus a conversion to hex cost ~4 µs per id, more than a whole write.
 */
export function createEventIdFactory(random: Random = defaultRandom()): (nowMs: number) => string {
  const groups = lowHex()
  let lastTime = -1
  let high = 0
  let low = 0
  let prefix = ''
  const refresh = (): void => {
    prefix = lastTime.toString(16).padStart(12, '0') + high.toString(16).padStart(10, '0') + Math.floor(low / 4096).toString(16).padStart(7, '0')
  }
  return (nowMs) => {
    if (nowMs > lastTime) {
      lastTime = Math.floor(nowMs)
      high = Math.floor(random() * RANDOM_HALF)
      // Leave the low half room to count up within one millisecond without carrying.
      low = Math.floor(random() * (RANDOM_HALF / 2))
      refresh()
    } else if (++low >= RANDOM_HALF) {
      low = 0
      high = (high + 1) % RANDOM_HALF
      refresh()
    } else if (low % 4096 === 0) refresh()
    return prefix + (groups[low % 4096] as string)
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
