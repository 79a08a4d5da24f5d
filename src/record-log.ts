import type { AttributeMap } from './attribute.js'

/** How a record came about: its event name, and for deletes whether TTL made them. */
export const RecordKind = Object.freeze({ Insert: 0, Modify: 1, Delete: 2, TtlDelete: 3 } as const)
/** A record kind's code, as a record log stores it. */
export type RecordKind = (typeof RecordKind)[keyof typeof RecordKind]

// A record is three references (keys, new image, old image) and four numbers (creation time, sequence counter,
// size, kind). They are stored as columns in chunks that are filled and never reallocated: a write then retains
// no object of its own, nothing it stores is ever copied to grow an array, and the numbers live outside the
// JavaScript heap. Every byte a write leaves on the heap is copied by the garbage collector, so this is where the
// write path's cost goes down. Chunks double from 32 to 4,096 records, so a small shard stays small.
const REFS = 3
const NUMS = 4
const FIRST_CHUNK_RECORDS = 32
const MAX_CHUNK_RECORDS = 4096

interface Chunk {
  /** Position (counted over every record ever appended) of the chunk's first record. */
  readonly start: number
  readonly capacity: number
  readonly refs: (AttributeMap | undefined)[]
  readonly nums: number[]
}

/**
 * Records, oldest first, as columns: appended at the end, dropped from the start. Indices count from the oldest
 * record still held (0) to `length - 1`. A shard is one.
 */
export class RecordLog {
  #chunks: Chunk[] = []
  /** Records ever dropped from the start: the position of index 0. */
  #dropped = 0
  /** Records ever appended. */
  #appended = 0
  // The last chunk's columns and bounds, so that an append touches as few objects as possible: with many shards
  // taking writes in turn, each object an append reads is likely a cache miss.
  #tailStart = 0
  #tailEnd = 0
  #tailRefs: (AttributeMap | undefined)[] = []
  #tailNums: number[] = []

  /** Number of records held. */
  get length(): number {
    return this.#appended - this.#dropped
  }

  append(kind: RecordKind, keys: AttributeMap, newImage: AttributeMap | undefined, oldImage: AttributeMap | undefined, sizeBytes: number, createdAt: number, counter: number): void {
    const position = this.#appended
    if (position === this.#tailEnd) this.#grow(position)
    const offset = position - this.#tailStart
    const refs = this.#tailRefs
    refs[offset * REFS] = keys
    refs[offset * REFS + 1] = newImage
    refs[offset * REFS + 2] = oldImage
    const nums = this.#tailNums
    nums[offset * NUMS] = createdAt
    nums[offset * NUMS + 1] = counter
    nums[offset * NUMS + 2] = sizeBytes
    nums[offset * NUMS + 3] = kind
    this.#appended = position + 1
  }

  #grow(start: number): void {
    const last = this.#chunks[this.#chunks.length - 1]
    const capacity = last === undefined ? FIRST_CHUNK_RECORDS : Math.min(last.capacity * 2, MAX_CHUNK_RECORDS)
    const chunk: Chunk = { start, capacity, refs: new Array<AttributeMap | undefined>(capacity * REFS), nums: new Array<number>(capacity * NUMS) }
    this.#chunks.push(chunk)
    this.#tailStart = start
    this.#tailEnd = start + capacity
    this.#tailRefs = chunk.refs
    this.#tailNums = chunk.nums
  }

  /** The chunk holding position `position`; binary search over the chunks. */
  #chunkAt(position: number): Chunk {
    const chunks = this.#chunks
    let lo = 0
    let hi = chunks.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if ((chunks[mid] as Chunk).start <= position) lo = mid
      else hi = mid - 1
    }
    return chunks[lo] as Chunk
  }

  #num(index: number, column: number): number {
    const position = this.#dropped + index
    const chunk = this.#chunkAt(position)
    return chunk.nums[(position - chunk.start) * NUMS + column] as number
  }

  #ref(index: number, column: number): AttributeMap | undefined {
    const position = this.#dropped + index
    const chunk = this.#chunkAt(position)
    return chunk.refs[(position - chunk.start) * REFS + column]
  }

  createdAtOf(index: number): number {
    return this.#num(index, 0)
  }

  counterOf(index: number): number {
    return this.#num(index, 1)
  }

  sizeBytesOf(index: number): number {
    return this.#num(index, 2)
  }

  kindOf(index: number): RecordKind {
    return this.#num(index, 3) as RecordKind
  }

  keysOf(index: number): AttributeMap {
    return this.#ref(index, 0) as AttributeMap
  }

  newImageOf(index: number): AttributeMap | undefined {
    return this.#ref(index, 1)
  }

  oldImageOf(index: number): AttributeMap | undefined {
    return this.#ref(index, 2)
  }

  /** Index of the first record whose number in `column` is >= `value` (> when `after`); the column must ascend. */
  #search(column: number, value: number, after: boolean): number {
    if (this.length === 0) return 0
    // First the chunk (by its first record), then the record within it: O(log n) without a chunk lookup per step.
    const chunks = this.#chunks
    let lo = 0
    let hi = chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const chunk = chunks[mid] as Chunk
      const first = Math.max(chunk.start, this.#dropped)
      const v = chunk.nums[(first - chunk.start) * NUMS + column] as number
      if (v < value || (after && v === value)) lo = mid + 1
      else hi = mid
    }
    // Every record of chunks before `lo - 1` is below the value; the answer is in chunk `lo - 1` or starts chunk `lo`.
    const chunk = chunks[lo - 1]
    if (chunk === undefined) return 0
    let from = Math.max(chunk.start, this.#dropped)
    let to = Math.min(chunk.start + chunk.capacity, this.#appended)
    while (from < to) {
      const mid = (from + to) >>> 1
      const v = chunk.nums[(mid - chunk.start) * NUMS + column] as number
      if (v < value || (after && v === value)) from = mid + 1
      else to = mid
    }
    return from - this.#dropped
  }

  /** Index of the first record with a sequence counter >= `counter` (> when `after`), or `length` when none. */
  seekCounter(counter: number, after: boolean): number {
    return this.#search(1, counter, after)
  }

  /** Index of the first record created at or after `timeMs`, or `length` when none. */
  seekCreatedAt(timeMs: number): number {
    return this.#search(0, timeMs, false)
  }

  /** Drops the `count` oldest records; chunks left empty are released. */
  dropFirst(count: number): void {
    const from = this.#dropped
    this.#dropped += count
    let full = 0
    while (full < this.#chunks.length - 1) {
      const chunk = this.#chunks[full] as Chunk
      if (chunk.start + chunk.capacity > this.#dropped) break
      full++
    }
    if (full > 0) this.#chunks.splice(0, full)
    // The partly dropped chunk keeps the dropped records' numbers but lets their images go.
    const head = this.#chunks[0]
    if (head !== undefined) {
      const start = Math.max(from, head.start) - head.start
      const end = Math.min(this.#dropped - head.start, head.capacity)
      if (end > start) head.refs.fill(undefined, start * REFS, end * REFS)
    }
  }
}
