// A large partition keeps its entries in blocks. A sorted flat array costs a move of every later element per insert
// or remove: at 100,000 entries in one partition (a busy partition key, a global index on a status attribute) that
// made each write take over 100 µs, and filling a partition took time quadratic in its size. Blocks bound the move to
// one block and a step over the blocks' start positions. A partition stays a flat array, which a write reads in one
// place, until a write would move many of its entries (see FLAT_MOVES_MAX in storage.ts).

/** Records per block, at most: an insert or remove moves at most this many records' cells. */
export const BLOCK_RECORDS = 512
/** A block is split into two of this many records; a block below a quarter is merged with a neighbour that has room. */
const HALF_BLOCK_RECORDS = BLOCK_RECORDS / 2
const MERGE_BELOW_RECORDS = BLOCK_RECORDS / 4

/**
 * Tells whether the record at `offset` of `cells` (a block, or the blocks' heads: `stride` cells per record either way)
 * comes before the one searched for (false from some record on).
 */
export type Precedes = (cells: readonly unknown[], offset: number) => boolean

/**
 * A sequence of records of `stride` cells each, in order, cut into blocks of at most BLOCK_RECORDS records. Records
 * are addressed by their index in the whole sequence.
 */
export class Blocks {
  readonly stride: number
  /** The blocks' cells, `stride` per record; no block is empty unless the sequence is. */
  readonly blocks: unknown[][] = []
  /** Index of each block's first record. */
  readonly starts: number[] = []
  /**
   * Each block's first record, `stride` cells per block: a search first finds its block in this one compact array
   * rather than in the first cells of blocks all over the heap.
   */
  readonly heads: unknown[] = []
  /** Number of records. */
  length = 0

  /** The records of a flat array of cells, `stride` per record, in half-full blocks (so that inserts do not split at once). */
  constructor(stride: number, cells: readonly unknown[]) {
    this.stride = stride
    const perBlock = HALF_BLOCK_RECORDS * stride
    for (let from = 0; from < cells.length; from += perBlock) {
      this.blocks.push(cells.slice(from, from + perBlock))
      this.starts.push(from / stride)
      for (let c = 0; c < stride; c++) this.heads.push(cells[from + c])
    }
    if (this.blocks.length === 0) {
      this.blocks.push([])
      this.starts.push(0)
    }
    this.length = cells.length / stride
  }

  /** The block found last: reads go in order, so the next record is most often in it or the one after it. */
  #hint = 0

  /** Index of the block holding record `at`; `at === length` gives the last block, where an append goes. */
  blockOf(at: number): number {
    const starts = this.starts
    const hint = this.#hint
    if (hint < starts.length && (starts[hint] as number) <= at) {
      if (hint + 1 === starts.length || at < (starts[hint + 1] as number)) return hint
      if (hint + 2 === starts.length || at < (starts[hint + 2] as number)) return (this.#hint = hint + 1)
    }
    this.#hint = runOf(starts, at)
    return this.#hint
  }

  /** Cell `cell` of record `at`. */
  cell(at: number, cell: number): unknown {
    const b = this.blockOf(at)
    return (this.blocks[b] as unknown[])[(at - (this.starts[b] as number)) * this.stride + cell]
  }

  /** Sets cell `cell` of record `at`. */
  setCell(at: number, cell: number, value: unknown): void {
    const b = this.blockOf(at)
    const offset = at - (this.starts[b] as number)
    ;(this.blocks[b] as unknown[])[offset * this.stride + cell] = value
    if (offset === 0) this.heads[b * this.stride + cell] = value
  }

  /** Index of the first record for which `precedes` is false (`length` when there is none). */
  search(precedes: Precedes): number {
    const { blocks, starts, heads } = this
    if (this.length === 0) return 0
    // The first block whose first record does not precede: the answer is at its start or in the block before it.
    let lo = 0
    let hi = blocks.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (precedes(heads, mid)) lo = mid + 1
      else hi = mid
    }
    if (lo === 0) return 0
    const block = blocks[lo - 1] as unknown[]
    let first = 0
    let last = block.length / this.stride
    while (first < last) {
      const mid = (first + last) >>> 1
      if (precedes(block, mid)) first = mid + 1
      else last = mid
    }
    return (starts[lo - 1] as number) + first
  }

  /** Inserts a record (its first `stride` of `a`, `b`, `c`: strides are 1 to 3) at index `at`. */
  insert(at: number, a: unknown, b?: unknown, c?: unknown): void {
    const index = this.blockOf(at)
    const block = this.blocks[index] as unknown[]
    const from = (at - (this.starts[index] as number)) * this.stride
    if (this.stride === 1) block.splice(from, 0, a)
    else if (this.stride === 2) block.splice(from, 0, a, b)
    else block.splice(from, 0, a, b, c)
    if (from === 0) this.#setHead(index)
    this.#shiftStarts(index + 1, 1)
    this.length++
    if (block.length > BLOCK_RECORDS * this.stride) {
      const tail = block.splice(HALF_BLOCK_RECORDS * this.stride)
      this.blocks.splice(index + 1, 0, tail)
      this.starts.splice(index + 1, 0, (this.starts[index] as number) + HALF_BLOCK_RECORDS)
      this.heads.splice((index + 1) * this.stride, 0, ...tail.slice(0, this.stride))
    }
  }

  /** Removes the record at index `at`. */
  remove(at: number): void {
    const index = this.blockOf(at)
    const block = this.blocks[index] as unknown[]
    const from = (at - (this.starts[index] as number)) * this.stride
    block.splice(from, this.stride)
    this.#shiftStarts(index + 1, -1)
    this.length--
    if (block.length === 0) {
      if (this.blocks.length === 1) this.heads.length = 0
      else this.#dropBlock(index)
      return
    }
    if (from === 0) this.#setHead(index)
    if (block.length >= MERGE_BELOW_RECORDS * this.stride) return
    // A small block joins a neighbour that has room for it, so that blocks stay few as a partition shrinks.
    const limit = BLOCK_RECORDS * this.stride
    const next = this.blocks[index + 1]
    if (next !== undefined && block.length + next.length <= limit) {
      block.push(...next)
      this.#dropBlock(index + 1)
      return
    }
    const previous = this.blocks[index - 1]
    if (previous !== undefined && block.length + previous.length <= limit) {
      previous.push(...block)
      this.#dropBlock(index)
    }
  }

  /** Forgets block `index` (emptied, or merged into a neighbour). */
  #dropBlock(index: number): void {
    this.blocks.splice(index, 1)
    this.starts.splice(index, 1)
    this.heads.splice(index * this.stride, this.stride)
  }

  #setHead(index: number): void {
    const block = this.blocks[index] as unknown[]
    for (let c = 0; c < this.stride; c++) this.heads[index * this.stride + c] = block[c]
  }

  #shiftStarts(from: number, by: number): void {
    const starts = this.starts
    for (let i = from; i < starts.length; i++) starts[i] = (starts[i] as number) + by
  }
}

/** Index of the run (block) holding record `at`, given each run's first record index; the first or last run beyond either end. */
export function runOf(starts: readonly number[], at: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1
    if ((starts[mid] as number) <= at) lo = mid
    else hi = mid - 1
  }
  return lo
}
