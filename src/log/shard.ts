import { handOut, type AttributeMap } from '../values/admission.js'
import type { AnyChangeRecord, ViewType } from '../capture/record.js'
import { changeRecord } from '../capture/capture.js'
import { formatSequenceNumber } from '../core/ids.js'
import { RecordLog, type CellPages, type RecordKind } from './record-log.js'
import { currentWriteGeneration } from './write-generation.js'

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

/** What every record of one stream shares, and how its event ids are made. */
export interface RecordContext {
  readonly table: string
  readonly streamArn: string
  readonly viewType: ViewType
  readonly eventIdOf: (sequenceCounter: number) => string
}

/**
 * An append-only log of one shard's records. Internal: the stream owns shards and hands out descriptions.
 * A class for the hot path's sake (one shape for every shard).
 */
export class Shard extends RecordLog {
  // Fields every append reads come first, so that they share the object's first cache lines with the log's.
  /** The largest record ever appended, in bytes: reads of records that cannot reach 1 MB skip summing sizes. */
  maxRecordBytes = 0
  rateSecond = -1
  rateCount = 0
  /** False once the hash range is a single value. */
  readonly splittable: boolean
  readonly id: string
  readonly parentId: string | undefined
  readonly startingSequenceNumber: string
  readonly hashStart: number
  readonly hashEnd: number
  readonly createdAt: number
  readonly context: RecordContext
  endingSequenceNumber: string | undefined
  closedAt: number | undefined
  /** Sequence number of the newest trimmed record, or undefined when nothing was trimmed. */
  lastTrimmed: string | undefined
  // Creation time of the oldest live record (Infinity when none): a trim that cannot drop anything returns without
  // touching the records.
  #oldest = Number.POSITIVE_INFINITY
  #description: ShardDescription | undefined
  // Generations of the records written inside handler invocations, by sequence counter in append order; most
  // records have none, so a side map costs the log's cells nothing.
  #generations: Map<number, number> | undefined

  constructor(
    id: string,
    parentId: string | undefined,
    startingSequenceNumber: string,
    hashStart: number,
    hashEnd: number,
    createdAt: number,
    context: RecordContext,
    pages: CellPages,
  ) {
    super(pages)
    this.id = id
    this.parentId = parentId
    this.startingSequenceNumber = startingSequenceNumber
    this.hashStart = hashStart
    this.hashEnd = hashEnd
    this.splittable = hashEnd > hashStart
    this.createdAt = createdAt
    this.context = context
  }

  get isOpen(): boolean {
    return this.endingSequenceNumber === undefined
  }

  /** Sequence number of the newest record ever appended, or of the shard's start when it has none. */
  get lastSequenceNumber(): string {
    if (this.length === 0) return this.lastTrimmed ?? this.startingSequenceNumber
    return formatSequenceNumber(this.counterOf(this.length - 1))
  }

  override append(kind: RecordKind, keys: AttributeMap, newImage: AttributeMap | undefined, oldImage: AttributeMap | undefined, sizeBytes: number, createdAt: number, counter: number, holdsBinary = false): void {
    if (this.length === 0) this.#oldest = createdAt
    super.append(kind, keys, newImage, oldImage, sizeBytes, createdAt, counter, holdsBinary)
    if (sizeBytes > this.maxRecordBytes) this.maxRecordBytes = sizeBytes
    const generation = currentWriteGeneration()
    if (generation !== 0) (this.#generations ??= new Map()).set(counter, generation)
  }

  /** The live record at `index` (0 is the oldest), as a new frozen object in the shape of its kind and view type. */
  recordAt(index: number): AnyChangeRecord {
    const counter = this.counterOf(index)
    // A record must not let its reader change the stored item, nor a record already read: binaries are copied.
    const copy = this.holdsBinaryOf(index)
    return changeRecord(
      this.context,
      this.context.eventIdOf(counter),
      this.id,
      formatSequenceNumber(counter),
      this.createdAtOf(index),
      this.kindOf(index),
      copy ? handOut(this.keysOf(index)) : this.keysOf(index),
      copy ? handOut(this.newImageOf(index)) : this.newImageOf(index),
      copy ? handOut(this.oldImageOf(index)) : this.oldImageOf(index),
      this.sizeBytesOf(index),
      this.#generations?.get(counter),
    )
  }

  close(atMs: number): void {
    this.endingSequenceNumber = this.lastSequenceNumber
    this.closedAt = atMs
    this.#description = undefined
  }

  /** Drops records created before `cutoffMs`; returns how many went. O(log n) plus the records dropped. */
  trim(cutoffMs: number): number {
    if (this.#oldest >= cutoffMs) return 0
    const dropped = this.seekCreatedAt(cutoffMs)
    const lastCounter = this.counterOf(dropped - 1)
    this.lastTrimmed = formatSequenceNumber(lastCounter)
    if (this.#generations !== undefined) {
      for (const counter of this.#generations.keys()) {
        if (counter > lastCounter) break
        this.#generations.delete(counter)
      }
    }
    this.dropFirst(dropped)
    this.#oldest = this.length === 0 ? Number.POSITIVE_INFINITY : this.createdAtOf(0)
    return dropped
  }

  /** Index of the first live record whose sequence counter is >= `counter` (or > when `after`); binary search. */
  seek(counter: number, after: boolean): number {
    return this.seekCounter(counter, after)
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
