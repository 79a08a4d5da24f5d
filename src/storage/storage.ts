import { compareKeyValues, encodeKeyValue, hashKeyValue, type EncodedKey, type KeyValue } from '../values/keys.js'
import { insertAt, insertPairAt, removeAt, removeRecordAt } from './array-moves.js'
import { Blocks } from './blocks.js'
import { ScanOrder, type HashRange, type ScanStart } from './scan-order.js'

/** A place in a partition's order: the sort key value. */
export interface StoredPosition {
  /** The entry's sort key value; undefined in a storage without a sort key. */
  readonly sortValue: KeyValue | undefined
}

/** One stored item, as a page reads it. */
export interface StoredEntry extends StoredPosition {
  readonly item: object
  readonly sizeBytes: number
}

/** The entries (of type E) of one partition key, in sort order, read through the storage that holds them. */
export interface Partition<E> {
  readonly value: KeyValue
  /**
   * The partition key's hash as a signed 32-bit integer (`>>> 0` gives the unsigned hash): V8 keeps such a number
   * in the object itself, where an unsigned one above 2^31 would be a separate heap number to load on every write.
   */
  readonly hash: number
}

/** A partition of a storage without a sort key: its one entry only. */
class ListPartition<E> implements Partition<E> {
  readonly value: KeyValue
  readonly hash: number
  readonly items: E[] = []

  constructor(value: KeyValue, hash: number) {
    this.value = value
    this.hash = hash | 0
  }
}

// Up to this many entries, a partition finds a sort key by reading its column of sort values; beyond, by a map.
const SCAN_LIMIT = 16
/**
 * A flat partition turns into blocks (see blocks.ts) when a write would move more than this many of its entries. One
 * that grows at its end (time-ordered sort keys, the common case) stays one array however large, which reads fastest.
 */
export const FLAT_MOVES_MAX = 1024
// Cells per entry, flat or in blocks: its sort value, then the entry.
const BLOCK_STRIDE = 2

/**
 * A partition of a storage with unique sort keys. Each entry's sort value sits beside it in one array (the layout of
 * a block): a lookup in a small partition reads that array alone, its sort value and entry on one cache line, rather
 * than a map's table or a column of sort values and another of entries.
 */
class KeyedPartition<E> implements Partition<E> {
  readonly value: KeyValue
  readonly hash: number
  /** The entries while the partition is flat, two cells each (sort value, entry); empty once it is in blocks. */
  cells: unknown[] = []
  /** Sort key to entry, once the partition has held more than SCAN_LIMIT entries. */
  byKey: Map<EncodedKey, E> | undefined
  /** The entries (two cells each: sort value, entry) once a write would have moved more than FLAT_MOVES_MAX. */
  blocks: Blocks | undefined

  constructor(value: KeyValue, hash: number) {
    this.value = value
    this.hash = hash | 0
  }
}

/** Moves a flat partition's entries into blocks. */
function toBlocks<E>(partition: KeyedPartition<E>): void {
  partition.blocks = new Blocks(BLOCK_STRIDE, partition.cells)
  partition.cells = []
}

/**
 * True when two key values of one key type are equal: identical strings or doubles, or equal binaries, Decimals, or
 * a Decimal and a double (a key read back from a caller need not be in the stored, canonical form).
 */
function sameSortValue(a: KeyValue, b: KeyValue): boolean {
  return a === b || ((typeof a === 'object' || typeof b === 'object') && compareKeyValues(a, b) === 0)
}

/** An empty partition, for checks that need one where a storage has none. */
export function emptyPartition<E>(value: KeyValue): Partition<E> {
  // Keyed, so that searches in either layout find nothing in it.
  return new KeyedPartition<E>(value, 0)
}

/** How a storage orders and finds its entries. */
export interface StorageLayout {
  /** Entries are ordered by sort key value within their partition (at most one per sort key); without, one per partition. */
  readonly sorted: boolean
}

/**
 * A table's items, kept in partitions by partition key and sorted within a partition by their unique sort key
 * (numbers numerically, strings and binaries by unsigned bytes). Secondary indexes keep theirs in IndexStorage.
 */
export class Storage<P extends StoredPosition, E extends P & StoredEntry> {
  readonly #partitions = new Map<EncodedKey, Partition<E>>()
  /** Entries are ordered by a unique sort key: partitions are KeyedPartitions (else ListPartitions of one entry). */
  readonly #sorted: boolean
  readonly #scanOrder = new ScanOrder<Partition<E>>(
    () => this.#partitions.values(),
    (partition) => this.#partitions.get(encodeKeyValue(partition.value)) === partition,
  )
  /** Number of entries. */
  count = 0
  /** Sum of the entries' sizes. */
  sizeBytes = 0

  constructor(layout: StorageLayout) {
    this.#sorted = layout.sorted
  }

  /** The partition of an encoded partition key value, if it holds anything. */
  partition(encoded: EncodedKey): Partition<E> | undefined {
    return this.#partitions.get(encoded)
  }

  /** The entry with this sort key in a partition (its only entry when there is no sort key). */
  lookup(partition: Partition<E> | undefined, sortValue: KeyValue | undefined): E | undefined {
    if (partition === undefined) return undefined
    if (!this.#sorted) return (partition as ListPartition<E>).items[0]
    const keyed = partition as KeyedPartition<E>
    if (keyed.byKey !== undefined) return keyed.byKey.get(encodeKeyValue(sortValue as KeyValue))
    const cells = keyed.cells
    for (let i = 0; i < cells.length; i += BLOCK_STRIDE) if (sameSortValue(cells[i] as KeyValue, sortValue as KeyValue)) return cells[i + 1] as E
    return undefined
  }

  /** Number of entries of a partition. */
  sizeOf(partition: Partition<E>): number {
    if (!this.#sorted) return (partition as ListPartition<E>).items.length
    const keyed = partition as KeyedPartition<E>
    return keyed.blocks === undefined ? keyed.cells.length / BLOCK_STRIDE : keyed.blocks.length
  }

  /** The entry at `at`. */
  entryAt(partition: Partition<E>, at: number): E | undefined {
    if (!this.#sorted) return (partition as ListPartition<E>).items[at]
    const keyed = partition as KeyedPartition<E>
    if (keyed.blocks === undefined) return keyed.cells[at * BLOCK_STRIDE + 1] as E | undefined
    return at < keyed.blocks.length ? (keyed.blocks.cell(at, 1) as E) : undefined
  }

  /** The sort key value of the entry at `at`. */
  sortValueAt(partition: Partition<E>, at: number): KeyValue | undefined {
    if (!this.#sorted) return ((partition as ListPartition<E>).items[at] as E).sortValue
    const keyed = partition as KeyedPartition<E>
    return keyed.blocks === undefined ? (keyed.cells[at * BLOCK_STRIDE] as KeyValue | undefined) : (keyed.blocks.cell(at, 0) as KeyValue)
  }

  /** Index of the first entry whose sort key is not below `sortValue` (or above it, when not `inclusive`). */
  lowerBound(partition: Partition<E>, sortValue: KeyValue | undefined, inclusive = true): number {
    if (!this.#sorted) return 0
    const keyed = partition as KeyedPartition<E>
    if (keyed.blocks !== undefined) {
      return keyed.blocks.search((block, at) => {
        const c = compareKeyValues(block[BLOCK_STRIDE * at] as KeyValue, sortValue as KeyValue)
        return c < 0 || (!inclusive && c === 0)
      })
    }
    const cells = keyed.cells
    let lo = 0
    let hi = cells.length / BLOCK_STRIDE
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = compareKeyValues(cells[mid * BLOCK_STRIDE] as KeyValue, sortValue as KeyValue)
      if (c < 0 || (!inclusive && c === 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Index of the first entry at or after `position`. */
  positionOf(partition: Partition<E>, position: P): number {
    return this.lowerBound(partition, position.sortValue)
  }

  /** Index of the first entry strictly after `position`. */
  positionAfter(partition: Partition<E>, position: P): number {
    const at = this.positionOf(partition, position)
    const here = this.entryAt(partition, at)
    return here !== undefined && this.#equalPosition(here, position) ? at + 1 : at
  }

  #equalPosition(entry: E, position: P): boolean {
    return !this.#sorted || compareKeyValues(entry.sortValue as KeyValue, position.sortValue as KeyValue) === 0
  }

  /** Adds an entry, creating its partition when it is the first; returns the partition. */
  insert(partitionValue: KeyValue, encoded: EncodedKey, entry: E, hash?: number): Partition<E> {
    let partition = this.#partitions.get(encoded)
    if (partition === undefined) {
      const h = hash ?? hashKeyValue(partitionValue)
      partition = this.#sorted ? new KeyedPartition<E>(partitionValue, h) : new ListPartition<E>(partitionValue, h)
      this.#partitions.set(encoded, partition)
      this.#scanOrder.added(partition)
    }
    const at = this.lowerBound(partition, entry.sortValue)
    if (!this.#sorted) insertAt((partition as ListPartition<E>).items, at, entry)
    else {
      const keyed = partition as KeyedPartition<E>
      if (keyed.blocks === undefined && keyed.cells.length / BLOCK_STRIDE - at > FLAT_MOVES_MAX) toBlocks(keyed)
      if (keyed.blocks !== undefined) {
        keyed.blocks.insert(at, entry.sortValue, entry)
        ;(keyed.byKey as Map<EncodedKey, E>).set(encodeKeyValue(entry.sortValue as KeyValue), entry)
      } else {
        insertPairAt(keyed.cells, at, entry.sortValue, entry)
        this.#keep(keyed, entry)
      }
    }
    this.count++
    this.sizeBytes += entry.sizeBytes
    return partition
  }

  /** Removes the entry at `position` of its partition (dropping the partition when it empties); returns it. */
  remove(partition: Partition<E>, encoded: EncodedKey, position: P): E | undefined {
    const at = this.lowerBound(partition, position.sortValue)
    const entry = this.entryAt(partition, at)
    if (entry === undefined || !this.#equalPosition(entry, position)) return undefined
    if (!this.#sorted) removeAt((partition as ListPartition<E>).items, at)
    else {
      const keyed = partition as KeyedPartition<E>
      if (keyed.blocks === undefined && keyed.cells.length / BLOCK_STRIDE - at > FLAT_MOVES_MAX) toBlocks(keyed)
      if (keyed.blocks !== undefined) keyed.blocks.remove(at)
      else removeRecordAt(keyed.cells, at, BLOCK_STRIDE)
      keyed.byKey?.delete(encodeKeyValue(entry.sortValue as KeyValue))
    }
    if (this.sizeOf(partition) === 0) {
      this.#partitions.delete(encoded)
      this.#scanOrder.removed(partition)
    }
    this.count--
    this.sizeBytes -= entry.sizeBytes
    return entry
  }

  /** Files a new entry in the map once the partition is too large to scan. */
  #keep(partition: KeyedPartition<E>, entry: E): void {
    if (partition.byKey !== undefined) partition.byKey.set(encodeKeyValue(entry.sortValue as KeyValue), entry)
    else if (partition.cells.length > SCAN_LIMIT * BLOCK_STRIDE) {
      const byKey = new Map<EncodedKey, E>()
      for (let i = 0; i < partition.cells.length; i += BLOCK_STRIDE) byKey.set(encodeKeyValue(partition.cells[i] as KeyValue), partition.cells[i + 1] as E)
      partition.byKey = byKey
    }
  }

  /** Records that an entry kept its place but changed size. */
  resized(before: number, after: number): void {
    this.sizeBytes += after - before
  }

  /**
   * Every entry in scan order, or those after `start`: after its position within its partition, or after the whole
   * partition when the position is undefined (a storage without sort key holds one entry per partition); `hashes`
   * limits it to the partitions of one segment.
   */
  *scan(start?: ScanStart<P>, hashes?: HashRange): Generator<E> {
    const order = this.#scanOrder.current()
    const { first, skipFirst, after } = this.#scanOrder.beginning(order, start, hashes?.from)
    const toHash = hashes?.to ?? 2 ** 32
    for (let p = first; p < order.length; p++) {
      const partition = order.cell(p, 0) as Partition<E>
      if (partition.hash >>> 0 >= toHash) return
      if (p === first && skipFirst) continue
      // Entry by entry rather than through range(): a table without a sort key holds one partition per item, and a
      // generator per partition would cost more than its one entry.
      const end = this.sizeOf(partition)
      for (let i = p === first && after !== undefined ? this.positionAfter(partition, after) : 0; i < end; i++) yield this.entryAt(partition, i) as E
    }
  }

  /** The entries `[start, end)` of a partition, backwards when `reverse`. */
  *range(partition: Partition<E>, start: number, end: number, reverse: boolean): Generator<E> {
    const blocks = this.#sorted ? (partition as KeyedPartition<E>).blocks : undefined
    if (blocks === undefined) {
      // One array either way: a list partition's entries, or a flat keyed partition's (sort value, entry) pairs.
      const cells: readonly unknown[] = this.#sorted ? (partition as KeyedPartition<E>).cells : (partition as ListPartition<E>).items
      const stride = this.#sorted ? BLOCK_STRIDE : 1
      const offset = stride - 1
      if (reverse) for (let i = end - 1; i >= start; i--) yield cells[i * stride + offset] as E
      else for (let i = start; i < end; i++) yield cells[i * stride + offset] as E
      return
    }
    // In order, each entry's block is found from the one read before it (Blocks keeps it), without a search.
    if (reverse) for (let i = end - 1; i >= start; i--) yield blocks.cell(i, 1) as E
    else for (let i = start; i < end; i++) yield blocks.cell(i, 1) as E
  }

  /** Drops every entry. */
  clear(): void {
    this.#partitions.clear()
    this.#scanOrder.clear()
    this.count = 0
    this.sizeBytes = 0
  }
}
