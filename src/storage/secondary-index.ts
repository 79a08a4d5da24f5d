import { ValidationException } from '../core/errors.js'
import { admitItem, attributeSize, markBinaryHolder, type AttributeMap } from '../values/admission.js'
import { compareKeyValues, encodeKeyValue, keyBytesBeyond, keyTypeOf, PARTITION_KEY_MAX_BYTES, SORT_KEY_MAX_BYTES, type KeySchema, type KeyType, type KeyValue } from '../values/keys.js'
import { memberOf, setMember } from '../values/members.js'
import type { IndexSchema } from './index-definition.js'
import { IndexStorage, type IndexPosition } from './index-storage.js'

/** Key types of the attributes that index keys use, by attribute name, shared by a table's indexes. */
export type AttributeTypes = Map<string, KeyType>

/** What `describe()` tells of an index. */
export interface IndexDescription {
  readonly name: string
  readonly kind: 'GLOBAL' | 'LOCAL'
  readonly keySchema: KeySchema
  readonly projection: IndexSchema['projection']
  /** Always ACTIVE: a new index is filled from the table before `createGlobalIndex` returns. */
  readonly status: 'ACTIVE'
  readonly itemCount: number
  /** Sum of the projected items' sizes by DynamoDB's item-size rule. */
  readonly sizeBytes: number
  readonly arn: string
}

const TYPE_LETTERS: Readonly<Record<KeyType, string>> = { string: 'S', number: 'N', binary: 'B' }

/** DynamoDB's type letter for a value, as its messages name types. */
export function typeLetter(value: unknown): string {
  const key = keyTypeOf(value)
  if (key !== undefined) return TYPE_LETTERS[key]
  if (typeof value === 'boolean') return 'BOOL'
  if (value === null) return 'NULL'
  if (Array.isArray(value)) return 'L'
  if (value instanceof Set) {
    const first: unknown = value.values().next().value
    return `${first === undefined ? 'S' : TYPE_LETTERS[keyTypeOf(first) ?? 'string']}S`
  }
  return 'M'
}

/**
 * A secondary index: a further sorted view of its table's items, kept in the same storage as the table's own
 * items and changed in the same step as each write. Items without the index key attributes are not in it.
 */
export class SecondaryIndex {
  readonly schema: IndexSchema
  readonly storage: IndexStorage
  readonly arn: string
  readonly #table: KeySchema
  readonly #types: AttributeTypes
  readonly #partitionKey: string
  readonly #sortKey: string | undefined
  /** The index key attributes that are not table key attributes: the table checks its own. */
  readonly #checked: readonly string[]
  readonly #projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'
  readonly #included: readonly string[]
  /** Key attributes of a projected item: the table's, then the index's, each once. */
  readonly #keyAttributes: readonly string[]

  constructor(schema: IndexSchema, table: KeySchema, types: AttributeTypes, tableArn: string) {
    this.schema = schema
    this.#table = table
    this.#types = types
    this.arn = `${tableArn}/index/${schema.name}`
    this.#partitionKey = schema.keySchema.partitionKey
    this.#sortKey = schema.keySchema.sortKey
    const keys = [schema.keySchema.partitionKey, schema.keySchema.sortKey].filter((a): a is string => a !== undefined)
    this.#checked = keys.filter((a) => a !== table.partitionKey && a !== table.sortKey)
    this.#keyAttributes = [...new Set([table.partitionKey, ...(table.sortKey === undefined ? [] : [table.sortKey]), ...keys])]
    this.#projection = schema.projection.type
    this.#included = (schema.projection.nonKeyAttributes ?? []).filter((a) => !this.#keyAttributes.includes(a))
    this.storage = new IndexStorage(this.#sortKey !== undefined, table)
    for (const [attribute, type] of schema.declaredTypes) if (!types.has(attribute)) types.set(attribute, type)
  }

  /** The index key attributes, with the attributes a page's `lastEvaluatedKey` holds. */
  get keyAttributes(): readonly string[] {
    return this.#keyAttributes
  }

  /** True when the item has every index key attribute as a key value, and so is in the index. */
  holds(item: AttributeMap): boolean {
    // A backfill leaves out items whose index key is no key value at all (a boolean, say): they are not in the index.
    return this.#holdsKey(item[this.#partitionKey], this.#sortKey === undefined ? undefined : item[this.#sortKey])
  }

  /**
   * Throws the service's ValidationException when an index key attribute of the item has the wrong type or is an
   * empty string or binary. `pending` holds key types that earlier writes of the same request will fix.
   */
  check(item: AttributeMap, tableName: string, pending?: AttributeTypes): void {
    for (const attribute of this.#checked) {
      const value = memberOf(item, attribute)
      if (value === undefined) continue
      const type = keyTypeOf(value)
      const known = this.#types.get(attribute) ?? pending?.get(attribute)
      if (type === undefined || (known !== undefined && type !== known)) {
        throw new ValidationException(
          `One or more parameter values were invalid: Type mismatch for Index Key ${attribute} Expected: ${known === undefined ? 'S, N or B' : TYPE_LETTERS[known]} Actual: ${typeLetter(value)} IndexName: ${this.schema.name}`,
          { tableName, path: attribute },
        )
      }
      if ((type === 'string' && value === '') || (type === 'binary' && (value as Uint8Array).length === 0)) {
        throw new ValidationException(
          `One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty ${type} value. IndexName: ${this.schema.name}, IndexKey: ${attribute}`,
          { tableName, path: attribute },
        )
      }
      const limit = attribute === this.#partitionKey ? PARTITION_KEY_MAX_BYTES : SORT_KEY_MAX_BYTES
      if (keyBytesBeyond(value as KeyValue, limit) > limit) {
        throw new ValidationException(
          attribute === this.#partitionKey
            ? `One or more parameter values were invalid: Size of hashkey has exceeded the maximum size limit of${limit} bytes`
            : `One or more parameter values were invalid: Aggregated size of all range keys has exceeded the size limit of ${limit} bytes`,
          { tableName, path: attribute },
        )
      }
      pending?.set(attribute, type)
    }
  }

  /** True when the item's index key attributes are valid for this index (backfills skip the others, as DynamoDB's do). */
  accepts(item: AttributeMap): boolean {
    try {
      this.check(item, '')
      return true
    } catch {
      return false
    }
  }

  /** Fixes the types of index key attributes from an item written (the first write of an undeclared type decides). */
  #learnTypes(item: AttributeMap): void {
    for (const attribute of this.#checked) {
      if (this.#types.has(attribute)) continue
      const type = keyTypeOf(item[attribute])
      if (type !== undefined) this.#types.set(attribute, type)
    }
  }

  /** Moves the index from an item's state before a write to its state after it (undefined: no item). */
  apply(before: AttributeMap | undefined, beforeBytes: number, after: AttributeMap | undefined, afterBytes: number): void {
    // Each index key attribute is read once per item and handed on: these reads see every index's attribute names
    // at one site, which makes each of them a lookup by name rather than a load at a known offset.
    const partitionKey = this.#partitionKey
    const sortKey = this.#sortKey
    const wasPartition = before === undefined ? undefined : before[partitionKey]
    const wasSort = before === undefined || sortKey === undefined ? undefined : before[sortKey]
    const nowPartition = after === undefined ? undefined : after[partitionKey]
    const nowSort = after === undefined || sortKey === undefined ? undefined : after[sortKey]
    const was = before !== undefined && this.#holdsKey(wasPartition, wasSort)
    const now = after !== undefined && this.#holdsKey(nowPartition, nowSort)
    if (was && now && sameKeyValue(wasPartition, nowPartition)) {
      if (sortKey === undefined || sameKeyValue(wasSort, nowSort)) this.#replace(before, after, afterBytes, nowPartition as KeyValue, nowSort as KeyValue | undefined)
      else this.#move(before, after, afterBytes, nowPartition as KeyValue, wasSort as KeyValue, nowSort as KeyValue)
      return
    }
    if (was) this.#remove(before, wasPartition as KeyValue, wasSort as KeyValue | undefined)
    if (now) this.#insert(after, afterBytes, nowPartition as KeyValue, nowSort as KeyValue | undefined)
  }

  /** True when these values of the index key attributes make an item part of the index. */
  #holdsKey(partitionValue: unknown, sortValue: unknown): boolean {
    return keyTypeOf(partitionValue) !== undefined && (this.#sortKey === undefined || keyTypeOf(sortValue) !== undefined)
  }

  // The item stays in its index partition with another sort key: its entry moves there.
  #move(before: AttributeMap, after: AttributeMap, afterBytes: number, partitionValue: KeyValue, wasSort: KeyValue, nowSort: KeyValue): void {
    const partition = this.storage.partition(encodeKeyValue(partitionValue))
    if (partition === undefined) return
    this.#project(after, afterBytes)
    this.storage.move(partition, this.#positionOf(before, wasSort), nowSort, this.#projected, this.#projectedBytes, this.#projection === 'ALL' ? before : undefined)
  }

  // Writes are synchronous and a position is read only while the storage searches: one object serves every search.
  readonly #scratch: { sortValue: KeyValue | undefined; tablePartition: KeyValue; tableSort: KeyValue | undefined } = { sortValue: undefined, tablePartition: '', tableSort: undefined }

  /** Where an item with this index sort key value sits: the sort value, then the item's table key. */
  #positionOf(item: AttributeMap, sortValue: KeyValue | undefined): IndexPosition {
    const table = this.#table
    const position = this.#scratch
    position.sortValue = sortValue
    position.tablePartition = item[table.partitionKey] as KeyValue
    position.tableSort = table.sortKey === undefined ? undefined : (item[table.sortKey] as KeyValue)
    return position
  }

  #insert(item: AttributeMap, itemBytes: number, partitionValue: KeyValue, sortValue: KeyValue | undefined): void {
    this.#learnTypes(item)
    this.#project(item, itemBytes)
    this.storage.insert(partitionValue, encodeKeyValue(partitionValue), sortValue, this.#projected, this.#projectedBytes)
  }

  #remove(item: AttributeMap, partitionValue: KeyValue, sortValue: KeyValue | undefined): void {
    const encoded = encodeKeyValue(partitionValue)
    const partition = this.storage.partition(encoded)
    if (partition !== undefined) this.storage.remove(partition, encoded, this.#positionOf(item, sortValue))
  }

  #replace(before: AttributeMap, after: AttributeMap, afterBytes: number, partitionValue: KeyValue, sortValue: KeyValue | undefined): void {
    if (this.#projection === 'KEYS_ONLY') return
    if (this.#projection === 'INCLUDE' && this.#included.every((a) => before[a] === after[a])) return
    const partition = this.storage.partition(encodeKeyValue(partitionValue))
    if (partition === undefined) return
    this.#project(after, afterBytes)
    this.storage.replace(partition, this.#positionOf(after, sortValue), this.#projected, this.#projectedBytes)
  }

  // The item as this index projects it, and its size, set by #project: a write passes them on without an object to hold them.
  #projected: AttributeMap = {}
  #projectedBytes = 0

  /** Sets #projected and #projectedBytes to the item as this index projects it; ALL shares the table's frozen item. */
  #project(item: AttributeMap, itemBytes: number): void {
    if (this.#projection === 'ALL') {
      this.#projected = item
      this.#projectedBytes = itemBytes
      return
    }
    const projected: Record<string, AttributeMap[string]> = {}
    let bytes = 0
    let holdsBinary = false
    for (const attribute of this.#keyAttributes) {
      const value = item[attribute] as KeyValue
      setMember(projected, attribute, value)
      bytes += attributeSize(attribute, value)
      if (value instanceof Uint8Array) holdsBinary = true
    }
    if (this.#projection === 'KEYS_ONLY') {
      this.#projected = Object.freeze(projected)
      // It shares the item's stored bytes: a read hands out copies of them (see handOut).
      if (holdsBinary) markBinaryHolder(this.#projected)
      this.#projectedBytes = bytes
      return
    }
    for (const attribute of this.#included) {
      const value = memberOf(item, attribute)
      if (value !== undefined) setMember(projected, attribute, value)
    }
    // Admission reuses the stored subtrees (already admitted) and gives the size by the same rule as the table's.
    const admitted = admitItem(projected)
    this.#projected = admitted.item
    this.#projectedBytes = admitted.sizeBytes
  }

  /** The `lastEvaluatedKey` of a page ending at this entry's (projected) item: the table's key and the index key. */
  keyOf(item: AttributeMap): AttributeMap {
    const key: Record<string, AttributeMap[string]> = {}
    let holdsBinary = false
    for (const attribute of this.#keyAttributes) {
      const value = item[attribute]
      setMember(key, attribute, value)
      if (value instanceof Uint8Array) holdsBinary = true
    }
    Object.freeze(key)
    // It shares the item's stored bytes: whoever hands it out hands out copies of them (see handOut).
    if (holdsBinary) markBinaryHolder(key)
    return key
  }

  /** The index's settings and contents, as `describe()` reports them. */
  describe(): IndexDescription {
    return Object.freeze({
      name: this.schema.name,
      kind: this.schema.kind,
      keySchema: this.schema.keySchema,
      projection: this.schema.projection,
      status: 'ACTIVE' as const,
      itemCount: this.storage.count,
      sizeBytes: this.storage.sizeBytes,
      arn: this.arn,
    })
  }
}

function sameKeyValue(a: unknown, b: unknown): boolean {
  // A rewrite usually carries the very same key value (a string or small number) over: no comparison is needed then.
  return a === b || (keyTypeOf(a) === keyTypeOf(b) && compareKeyValues(a as KeyValue, b as KeyValue) === 0)
}
