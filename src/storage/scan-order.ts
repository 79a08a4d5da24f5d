// A scan reads partitions in a stable order: by the hash of their key value, then by the value. Sorting every
// partition again whenever one came or went made each page of a scan that runs beside writes cost a full sort: at
// 100,000 partitions (a table without a sort key holds one per item), 37 ms a page. The order is now kept in blocks
// and brought up to date at the next scan by the partitions that came and went since, one by one, or by one sort
// when they are many. Writes only note the change, and nothing at all while no scan has asked for the order.
import { invalidOption } from '../core/errors.js'
import { compareKeyValues, hashKeyValue, type KeyValue } from '../values/keys.js'
import { Blocks } from './blocks.js'

/** What orders a partition in a scan: its key value's hash, then the value. */
export interface PartitionPlace {
  readonly hash: number
  readonly value: KeyValue
}

/** Orders partitions for scans: by hash, then by value (two values may share a hash). */
export function comparePartitions(a: PartitionPlace, b: PartitionPlace): number {
  return a.hash !== b.hash ? (a.hash >>> 0) - (b.hash >>> 0) : compareKeyValues(a.value, b.value)
}

/** Where a scan resumes: the partition of the last entry read, and that entry's position in it (undefined: the whole partition was read). */
export interface ScanStart<P> {
  readonly partitionValue: KeyValue
  readonly position: P | undefined
}

/** A segment of a parallel scan: the partitions whose key hash (unsigned) is in `[from, to)`. */
export interface HashRange {
  readonly from: number
  readonly to: number
}

/** True when the partition of `value` lies in the segment `range`. */
export function holdsHash(range: HashRange, value: KeyValue): boolean {
  const hash = hashKeyValue(value) >>> 0
  return hash >= range.from && hash < range.to
}

/** Most segments a parallel scan may have, as the service allows. */
export const MAX_TOTAL_SEGMENTS = 1_000_000

/**
 * The hash range of segment `segment` of `totalSegments` (both given or neither; undefined when neither): segments
 * are consecutive equal ranges of the partition key hash, so each reads its own run of partitions in scan order.
 */
export function segmentRange(segment: unknown, totalSegments: unknown, tableName: string): HashRange | undefined {
  if (segment === undefined && totalSegments === undefined) return undefined
  if (typeof totalSegments !== 'number' || !Number.isInteger(totalSegments) || totalSegments < 1 || totalSegments > MAX_TOTAL_SEGMENTS) {
    throw invalidOption('totalSegments', `an integer from 1 to ${MAX_TOTAL_SEGMENTS} (with segment)`, totalSegments, { tableName })
  }
  if (typeof segment !== 'number' || !Number.isInteger(segment) || segment < 0 || segment >= totalSegments) {
    throw invalidOption('segment', `an integer from 0 to totalSegments - 1 (${totalSegments - 1})`, segment, { tableName })
  }
  return { from: Math.floor((segment * 2 ** 32) / totalSegments), to: Math.floor(((segment + 1) * 2 ** 32) / totalSegments) }
}

/** Changes noted since the order was last brought up to date, at least; past it, the next scan sorts afresh. */
const MIN_PENDING_LIMIT = 64
/** ... or this share of the partitions in the order, when that is more. */
const PENDING_SHARE = 1 / 16

/** The partitions of a storage in scan order. */
export class ScanOrder<T extends PartitionPlace> {
  /** The order as of the last scan; undefined until a scan asks for it, and after many changes. */
  #order: Blocks | undefined
  readonly #added: T[] = []
  readonly #removed: T[] = []
  readonly #partitions: () => Iterable<T>
  readonly #isLive: (partition: T) => boolean

  /** `partitions` lists the storage's partitions; `isLive` tells whether a partition is still one of them. */
  constructor(partitions: () => Iterable<T>, isLive: (partition: T) => boolean) {
    this.#partitions = partitions
    this.#isLive = isLive
  }

  /** Notes a new partition. */
  added(partition: T): void {
    if (this.#order !== undefined) this.#note(this.#added, partition, this.#order)
  }

  /** Notes a partition that emptied and is gone. */
  removed(partition: T): void {
    if (this.#order !== undefined) this.#note(this.#removed, partition, this.#order)
  }

  #note(list: T[], partition: T, order: Blocks): void {
    list.push(partition)
    if (this.#added.length + this.#removed.length > Math.max(MIN_PENDING_LIMIT, order.length * PENDING_SHARE)) this.clear()
  }

  /** Forgets the order (the storage was emptied, or changed too much): the next scan sorts the partitions afresh. */
  clear(): void {
    this.#order = undefined
    this.#added.length = 0
    this.#removed.length = 0
  }

  /** The partitions in scan order, as cells of stride 1 (valid until the storage next changes). */
  current(): Blocks {
    if (this.#order === undefined) {
      this.#order = new Blocks(1, [...this.#partitions()].sort(comparePartitions))
      return this.#order
    }
    const order = this.#order
    // Removals first: a partition removed and then created again is a new object, which goes in after the old one left.
    for (const partition of this.#removed) {
      const at = placeOf(order, partition)
      if (at < order.length && order.cell(at, 0) === partition) order.remove(at)
    }
    for (const partition of this.#added) {
      // A partition may have come and gone between two scans, and never been in the order.
      if (this.#isLive(partition)) order.insert(placeOf(order, partition), partition)
    }
    this.#added.length = 0
    this.#removed.length = 0
    return order
  }

  /**
   * Where a scan begins: the first partition at or after `start`'s (or, without one, the first whose hash is at least
   * `fromHash`), whether that partition is skipped whole, and the position within it to read after.
   */
  beginning<P>(order: Blocks, start: ScanStart<P> | undefined, fromHash = 0): { first: number; skipFirst: boolean; after: P | undefined } {
    if (start === undefined) {
      const first = fromHash === 0 ? 0 : order.search((cells, i) => (cells[i] as PartitionPlace).hash >>> 0 < fromHash)
      return { first, skipFirst: false, after: undefined }
    }
    const first = placeOf(order, { hash: hashKeyValue(start.partitionValue) | 0, value: start.partitionValue })
    const match = first < order.length ? (order.cell(first, 0) as PartitionPlace) : undefined
    const resumes = match !== undefined && compareKeyValues(match.value, start.partitionValue) === 0
    return { first, skipFirst: resumes && start.position === undefined, after: resumes ? start.position : undefined }
  }
}

/** Index of the first partition of `order` at or after `place`. */
function placeOf(order: Blocks, place: PartitionPlace): number {
  return order.search((cells, i) => comparePartitions(cells[i] as PartitionPlace, place) < 0)
}
