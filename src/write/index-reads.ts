// Queries and scans of a secondary index: its pages carry the index key plus the table's key, as DynamoDB forms them.
import { invalidOption } from '../core/errors.js'
import { CELLS, IndexPartition, type IndexEntry, type IndexPosition } from '../storage/index-storage.js'
import type { HashRange } from '../storage/scan-order.js'
import { checkLimit, pageOf, pageOfCells, type Page, type PageReader } from '../storage/page.js'
import type { SecondaryIndex } from '../storage/secondary-index.js'
import { sortBounds, SORT_CONDITION_NAMES } from '../storage/sort-condition.js'
import { handOut, type AttributeMap } from '../values/admission.js'
import { encodeKeyValue, keyTypeOf, type KeySchema, type KeyType, type KeyValue } from '../values/keys.js'
import { memberOf } from '../values/members.js'
import { checkQueryStart, checkSegmentStart, readStartKey, type StartKeyAttribute, type StartKeyPlace } from './start-key.js'
import type { QueryOptions } from './table-types.js'

/** What reading an index needs of its table. */
export interface IndexReadContext {
  readonly tableName: string
  readonly schema: KeySchema
  /** The known type of an attribute that a key (of the table or of an index) uses. */
  readonly typeOfKeyAttribute: (attribute: string) => KeyType | undefined
  /** False while no item holding a binary was ever written: reads then hand items out without a check each. */
  readonly mayHoldBinaries: () => boolean
}

// A caller must not be able to change the stored item through what it receives: binaries are copied. A check
// touches every item of a page, which a page of references otherwise would not: tables that never held a binary
// skip it.
const asStored = (item: AttributeMap): AttributeMap => item

/** What a caller receives for a stored item of the index: the item and its page key, copied where binaries may be. */
function handsOut(table: IndexReadContext, index: SecondaryIndex): { itemOf: (item: AttributeMap) => AttributeMap; keyOf: (item: AttributeMap) => AttributeMap } {
  if (!table.mayHoldBinaries()) return { itemOf: asStored, keyOf: (item) => index.keyOf(item) }
  return { itemOf: handOut, keyOf: (item) => handOut(index.keyOf(item)) }
}

function readerOf(table: IndexReadContext, index: SecondaryIndex): PageReader<IndexEntry> {
  const { itemOf, keyOf } = handsOut(table, index)
  return { itemOf: (entry) => itemOf(entry.item), keyOf: (entry) => keyOf(entry.item) }
}

/** The key attributes a start key of the index holds (the table's first), with their known types. */
function startKeyAttributes(table: IndexReadContext, index: SecondaryIndex): StartKeyAttribute[] {
  const { partitionKey, sortKey } = table.schema
  const indexKeys = index.schema.keySchema
  return index.keyAttributes.map((name) => ({
    name,
    type: table.typeOfKeyAttribute(name),
    role: name === partitionKey || (name !== sortKey && name === indexKeys.partitionKey) ? 'partition' : 'sort',
    ...(name === partitionKey || name === sortKey ? {} : { index: index.schema.name }),
  }))
}

/** Reads the index position a start key names, checking it as the service does (see start-key.ts). */
function indexStart(table: IndexReadContext, index: SecondaryIndex, key: unknown): { partitionValue: KeyValue; position: IndexPosition } {
  const { partitionKey, sortKey } = table.schema
  const source = readStartKey(key, startKeyAttributes(table, index), placeOf(table, index))
  const { partitionKey: indexPartition, sortKey: indexSort } = index.schema.keySchema
  return {
    partitionValue: memberOf(source, indexPartition) as KeyValue,
    position: {
      sortValue: indexSort === undefined ? undefined : (memberOf(source, indexSort) as KeyValue),
      tablePartition: memberOf(source, partitionKey) as KeyValue,
      tableSort: sortKey === undefined ? undefined : (memberOf(source, sortKey) as KeyValue),
    },
  }
}

function placeOf(table: IndexReadContext, index: SecondaryIndex): StartKeyPlace {
  return { tableName: table.tableName, index: index.schema.name, local: index.schema.kind === 'LOCAL' }
}

/** The position a query of one index partition resumes after: in that partition and admitted by the condition. */
function queryStart(table: IndexReadContext, index: SecondaryIndex, partitionValue: KeyValue, options: QueryOptions<AttributeMap, KeyValue>): IndexPosition {
  const from = indexStart(table, index, options.exclusiveStartKey)
  checkQueryStart({ partitionValue: from.partitionValue, sortValue: from.position.sortValue }, partitionValue, options, options.reverse === true, false, placeOf(table, index))
  return from.position
}

/** One page of an index's partition, in index sort key order. */
export function queryIndex(table: IndexReadContext, index: SecondaryIndex, partitionValue: unknown, options: QueryOptions<AttributeMap, KeyValue>): Page<unknown, unknown> {
  const { tableName: name, typeOfKeyAttribute } = table
  const { partitionKey: indexPartition, sortKey: indexSort } = index.schema.keySchema
  const known = typeOfKeyAttribute(indexPartition)
  const type = keyTypeOf(partitionValue)
  if (type === undefined || (known !== undefined && type !== known)) {
    throw invalidOption(`query partition key value of ${indexPartition} (index ${index.schema.name})`, `a ${known ?? 'string, number or Uint8Array'} value`, partitionValue, { tableName: name, path: indexPartition })
  }
  const limit = checkLimit(options.limit, name)
  const target = { name: indexSort, type: indexSort === undefined ? undefined : typeOfKeyAttribute(indexSort), tableName: name }
  const indexStorage = index.storage
  const partition = indexStorage.partition(encodeKeyValue(partitionValue as KeyValue))
  if (partition === undefined) {
    if (SORT_CONDITION_NAMES.some((k) => options[k] !== undefined) && indexSort === undefined) {
      throw invalidOption('query sort key condition', `none on index ${index.schema.name}, which has no sort key`, SORT_CONDITION_NAMES.find((k) => options[k] !== undefined), { tableName: name })
    }
    // The condition is still checked, as on a partition that has items.
    sortBounds(indexStorage, new IndexPartition(partitionValue as KeyValue, 0), options, target)
    if (options.exclusiveStartKey !== undefined) queryStart(table, index, partitionValue as KeyValue, options)
    return Object.freeze({ items: Object.freeze([]) })
  }
  let [start, end] = sortBounds(indexStorage, partition, options, target)
  if (options.exclusiveStartKey !== undefined) {
    const position = queryStart(table, index, partitionValue as KeyValue, options)
    if (options.reverse === true) end = Math.min(end, indexStorage.positionOf(partition, position))
    else start = Math.max(start, indexStorage.positionAfter(partition, position))
  }
  const { itemOf, keyOf } = handsOut(table, index)
  return pageOfCells(indexStorage.runsOf(partition), CELLS, start, end, options.reverse === true, limit, itemOf, keyOf)
}

/** One page of a whole index (or of one segment of it), in a stable order. */
export function scanIndex(table: IndexReadContext, index: SecondaryIndex, exclusiveStartKey: unknown, limit: number, hashes: HashRange | undefined): Page<unknown, unknown> {
  const start = exclusiveStartKey === undefined ? undefined : indexStart(table, index, exclusiveStartKey)
  if (start !== undefined) checkSegmentStart(start.partitionValue, hashes, placeOf(table, index))
  return pageOf(index.storage.scan(start, hashes), limit, readerOf(table, index))
}
