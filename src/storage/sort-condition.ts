import { invalidOption } from '../core/errors.js'
import { compareKeyValues, keyTypeOf, type KeyType, type KeyValue } from '../values/keys.js'
import { numberProblem, type Decimal, type NumberValue } from '../values/number.js'
import { bytesStartWith, utf8StartsWith } from '../values/utf8.js'

/** A condition on the sort key of a query; at most one of these fields may be set. */
export interface SortKeyCondition<S> {
  readonly equals?: S
  readonly lessThan?: S
  readonly lessThanOrEqual?: S
  readonly greaterThan?: S
  readonly greaterThanOrEqual?: S
  /** Inclusive bounds; the lower must not exceed the upper. */
  readonly between?: readonly [S, S]
  /** Sort keys that start with this string or these bytes (not for number sort keys). */
  readonly beginsWith?: S extends number | Decimal ? never : S
}

/** The fields of a sort key condition, in the order messages list them. */
export const SORT_CONDITION_NAMES = ['equals', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'between', 'beginsWith'] as const

/** What a condition reads of a storage's partition: its size, its entries' sort values, and searches in them. */
export interface SortedPartitions<Q> {
  sizeOf(partition: Q): number
  sortValueAt(partition: Q, at: number): KeyValue | undefined
  lowerBound(partition: Q, sortValue: KeyValue, inclusive: boolean): number
}

/** The sort key a condition is on, for checks and messages. */
export interface SortKeyTarget {
  /** The sort key attribute; undefined when the table (or index) has none. */
  readonly name: string | undefined
  /** Its known type, if any. */
  readonly type: KeyType | undefined
  readonly tableName: string
}

/**
 * The range `[start, end)` of a partition's entries that a sort key condition selects; the whole partition when
 * the condition is empty.
 */
export function sortBounds<Q>(
  storage: SortedPartitions<Q>,
  partition: Q,
  options: SortKeyCondition<KeyValue>,
  target: SortKeyTarget,
): [number, number] {
  const { name: sortKey, type: sortType, tableName } = target
  const set = SORT_CONDITION_NAMES.filter((k) => options[k] !== undefined)
  if (set.length === 0) return [0, storage.sizeOf(partition)]
  if (sortKey === undefined) throw invalidOption('query sort key condition', 'none on a table without a sort key', set[0], { tableName })
  if (set.length > 1) throw invalidOption('query sort key condition', 'at most one of equals, lessThan, lessThanOrEqual, greaterThan, greaterThanOrEqual, between, beginsWith', set.join(' and '), { tableName })
  const kind = set[0] as (typeof set)[number]
  const checkValue = (value: unknown, what: string): KeyValue => {
    const t = keyTypeOf(value)
    if (t === undefined || (sortType !== undefined && t !== sortType)) {
      throw invalidOption(`query ${what}`, `a ${sortType ?? 'string, number or Uint8Array'} sort key value`, value, { tableName, path: sortKey })
    }
    const problem = t === 'number' ? numberProblem(value as NumberValue) : undefined
    if (problem !== undefined) throw invalidOption(`query ${what} on ${sortKey}`, problem, value, { tableName, path: sortKey })
    return value as KeyValue
  }
  const lowerBound = (v: KeyValue, inclusive: boolean): number => storage.lowerBound(partition, v, inclusive)
  const n = storage.sizeOf(partition)
  switch (kind) {
    case 'equals': {
      const v = checkValue(options.equals, 'equals')
      return [lowerBound(v, true), lowerBound(v, false)]
    }
    case 'lessThan':
      return [0, lowerBound(checkValue(options.lessThan, 'lessThan'), true)]
    case 'lessThanOrEqual':
      return [0, lowerBound(checkValue(options.lessThanOrEqual, 'lessThanOrEqual'), false)]
    case 'greaterThan':
      return [lowerBound(checkValue(options.greaterThan, 'greaterThan'), false), n]
    case 'greaterThanOrEqual':
      return [lowerBound(checkValue(options.greaterThanOrEqual, 'greaterThanOrEqual'), true), n]
    case 'between': {
      const range = options.between
      if (!Array.isArray(range) || range.length !== 2) throw invalidOption('query between', 'a [lower, upper] pair', range, { tableName })
      const lo = checkValue(range[0], 'between lower bound')
      const hi = checkValue(range[1], 'between upper bound')
      if (keyTypeOf(lo) !== keyTypeOf(hi) || compareKeyValues(lo, hi) > 0) {
        throw invalidOption('query between', 'a lower bound less than or equal to the upper bound', range, { tableName })
      }
      return [lowerBound(lo, true), lowerBound(hi, false)]
    }
    case 'beginsWith': {
      const prefix = checkValue(options.beginsWith, 'beginsWith')
      if (keyTypeOf(prefix) === 'number') throw invalidOption('query beginsWith', 'a string or Uint8Array prefix (begins with does not apply to numbers)', prefix, { tableName })
      const start = lowerBound(prefix, true)
      let end = start
      while (end < n) {
        const v = storage.sortValueAt(partition, end) as KeyValue
        const matches = typeof prefix === 'string' ? typeof v === 'string' && utf8StartsWith(v, prefix) : v instanceof Uint8Array && bytesStartWith(v, prefix as Uint8Array)
        if (!matches) break
        end++
      }
      return [start, end]
    }
  }
}

/**
 * Whether a page may resume after `sortValue` under a condition (already checked by `sortBounds`), as the service
 * decides it: the value meets the condition on the side the read starts from; on the side it reads toward, a
 * table's sort key must lie strictly inside, as there is nothing past the bound to read. An index's sort key is
 * followed by the table's key, so its bound still leaves entries to read: `strictToward` is false for an index.
 * `equals` and `beginsWith` only ask that the value meets them.
 */
export function admitsStart(options: SortKeyCondition<KeyValue>, sortValue: KeyValue, reverse: boolean, strictToward: boolean): boolean {
  const compare = (bound: KeyValue): number => (keyTypeOf(bound) === keyTypeOf(sortValue) ? compareKeyValues(sortValue, bound) : Number.NaN)
  if (options.equals !== undefined) return compare(options.equals) === 0
  if (options.beginsWith !== undefined) {
    const prefix = options.beginsWith
    if (typeof prefix === 'string') return typeof sortValue === 'string' && utf8StartsWith(sortValue, prefix)
    return sortValue instanceof Uint8Array && bytesStartWith(sortValue, prefix as Uint8Array)
  }
  const above = (bound: KeyValue | undefined, inclusive: boolean, towardBound: boolean): boolean => {
    if (bound === undefined) return true
    const c = compare(bound)
    return c > 0 || (c === 0 && inclusive && !(strictToward && towardBound))
  }
  const below = (bound: KeyValue | undefined, inclusive: boolean, towardBound: boolean): boolean => {
    if (bound === undefined) return true
    const c = compare(bound)
    return c < 0 || (c === 0 && inclusive && !(strictToward && towardBound))
  }
  const [lower, lowerInclusive] = options.between?.[0] !== undefined ? [options.between[0], true] : options.greaterThanOrEqual !== undefined ? [options.greaterThanOrEqual, true] : [options.greaterThan, false]
  const [upper, upperInclusive] = options.between?.[1] !== undefined ? [options.between[1], true] : options.lessThanOrEqual !== undefined ? [options.lessThanOrEqual, true] : [options.lessThan, false]
  return above(lower, lowerInclusive, reverse) && below(upper, upperInclusive, !reverse)
}
