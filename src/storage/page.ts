import { invalidOption } from '../core/errors.js'
import type { AttributeMap, Frozen } from '../values/admission.js'
import { runOf } from './blocks.js'
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

/** An index partition's cells as consecutive runs: `blocks[b]` holds the entries from `starts[b]` on (see blocks.ts). */
export interface CellRuns {
  readonly blocks: readonly (readonly unknown[])[]
  readonly starts: readonly number[]
}

/**
 * The page of entries `[start, end)` of an index partition (backwards when `reverse`), read from its cells, `stride`
 * per entry (sort value, item, size, ...): the items are not visited, only the last one of a page that has more after
 * it, for its key.
 */
export function pageOfCells(
  runs: CellRuns,
  stride: number,
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
  const { blocks, starts } = runs
  let run = runOf(starts, i)
  let cells = blocks[run] as readonly unknown[]
  let first = starts[run] as number
  let last: AttributeMap | undefined
  for (; reverse ? i >= start : i < end; i += step) {
    if (out.length >= limit || (out.length > 0 && bytes >= MAX_PAGE_BYTES)) break
    let at = (i - first) * stride
    // Runs are never empty, so the next entry is in this run or the next one.
    if (at < 0 || at >= cells.length) {
      run += step
      cells = blocks[run] as readonly unknown[]
      first = starts[run] as number
      at = (i - first) * stride
    }
    last = cells[at + 1] as AttributeMap
    out.push(itemOf(last))
    bytes += cells[at + 2] as number
  }
  const more = reverse ? i >= start : i < end
  return Object.freeze(
    more && last !== undefined ? { items: Object.freeze(out), lastEvaluatedKey: keyOf(last) as Frozen<AttributeMap> } : { items: Object.freeze(out) },
  ) as Page<AttributeMap, AttributeMap>
}
