import { Immer, nothing, type Draft } from 'immer'
import { admitItem, handOut, type AdmittedItem, type AttributeMap, type Frozen } from '../values/admission.js'
import { isChange, TTL_IDENTITY, VIEW_TYPES, type ChangeRecord, type ItemState, type UserIdentity, type ViewType } from '../capture/record.js'
import type { CancelTimer } from '../core/clock.js'
import { isThenable, settleQuietly } from '../core/thenable.js'
import {
  checkOptionNames,
  ConditionalCheckFailedException,
  describeValue,
  invalidOption,
  ResourceNotFoundException,
  ValidationException,
} from '../core/errors.js'
import { formatStreamLabel, streamArn as formatStreamArn, TABLE_NAME_PATTERN, tableArn as formatTableArn } from '../core/ids.js'
import {
  checkKey,
  compareKeyValues,
  encodeKeyValue,
  extractKey,
  hashKeyValue,
  keySize,
  keyTypeOf,
  keyValueText,
  type EncodedKey,
  type KeySchema,
  type KeyType,
  type KeyTypes,
  type KeyValue,
} from '../values/keys.js'
import { isNumberKind, numberProblem, type Decimal, type NumberValue } from '../values/number.js'
import { bytesStartWith } from '../values/utf8.js'
import { createStream, resolveShardOptions, type ChangeStream, type ShardOptions, type StreamInternal, type StreamServices } from '../log/stream.js'
import { expiryOf, ExpiryQueue } from './ttl.js'

/** Names of the attributes of `T` whose type can be a key: string, number or Uint8Array. */
export type KeyAttributeName<T> = string extends keyof T ? string : { [K in keyof T]-?: T[K] extends KeyValue ? K : never }[keyof T] & string

/** The primary key of an item of `T`: its partition key and, when the table has one, its sort key. */
export type ItemKey<T, PK extends keyof T, SK extends keyof T = never> = { [K in PK | SK]: T[K] }

/** A condition on the item as it stands before a write (undefined when there is none); false cancels the write. */
export type Condition<T> = (current: Frozen<T> | undefined) => boolean

/** Options every single-item write accepts. */
export interface WriteOptions<T> {
  /** Evaluated against the current item; when it returns false the write throws ConditionalCheckFailedException. */
  readonly condition?: Condition<T>
  /** Put the current item on the ConditionalCheckFailedException (DynamoDB's ReturnValuesOnConditionCheckFailure). */
  readonly returnItemOnConditionFailure?: boolean
  /** Return the item as it was before the write in `oldItem` (DynamoDB's ReturnValues: ALL_OLD). */
  readonly returnOld?: boolean
}

/** What a write did. */
export interface WriteResult<T> {
  /** False when the write left the item as it was (and so produced no stream record). */
  readonly changed: boolean
  /** The item after the write; undefined after a delete. */
  readonly item: Frozen<T> | undefined
  /** The item before the write, when `returnOld` was set; undefined when there was none. */
  readonly oldItem?: Frozen<T> | undefined
}

/** What `put()` did: a put always leaves an item, the one written (or the identical one already there). */
export interface PutResult<T> extends WriteResult<T> {
  readonly item: Frozen<T>
}

/** An item as writes take it: of the item type, or frozen as the store hands items out (`get`, record images). */
export type ItemInput<T> = T | Frozen<T>

/** A recipe that changes an immer draft of the item in place (or returns a replacement item). */
export type UpdateRecipe<T> = (draft: Draft<T>) => void | ItemInput<T>

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

/** Options of `query()`. */
export interface QueryOptions<K, S> extends SortKeyCondition<S> {
  /** At most this many items (1 or more); a page also ends after 1 MB of items. */
  readonly limit?: number
  /** Descending sort key order (DynamoDB's ScanIndexForward: false). */
  readonly reverse?: boolean
  /** Continue after this key: a `lastEvaluatedKey` of an earlier page. */
  readonly exclusiveStartKey?: K
}

/** Options of `scan()`. */
export interface ScanOptions<K> {
  /** At most this many items (1 or more); a page also ends after 1 MB of items. */
  readonly limit?: number
  /** Continue after this key: a `lastEvaluatedKey` of an earlier page. */
  readonly exclusiveStartKey?: K
}

/** One page of a query or scan; `lastEvaluatedKey` is present when more items may follow. */
export interface Page<T, K> {
  readonly items: readonly Frozen<T>[]
  readonly lastEvaluatedKey?: Frozen<K>
}

/** How a table's stream is set up. */
export interface StreamSpecification<V extends ViewType = ViewType> {
  readonly viewType: V
  /** Overrides the store's shard options for this stream. */
  readonly shards?: Partial<ShardOptions>
}

/** Options of `createTable`. */
export interface TableOptions<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType> {
  /** 3 to 255 characters of a-z, A-Z, 0-9, `_`, `-` and `.`. */
  readonly name: string
  readonly partitionKey: PK
  readonly sortKey?: SK
  /** Enables the table's stream from the start. */
  readonly stream?: StreamSpecification<V>
  /** A number attribute holding an expiry time in epoch seconds; expired items are deleted on the store's clock. */
  readonly ttlAttribute?: keyof T & string
  /** Runtime types of the key attributes (DynamoDB's AttributeDefinitions); otherwise fixed by the first write. */
  readonly keyTypes?: { readonly partitionKey?: KeyType; readonly sortKey?: KeyType }
}

/** What `describe()` tells of a table. */
export interface TableDescription {
  readonly name: string
  readonly arn: string
  readonly keySchema: KeySchema
  readonly keyTypes: { readonly partitionKey?: KeyType; readonly sortKey?: KeyType }
  readonly createdAt: number
  readonly itemCount: number
  /** Sum of the items' sizes by DynamoDB's item-size rule. */
  readonly sizeBytes: number
  readonly ttlAttribute?: string
  /** The stream settings while a stream is enabled; absent otherwise (as DynamoDB omits StreamSpecification). */
  readonly streamSpecification?: { readonly streamEnabled: true; readonly viewType: ViewType }
  readonly latestStreamArn?: string
  readonly latestStreamLabel?: string
}

/** The change record type of a table of `T` with key `PK`/`SK` and view type `V`. */
export type TableRecord<T, PK extends keyof T, SK extends keyof T, V extends ViewType> = ChangeRecord<T, ItemKey<T, PK, SK>, V>

// A table created without a stream may have none; `Table<any, any, any, any>` (code taking any table) must accept it.
type TableStream<T, PK extends keyof T, SK extends keyof T, V extends ViewType> = [V] extends [never]
  ? ChangeStream<TableRecord<T, PK, SK, ViewType>> | undefined
  : unknown extends V
    ? ChangeStream<TableRecord<T, PK, SK, ViewType>> | undefined
    : ChangeStream<TableRecord<T, PK, SK, V>>

/** A typed table: writes go through change capture into the table's stream. */
export interface Table<T, PK extends KeyAttributeName<T> = KeyAttributeName<T>, SK extends KeyAttributeName<T> = never, V extends ViewType = never> {
  readonly name: string
  readonly arn: string
  readonly keySchema: KeySchema
  /** The table's latest stream (enabled, or disabled and still readable), typed by the creation view type. */
  readonly stream: TableStream<T, PK, SK, V>
  /** Writes a whole item, replacing any item with its key. */
  put(item: ItemInput<T>, options?: WriteOptions<T>): PutResult<T>
  /** Changes an item with an immer recipe; a missing item is created from its key (as UpdateItem upserts). */
  update(key: ItemKey<T, PK, SK>, recipe: UpdateRecipe<T>, options?: WriteOptions<T>): WriteResult<T>
  /** Deletes an item; deleting a missing item succeeds and changes nothing. */
  delete(key: ItemKey<T, PK, SK>, options?: WriteOptions<T>): WriteResult<T>
  /** The item with this key, or undefined. */
  get(key: ItemKey<T, PK, SK>): Frozen<T> | undefined
  /** Items of one partition in sort key order (numbers numerically, strings and binaries by bytes). */
  query(partitionKey: T[PK], options?: QueryOptions<ItemKey<T, PK, SK>, T[SK]>): Page<T, ItemKey<T, PK, SK>>
  /** Items of the whole table, in a stable order, one page at a time. */
  scan(options?: ScanOptions<ItemKey<T, PK, SK>>): Page<T, ItemKey<T, PK, SK>>
  /** Number of items in the table. */
  count(): number
  /** The table's settings, size and stream. */
  describe(): TableDescription
  /** Enables a new stream (new ARN and label); a ValidationException when one is enabled already. */
  enableStream<W extends ViewType>(specification: StreamSpecification<W>): ChangeStream<TableRecord<T, PK, SK, W>>
  /** Disables the enabled stream: its shards close, and it stays readable for 24 hours. */
  disableStream(): void
}

/** A write computed against the current state but not yet applied. */
export interface WritePlan {
  readonly table: TableInternal
  readonly partitionKey: KeyValue
  readonly sortKey: KeyValue | undefined
  readonly encodedKey: EncodedKey
  readonly before: ItemState | undefined
  readonly after: ItemState | undefined
  readonly keyTypes: KeyTypes
  /** The partition and slot holding the item before the write (undefined for a new item). */
  readonly partition: AnyPartition | undefined
  readonly slot: Slot | undefined
  readonly identity?: UserIdentity
  /** The condition's verdict; a plan whose condition failed is never committed. */
  readonly conditionFailed: boolean
}

/** A table as the store drives it; `table` is its public face. */
export interface TableInternal {
  readonly table: Table<any, any, any, any>
  readonly name: string
  readonly schema: KeySchema
  planPut(item: unknown, condition: Condition<unknown> | undefined): WritePlan
  planUpdate(key: unknown, recipe: UpdateRecipe<any>, condition: Condition<unknown> | undefined): WritePlan
  planDelete(key: unknown, condition: Condition<unknown> | undefined): WritePlan
  planCheck(key: unknown, condition: Condition<unknown>): WritePlan
  /** Applies a plan (appending its record to the enabled stream); false when it changed nothing. */
  commit(plan: WritePlan): boolean
  /** An identity of the plan's item, unique within the table. */
  itemIdentity(plan: WritePlan): string
  /** Marks the table deleted: its stream is disabled and every later call fails. */
  drop(): void
}

/** What a table needs from its store. */
export interface TableContext extends StreamServices {
  readonly region: string
  readonly accountId: string
  readonly shards: ShardOptions
  /** How deep the store is in a condition or update recipe; no write may start there (see `checkWritable`). */
  readonly userCode: { depth: number }
  readonly registerStream: (stream: StreamInternal) => void
}

/**
 * Where one item lives, holding its current state. A write that replaces the item rewrites these fields rather
 * than storing a new state object: what every write would otherwise leave behind for the garbage collector to copy.
 */
interface Slot extends ItemState {
  readonly sortValue: KeyValue | undefined
  item: AttributeMap
  sizeBytes: number
  hasBinarySet: boolean
}

/** The items of one partition key, in sort key order. */
class Partition {
  readonly value: KeyValue
  /**
   * The partition key's hash as a signed 32-bit integer (`>>> 0` gives the unsigned hash): V8 keeps such a number
   * in the object itself, where an unsigned one above 2^31 would be a separate heap number to load on every write.
   */
  readonly hash: number
  readonly items: Slot[] = []

  constructor(value: KeyValue, hash: number) {
    this.value = value
    this.hash = hash | 0
  }
}

/**
 * A partition of a table with a sort key, which is also the map from sort key to item: one object fewer to load
 * on every write than a partition holding a map.
 */
class SortedPartition extends Map<EncodedKey, Slot> {
  readonly value: KeyValue
  readonly hash: number
  readonly items: Slot[] = []

  constructor(value: KeyValue, hash: number) {
    super()
    this.value = value
    this.hash = hash | 0
  }
}

type AnyPartition = Partition | SortedPartition

const TABLE_OPTION_NAMES: ReadonlySet<string> = new Set(['name', 'partitionKey', 'sortKey', 'stream', 'ttlAttribute', 'keyTypes'])
const WRITE_OPTION_NAMES: ReadonlySet<string> = new Set(['condition', 'returnItemOnConditionFailure', 'returnOld'])
const QUERY_OPTION_NAMES: ReadonlySet<string> = new Set([
  'equals', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'between', 'beginsWith', 'limit', 'reverse', 'exclusiveStartKey',
])
const SCAN_OPTION_NAMES: ReadonlySet<string> = new Set(['limit', 'exclusiveStartKey'])
const MAX_PAGE_BYTES = 1024 * 1024
const KEY_TYPES: readonly KeyType[] = ['string', 'number', 'binary']
// A private Immer instance, so no setting here leaks to another user of immer (and the built package bundles its own
// copy of immer, so neither does the Map/Set plugin the store enables). Auto-freeze is off because the
// result is admitted like any item (copied where new, frozen, untouched subtrees reused); immer's freeze would also
// freeze, in place, objects the recipe assigned from the caller's own data.
const immer = new Immer({ autoFreeze: false })

/** Validates table options and creates the table. */
export function createTableInternal(options: TableOptions<any, any, any, any>, context: TableContext): TableInternal {
  if (typeof options !== 'object' || options === null) throw invalidOption('table options', 'an object with name and partitionKey', options)
  checkOptionNames(options, TABLE_OPTION_NAMES, 'table')
  const { name, partitionKey, sortKey, ttlAttribute } = options
  if (typeof name !== 'string' || !TABLE_NAME_PATTERN.test(name)) {
    throw invalidOption('table name', '3 to 255 characters of a-z, A-Z, 0-9, _, - and .', name)
  }
  if (typeof partitionKey !== 'string' || partitionKey === '') throw invalidOption('partitionKey', 'a non-empty attribute name', partitionKey, { tableName: name })
  if (sortKey !== undefined && (typeof sortKey !== 'string' || sortKey === '' || sortKey === partitionKey)) {
    throw invalidOption('sortKey', `a non-empty attribute name other than the partition key "${partitionKey}"`, sortKey, { tableName: name })
  }
  if (ttlAttribute !== undefined && (typeof ttlAttribute !== 'string' || ttlAttribute === '')) {
    throw invalidOption('ttlAttribute', 'a non-empty attribute name', ttlAttribute, { tableName: name })
  }
  const declared = options.keyTypes ?? {}
  if (typeof declared !== 'object' || declared === null) throw invalidOption('keyTypes', 'an object such as { partitionKey: "string" }', declared, { tableName: name })
  for (const role of ['partitionKey', 'sortKey'] as const) {
    const t = declared[role]
    if (t !== undefined && !KEY_TYPES.includes(t)) throw invalidOption(`keyTypes.${role}`, 'string, number or binary', t, { tableName: name })
  }
  if (declared.sortKey !== undefined && sortKey === undefined) {
    throw invalidOption('keyTypes.sortKey', 'no sort key type on a table without a sort key', declared.sortKey, { tableName: name })
  }
  const schema: KeySchema = Object.freeze(sortKey === undefined ? { partitionKey } : { partitionKey, sortKey })
  const keyTypes: KeyTypes = { partitionKey: declared.partitionKey, sortKey: declared.sortKey }
  const { clock } = context
  const createdAt = clock.now()
  const arn = formatTableArn(context.region, context.accountId, name)
  const partitions = new Map<EncodedKey, AnyPartition>()
  let scanOrder: AnyPartition[] | undefined
  let itemCount = 0
  let sizeBytes = 0
  let dropped = false
  const streams: StreamInternal[] = []
  let lastLabelMs = Number.NEGATIVE_INFINITY
  const expiries = new ExpiryQueue<{ partitionKey: KeyValue; sortKey: KeyValue | undefined }>()
  let ttlTimer: { at: number; cancel: CancelTimer } | undefined

  function checkAlive(): void {
    if (dropped) throw new ResourceNotFoundException(`Requested resource not found: Table: ${name} not found`, { tableName: name })
  }

  function enabledStream(): StreamInternal | undefined {
    const latest = streams[streams.length - 1]
    return latest !== undefined && latest.status() === 'ENABLED' ? latest : undefined
  }

  /** Index of the first item whose sort key is not below `sortValue` (or above it, when not `inclusive`). */
  function findIndex(partition: AnyPartition, sortValue: KeyValue | undefined, inclusive = true): number {
    if (sortKey === undefined) return 0
    const items = partition.items
    let lo = 0
    let hi = items.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const c = compareKeyValues((items[mid] as Slot).sortValue as KeyValue, sortValue as KeyValue)
      if (c < 0 || (!inclusive && c === 0)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  function slotOf(partition: AnyPartition, sortValue: KeyValue | undefined): Slot | undefined {
    return sortKey === undefined ? partition.items[0] : (partition as SortedPartition).get(encodeKeyValue(sortValue as KeyValue))
  }

  function lookupSlot(partition: AnyPartition | undefined, sortValue: KeyValue | undefined): Slot | undefined {
    return partition === undefined ? undefined : slotOf(partition, sortValue)
  }

  function readKey(key: unknown): OpenPlan {
    if (typeof key !== 'object' || key === null || Array.isArray(key)) {
      throw new ValidationException(`Invalid key: expected an object holding ${[partitionKey, sortKey].filter(Boolean).join(' and ')}, received ${describeValue(key)}`, { tableName: name })
    }
    const source = key as AttributeMap
    const types = checkKey(schema, keyTypes, source, name, true)
    return find(source[partitionKey] as KeyValue, sortKey === undefined ? undefined : (source[sortKey] as KeyValue), types)
  }

  /** Runs a condition or recipe, during which no write of this store may start. */
  function inUserCode<R>(run: () => R): R {
    context.userCode.depth++
    try {
      return run()
    } finally {
      context.userCode.depth--
    }
  }

  // A write started from inside a condition or recipe would change the store under a plan that is already made
  // (and that keeps the slot it found): refuse it rather than let it commit stale state.
  function checkWritable(): void {
    checkAlive()
    if (context.userCode.depth > 0) {
      throw new ValidationException(`Invalid write to ${name}: expected no write from inside a condition or update recipe, received one`, { tableName: name })
    }
  }

  function evaluate(condition: Condition<unknown> | undefined, before: ItemState | undefined): boolean {
    if (condition === undefined) return false
    if (typeof condition !== 'function') throw invalidOption('condition', 'a function of the current item returning a boolean', condition, { tableName: name })
    const verdict: unknown = inUserCode(() => condition(handOut(before?.item)))
    if (isThenable(verdict)) {
      settleQuietly(verdict)
      throw invalidOption('condition', 'a synchronous function returning a boolean (a write cannot wait for a condition)', verdict, { tableName: name })
    }
    if (typeof verdict !== 'boolean') throw invalidOption('condition result', 'a boolean', verdict, { tableName: name })
    return !verdict
  }

  // A plan as `find` starts it: the state before the write is known, the state after it not yet.
  interface OpenPlan extends Omit<WritePlan, 'after' | 'conditionFailed'> {
    after: ItemState | undefined
    conditionFailed: boolean
  }

  // The plan keeps the slot it found, so the write does not look the item up again. That stays valid because no
  // write can run between plan and commit (checkWritable), and a transaction touches each item once: other
  // actions may add or remove items beside this one, never remove this one's slot, nor its partition while the
  // item is in it. (A new item's partition may change meanwhile; `store` looks that one up again.)
  function find(partitionValue: KeyValue, sortValue: KeyValue | undefined, types: KeyTypes): OpenPlan {
    const encodedKey = encodeKeyValue(partitionValue)
    const partition = partitions.get(encodedKey)
    const slot = lookupSlot(partition, sortValue)
    // A snapshot: the slot changes when the item is written, and the plan must keep the state it was made against.
    const before: ItemState | undefined =
      slot === undefined ? undefined : { item: slot.item, sizeBytes: slot.sizeBytes, hasBinarySet: slot.hasBinarySet, keys: slot.keys, keyBytes: slot.keyBytes }
    return { table: internal, partitionKey: partitionValue, sortKey: sortValue, encodedKey, before, after: undefined, keyTypes: types, partition, slot, conditionFailed: false }
  }

  function plan(open: OpenPlan, after: ItemState | undefined, conditionFailed: boolean): WritePlan {
    open.after = after
    open.conditionFailed = conditionFailed
    return open
  }

  /** An admitted item as stored, sharing the key object (and its size) of the item's earlier version. */
  function stateOf(admitted: AdmittedItem, before: ItemState | undefined): ItemState {
    return {
      item: admitted.item,
      sizeBytes: admitted.sizeBytes,
      hasBinarySet: admitted.hasBinarySet,
      keys: before?.keys ?? extractKey(schema, admitted.item),
      keyBytes: before?.keyBytes ?? keySize(schema, admitted.item),
    }
  }

  function planPut(input: unknown, condition: Condition<unknown> | undefined): WritePlan {
    checkWritable()
    const admitted = admitItem(input, name)
    const types = checkKey(schema, keyTypes, admitted.item, name, false)
    const found = find(admitted.item[partitionKey] as KeyValue, sortKey === undefined ? undefined : (admitted.item[sortKey] as KeyValue), types)
    return plan(found, stateOf(admitted, found.before), evaluate(condition, found.before))
  }

  function planUpdate(key: unknown, recipe: UpdateRecipe<any>, condition: Condition<unknown> | undefined): WritePlan {
    checkWritable()
    if (typeof recipe !== 'function') throw invalidOption('update recipe', 'a function that changes the draft item', recipe, { tableName: name })
    const found = readKey(key)
    const { before } = found
    if (evaluate(condition, before)) return plan(found, before, true)
    // The recipe's draft reads through to its base: a stored binary there could be written in place.
    const base = handOut(before?.item) ?? admitItem(key, name).item
    // inUserCode, without a closure to allocate on every update.
    context.userCode.depth++
    let result: unknown
    try {
      recipeRunning = recipe
      result = immer.produce(base, runRecipe as (draft: Draft<AttributeMap>) => void)
    } finally {
      recipeRunning = undefined
      context.userCode.depth--
    }
    if (result === nothing || result === undefined) {
      throw new ValidationException(`Invalid update recipe result: expected an item, received undefined (use delete to remove an item)`, { tableName: name })
    }
    let after: ItemState
    if (before !== undefined && result === before.item) after = before
    else {
      // Even immer's own copy is copied again: the copy admission makes is the kind the garbage collector keeps
      // cheaply (shape.ts), and immer's dies young.
      after = stateOf(admitItem(result, name, 'update'), before)
      checkKeyUnchanged(partitionKey, base, after.item)
      if (sortKey !== undefined) checkKeyUnchanged(sortKey, base, after.item)
    }
    return plan(found, after, false)
  }

  // The recipe of the update in progress: one function handed to immer for every update, not a closure each.
  let recipeRunning: UpdateRecipe<any> | undefined

  // immer finalizes the draft when the recipe returns, so an async recipe's continuation would write to a revoked
  // draft: refuse it here, before immer takes the promise for a replacement item.
  function runRecipe(draft: Draft<AttributeMap>): unknown {
    const result: unknown = (recipeRunning as UpdateRecipe<any>)(draft)
    if (isThenable(result)) {
      settleQuietly(result)
      throw invalidOption('update recipe', 'a synchronous function (the draft is final when it returns)', result, { tableName: name })
    }
    return result
  }

  function checkKeyUnchanged(attribute: string, base: AttributeMap, result: AttributeMap): void {
    const was = base[attribute] as KeyValue
    const now = result[attribute]
    if (keyTypeOf(now) !== keyTypeOf(was) || compareKeyValues(was, now as KeyValue) !== 0) {
      throw new ValidationException(
        `Cannot update attribute ${attribute}. This attribute is part of the key: expected ${describeValue(was)}, received ${describeValue(now)}`,
        { tableName: name, path: attribute },
      )
    }
  }

  function planDelete(key: unknown, condition: Condition<unknown> | undefined): WritePlan {
    checkWritable()
    const found = readKey(key)
    const failed = evaluate(condition, found.before)
    return plan(found, failed ? found.before : undefined, failed)
  }

  function planCheck(key: unknown, condition: Condition<unknown>): WritePlan {
    checkWritable()
    if (typeof condition !== 'function') throw invalidOption('condition', 'a function of the current item returning a boolean', condition, { tableName: name })
    const found = readKey(key)
    return plan(found, found.before, evaluate(condition, found.before))
  }

  function itemIdentity(p: WritePlan): string {
    return p.sortKey === undefined ? keyValueText(p.partitionKey) : `${keyValueText(p.partitionKey)}\u0000${keyValueText(p.sortKey)}`
  }

  function store(p: WritePlan): AnyPartition {
    let partition = p.partition
    if (p.slot !== undefined && p.after !== undefined) {
      p.slot.item = p.after.item
      p.slot.sizeBytes = p.after.sizeBytes
      p.slot.hasBinarySet = p.after.hasBinarySet
    } else if (p.after !== undefined) {
      // An earlier action of the same batch or transaction may have created, or emptied and dropped, the partition
      // since the plan was made: a new item always looks it up again.
      partition = partitions.get(p.encodedKey)
      if (partition === undefined) {
        const hash = hashKeyValue(p.partitionKey)
        partition = sortKey === undefined ? new Partition(p.partitionKey, hash) : new SortedPartition(p.partitionKey, hash)
        partitions.set(p.encodedKey, partition)
        scanOrder = undefined
      }
      const { item, sizeBytes: itemBytes, hasBinarySet, keys, keyBytes } = p.after
      const slot: Slot = { sortValue: p.sortKey, item, sizeBytes: itemBytes, hasBinarySet, keys, keyBytes }
      partition.items.splice(findIndex(partition, p.sortKey), 0, slot)
      if (sortKey !== undefined) (partition as SortedPartition).set(encodeKeyValue(p.sortKey as KeyValue), slot)
    } else {
      partition = partition as AnyPartition
      partition.items.splice(findIndex(partition, p.sortKey), 1)
      if (sortKey !== undefined) (partition as SortedPartition).delete(encodeKeyValue(p.sortKey as KeyValue))
      if (partition.items.length === 0) {
        partitions.delete(p.encodedKey)
        scanOrder = undefined
      }
    }
    itemCount += (p.after === undefined ? 0 : 1) - (p.before === undefined ? 0 : 1)
    sizeBytes += (p.after?.sizeBytes ?? 0) - (p.before?.sizeBytes ?? 0)
    return partition as AnyPartition
  }

  function commit(p: WritePlan): boolean {
    if (p.conditionFailed) throw new Error('A plan whose condition failed cannot be committed')
    if (!isChange(p.before, p.after)) return false
    keyTypes.partitionKey ??= p.keyTypes.partitionKey
    keyTypes.sortKey ??= p.keyTypes.sortKey
    const partition = store(p)
    if (ttlAttribute !== undefined && p.after !== undefined) track(p)
    const stream = enabledStream()
    if (stream !== undefined) stream.append(p.before, p.after, partition.hash >>> 0, p.identity)
    return true
  }

  function track(p: WritePlan): void {
    const at = expiryOf((p.after as ItemState).item, ttlAttribute as string, clock.now())
    if (at === undefined) return
    expiries.push(at, { partitionKey: p.partitionKey, sortKey: p.sortKey })
    scheduleSweep()
  }

  function scheduleSweep(): void {
    const at = expiries.peek()
    if (at === undefined || (ttlTimer !== undefined && ttlTimer.at <= at)) return
    ttlTimer?.cancel()
    ttlTimer = { at, cancel: clock.setTimer(at - clock.now(), sweep) }
  }

  function sweep(): void {
    ttlTimer = undefined
    if (dropped) return
    const now = clock.now()
    for (const due of expiries.popDue(now)) {
      const types: KeyTypes = { partitionKey: keyTypes.partitionKey, sortKey: keyTypes.sortKey }
      const found = find(due.key.partitionKey, due.key.sortKey, types)
      const { before } = found
      if (before === undefined) continue
      // The item may have been rewritten since it was queued: only its current expiry counts.
      const at = expiryOf(before.item, ttlAttribute as string, now)
      if (at === undefined || at > now) continue
      commit({ ...plan(found, undefined, false), identity: TTL_IDENTITY })
    }
    scheduleSweep()
  }

  function conditionFailure(p: WritePlan, options: WriteOptions<unknown> | undefined): ConditionalCheckFailedException {
    const item = options?.returnItemOnConditionFailure === true ? handOut(p.before?.item) : undefined
    return new ConditionalCheckFailedException(
      `The conditional request failed: the condition returned false for the item ${itemIdentity(p).replace('\u0000', ' / ')} of ${name}`,
      { tableName: name, ...(item === undefined ? {} : { item }) },
    )
  }

  function runWrite(p: WritePlan, options: WriteOptions<unknown> | undefined): WriteResult<unknown> {
    if (p.conditionFailed) throw conditionFailure(p, options)
    const changed = commit(p)
    const item = handOut(changed ? p.after?.item : p.before?.item)
    return Object.freeze(options?.returnOld === true ? { changed, item, oldItem: handOut(p.before?.item) } : { changed, item })
  }

  function checkWriteOptions(options: WriteOptions<unknown> | undefined): void {
    if (options === undefined) return
    if (typeof options !== 'object' || options === null) throw invalidOption('write options', 'an object', options, { tableName: name })
    checkOptionNames(options, WRITE_OPTION_NAMES, 'write', { tableName: name })
    for (const flag of ['returnOld', 'returnItemOnConditionFailure'] as const) {
      if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw invalidOption(flag, 'a boolean', options[flag], { tableName: name })
    }
  }

  function checkLimit(limit: unknown): number {
    if (limit === undefined) return Number.POSITIVE_INFINITY
    if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) throw invalidOption('limit', 'an integer >= 1', limit, { tableName: name })
    return limit
  }

  function pageOf(states: Iterable<ItemState>, limit: number): Page<unknown, unknown> {
    const items: AttributeMap[] = []
    let bytes = 0
    let last: ItemState | undefined
    let more = false
    for (const state of states) {
      if (items.length >= limit || (items.length > 0 && bytes >= MAX_PAGE_BYTES)) {
        more = true
        break
      }
      items.push(handOut(state.item))
      bytes += state.sizeBytes
      last = state
    }
    return Object.freeze(more && last !== undefined ? { items: Object.freeze(items), lastEvaluatedKey: handOut(extractKey(schema, last.item)) } : { items: Object.freeze(items) })
  }

  function sortBounds(partition: AnyPartition, options: SortKeyCondition<KeyValue>, sortType: KeyType | undefined): [number, number] {
    const set = (['equals', 'lessThan', 'lessThanOrEqual', 'greaterThan', 'greaterThanOrEqual', 'between', 'beginsWith'] as const).filter((k) => options[k] !== undefined)
    if (set.length === 0) return [0, partition.items.length]
    if (sortKey === undefined) throw invalidOption('query sort key condition', 'none on a table without a sort key', set[0], { tableName: name })
    if (set.length > 1) throw invalidOption('query sort key condition', 'at most one of equals, lessThan, lessThanOrEqual, greaterThan, greaterThanOrEqual, between, beginsWith', set.join(' and '), { tableName: name })
    const kind = set[0] as (typeof set)[number]
    const checkValue = (value: unknown, what: string): KeyValue => {
      const t = keyTypeOf(value)
      if (t === undefined || (sortType !== undefined && t !== sortType)) {
        throw invalidOption(`query ${what}`, `a ${sortType ?? 'string, number or Uint8Array'} sort key value`, value, { tableName: name, path: sortKey })
      }
      const problem = t === 'number' ? numberProblem(value as NumberValue) : undefined
      if (problem !== undefined) throw invalidOption(`query ${what} on ${sortKey}`, problem, value, { tableName: name, path: sortKey })
      return value as KeyValue
    }
    const lowerBound = (v: KeyValue, inclusive: boolean): number => findIndex(partition, v, inclusive)
    const n = partition.items.length
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
        if (!Array.isArray(range) || range.length !== 2) throw invalidOption('query between', 'a [lower, upper] pair', range, { tableName: name })
        const lo = checkValue(range[0], 'between lower bound')
        const hi = checkValue(range[1], 'between upper bound')
        if (keyTypeOf(lo) !== keyTypeOf(hi) || compareKeyValues(lo, hi) > 0) {
          throw invalidOption('query between', 'a lower bound less than or equal to the upper bound', range, { tableName: name })
        }
        return [lowerBound(lo, true), lowerBound(hi, false)]
      }
      case 'beginsWith': {
        const prefix = checkValue(options.beginsWith, 'beginsWith')
        if (isNumberKind(prefix)) throw invalidOption('query beginsWith', 'a string or Uint8Array prefix (begins with does not apply to numbers)', prefix, { tableName: name })
        const start = lowerBound(prefix, true)
        let end = start
        while (end < n) {
          const v = (partition.items[end] as Slot).sortValue as KeyValue
          const matches = typeof prefix === 'string' ? typeof v === 'string' && v.startsWith(prefix) : v instanceof Uint8Array && bytesStartWith(v, prefix)
          if (!matches) break
          end++
        }
        return [start, end]
      }
    }
  }

  function query(partitionValue: unknown, options: QueryOptions<AttributeMap, KeyValue> = {}): Page<unknown, unknown> {
    checkAlive()
    if (typeof options !== 'object' || options === null) throw invalidOption('query options', 'an object', options, { tableName: name })
    checkOptionNames(options, QUERY_OPTION_NAMES, 'query', { tableName: name })
    if (partitionValue === undefined) {
      throw invalidOption(`query partition key value of ${partitionKey}`, keyTypes.partitionKey ?? 'a string, number or Uint8Array', undefined, { tableName: name, path: partitionKey })
    }
    checkKey({ partitionKey }, { partitionKey: keyTypes.partitionKey, sortKey: undefined }, { [partitionKey]: partitionValue as KeyValue }, name, false)
    const limit = checkLimit(options.limit)
    const partition = partitions.get(encodeKeyValue(partitionValue as KeyValue))
    const empty = new Partition(partitionValue as KeyValue, 0)
    let [start, end] = sortBounds(partition ?? empty, options, keyTypes.sortKey)
    if (partition === undefined) return Object.freeze({ items: Object.freeze([]) })
    if (options.exclusiveStartKey !== undefined) {
      const { partitionKey: startPartition, sortKey: sortValue } = readKey(options.exclusiveStartKey)
      if (compareKeyValues(startPartition, partitionValue as KeyValue) !== 0) {
        throw invalidOption('exclusiveStartKey', `a key in partition ${keyValueText(partitionValue as KeyValue)}`, options.exclusiveStartKey, { tableName: name })
      }
      // Without a sort key a partition holds one item: a start key in it leaves nothing to read, either way.
      if (sortKey === undefined) return Object.freeze({ items: Object.freeze([]) })
      const at = findIndex(partition, sortValue)
      if (options.reverse === true) end = Math.min(end, at)
      else {
        const exact = at < partition.items.length && compareKeyValues((partition.items[at] as Slot).sortValue as KeyValue, sortValue as KeyValue) === 0
        start = Math.max(start, exact ? at + 1 : at)
      }
    }
    const items = partition.items
    function* walk(): Generator<ItemState> {
      if (options.reverse === true) for (let i = end - 1; i >= start; i--) yield items[i] as Slot
      else for (let i = start; i < end; i++) yield items[i] as Slot
    }
    return pageOf(walk(), limit)
  }

  function comparePartitions(a: { hash: number; value: KeyValue }, b: { hash: number; value: KeyValue }): number {
    return a.hash !== b.hash ? (a.hash >>> 0) - (b.hash >>> 0) : compareKeyValues(a.value, b.value)
  }

  function scan(options: ScanOptions<AttributeMap> = {}): Page<unknown, unknown> {
    checkAlive()
    if (typeof options !== 'object' || options === null) throw invalidOption('scan options', 'an object', options, { tableName: name })
    checkOptionNames(options, SCAN_OPTION_NAMES, 'scan', { tableName: name })
    const limit = checkLimit(options.limit)
    scanOrder ??= [...partitions.values()].sort(comparePartitions)
    const order = scanOrder
    let first = 0
    let skip: KeyValue | undefined
    let skipPartition = false
    if (options.exclusiveStartKey !== undefined) {
      const { partitionKey: partitionValue, sortKey: sortValue } = readKey(options.exclusiveStartKey)
      const probe = { hash: hashKeyValue(partitionValue) | 0, value: partitionValue }
      let lo = 0
      let hi = order.length
      while (lo < hi) {
        const mid = (lo + hi) >>> 1
        if (comparePartitions(order[mid] as AnyPartition, probe) < 0) lo = mid + 1
        else hi = mid
      }
      first = lo
      const match = order[lo]
      if (match !== undefined && comparePartitions(match, probe) === 0) {
        if (sortKey === undefined) skipPartition = true
        else skip = sortValue
      }
    }
    function* walk(): Generator<ItemState> {
      for (let p = first; p < order.length; p++) {
        const partition = order[p] as AnyPartition
        if (p === first && skipPartition) continue
        let i = 0
        if (p === first && skip !== undefined) {
          i = findIndex(partition, skip)
          const here = partition.items[i]
          if (here !== undefined && compareKeyValues(here.sortValue as KeyValue, skip) === 0) i++
        }
        for (; i < partition.items.length; i++) yield partition.items[i] as Slot
      }
    }
    return pageOf(walk(), limit)
  }

  function labelTime(): number {
    // Two enables within one millisecond must still get distinct labels (and so distinct ARNs).
    const ms = Math.max(clock.now(), lastLabelMs + 1)
    lastLabelMs = ms
    return ms
  }

  function enableStream(specification: StreamSpecification): ChangeStream {
    checkAlive()
    if (typeof specification !== 'object' || specification === null) throw invalidOption('stream', 'an object with a viewType', specification, { tableName: name })
    if (!VIEW_TYPES.includes(specification.viewType)) {
      throw invalidOption('stream viewType', `one of ${VIEW_TYPES.join(', ')}`, specification.viewType, { tableName: name })
    }
    if (enabledStream() !== undefined) throw new ValidationException(`Table already has an enabled stream: TableName: ${name}`, { tableName: name })
    const shards = resolveShardOptions(specification.shards, context.shards, 'stream.shards')
    const label = formatStreamLabel(labelTime())
    const stream = createStream({
      arn: formatStreamArn(context.region, context.accountId, name, label),
      label,
      tableName: name,
      keySchema: schema,
      viewType: specification.viewType,
      clock,
      shards,
      newEventIds: context.newEventIds,
      onListenerError: context.onListenerError,
      storeId: context.storeId,
    })
    streams.push(stream)
    context.registerStream(stream)
    return stream.stream
  }

  function disableStream(): void {
    checkAlive()
    const stream = enabledStream()
    if (stream === undefined) throw new ValidationException(`Table has no stream to disable: TableName: ${name}`, { tableName: name })
    stream.disable()
  }

  function describe(): TableDescription {
    checkAlive()
    const latest = streams[streams.length - 1]
    const enabled = enabledStream()
    const types: { partitionKey?: KeyType; sortKey?: KeyType } = {}
    if (keyTypes.partitionKey !== undefined) types.partitionKey = keyTypes.partitionKey
    if (keyTypes.sortKey !== undefined) types.sortKey = keyTypes.sortKey
    return Object.freeze({
      name,
      arn,
      keySchema: schema,
      keyTypes: Object.freeze(types),
      createdAt,
      itemCount,
      sizeBytes,
      ...(ttlAttribute === undefined ? {} : { ttlAttribute }),
      ...(enabled === undefined ? {} : { streamSpecification: Object.freeze({ streamEnabled: true as const, viewType: enabled.stream.viewType }) }),
      ...(latest === undefined ? {} : { latestStreamArn: latest.arn, latestStreamLabel: latest.stream.label }),
    })
  }

  function drop(): void {
    if (dropped) return
    enabledStream()?.disable()
    ttlTimer?.cancel()
    ttlTimer = undefined
    expiries.clear()
    dropped = true
  }

  const table: Table<AttributeMap, string, string, ViewType> = Object.freeze({
    name,
    arn,
    keySchema: schema,
    get stream() {
      return streams[streams.length - 1]?.stream as ChangeStream<any>
    },
    put(item: unknown, options?: WriteOptions<unknown>) {
      checkWriteOptions(options)
      return runWrite(planPut(item, options?.condition), options)
    },
    update(key: unknown, recipe: UpdateRecipe<any>, options?: WriteOptions<unknown>) {
      checkWriteOptions(options)
      return runWrite(planUpdate(key, recipe, options?.condition), options)
    },
    delete(key: unknown, options?: WriteOptions<unknown>) {
      checkWriteOptions(options)
      return runWrite(planDelete(key, options?.condition), options)
    },
    get(key: unknown) {
      checkAlive()
      return handOut(readKey(key).before?.item)
    },
    query,
    scan,
    count: () => {
      checkAlive()
      return itemCount
    },
    describe,
    enableStream,
    disableStream,
  } as unknown as Table<AttributeMap, string, string, ViewType>)

  const internal: TableInternal = { table, name, schema, planPut, planUpdate, planDelete, planCheck, commit, itemIdentity, drop }

  if (options.stream !== undefined) enableStream(options.stream)
  return internal
}
