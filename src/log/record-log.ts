import type { AttributeMap } from '../values/admission.js'
import { ChangeKind } from '../capture/capture.js'

/** How a record came about: capture's change kinds, as a record log stores them. */
export const RecordKind = ChangeKind
/** A record kind's code, as a record log stores it. */
export type RecordKind = ChangeKind

// A record is six cells side by side in a chunk: three references (keys, new image, old image) and three small
// integers (creation time and sequence counter as offsets from the chunk's first record, and size * 4 + kind).
// Chunks are filled and never reallocated, so a write retains no object of its own, nothing it stores is copied to
// grow an array, and the numbers stay small integers, which V8 keeps in the array itself rather than as separate
// heap numbers. An append touches the log and one array: with many shards taking writes in turn, each object an
// append reads is likely a cache miss. Chunks double from 32 to 4,096 records, so a small shard stays small.
const CELLS = 6
const FIRST_CHUNK_RECORDS = 32
const MAX_CHUNK_RECORDS = 4096
// Chunks are cut from pages shared by the logs of one stream. A new shard then fills a part of a page rather than
// arrays of its own: the young generation would copy every new array at least twice before it settles, and a
// stream that splits into many shards makes many. Pages double up to a size V8 allocates where nothing is moved
// (large-object space), so that copying stops once a stream is busy; a page is freed with its last chunk.
const FIRST_PAGE_CELLS = 1024 * CELLS
const MAX_PAGE_CELLS = 32_768 * CELLS
// Creation times are offsets from a multiple of this many milliseconds (about 17 minutes), so the base itself is a
// small integer too; an offset stays small for the first 24 days of a chunk.
const TIME_UNIT = 2 ** 20

interface Chunk {
  /** Position (counted over every record ever appended) of the chunk's first record. */
  readonly start: number
  readonly capacity: number
  readonly baseTime: number
  readonly baseCounter: number
  /** The page holding the chunk, from cell `offset` on. */
  readonly cells: unknown[]
  readonly offset: number
}

/** Cells reserved in a page: `cells[offset .. offset + granted)`. */
interface Reservation {
  readonly cells: unknown[]
  readonly offset: number
  readonly granted: number
}

/** Pages of cells from which the record logs of one stream take their chunks. */
export class CellPages {
  #page: unknown[] = []
  #used = 0
  #nextPageCells = FIRST_PAGE_CELLS

  /** Reserves between `min` and `wanted` cells (multiples of the record size) in one page. */
  reserve(min: number, wanted: number): Reservation {
    if (this.#page.length - this.#used < min) {
      const size = Math.max(this.#nextPageCells, wanted)
      this.#nextPageCells = Math.min(this.#nextPageCells * 2, MAX_PAGE_CELLS)
      this.#page = new Array<unknown>(size)
      this.#used = 0
    }
    const offset = this.#used
    const granted = Math.min(wanted, this.#page.length - offset)
    this.#used += granted
    return { cells: this.#page, offset, granted }
  }
}

/**
 * Records, oldest first, as columns: appended at the end, dropped from the start. Indices count from the oldest
 * record still held (0) to `length - 1`. A shard is one.
 */
export class RecordLog {
  /** Records ever dropped from the start: the position of index 0. */
  #dropped = 0
  /** Records ever appended. */
  #appended = 0
  // The last chunk's cells, bounds and bases, at hand for appends.
  #tailStart = 0
  #tailEnd = 0
  #tailCells: unknown[] = []
  #tailOffset = 0
  #tailTimeUnits = 0
  #tailBaseCounter = 0
  #chunks: Chunk[] = []
  readonly #pages: CellPages
  #lastFound: Chunk | undefined

  constructor(pages: CellPages) {
    this.#pages = pages
  }

  /** Number of records held. */
  get length(): number {
    return this.#appended - this.#dropped
  }

  append(kind: RecordKind, keys: AttributeMap, newImage: AttributeMap | undefined, oldImage: AttributeMap | undefined, sizeBytes: number, createdAt: number, counter: number, holdsBinary = false): void {
    const position = this.#appended
    if (position === this.#tailEnd) this.#grow(position, createdAt, counter)
    const at = this.#tailOffset + (position - this.#tailStart) * CELLS
    const cells = this.#tailCells
    cells[at] = keys
    cells[at + 1] = newImage
    cells[at + 2] = oldImage
    cells[at + 3] = createdAt - this.#tailTimeUnits * TIME_UNIT
    cells[at + 4] = counter - this.#tailBaseCounter
    cells[at + 5] = sizeBytes * 8 + (holdsBinary ? 4 : 0) + kind
    this.#appended = position + 1
  }

  #grow(start: number, createdAt: number, counter: number): void {
    const last = this.#chunks[this.#chunks.length - 1]
    const wanted = last === undefined ? FIRST_CHUNK_RECORDS : Math.min(last.capacity * 2, MAX_CHUNK_RECORDS)
    const { cells, offset, granted } = this.#pages.reserve(FIRST_CHUNK_RECORDS * CELLS, wanted * CELLS)
    const capacity = granted / CELLS
    const timeUnits = Math.floor(createdAt / TIME_UNIT)
    const chunk: Chunk = { start, capacity, baseTime: timeUnits * TIME_UNIT, baseCounter: counter, cells, offset }
    this.#chunks.push(chunk)
    this.#tailStart = start
    this.#tailEnd = start + capacity
    this.#tailCells = cells
    this.#tailOffset = offset
    this.#tailTimeUnits = timeUnits
    this.#tailBaseCounter = counter
  }

  /** The chunk holding position `position`: the one found last (reads go in order), else a binary search. */
  #chunkAt(position: number): Chunk {
    const hint = this.#lastFound
    if (hint !== undefined && hint.start <= position && position < hint.start + hint.capacity) return hint
    this.#lastFound = this.#searchChunk(position)
    return this.#lastFound
  }

  #searchChunk(position: number): Chunk {
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

  #cell(index: number, cell: number): unknown {
    const position = this.#dropped + index
    const chunk = this.#chunkAt(position)
    return chunk.cells[chunk.offset + (position - chunk.start) * CELLS + cell]
  }

  createdAtOf(index: number): number {
    const position = this.#dropped + index
    return this.#valueAt(this.#chunkAt(position), position, true)
  }

  counterOf(index: number): number {
    const position = this.#dropped + index
    return this.#valueAt(this.#chunkAt(position), position, false)
  }

  sizeBytesOf(index: number): number {
    return Math.floor((this.#cell(index, 5) as number) / 8)
  }

  kindOf(index: number): RecordKind {
    return ((this.#cell(index, 5) as number) % 4) as RecordKind
  }

  /** True when the record's keys or images hold a binary. */
  holdsBinaryOf(index: number): boolean {
    return ((this.#cell(index, 5) as number) & 4) !== 0
  }

  keysOf(index: number): AttributeMap {
    return this.#cell(index, 0) as AttributeMap
  }

  newImageOf(index: number): AttributeMap | undefined {
    return this.#cell(index, 1) as AttributeMap | undefined
  }

  oldImageOf(index: number): AttributeMap | undefined {
    return this.#cell(index, 2) as AttributeMap | undefined
  }

  /** Creation time (`time`) or sequence counter of the record at `position` of `chunk`. */
  #valueAt(chunk: Chunk, position: number, time: boolean): number {
    const offset = chunk.cells[chunk.offset + (position - chunk.start) * CELLS + (time ? 3 : 4)] as number
    return (time ? chunk.baseTime : chunk.baseCounter) + offset
  }

  /** Index of the first record whose creation time (`time`) or counter is >= `value` (> when `after`). */
  #search(time: boolean, value: number, after: boolean): number {
    if (this.length === 0) return 0
    // First the chunk (by its first record), then the record within it: O(log n) without a chunk lookup per step.
    const chunks = this.#chunks
    let lo = 0
    let hi = chunks.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const chunk = chunks[mid] as Chunk
      const v = this.#valueAt(chunk, Math.max(chunk.start, this.#dropped), time)
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
      const v = this.#valueAt(chunk, mid, time)
      if (v < value || (after && v === value)) from = mid + 1
      else to = mid
    }
    return from - this.#dropped
  }

  /** Index of the first record with a sequence counter >= `counter` (> when `after`), or `length` when none. */
  seekCounter(counter: number, after: boolean): number {
    return this.#search(false, counter, after)
  }

  /** Index of the first record created at or after `timeMs`, or `length` when none. */
  seekCreatedAt(timeMs: number): number {
    return this.#search(true, timeMs, false)
  }

  /** Drops the `count` oldest records; chunks left empty are released. */
  dropFirst(count: number): void {
    const from = this.#dropped
    this.#dropped += count
    // A page outlives the chunks cut from it while others still use it: a dropped record must let its images go.
    let full = 0
    for (const chunk of this.#chunks) {
      const end = Math.min(this.#dropped, chunk.start + chunk.capacity)
      if (end > chunk.start) releaseImages(chunk, Math.max(from, chunk.start), end)
      if (chunk.start + chunk.capacity > this.#dropped) break
      full++
    }
    // The last chunk stays, even when empty: appends continue in it.
    full = Math.min(full, this.#chunks.length - 1)
    if (full > 0) {
      this.#chunks.splice(0, full)
      // A remembered chunk that left would keep its page alive.
      this.#lastFound = undefined
    }
  }
}

function releaseImages(chunk: Chunk, fromPosition: number, toPosition: number): void {
  const cells = chunk.cells
  const end = chunk.offset + (toPosition - chunk.start) * CELLS
  for (let at = chunk.offset + (fromPosition - chunk.start) * CELLS; at < end; at += CELLS) {
    cells[at] = undefined
    cells[at + 1] = undefined
    cells[at + 2] = undefined
  }
}
