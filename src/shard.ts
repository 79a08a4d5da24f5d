import type { AnyChangeRecord } from './change.js'

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
  endingSequenceNumber: string | undefined
  closedAt: number | undefined
  /** Records from index `head` on are live; those before it were trimmed and await compaction. */
  records: AnyChangeRecord[] = []
  // The records' sequence counters, side by side with them: seeks search these packed numbers rather than
  // following a pointer to each record's sequence number string.
  counters: number[] = []
  /** The largest record ever appended, in bytes: reads of records that cannot reach 1 MB skip summing sizes. */
  maxRecordBytes = 0
  head = 0
  /** Sequence number of the newest trimmed record, or undefined when nothing was trimmed. */
  lastTrimmed: string | undefined
  rateSecond = -1
  rateCount = 0
  // Creation time of the oldest live record (Infinity when none): a trim that cannot drop anything returns without
  // touching the records, which every append would otherwise do on a shard it may not have in cache.
  #oldest = Number.POSITIVE_INFINITY
  #description: ShardDescription | undefined

  constructor(id: string, parentId: string | undefined, startingSequenceNumber: string, hashStart: number, hashEnd: number, createdAt: number) {
    this.id = id
    this.parentId = parentId
    this.startingSequenceNumber = startingSequenceNumber
    this.hashStart = hashStart
    this.hashEnd = hashEnd
    this.createdAt = createdAt
  }

  get isOpen(): boolean {
    return this.endingSequenceNumber === undefined
  }

  /** Number of live (untrimmed) records. */
  get size(): number {
    return this.records.length - this.head
  }

  /** Sequence number of the newest record ever appended, or of the shard's start when it has none. */
  get lastSequenceNumber(): string {
    const last = this.records[this.records.length - 1]
    return last === undefined ? (this.lastTrimmed ?? this.startingSequenceNumber) : last.sequenceNumber
  }

  append(record: AnyChangeRecord, counter: number): void {
    if (this.head === this.records.length) this.#oldest = record.createdAt
    this.records.push(record)
    this.counters.push(counter)
    if (record.sizeBytes > this.maxRecordBytes) this.maxRecordBytes = record.sizeBytes
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
    let hi = this.records.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if ((this.records[mid] as AnyChangeRecord).createdAt < cutoffMs) lo = mid + 1
      else hi = mid
    }
    const dropped = lo - this.head
    this.lastTrimmed = (this.records[lo - 1] as AnyChangeRecord).sequenceNumber
    this.head = lo
    this.#oldest = this.records[lo]?.createdAt ?? Number.POSITIVE_INFINITY
    if (this.head >= COMPACT_AT && this.head * 2 >= this.records.length) {
      this.records = this.records.slice(this.head)
      this.counters = this.counters.slice(this.head)
      this.head = 0
    }
    return dropped
  }

  /** Index of the first live record whose sequence counter is >= `counter` (or > when `after`); binary search. */
  seek(counter: number, after: boolean): number {
    const counters = this.counters
    let lo = this.head
    let hi = counters.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = counters[mid] as number
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
