import type { AttributeMap } from '../values/admission.js'
import { compareKeyValues, encodeKeyValue, hashKeyValue, type EncodedKey, type KeySchema, type KeyValue } from '../values/keys.js'
import { insertTripleAt, removeRecordAt, shiftTriple } from './array-moves.js'
import { Blocks } from './blocks.js'
import type { CellRuns } from './page.js'
import { ScanOrder, type HashRange, type ScanStart } from './scan-order.js'
import { FLAT_MOVES_MAX, type StoredEntry, type StoredPosition } from './storage.js'

/** Where an entry sits in an index: index sort key, then the table's primary key (index keys are not unique). */
export interface IndexPosition extends StoredPosition {
  readonly tablePartition: KeyValue
  readonly tableSort: KeyValue | undefined
}

/** One entry of an index as a scan reads it: its sort key value, projected item and size. */
export interface IndexEntry extends StoredEntry {
  readonly sortValue: KeyValue | undefined
  readonly item: AttributeMap
  readonly sizeBytes: number
}

// Up to this many entries, an entry whose item is known is found by a scan for that item.
const IDENTITY_SCAN_LIMIT = 32
/** Cells per entry of an IndexPartition: sort key value, item, size. */
export const CELLS = 3

/**
 * The entries of one index partition key, in index order, kept in one array and no entry objects: a write touches the
 * partition and one array, and a page reads contiguous cells. An entry's place among equal sort keys is given by the
 * table key attributes of its item, which every projection holds.
 */
export class IndexPartition {
  readonly value: KeyValue
  /** The partition key's hash as a signed 32-bit integer (see Partition.hash). */
  readonly hash: number
  /**
   * Three cells per entry: its sort key value (undefined in an index without a sort key), projected item, size in
   * bytes; empty once the partition is in blocks.
   */
  readonly cells: (KeyValue | AttributeMap | undefined)[] = []
  /** The entries' cells once a write would have moved more than FLAT_MOVES_MAX of them (see blocks.ts). */
  blocks: Blocks | undefined

  constructor(value: KeyValue, hash: number) {
    this.value = value
    this.hash = hash | 0
  }
}

/** Moves a flat index partition's cells into blocks. */
function toBlocks(partition: IndexPartition): void {
  partition.blocks = new Blocks(CELLS, partition.cells)
  partition.cells.length = 0
}

/**
 * A secondary index's entries: in partitions by index partition key, ordered within a partition by index sort key
 * and then by the table's primary key.
 */
export class IndexStorage {
  readonly #partitions = new Map<EncodedKey, IndexPartition>()
  readonly #sorted: boolean
  readonly #tablePartitionKey: string
  readonly #tableSortKey: string | undefined
  readonly #scanOrder = new ScanOrder<IndexPartition>(
    () => this.#partitions.values(),
    (partition) => this.#partitions.get(encodeKeyValue(partition.value)) === partition,
  )
  /** Number of entries. */
  count = 0
  /** Sum of the entries' sizes. */
  sizeBytes = 0

  /** `sorted`: the index has a sort key; `table`: the key schema of the table whose items it holds. */
  constructor(sorted: boolean, table: KeySchema) {
    this.#sorted = sorted
    this.#tablePartitionKey = table.partitionKey
    this.#tableSortKey = table.sortKey
  }

  /** The partition of an encoded partition key value, if it holds anything. */
  partition(encoded: EncodedKey): IndexPartition | undefined {
    return this.#partitions.get(encoded)
  }

  /** Number of entries of a partition. */
  sizeOf(partition: IndexPartition): number {
    return partition.blocks === undefined ? partition.cells.length / CELLS : partition.blocks.length
  }

  /** The sort key value of the entry at `at`. */
  sortValueAt(partition: IndexPartition, at: number): KeyValue | undefined {
    return this.#cellAt(partition, at, 0) as KeyValue | undefined
  }

  #cellAt(partition: IndexPartition, at: number, cell: number): unknown {
    return partition.blocks === undefined ? partition.cells[CELLS * at + cell] : partition.blocks.cell(at, cell)
  }

  /** A partition's cells (sort value, item, size per entry) as runs, for a page of it. */
  runsOf(partition: IndexPartition): CellRuns {
    return partition.blocks ?? { blocks: [partition.cells], starts: [0] }
  }

  /** Index of the first entry whose sort key is not below `sortValue` (or above it, when not `inclusive`). */
  lowerBound(partition: IndexPartition, sortValue: KeyValue | undefined, inclusive = true): number {
    if (!this.#sorted) return 0
    if (partition.blocks !== undefined) {
      return partition.blocks.search((block, at) => {
        const c = compareKeyValues(block[CELLS * at] as KeyValue, sortValue as KeyValue)
        return c < 0 || (!inclusive && c === 0)
      })
    }
    const cells = partition.cells
    let lo = 0
    let hi = cells.length / CELLS
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = compareKeyValues(cells[CELLS * mid] as KeyValue, sortValue as KeyValue)
      if (c < 0 || (!inclusive && c === 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Index of the first entry at or after `position` in the full order (sort key, then table key). */
  positionOf(partition: IndexPartition, position: IndexPosition): number {
    return this.#search(partition, position.sortValue, position.tablePartition, position.tableSort, -1)
  }

  /** Index of the first entry strictly after `position` in the full order. */
  positionAfter(partition: IndexPartition, position: IndexPosition): number {
    const { sortValue, tablePartition, tableSort } = position
    const at = this.#search(partition, sortValue, tablePartition, tableSort, -1)
    return at < this.sizeOf(partition) && this.#isAt(partition, at, sortValue, tablePartition, tableSort) ? at + 1 : at
  }

  /** Orders the item at `at` against a table key: negative when it comes first. */
  #compareTableKey(partition: IndexPartition, at: number, tablePartition: KeyValue, tableSort: KeyValue | undefined): number {
    return this.#compareItemKey(this.#cellAt(partition, at, 1) as AttributeMap, tablePartition, tableSort)
  }

  /** Orders a stored item against a table key by its table key attributes: negative when it comes first. */
  #compareItemKey(item: AttributeMap, tablePartition: KeyValue, tableSort: KeyValue | undefined): number {
    const c = compareKeyValues(item[this.#tablePartitionKey] as KeyValue, tablePartition)
    if (c !== 0 || this.#tableSortKey === undefined) return c
    return compareKeyValues(item[this.#tableSortKey] as KeyValue, tableSort as KeyValue)
  }

  /** True when the entry at `at` is the one at (sort value, table key). */
  #isAt(partition: IndexPartition, at: number, sortValue: KeyValue | undefined, tablePartition: KeyValue, tableSort: KeyValue | undefined): boolean {
    if (this.#sorted && compareKeyValues(this.#cellAt(partition, at, 0) as KeyValue, sortValue as KeyValue) !== 0) return false
    return this.#compareTableKey(partition, at, tablePartition, tableSort) === 0
  }

  /**
   * Index of the entry at `position`, or -1 when there is none. `stored`, when given, is the very item the entry
   * holds (an index projecting ALL shares the table's item): in a small partition the entry is found by identity,
   * reading one array rather than the sort values and the items a search compares.
   */
  #indexOf(partition: IndexPartition, position: IndexPosition, stored?: AttributeMap): number {
    const cells = partition.cells
    if (stored !== undefined && partition.blocks === undefined && cells.length <= CELLS * IDENTITY_SCAN_LIMIT) {
      for (let i = 1; i < cells.length; i += CELLS) if (cells[i] === stored) return (i - 1) / CELLS
    }
    const { sortValue, tablePartition, tableSort } = position
    const at = this.#search(partition, sortValue, tablePartition, tableSort, -1)
    return at < this.sizeOf(partition) && this.#isAt(partition, at, sortValue, tablePartition, tableSort) ? at : -1
  }

  /**
   * Index of the first entry at or after (sort value, table key), leaving out the entry at `skip` (none when -1): a
   * moved entry's new place is searched while it still stands at its old one.
   */
  #search(partition: IndexPartition, sortValue: KeyValue | undefined, tablePartition: KeyValue, tableSort: KeyValue | undefined, skip: number): number {
    const compareSort = this.#sorted && sortValue !== undefined
    if (partition.blocks !== undefined) {
      if (skip >= 0) throw new Error('A search in blocks cannot leave an entry out: move the entry out first')
      return partition.blocks.search((block, at) => {
        const c = compareSort ? compareKeyValues(block[CELLS * at] as KeyValue, sortValue) : 0
        return c < 0 || (c === 0 && this.#compareItemKey(block[CELLS * at + 1] as AttributeMap, tablePartition, tableSort) < 0)
      })
    }
    const cells = partition.cells
    const size = cells.length / CELLS
    let lo = 0
    let hi = skip < 0 ? size : size - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const i = skip < 0 || mid < skip ? mid : mid + 1
      const c = compareSort ? compareKeyValues(cells[CELLS * i] as KeyValue, sortValue) : 0
      if (c < 0 || (c === 0 && this.#compareTableKey(partition, i, tablePartition, tableSort) < 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Adds an entry (a table item as the index projects it), creating its partition when it is the first. */
  insert(partitionValue: KeyValue, encoded: EncodedKey, sortValue: KeyValue | undefined, item: AttributeMap, sizeBytes: number): void {
    let partition = this.#partitions.get(encoded)
    if (partition === undefined) {
      partition = new IndexPartition(partitionValue, hashKeyValue(partitionValue))
      this.#partitions.set(encoded, partition)
      this.#scanOrder.added(partition)
    }
    const at = this.#search(partition, sortValue, item[this.#tablePartitionKey] as KeyValue, this.#tableSortKey === undefined ? undefined : (item[this.#tableSortKey] as KeyValue), -1)
    if (partition.blocks === undefined && this.sizeOf(partition) - at > FLAT_MOVES_MAX) toBlocks(partition)
    if (partition.blocks !== undefined) partition.blocks.insert(at, sortValue, item, sizeBytes)
    else insertTripleAt(partition.cells, at, sortValue, item, sizeBytes)
    this.count++
    this.sizeBytes += sizeBytes
  }

  /** Removes the entry at `position` of its partition (dropping the partition when it empties); false when there is none. */
  remove(partition: IndexPartition, encoded: EncodedKey, position: IndexPosition): boolean {
    const at = this.#indexOf(partition, position)
    if (at < 0) return false
    this.sizeBytes -= this.#cellAt(partition, at, 2) as number
    if (partition.blocks === undefined && this.sizeOf(partition) - at > FLAT_MOVES_MAX) toBlocks(partition)
    if (partition.blocks !== undefined) partition.blocks.remove(at)
    else removeRecordAt(partition.cells, at, CELLS)
    if (this.sizeOf(partition) === 0) {
      this.#partitions.delete(encoded)
      this.#scanOrder.removed(partition)
    }
    this.count--
    return true
  }

  /**
   * Gives the entry at `from` another sort value, item and size (never another partition or table key) and puts it
   * where its new sort value places it; false when there is no such entry. `stored`: the item the entry holds, if known.
   */
  move(partition: IndexPartition, from: IndexPosition, sortValue: KeyValue | undefined, item: AttributeMap, sizeBytes: number, stored?: AttributeMap): boolean {
    const at = this.#indexOf(partition, from, stored)
    if (at < 0) return false
    this.sizeBytes += sizeBytes - (this.#cellAt(partition, at, 2) as number)
    if (partition.blocks === undefined) {
      const to = this.#search(partition, sortValue, from.tablePartition, from.tableSort, at)
      if (Math.abs(to - at) <= FLAT_MOVES_MAX) {
        shiftTriple(partition.cells, at, to, sortValue, item, sizeBytes)
        return true
      }
      toBlocks(partition)
    }
    const blocks = partition.blocks as Blocks
    blocks.remove(at)
    blocks.insert(this.#search(partition, sortValue, from.tablePartition, from.tableSort, -1), sortValue, item, sizeBytes)
    return true
  }

  /** Gives the entry at `position` another item and size, in the same place; false when there is no such entry. */
  replace(partition: IndexPartition, position: IndexPosition, item: AttributeMap, sizeBytes: number): boolean {
    const at = this.#indexOf(partition, position)
    if (at < 0) return false
    this.sizeBytes += sizeBytes - (this.#cellAt(partition, at, 2) as number)
    if (partition.blocks !== undefined) {
      partition.blocks.setCell(at, 1, item)
      partition.blocks.setCell(at, 2, sizeBytes)
      return true
    }
    partition.cells[CELLS * at + 1] = item
    partition.cells[CELLS * at + 2] = sizeBytes
    return true
  }

  /**
   * Every entry in scan order, or those after `start`: after its position within its partition, or after the whole
   * partition when the position is undefined; `hashes` limits it to the partitions of one segment.
   */
  *scan(start?: ScanStart<IndexPosition>, hashes?: HashRange): Generator<IndexEntry> {
    const order = this.#scanOrder.current()
    const { first, skipFirst, after } = this.#scanOrder.beginning(order, start, hashes?.from)
    const toHash = hashes?.to ?? 2 ** 32
    for (let p = first; p < order.length; p++) {
      const partition = order.cell(p, 0) as IndexPartition
      if (partition.hash >>> 0 >= toHash) return
      if (p === first && skipFirst) continue
      const size = this.sizeOf(partition)
      for (let i = p === first && after !== undefined ? this.positionAfter(partition, after) : 0; i < size; i++) {
        yield { sortValue: this.#cellAt(partition, i, 0) as KeyValue | undefined, item: this.#cellAt(partition, i, 1) as AttributeMap, sizeBytes: this.#cellAt(partition, i, 2) as number }
      }
    }
  }

  /** Drops every entry. */
  clear(): void {
    this.#partitions.clear()
    this.#scanOrder.clear()
    this.count = 0
    this.sizeBytes = 0
  }
}
