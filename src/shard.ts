import type { AttributeMap } from './attribute.js'
import { TTL_IDENTITY, type AnyChangeRecord, type EventName, type ViewType } from './change.js'
import { formatSequenceNumber } from './ids.js'

/** The range of sequence numbers a shard covers; `ending` is present once the shard is closed. */
export interface SequenceNumberRange {
  readonly startingSequenceNumber: string
  readonly endingSequenceNumber?: string
}

/** A shard as `describe()` lists it. */
export interface ShardDescription {
  readonly shardId: string
  readonly parentShardId?: string
  readonly sequenceNumberRange: SequenceNumberRange
  /** The inclusive range of 32-bit partition-key hashes the shard owns (and its children inherit). */
  readonly hashKeyRange: { readonly start: number; readonly end: number }
  readonly createdAt: number
}

// Compacting the trimmed head only once it is large keeps trimming O(expired) amortised.
const COMPACT_AT = 4096

/** What every record of one stream shares, and how its event ids are made. */
export interface RecordContext {
  readonly table: string
  readonly streamArn: string
  readonly viewType: ViewType
  readonly eventIdOf: (sequenceCounter: number) => string
}

/** How a record came about: its event name, and for deletes whether TTL made them. */
export const RecordKind = Object.freeze({ Insert: 0, Modify: 1, Delete: 2, TtlDelete: 3 } as const)
/** A record kind's code, as a shard stores it. */
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind]

const EVENT_NAMES: readonly EventName[] = ['INSERT', 'MODIFY', 'DELETE', 'DELETE']

// A record is stored as columns: three references (keys, new image, old image) and four numbers (creation time,
// sequence counter, size, kind), each group side by side in one array. Records are built as objects only when
// read: a write then retains no object of its own (and no id or sequence number string), which is what the
// garbage collector would otherwise copy and trace for every record of the last 24 hours.
const REFS = 3
const NUMS = 4
const INITIAL_CAPACITY = 64

/**
 * An append-only log of one shard's records. Internal: the stream owns shards and hands out descriptions.
 * A class for the hot path's sake (one shape for every shard).
 */
export class Shard {
  readonly id: string
  readonly parentId: string | undefined
  readonly startingSequenceNumber: string
  readonly hashStart: number
  readonly hashEnd: number
  readonly createdAt: number
  readonly context: RecordContext
  endingSequenceNumber: string | undefined
  closedAt: number | undefined
  /** Records from index `head` on are live; those before it were trimmed and await compaction. */
  head = 0
  /** Number of records stored, trimmed ones awaiting compaction included. */
  length = 0
  /** The largest record ever appended, in bytes: reads of records that cannot reach 1 MB skip summing sizes. */
  maxRecordBytes = 0
  /** Sequence number of the newest trimmed record, or undefined when nothing was trimmed. */
  lastTrimmed: string | undefined
  rateSecond = -1
  rateCount = 0
  #refs: (AttributeMap | undefined)[] = []
  // Numbers live outside the JavaScript heap: growing them copies bytes once, never through the garbage collector.
  #nums = new Float64Array(INITIAL_CAPACITY * NUMS)
  // Creation time of the oldest live record (Infinity when none): a trim that cannot drop anything returns without
  // touching the records, which every append would otherwise do on a shard it may not have in cache.
  #oldest = Number.POSITIVE_INFINITY
  #description: ShardDescription | undefined

  constructor(
    id: string,
    parentId: string | undefined,
    startingSequenceNumber: string,
    hashStart: number,
    hashEnd: number,
    createdAt: number,
    context: RecordContext,
  ) {
    this.id = id
    this.parentId = parentId
    this.startingSequenceNumber = startingSequenceNumber
    this.hashStart = hashStart
    this.hashEnd = hashEnd
    this.createdAt = createdAt
    this.context = context
  }

  get isOpen(): boolean {
    return this.endingSequenceNumber === undefined
  }

  /** Number of live (untrimmed) records. */
  get size(): number {
    return this.length - this.head
  }

  /** Sequence number of the newest record ever appended, or of the shard's start when it has none. */
  get lastSequenceNumber(): string {
    if (this.length === 0) return this.lastTrimmed ?? this.startingSequenceNumber
    return formatSequenceNumber(this.counterAt(this.length - 1))
  }

  append(kind: RecordKind, keys: AttributeMap, newImage: AttributeMap | undefined, oldImage: AttributeMap | undefined, sizeBytes: number, createdAt: number, counter: number): void {
    if (this.head === this.length) this.#oldest = createdAt
    this.#refs.push(keys, newImage, oldImage)
    let nums = this.#nums
    const at = this.length * NUMS
    if (at === nums.length) {
      nums = new Float64Array(nums.length * 2)
      nums.set(this.#nums)
      this.#nums = nums
    }
    nums[at] = createdAt
    nums[at + 1] = counter
    nums[at + 2] = sizeBytes
    nums[at + 3] = kind
    this.length++
    if (sizeBytes > this.maxRecordBytes) this.maxRecordBytes = sizeBytes
  }

  createdAtOf(index: number): number {
    return this.#nums[index * NUMS] as number
  }

  counterAt(index: number): number {
    return this.#nums[index * NUMS + 1] as number
  }

  sizeAt(index: number): number {
    return this.#nums[index * NUMS + 2] as number
  }

  /** The record at `index`, as a new frozen object in the shape of a stored record of its kind and view type. */
  recordAt(index: number): AnyChangeRecord {
    const nums = this.#nums
    const refs = this.#refs
    const { table, streamArn, viewType, eventIdOf } = this.context
    const createdAt = nums[index * NUMS] as number
    const counter = nums[index * NUMS + 1] as number
    const sizeBytes = nums[index * NUMS + 2] as number
    const kind = nums[index * NUMS + 3] as RecordKind
    const keys = refs[index * REFS] as AttributeMap
    const newImage = refs[index * REFS + 1]
    const oldImage = refs[index * REFS + 2]
    const eventId = eventIdOf(counter)
    const eventName = EVENT_NAMES[kind] as EventName
    const shardId = this.id
    const sequenceNumber = formatSequenceNumber(counter)
    // One literal per shape, so absent images are absent keys (not undefined values) and keys keep one order.
    let record: AnyChangeRecord
    if (newImage !== undefined && oldImage !== undefined) {
      record = { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, newImage, oldImage, sizeBytes, viewType }
    } else if (newImage !== undefined) {
      record = { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, newImage, sizeBytes, viewType }
    } else if (oldImage !== undefined) {
      record =
        kind === RecordKind.TtlDelete
          ? { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, oldImage, sizeBytes, viewType, userIdentity: TTL_IDENTITY }
          : { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, oldImage, sizeBytes, viewType }
    } else {
      record =
        kind === RecordKind.TtlDelete
          ? { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, sizeBytes, viewType, userIdentity: TTL_IDENTITY }
          : { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, sizeBytes, viewType }
    }
    return Object.freeze(record)
  }

  close(atMs: number): void {
    this.endingSequenceNumber = this.lastSequenceNumber
    this.closedAt = atMs
    this.#description = undefined
  }

  /** Drops records created before `cutoffMs`; returns how many went. Binary search, so O(log n) plus compaction. */
  trim(cutoffMs: number): number {
    if (this.#oldest >= cutoffMs) return 0
    let lo = this.head
    let hi = this.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.createdAtOf(mid) < cutoffMs) lo = mid + 1
      else hi = mid
    }
    const dropped = lo - this.head
    this.lastTrimmed = formatSequenceNumber(this.counterAt(lo - 1))
    this.head = lo
    this.#oldest = lo < this.length ? this.createdAtOf(lo) : Number.POSITIVE_INFINITY
    if (this.head >= COMPACT_AT && this.head * 2 >= this.length) {
      this.#refs = this.#refs.slice(this.head * REFS)
      this.#nums.copyWithin(0, this.head * NUMS, this.length * NUMS)
      this.length -= this.head
      this.head = 0
    }
    return dropped
  }

  /** Index of the first live record whose sequence counter is >= `counter` (or > when `after`); binary search. */
  seek(counter: number, after: boolean): number {
    let lo = this.head
    let hi = this.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = this.counterAt(mid)
      if (c < counter || (after && c === counter)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Creation time of the oldest live record, or undefined when none is live. */
  get oldestCreatedAt(): number | undefined {
    return this.#oldest === Number.POSITIVE_INFINITY ? undefined : this.#oldest
  }

  describe(): ShardDescription {
    if (this.#description !== undefined) return this.#description
    const range: SequenceNumberRange =
      this.endingSequenceNumber === undefined
        ? { startingSequenceNumber: this.startingSequenceNumber }
        : { startingSequenceNumber: this.startingSequenceNumber, endingSequenceNumber: this.endingSequenceNumber }
    const description: ShardDescription = {
      shardId: this.id,
      ...(this.parentId === undefined ? {} : { parentShardId: this.parentId }),
      sequenceNumberRange: Object.freeze(range),
      hashKeyRange: Object.freeze({ start: this.hashStart, end: this.hashEnd }),
      createdAt: this.createdAt,
    }
    this.#description = Object.freeze(description)
    return this.#description
  }
}
