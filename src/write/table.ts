import { Immer, nothing, type Draft } from 'immer'
import { admitItem, handOut, type AdmittedItem, type AttributeMap } from '../values/admission.js'
import { TTL_IDENTITY, type ItemState, type ViewType } from '../capture/record.js'
import { capture, createCapturedChange } from '../capture/capture.js'
import { checkOptionNames, ConditionalCheckFailedException, describeValue, invalidOption, ResourceNotFoundException, ValidationException } from '../core/errors.js'
import { isThenable, settleQuietly } from '../core/thenable.js'
import { formatStreamLabel, streamArn as formatStreamArn, tableArn as formatTableArn } from '../core/ids.js'
import {
  checkKey,
  compareKeyValues,
  encodeKeyValue,
  extractKey,
  keySize,
  keyTypeOf,
  keyValueText,
  type KeyType,
  type KeyTypes,
  type KeyValue,
} from '../values/keys.js'
import { createStream, resolveShardOptions, type ChangeStream, type StreamInternal } from '../log/stream.js'
import { IndexSet } from '../storage/index-set.js'
import { checkLimit, pageOf, type Page, type PageReader } from '../storage/page.js'
import { sortBounds, SORT_CONDITION_NAMES } from '../storage/sort-condition.js'
import { segmentRange } from '../storage/scan-order.js'
import { emptyPartition, Storage, type Partition, type StoredPosition } from '../storage/storage.js'
import { checkStreamSpecification, checkWriteOptions, resolveTableOptions, type StreamSpecification, type TableOptions } from './table-options.js'
import type { Condition, QueryOptions, ScanOptions, Table, TableDescription, UpdateRecipe, WriteOptions, WriteResult } from './table-types.js'
import { TableSettingsState, type ProvisionedThroughput, type TableSettings } from './table-settings.js'
import { expiryOf, TtlSweeper } from './ttl.js'
import { queryIndex, scanIndex, type IndexReadContext } from './index-reads.js'
import type { ItemKeyValues, Slot, TableContext, TableInternal, WritePlan } from './table-internal.js'
import { itemOfMaybe, itemOfSlot, itemOfState } from './hand-out.js'
import { conditionFails } from './condition.js'
import { setMember } from '../values/members.js'
import { checkQueryStart, checkSegmentStart, readTableStartKey } from './start-key.js'

export type { Slot, TableContext, TableInternal, WritePlan } from './table-internal.js'

const QUERY_OPTION_NAMES: ReadonlySet<string> = new Set([...SORT_CONDITION_NAMES, 'limit', 'reverse', 'exclusiveStartKey', 'index'])
const SCAN_OPTION_NAMES: ReadonlySet<string> = new Set(['limit', 'exclusiveStartKey', 'index', 'segment', 'totalSegments'])
// A private Immer instance, so no setting here leaks to another user of immer (and the built package bundles its own
// copy of immer, so neither does the Map/Set plugin the store enables). Auto-freeze is off because the
// result is admitted like any item (copied where new, frozen, untouched subtrees reused); immer's freeze would also
// freeze, in place, objects the recipe assigned from the caller's own data.
const immer = new Immer({ autoFreeze: false })

/** Validates table options and creates the table. */
export function createTableInternal(options: TableOptions<any, any, any, any, any, any>, context: TableContext): TableInternal {
  const resolved = resolveTableOptions(options)
  const { name, schema, keyTypes } = resolved
  let ttlAttribute = resolved.ttlAttribute
  const { partitionKey, sortKey } = schema
  const { clock } = context
  const createdAt = clock.now()
  const arn = formatTableArn(context.region, context.accountId, name)
  const storage = new Storage<StoredPosition, Slot>({ sorted: sortKey !== undefined })
  const indexes = new IndexSet(resolved.indexes, schema, name, arn)
  let dropped = false
  const streams: StreamInternal[] = []
  let lastLabelMs = Number.NEGATIVE_INFINITY
  let ttl = ttlAttribute === undefined ? undefined : new TtlSweeper<ItemKeyValues>(clock, ttlAttribute, expire, storedAt)
  const id = context.newTableId()
  const settings = new TableSettingsState(options.settings, globalIndexNames(), name, createdAt)
  // What capture decides for a write, filled in place: the stream copies it before the next write.
  const captured = createCapturedChange()
  // Set once an item holding a binary is written; index reads check items for binaries only after that.
  let heldBinary = false
  const tableReader: PageReader<Slot> = { itemOf: itemOfSlot, keyOf: (slot) => (slot.holdsBinary ? handOut(extractKey(schema, slot.item)) : extractKey(schema, slot.item)) }

  function checkAlive(): void {
    if (dropped) throw new ResourceNotFoundException(`Requested resource not found: Table: ${name} not found`, { tableName: name })
  }

  function enabledStream(): StreamInternal | undefined {
    const latest = streams[streams.length - 1]
    return latest !== undefined && latest.status() === 'ENABLED' ? latest : undefined
  }

  function readKey(key: unknown): OpenPlan {
    if (typeof key !== 'object' || key === null || Array.isArray(key)) {
      throw new ValidationException(`Invalid key: expected an object holding ${[partitionKey, sortKey].filter(Boolean).join(' and ')}, received ${describeValue(key)}`, { tableName: name })
    }
    const source = key as AttributeMap
    const types = checkKey(schema, keyTypes, source, name, true)
    return find(source[partitionKey] as KeyValue, sortKey === undefined ? undefined : (source[sortKey] as KeyValue), types)
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
    return conditionFails(condition, before, context.userCode, name)
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
    const partition = storage.partition(encodedKey)
    const slot = storage.lookup(partition, sortValue)
    // The state before the write is the slot itself, not a copy of it: committing the plan rewrites the slot, so
    // whatever reads `before` does so before the commit (as `commit` and `runWrite` do).
    return { table: internal, partitionKey: partitionValue, sortKey: sortValue, encodedKey, before: slot, after: undefined, keyTypes: types, partition, slot, conditionFailed: false }
  }

  function plan(open: OpenPlan, after: ItemState | undefined, conditionFailed: boolean): WritePlan {
    open.after = after
    open.conditionFailed = conditionFailed
    return open
  }

  /**
   * An admitted item as stored, sharing the key object (and its size) of the item's earlier version. Laid out as a
   * Slot is (a sort value first), so that what reads a plan's states meets one hidden class, whether the state is a
   * slot (`before`) or new (`after`).
   */
  function stateOf(admitted: AdmittedItem, before: ItemState | undefined): ItemState {
    const state: ItemState & { sortValue: undefined } = {
      sortValue: undefined,
      item: admitted.item,
      sizeBytes: admitted.sizeBytes,
      hasBinarySet: admitted.hasBinarySet,
      holdsBinary: admitted.holdsBinary,
      keys: before?.keys ?? extractKey(schema, admitted.item),
      keyBytes: before?.keyBytes ?? keySize(schema, admitted.item),
    }
    return state
  }

  function planPut(input: unknown, condition: Condition<unknown> | undefined): WritePlan {
    checkWritable()
    const admitted = admitItem(input, name)
    const types = checkKey(schema, keyTypes, admitted.item, name, false)
    // Index key attributes are checked when the write is planned, so that a commit cannot fail half way.
    if (indexes.list.length > 0) indexes.check(admitted.item)
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
    const base = itemOfMaybe(before) ?? admitItem(key, name).item
    // Run as user code (no write may start inside it), without a closure to allocate on every update.
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
      checkKeyUnchanged(partitionKey, base[partitionKey] as KeyValue, after.item[partitionKey])
      if (sortKey !== undefined) checkKeyUnchanged(sortKey, base[sortKey] as KeyValue, after.item[sortKey])
      if (indexes.list.length > 0) indexes.check(after.item)
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

  // Given the values rather than the items: each caller reads one attribute name, which keeps those reads monomorphic.
  function checkKeyUnchanged(attribute: string, was: KeyValue, now: unknown): void {
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

  function checkPlansAgree(plans: readonly WritePlan[]): void {
    const first = plans[0]
    if (first === undefined) return
    for (const p of plans) {
      if (first.keyTypes.partitionKey !== p.keyTypes.partitionKey || first.keyTypes.sortKey !== p.keyTypes.sortKey) {
        throw new ValidationException(`Type mismatch for key of ${name}: expected every item of the request to use one key type, received ${first.keyTypes.partitionKey} and ${p.keyTypes.partitionKey}`, { tableName: name })
      }
    }
    if (indexes.list.length > 0) indexes.checkAgree(plans.filter((p) => p.after !== undefined && p.after !== p.before).map((p) => (p.after as ItemState).item))
  }

  function itemIdentity(p: WritePlan): string {
    return p.sortKey === undefined ? keyValueText(p.partitionKey) : `${keyValueText(p.partitionKey)}\u0000${keyValueText(p.sortKey)}`
  }

  /** Applies the plan to the primary storage; returns the partition that holds (or held) the item. */
  function store(p: WritePlan): Partition<Slot> {
    if (p.slot !== undefined && p.after !== undefined) {
      storage.resized(p.slot.sizeBytes, p.after.sizeBytes)
      p.slot.item = p.after.item
      p.slot.sizeBytes = p.after.sizeBytes
      p.slot.hasBinarySet = p.after.hasBinarySet
      p.slot.holdsBinary = p.after.holdsBinary
      return p.partition as Partition<Slot>
    }
    if (p.after !== undefined) {
      // An earlier action of the same batch or transaction may have created, or emptied and dropped, the partition
      // since the plan was made: `insert` looks it up again.
      const { item, sizeBytes: itemBytes, hasBinarySet, holdsBinary, keys, keyBytes } = p.after
      const slot: Slot = { sortValue: p.sortKey, item, sizeBytes: itemBytes, hasBinarySet, holdsBinary, keys, keyBytes }
      return storage.insert(p.partitionKey, p.encodedKey, slot)
    }
    const partition = p.partition as Partition<Slot>
    storage.remove(partition, p.encodedKey, p.slot as Slot)
    return partition
  }

  // Commit reads as the data path: primary storage, then the indexes, then the log gets what capture decided.
  function commit(p: WritePlan): boolean {
    if (p.conditionFailed) throw new Error('A plan whose condition failed cannot be committed')
    const stream = enabledStream()
    const change = capture(p.before, p.after, stream?.stream.viewType, p.identity, captured)
    if (change === undefined) return false
    keyTypes.partitionKey ??= p.keyTypes.partitionKey
    keyTypes.sortKey ??= p.keyTypes.sortKey
    // `p.before` is the slot that `store` rewrites.
    const beforeItem = p.before?.item
    const beforeBytes = p.before?.sizeBytes ?? 0
    const partition = store(p)
    if (p.after?.holdsBinary === true) heldBinary = true
    if (indexes.list.length > 0) indexes.apply(beforeItem, beforeBytes, p.after?.item, p.after?.sizeBytes ?? 0)
    if (ttl !== undefined) {
      ttl.replaced(beforeItem)
      if (p.after !== undefined) track(p)
    }
    if (stream !== undefined) stream.append(change, partition.hash >>> 0)
    return true
  }

  function track(p: WritePlan): void {
    const at = expiryOf((p.after as ItemState).item, ttlAttribute as string, clock.now())
    if (at !== undefined) (ttl as TtlSweeper<ItemKeyValues>).track(at, { partitionKey: p.partitionKey, sortKey: p.sortKey })
  }

  function storedAt(key: ItemKeyValues): AttributeMap | undefined {
    return storage.lookup(storage.partition(encodeKeyValue(key.partitionKey)), key.sortKey)?.item
  }

  function expire(key: ItemKeyValues, now: number): void {
    const types: KeyTypes = { partitionKey: keyTypes.partitionKey, sortKey: keyTypes.sortKey }
    const found = find(key.partitionKey, key.sortKey, types)
    const { before } = found
    if (before === undefined) return
    // The item may have been rewritten since it was queued: only its current expiry counts.
    const at = expiryOf(before.item, ttlAttribute as string, now)
    if (at === undefined || at > now) return
    commit({ ...plan(found, undefined, false), identity: TTL_IDENTITY })
  }

  function conditionFailure(p: WritePlan, options: WriteOptions<unknown> | undefined): ConditionalCheckFailedException {
    const item = options?.returnItemOnConditionFailure === true ? itemOfMaybe(p.before) : undefined
    return new ConditionalCheckFailedException(
      `The conditional request failed: the condition returned false for the item ${itemIdentity(p).replace('\u0000', ' / ')} of ${name}`,
      { tableName: name, ...(item === undefined ? {} : { item }) },
    )
  }

  function runWrite(p: WritePlan, options: WriteOptions<unknown> | undefined): WriteResult<unknown> {
    if (p.conditionFailed) throw conditionFailure(p, options)
    // Read before the commit rewrites the slot that `p.before` is.
    const stored = p.before?.item
    const storedHoldsBinary = p.before?.holdsBinary === true
    const changed = commit(p)
    const returnOld = options?.returnOld === true
    // A write that changed nothing leaves the old item as the item.
    const oldItem = !changed || returnOld ? (storedHoldsBinary ? handOut(stored) : stored) : undefined
    const item = changed ? itemOfMaybe(p.after) : oldItem
    return Object.freeze(returnOld ? { changed, item, oldItem } : { changed, item })
  }

  const indexReads: IndexReadContext = { tableName: name, schema, typeOfKeyAttribute, mayHoldBinaries: () => heldBinary }

  /** The known type of an attribute that a key (of the table or of an index) uses. */
  function typeOfKeyAttribute(attribute: string): KeyType | undefined {
    if (attribute === partitionKey) return keyTypes.partitionKey
    if (attribute === sortKey) return keyTypes.sortKey
    return indexes.typeOf(attribute)
  }

  function checkQueryOptions(options: unknown): asserts options is QueryOptions<AttributeMap, KeyValue> & { index?: string } {
    if (typeof options !== 'object' || options === null) throw invalidOption('query options', 'an object', options, { tableName: name })
    checkOptionNames(options, QUERY_OPTION_NAMES, 'query', { tableName: name })
    const { reverse } = options as { reverse?: unknown }
    if (reverse !== undefined && typeof reverse !== 'boolean') throw invalidOption('query reverse', 'true or false', reverse, { tableName: name })
  }

  function query(partitionValue: unknown, options: QueryOptions<AttributeMap, KeyValue> & { index?: string } = {}): Page<unknown, unknown> {
    checkAlive()
    checkQueryOptions(options)
    if (options.index !== undefined) return queryIndex(indexReads, indexes.named(options.index), partitionValue, options)
    if (partitionValue === undefined) {
      throw invalidOption(`query partition key value of ${partitionKey}`, keyTypes.partitionKey ?? 'a string, number or Uint8Array', undefined, { tableName: name, path: partitionKey })
    }
    checkKey({ partitionKey }, { partitionKey: keyTypes.partitionKey, sortKey: undefined }, { [partitionKey]: partitionValue as KeyValue }, name, false)
    const limit = checkLimit(options.limit, name)
    const partition = storage.partition(encodeKeyValue(partitionValue as KeyValue))
    const target = { name: sortKey, type: keyTypes.sortKey, tableName: name }
    // The conditions and the start key are checked on a partition without items too, as on one with items.
    let [start, end] = sortBounds(storage, partition ?? emptyPartition<Slot>(partitionValue as KeyValue), options, target)
    let after: KeyValue | undefined
    if (options.exclusiveStartKey !== undefined) {
      const place = { tableName: name }
      const from = readTableStartKey(options.exclusiveStartKey, schema, keyTypes, place)
      checkQueryStart(from, partitionValue as KeyValue, options, options.reverse === true, true, place)
      after = from.sortValue
    }
    // Without a sort key a partition holds one item: a start key in it leaves nothing to read, either way.
    if (partition === undefined || (options.exclusiveStartKey !== undefined && sortKey === undefined)) return Object.freeze({ items: Object.freeze([]) })
    if (after !== undefined) {
      const position = { sortValue: after }
      if (options.reverse === true) end = Math.min(end, storage.positionOf(partition, position))
      else start = Math.max(start, storage.positionAfter(partition, position))
    }
    return pageOf(storage.range(partition, start, end, options.reverse === true), limit, tableReader)
  }

  function scan(options: ScanOptions<AttributeMap> & { index?: string } = {}): Page<unknown, unknown> {
    checkAlive()
    if (typeof options !== 'object' || options === null) throw invalidOption('scan options', 'an object', options, { tableName: name })
    checkOptionNames(options, SCAN_OPTION_NAMES, 'scan', { tableName: name })
    const limit = checkLimit(options.limit, name)
    const hashes = segmentRange(options.segment, options.totalSegments, name)
    if (options.index !== undefined) return scanIndex(indexReads, indexes.named(options.index), options.exclusiveStartKey, limit, hashes)
    let start: { partitionValue: KeyValue; position: StoredPosition | undefined } | undefined
    if (options.exclusiveStartKey !== undefined) {
      const place = { tableName: name }
      const { partitionValue, sortValue } = readTableStartKey(options.exclusiveStartKey, schema, keyTypes, place)
      checkSegmentStart(partitionValue, hashes, place)
      start = { partitionValue, position: sortKey === undefined ? undefined : { sortValue } }
    }
    return pageOf(storage.scan(start, hashes), limit, tableReader)
  }

  function labelTime(): number {
    // Two enables within one millisecond must still get distinct labels (and so distinct ARNs).
    const ms = Math.max(clock.now(), lastLabelMs + 1)
    lastLabelMs = ms
    return ms
  }

  function enableStream(specification: StreamSpecification): ChangeStream {
    checkAlive()
    checkStreamSpecification(specification, name)
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

  function globalIndexNames(): string[] {
    return indexes.list.filter((i) => i.schema.kind === 'GLOBAL').map((i) => i.schema.name)
  }

  function createGlobalIndex(indexName: unknown, definition: unknown, indexOptions: { provisionedThroughput?: ProvisionedThroughput } = {}): Table<any, any, any, any, any> {
    checkWritable()
    if (typeof indexOptions !== 'object' || indexOptions === null) throw invalidOption('global index options', 'an object', indexOptions, { tableName: name })
    checkOptionNames(indexOptions, new Set(['provisionedThroughput']), 'global index', { tableName: name })
    const throughput = indexOptions.provisionedThroughput
    settings.checkNewIndex(String(indexName), throughput)
    indexes.addGlobal(indexName, definition, storage.scan(), (attribute) => (attribute === partitionKey ? keyTypes.partitionKey : attribute === sortKey ? keyTypes.sortKey : undefined))
    try {
      settings.update(throughput === undefined ? {} : { indexThroughput: { [indexName as string]: throughput } }, globalIndexNames(), clock.now())
    } catch (error) {
      indexes.removeGlobal(indexName)
      throw error
    }
    return table
  }

  function deleteGlobalIndex(indexName: unknown): void {
    checkWritable()
    indexes.removeGlobal(indexName)
    settings.dropIndex(indexName as string)
  }

  function updateSettings(changes: TableSettings): void {
    checkAlive()
    settings.update(changes, globalIndexNames(), clock.now())
  }

  function setTimeToLive(attribute: string | undefined): void {
    checkWritable()
    if (attribute !== undefined && (typeof attribute !== 'string' || attribute === '' || attribute.length > 255)) {
      throw invalidOption('TTL attribute', 'an attribute name of 1 to 255 characters, or undefined to disable', attribute, { tableName: name })
    }
    if (attribute !== undefined && ttlAttribute !== undefined) throw new ValidationException('TimeToLive is already enabled', { tableName: name })
    if (attribute === undefined && ttlAttribute === undefined) throw new ValidationException('TimeToLive is already disabled', { tableName: name })
    if (attribute === undefined) {
      ttl?.stop()
      ttl = undefined
      ttlAttribute = undefined
      return
    }
    ttlAttribute = attribute
    const sweeper = new TtlSweeper<ItemKeyValues>(clock, attribute, expire, storedAt)
    ttl = sweeper
    // Items written before TTL was enabled expire too, as the service's background scan finds them.
    const now = clock.now()
    for (const slot of storage.scan()) {
      const at = expiryOf(slot.item, attribute, now)
      if (at !== undefined) sweeper.track(at, { partitionKey: slot.item[partitionKey] as KeyValue, sortKey: sortKey === undefined ? undefined : (slot.item[sortKey] as KeyValue) })
    }
  }

  function keyAttributeTypes(): { readonly [attribute: string]: KeyType } {
    const out: { [attribute: string]: KeyType } = {}
    for (const attribute of [partitionKey, ...(sortKey === undefined ? [] : [sortKey]), ...indexes.list.flatMap((i) => i.keyAttributes)]) {
      const type = typeOfKeyAttribute(attribute) ?? indexes.list.map((i) => i.schema.declaredTypes.get(attribute)).find((t) => t !== undefined)
      if (type !== undefined && !Object.prototype.hasOwnProperty.call(out, attribute)) setMember(out, attribute, type)
    }
    return Object.freeze(out)
  }

  function describe(): TableDescription {
    checkAlive()
    const latest = streams[streams.length - 1]
    const enabled = enabledStream()
    const types: { partitionKey?: KeyType; sortKey?: KeyType } = {}
    if (keyTypes.partitionKey !== undefined) types.partitionKey = keyTypes.partitionKey
    if (keyTypes.sortKey !== undefined) types.sortKey = keyTypes.sortKey
    const { globals, locals } = indexes.describe()
    return Object.freeze({
      name,
      arn,
      id,
      keySchema: schema,
      keyTypes: Object.freeze(types),
      createdAt,
      itemCount: storage.count,
      sizeBytes: storage.sizeBytes,
      ...(ttlAttribute === undefined ? {} : { ttlAttribute }),
      ...(enabled === undefined ? {} : { streamSpecification: Object.freeze({ streamEnabled: true as const, viewType: enabled.stream.viewType }) }),
      ...(latest === undefined ? {} : { latestStreamArn: latest.arn, latestStreamLabel: latest.stream.label }),
      ...(globals.length === 0 ? {} : { globalIndexes: Object.freeze(globals) }),
      ...(locals.length === 0 ? {} : { localIndexes: Object.freeze(locals) }),
      keyAttributeTypes: keyAttributeTypes(),
      settings: settings.describe(clock.now()),
    })
  }

  function drop(): void {
    if (dropped) return
    enabledStream()?.disable()
    ttl?.stop()
    dropped = true
  }

  const table: Table<AttributeMap, string, string, ViewType, any> = Object.freeze({
    name,
    arn,
    keySchema: schema,
    get stream() {
      return streams[streams.length - 1]?.stream as ChangeStream<any>
    },
    put(item: unknown, options?: WriteOptions<unknown>) {
      checkWriteOptions(options, name)
      return runWrite(planPut(item, options?.condition), options)
    },
    update(key: unknown, recipe: UpdateRecipe<any>, options?: WriteOptions<unknown>) {
      checkWriteOptions(options, name)
      return runWrite(planUpdate(key, recipe, options?.condition), options)
    },
    delete(key: unknown, options?: WriteOptions<unknown>) {
      checkWriteOptions(options, name)
      return runWrite(planDelete(key, options?.condition), options)
    },
    get(key: unknown) {
      checkAlive()
      const before = readKey(key).before
      return before === undefined ? undefined : itemOfState(before)
    },
    query,
    scan,
    count: () => {
      checkAlive()
      return storage.count
    },
    describe,
    enableStream,
    disableStream,
    createGlobalIndex,
    deleteGlobalIndex,
    updateSettings,
    setTimeToLive,
    tags: () => {
      checkAlive()
      return settings.tags()
    },
    tag: (tags: Readonly<Record<string, string>>) => {
      checkAlive()
      settings.tag(tags)
    },
    untag: (keys: readonly string[]) => {
      checkAlive()
      settings.untag(keys)
    },
  } as unknown as Table<AttributeMap, string, string, ViewType, any>)

  const internal: TableInternal = { table, name, schema, isDeletionProtected: () => settings.deletionProtection, planPut, planUpdate, planDelete, planCheck, checkPlansAgree, commit, itemIdentity, drop }

  if (options.stream !== undefined) enableStream(options.stream)
  return internal
}

export type {
  Condition,
  IndexItem,
  IndexKey,
  IndexQueryOptions,
  IndexScanOptions,
  ItemInput,
  ItemKey,
  PutResult,
  QueryOptions,
  ScanOptions,
  Table,
  TableDescription,
  TableIndexes,
  TableRecord,
  UpdateRecipe,
  WriteOptions,
  WriteResult,
} from './table-types.js'
export type { StreamSpecification, TableOptions } from './table-options.js'
export type { GlobalIndexDefinition, GlobalIndexDefinitions, KeyAttributeName, LocalIndexDefinition, LocalIndexDefinitions, Projection } from '../storage/index-definition.js'
export type { SortKeyCondition } from '../storage/sort-condition.js'
export type { Page } from '../storage/page.js'
export type { IndexDescription } from '../storage/secondary-index.js'
