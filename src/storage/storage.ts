import { compareKeyValues, encodeKeyValue, hashKeyValue, type EncodedKey, type KeyValue } from '../values/keys.js'

/** A place in a partition's order: the sort key value, and whatever breaks ties between equal sort keys. */
export interface StoredPosition {
  /** The entry's sort key value; undefined in a storage without a sort key. */
  readonly sortValue: KeyValue | undefined
}

/** One stored item, as a page reads it. */
export interface StoredEntry extends StoredPosition {
  readonly item: object
  readonly sizeBytes: number
}

/** The entries of one partition key, in sort order. */
export interface Partition<E> {
  readonly value: KeyValue
  /**
   * The partition key's hash as a signed 32-bit integer (`>>> 0` gives the unsigned hash): V8 keeps such a number
   * in the object itself, where an unsigned one above 2^31 would be a separate heap number to load on every write.
   */
  readonly hash: number
  readonly items: E[]
}

/** A partition of a storage whose sort keys are not unique (or absent): entries only. */
class ListPartition<E> implements Partition<E> {
  readonly value: KeyValue
  readonly hash: number
  readonly items: E[] = []

  constructor(value: KeyValue, hash: number) {
    this.value = value
    this.hash = hash | 0
  }
}

/**
 * A partition that also keeps its entries' sort values, items and sizes in arrays of their own: a search and a page
 * read those contiguous arrays instead of visiting entry objects scattered over a large heap.
 */
class ColumnPartition<E extends StoredEntry> extends ListPartition<E> {
  readonly sortValues: (KeyValue | undefined)[] = []
  readonly outs: object[] = []
  readonly sizes: number[] = []
}

/**
 * A partition of a storage with unique sort keys, which is also the map from sort key to entry: one object fewer
 * to load on every write than a partition holding a map.
 */
class KeyedPartition<E> extends Map<EncodedKey, E> implements Partition<E> {
  readonly value: KeyValue
  readonly hash: number
  readonly items: E[] = []

  constructor(value: KeyValue, hash: number) {
    super()
    this.value = value
    this.hash = hash | 0
  }
}

/** An empty partition, for checks that need one where a storage has none. */
export function emptyPartition<E>(value: KeyValue): Partition<E> {
  return new ListPartition<E>(value, 0)
}

/** How a storage orders and finds its entries. */
export interface StorageLayout<P extends StoredPosition> {
  /** Entries are ordered by sort key value within their partition. */
  readonly sorted: boolean
  /** At most one entry per (partition key, sort key): exact lookups by key. */
  readonly unique: boolean
  /** Orders entries whose sort keys are equal (non-unique storages); 0 when they are the same entry. */
  readonly compareTies?: (a: P, b: P) => number
  /**
   * Keeps sort values, items and sizes in arrays of their own as well (see `columnsOf`); an entry's item and size
   * may then change only through `reposition` and `rewrote`.
   */
  readonly columns?: boolean
}

/** The column arrays of a partition of a storage laid out with `columns`. */
export interface PartitionColumns {
  readonly sortValues: readonly (KeyValue | undefined)[]
  readonly outs: readonly object[]
  readonly sizes: readonly number[]
}

/** Orders partitions for scans: by hash, then by value (two values may share a hash). */
export function comparePartitions(a: { readonly hash: number; readonly value: KeyValue }, b: { readonly hash: number; readonly value: KeyValue }): number {
  return a.hash !== b.hash ? (a.hash >>> 0) - (b.hash >>> 0) : compareKeyValues(a.value, b.value)
}

/**
 * Items kept in partitions by partition key and sorted within a partition (numbers numerically, strings and
 * binaries by unsigned bytes); a table's primary storage and each of its secondary indexes is one.
 */
export class Storage<P extends StoredPosition, E extends P & StoredEntry> {
  readonly #partitions = new Map<EncodedKey, Partition<E>>()
  readonly #sorted: boolean
  readonly #compareTies: ((a: P, b: P) => number) | undefined
  /** Sorted and unique: each partition maps its sort keys to their entries. */
  readonly #keyed: boolean
  readonly #columns: boolean
  #scanOrder: Partition<E>[] | undefined
  /** Number of entries. */
  count = 0
  /** Sum of the entries' sizes. */
  sizeBytes = 0

  constructor(layout: StorageLayout<P>) {
    this.#sorted = layout.sorted
    this.#compareTies = layout.compareTies
    this.#keyed = layout.sorted && layout.unique
    this.#columns = layout.columns === true
  }

  /** The column arrays of a partition, in a storage laid out with `columns`; undefined otherwise. */
  columnsOf(partition: Partition<E>): PartitionColumns | undefined {
    return this.#columns ? (partition as unknown as ColumnPartition<E>) : undefined
  }

  /** The partition of an encoded partition key value, if it holds anything. */
  partition(encoded: EncodedKey): Partition<E> | undefined {
    return this.#partitions.get(encoded)
  }

  /** The entry with this sort key in a unique storage's partition (its only entry when there is no sort key). */
  lookup(partition: Partition<E> | undefined, sortValue: KeyValue | undefined): E | undefined {
    if (partition === undefined) return undefined
    return this.#keyed ? (partition as KeyedPartition<E>).get(encodeKeyValue(sortValue as KeyValue)) : partition.items[0]
  }

  /** Index of the first entry whose sort key is not below `sortValue` (or above it, when not `inclusive`). */
  lowerBound(partition: Partition<E>, sortValue: KeyValue | undefined, inclusive = true): number {
    if (!this.#sorted) return 0
    const items = partition.items
    const values = this.#columns ? (partition as unknown as ColumnPartition<E>).sortValues : undefined
    let lo = 0
    let hi = items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = compareKeyValues((values === undefined ? (items[mid] as E).sortValue : values[mid]) as KeyValue, sortValue as KeyValue)
      if (c < 0 || (!inclusive && c === 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Index of the first entry at or after `position` in the full order (sort key, then ties). */
  positionOf(partition: Partition<E>, position: P): number {
    return this.#compareTies === undefined ? this.lowerBound(partition, position.sortValue) : this.#search(partition, position, -1)
  }

  /**
   * Index of the first entry at or after `position` in the full order of the partition's entries, leaving out the one
   * at `skip` (none when -1): a moved entry's new place is searched while it still stands at its old one.
   */
  #search(partition: Partition<E>, position: P, skip: number): number {
    const ties = this.#compareTies
    const items = partition.items
    // The sort value column may still hold the skipped entry's old value, which the search never reads.
    const values = this.#columns ? (partition as unknown as ColumnPartition<E>).sortValues : undefined
    let lo = 0
    let hi = skip < 0 ? items.length : items.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const i = skip < 0 || mid < skip ? mid : mid + 1
      const value = values === undefined ? (items[i] as E).sortValue : values[i]
      const c = this.#sorted && position.sortValue !== undefined ? compareKeyValues(value as KeyValue, position.sortValue) : 0
      if (c < 0 || (c === 0 && ties !== undefined && ties(items[i] as E, position) < 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** Index of the first entry strictly after `position` in the full order. */
  positionAfter(partition: Partition<E>, position: P): number {
    const at = this.positionOf(partition, position)
    const here = partition.items[at]
    return here !== undefined && this.#equalPosition(here, position) ? at + 1 : at
  }

  #equalPosition(entry: E, position: P): boolean {
    if (this.#sorted && compareKeyValues(entry.sortValue as KeyValue, position.sortValue as KeyValue) !== 0) return false
    return this.#compareTies === undefined || this.#compareTies(entry, position) === 0
  }

  /** Adds an entry, creating its partition when it is the first; returns the partition. */
  insert(partitionValue: KeyValue, encoded: EncodedKey, entry: E, hash?: number): Partition<E> {
    let partition = this.#partitions.get(encoded)
    if (partition === undefined) {
      const h = hash ?? hashKeyValue(partitionValue)
      partition = this.#keyed ? new KeyedPartition<E>(partitionValue, h) : this.#columns ? new ColumnPartition<E>(partitionValue, h) : new ListPartition<E>(partitionValue, h)
      this.#partitions.set(encoded, partition)
      this.#scanOrder = undefined
    }
    const at = this.#compareTies === undefined ? this.lowerBound(partition, entry.sortValue) : this.positionOf(partition, entry)
    insertAt(partition.items, at, entry)
    if (this.#keyed) (partition as KeyedPartition<E>).set(encodeKeyValue(entry.sortValue as KeyValue), entry)
    if (this.#columns) insertColumns(partition as unknown as ColumnPartition<E>, at, entry)
    this.count++
    this.sizeBytes += entry.sizeBytes
    return partition
  }

  /** Removes the entry at `position` of its partition (dropping the partition when it empties); returns it. */
  remove(partition: Partition<E>, encoded: EncodedKey, position: P): E | undefined {
    const at = this.#compareTies === undefined ? this.lowerBound(partition, position.sortValue) : this.positionOf(partition, position)
    const entry = partition.items[at]
    if (entry === undefined || !this.#equalPosition(entry, position)) return undefined
    removeAt(partition.items, at)
    if (this.#keyed) (partition as KeyedPartition<E>).delete(encodeKeyValue(entry.sortValue as KeyValue))
    if (this.#columns) removeColumns(partition as unknown as ColumnPartition<E>, at)
    if (partition.items.length === 0) {
      this.#partitions.delete(encoded)
      this.#scanOrder = undefined
    }
    this.count--
    this.sizeBytes -= entry.sizeBytes
    return entry
  }

  /**
   * Moves the entry at `from` within its partition: `change` rewrites it in place (its sort value, item and size;
   * never its partition key), and it is put back where its new position sorts. False when there is no such entry.
   */
  reposition(partition: Partition<E>, from: P, change: (entry: E) => void): boolean {
    const items = partition.items
    const at = this.positionOf(partition, from)
    const entry = items[at]
    if (entry === undefined || !this.#equalPosition(entry, from)) return false
    if (this.#keyed) (partition as KeyedPartition<E>).delete(encodeKeyValue(entry.sortValue as KeyValue))
    const was = entry.sizeBytes
    change(entry)
    this.sizeBytes += entry.sizeBytes - was
    const to = this.#search(partition, entry, at)
    shift(items, at, to, entry)
    if (this.#keyed) (partition as KeyedPartition<E>).set(encodeKeyValue(entry.sortValue as KeyValue), entry)
    if (this.#columns) {
      const columns = partition as unknown as ColumnPartition<E>
      shift(columns.sortValues, at, to, entry.sortValue)
      shift(columns.outs, at, to, entry.item)
      shift(columns.sizes, at, to, entry.sizeBytes)
    }
    return true
  }

  /** Records that the entry at `at` kept its place but got another item (and maybe size). */
  rewrote(partition: Partition<E>, at: number, wasBytes: number): void {
    const entry = partition.items[at] as E
    this.sizeBytes += entry.sizeBytes - wasBytes
    if (this.#columns) {
      const columns = partition as unknown as ColumnPartition<E>
      columns.outs[at] = entry.item
      columns.sizes[at] = entry.sizeBytes
    }
  }

  /** Records that an entry kept its place but changed size. */
  resized(before: number, after: number): void {
    this.sizeBytes += after - before
  }

  /** Every partition in scan order (hash, then value); cached until a partition comes or goes. */
  scanOrder(): readonly Partition<E>[] {
    this.#scanOrder ??= [...this.#partitions.values()].sort(comparePartitions)
    return this.#scanOrder
  }

  /** Index in scan order of the first partition at or after (hash, value). */
  scanIndexOf(value: KeyValue): number {
    const order = this.scanOrder()
    const probe = { hash: hashKeyValue(value) | 0, value }
    let lo = 0
    let hi = order.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (comparePartitions(order[mid] as Partition<E>, probe) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /**
   * Every entry in scan order, or those after `start`: after its position within its partition, or after the whole
   * partition when the position is undefined (a storage without sort key or ties holds one entry per partition).
   */
  *scan(start?: { readonly partitionValue: KeyValue; readonly position: P | undefined }): Generator<E> {
    const order = this.scanOrder()
    let first = 0
    let skipFirst = false
    let after: P | undefined
    if (start !== undefined) {
      first = this.scanIndexOf(start.partitionValue)
      const match = order[first]
      if (match !== undefined && compareKeyValues(match.value, start.partitionValue) === 0) {
        if (start.position === undefined) skipFirst = true
        else after = start.position
      }
    }
    for (let p = first; p < order.length; p++) {
      const partition = order[p] as Partition<E>
      if (p === first && skipFirst) continue
      const items = partition.items
      for (let i = p === first && after !== undefined ? this.positionAfter(partition, after) : 0; i < items.length; i++) yield items[i] as E
    }
  }

  /** Drops every entry. */
  clear(): void {
    this.#partitions.clear()
    this.#scanOrder = undefined
    this.count = 0
    this.sizeBytes = 0
  }
}

// Moving a few elements by hand beats splice, which allocates the array of removed elements on every call; a long
// tail is left to splice, whose native move wins there.
const HAND_MOVE_LIMIT = 32

function insertAt<T>(array: T[], at: number, value: T): void {
  let i = array.length
  if (i - at > HAND_MOVE_LIMIT) {
    array.splice(at, 0, value)
    return
  }
  array.push(value)
  for (; i > at; i--) array[i] = array[i - 1] as T
  array[at] = value
}

function removeAt<T>(array: T[], at: number): void {
  const last = array.length - 1
  if (last - at > HAND_MOVE_LIMIT) {
    array.splice(at, 1)
    return
  }
  for (let i = at; i < last; i++) array[i] = array[i + 1] as T
  array.pop()
}

/** Moves the element at `from` to `to`, the elements between moving up or down by one, and stores `value` there. */
function shift<T>(array: T[], from: number, to: number, value: T): void {
  if (Math.abs(to - from) > HAND_MOVE_LIMIT) {
    array.splice(from, 1)
    array.splice(to, 0, value)
    return
  }
  if (from < to) for (let i = from; i < to; i++) array[i] = array[i + 1] as T
  else for (let i = from; i > to; i--) array[i] = array[i - 1] as T
  array[to] = value
}

function insertColumns<E extends StoredEntry>(partition: ColumnPartition<E>, at: number, entry: E): void {
  insertAt(partition.sortValues, at, entry.sortValue)
  insertAt(partition.outs, at, entry.item)
  insertAt(partition.sizes, at, entry.sizeBytes)
}

function removeColumns<E extends StoredEntry>(partition: ColumnPartition<E>, at: number): void {
  removeAt(partition.sortValues, at)
  removeAt(partition.outs, at)
  removeAt(partition.sizes, at)
}
