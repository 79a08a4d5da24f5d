import { invalidOption } from '../core/errors.js'
import type { AttributeMap, Frozen } from '../values/admission.js'
import type { StoredEntry } from './storage.js'

/** One page of a query or scan; `lastEvaluatedKey` is present when more items may follow. */
export interface Page<T, K> {
  readonly items: readonly Frozen<T>[]
  readonly lastEvaluatedKey?: Frozen<K>
}

/** A page ends after this many bytes of items (at least one item), as DynamoDB's do. */
export const MAX_PAGE_BYTES = 1024 * 1024

/** The page size a caller asked for: an integer >= 1, or no limit. */
export function checkLimit(limit: unknown, tableName: string): number {
  if (limit === undefined) return Number.POSITIVE_INFINITY
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) throw invalidOption('limit', 'an integer >= 1', limit, { tableName })
  return limit
}

/** What a read needs to turn entries into a page. */
export interface PageReader<E extends StoredEntry> {
  /** The item a caller receives for an entry. */
  readonly itemOf: (entry: E) => AttributeMap
  /** The `lastEvaluatedKey` of a page ending at this entry. */
  readonly keyOf: (entry: E) => AttributeMap
}

/** Up to `limit` items (and about 1 MB) of `entries`, with the key to continue after when more may follow. */
export function pageOf<E extends StoredEntry>(entries: Iterable<E>, limit: number, reader: PageReader<E>): Page<AttributeMap, AttributeMap> {
  const items: AttributeMap[] = []
  let bytes = 0
  let last: E | undefined
  let more = false
  for (const entry of entries) {
    if (items.length >= limit || (items.length > 0 && bytes >= MAX_PAGE_BYTES)) {
      more = true
      break
    }
    items.push(reader.itemOf(entry))
    bytes += entry.sizeBytes
    last = entry
  }
  return Object.freeze(
    more && last !== undefined ? { items: Object.freeze(items), lastEvaluatedKey: reader.keyOf(last) as Frozen<AttributeMap> } : { items: Object.freeze(items) },
  ) as Page<AttributeMap, AttributeMap>
}

/**
 * The page of entries `[start, end)` of an index partition (backwards when `reverse`), read from its cells (`cell`
 * reads cell 1, the item, and cell 2, the size, of an entry): the items are not visited, only the last one of a page
 * that has more after it, for its key.
 */
export function pageOfCells(
  cell: (at: number, cell: number) => unknown,
  start: number,
  end: number,
  reverse: boolean,
  limit: number,
  itemOf: (item: AttributeMap) => AttributeMap,
  keyOf: (item: AttributeMap) => AttributeMap,
): Page<AttributeMap, AttributeMap> {
  const out: AttributeMap[] = []
  let bytes = 0
  let i = reverse ? end - 1 : start
  const step = reverse ? -1 : 1
  for (; reverse ? i >= start : i < end; i += step) {
    if (out.length >= limit || (out.length > 0 && bytes >= MAX_PAGE_BYTES)) break
    out.push(itemOf(cell(i, 1) as AttributeMap))
    bytes += cell(i, 2) as number
  }
  const more = reverse ? i >= start : i < end
  return Object.freeze(
    more && out.length > 0 ? { items: Object.freeze(out), lastEvaluatedKey: keyOf(cell(i - step, 1) as AttributeMap) as Frozen<AttributeMap> } : { items: Object.freeze(out) },
  ) as Page<AttributeMap, AttributeMap>
}
