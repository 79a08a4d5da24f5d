import { capture, ChangeKind, changeRecord, createCapturedChange } from '../capture/capture.js'
import { TTL_IDENTITY, VIEW_TYPES, type AnyChangeRecord, type ItemState, type ViewType } from '../capture/record.js'
import type { Clock } from '../core/clock.js'
import { checkOptionNames, invalidOption, ValidationException } from '../core/errors.js'
import { createEventIdSource, formatSequenceNumber, formatShardId, formatStreamLabel, isSequenceNumber, parseStreamArn, streamArn, TABLE_NAME_PATTERN } from '../core/ids.js'
import type { KeyAttributeName } from '../storage/index-definition.js'
import { admitItem, type AttributeMap } from '../values/admission.js'
import { valuesEqual } from '../values/equality.js'
import { checkKey, extractKey, keySize, type KeySchema } from '../values/keys.js'
import type { ItemInput, Table, TableRecord } from '../write/table-types.js'
import { seededRandom } from './seeded-random.js'
import { TEST_STORE_DEFAULTS } from './test-store.js'

/** Options of a record factory that is not built from a table: the table it pretends to be. */
export interface RecordFactoryOptions<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType> {
  readonly table: string
  readonly partitionKey: PK
  readonly sortKey?: SK
  /** The stream's view type; NEW_AND_OLD_IMAGES by default. */
  readonly viewType?: V
  /** Region and account in the stream ARN; us-east-1 and 000000000000 by default. */
  readonly region?: string
  readonly accountId?: string
  /** When the stream was created (its label) and, without a clock, when every record was made; 2026-01-01 by default. */
  readonly startMs?: number
  /** Where record times come from when a record gives none (a test store's clock, say). */
  readonly clock?: Pick<Clock, 'now'>
  /** Seed of the event ids; 1 by default. */
  readonly seed?: number
}

/** Options of one made record. */
export interface MadeRecordOptions {
  /** When the change was made, in epoch milliseconds. */
  readonly createdAt?: number
  readonly shardId?: string
  /** A sequence number of 21 to 40 digits; the factory counts up from its own by default. */
  readonly sequenceNumber?: string
}

type RecordOfEvent<T, PK extends keyof T, SK extends keyof T, V extends ViewType, E> = Extract<TableRecord<T, PK, SK, V>, { readonly eventName: E }>

/** Makes the native change records a table of `T` would emit, for unit tests of record handlers without a store. */
export interface RecordFactory<T, PK extends keyof T, SK extends keyof T, V extends ViewType> {
  readonly streamArn: string
  readonly viewType: V
  /** The record of `item` created. */
  insert(item: ItemInput<T>, options?: MadeRecordOptions): RecordOfEvent<T, PK, SK, V, 'INSERT'>
  /** The record of an item changed from `before` to `after` (same key, different content). */
  modify(before: ItemInput<T>, after: ItemInput<T>, options?: MadeRecordOptions): RecordOfEvent<T, PK, SK, V, 'MODIFY'>
  /** The record of `item` deleted; `ttl: true` makes it a TTL expiry, with the service's `userIdentity`. */
  remove(item: ItemInput<T>, options?: MadeRecordOptions & { readonly ttl?: boolean }): RecordOfEvent<T, PK, SK, V, 'DELETE'>
}

const FACTORY_OPTION_NAMES: ReadonlySet<string> = new Set(['table', 'partitionKey', 'sortKey', 'viewType', 'region', 'accountId', 'startMs', 'clock', 'seed'])
const TABLE_FACTORY_OPTION_NAMES: ReadonlySet<string> = new Set(['clock', 'seed'])
const RECORD_OPTION_NAMES: ReadonlySet<string> = new Set(['createdAt', 'shardId', 'sequenceNumber'])
const REMOVE_OPTION_NAMES: ReadonlySet<string> = new Set([...RECORD_OPTION_NAMES, 'ttl'])
const SHARD_ID = /^shardId-\d{20}-[0-9a-f]{8}$/

interface Origin {
  readonly table: string
  readonly streamArn: string
  readonly viewType: ViewType
  readonly keySchema: KeySchema
  readonly createdAt: number
  readonly clock: Pick<Clock, 'now'> | undefined
  readonly seed: number
}

/**
 * A factory of the native change records a table would emit: from a table (its stream's ARN, key schema and view
 * type), or, curried with the item type, from the options naming the table. Items are validated as a write would,
 * images follow the view type, and sizes follow DynamoDB's item-size rule.
 * @example
 * const orders = createRecordFactory<Order>()({ table: 'orders', partitionKey: 'customerId', sortKey: 'orderId' })
 * await handler([orders.insert(order), orders.modify(order, { ...order, status: 'paid' })], context)
 */
export function createRecordFactory<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType>(
  table: Table<T, PK, SK, V, any>,
  options?: { readonly clock?: Pick<Clock, 'now'>; readonly seed?: number },
): RecordFactory<T, PK, SK, [V] extends [never] ? ViewType : V>
export function createRecordFactory<T extends object = AttributeMap>(): <
  const PK extends KeyAttributeName<T>,
  const SK extends KeyAttributeName<T> = never,
  const V extends ViewType = 'NEW_AND_OLD_IMAGES',
>(
  options: RecordFactoryOptions<T, PK, SK, V>,
) => RecordFactory<T, PK, SK, V>
export function createRecordFactory(table?: unknown, options?: unknown): unknown {
  if (table === undefined) return (factoryOptions: RecordFactoryOptions<AttributeMap, string, string, ViewType>) => makeFactory(originOfOptions(factoryOptions))
  return makeFactory(originOfTable(table, options))
}

function originOfTable(table: unknown, options: unknown = {}): Origin {
  const stream = (table as { stream?: unknown } | null)?.stream as { arn: string; viewType: ViewType; createdAt: number; tableName: string; status(): string } | undefined
  const keySchema = (table as { keySchema?: KeySchema } | null)?.keySchema
  if (typeof table !== 'object' || table === null || keySchema === undefined) throw invalidOption('record factory source', 'a table of a store', table)
  if (stream === undefined) throw new ValidationException(`Invalid record factory source: expected a table with a stream, received ${(table as { name: string }).name} without one`)
  if (typeof options !== 'object' || options === null) throw invalidOption('record factory options', 'an object', options)
  checkOptionNames(options, TABLE_FACTORY_OPTION_NAMES, 'record factory')
  const { clock, seed } = options as { clock?: Pick<Clock, 'now'>; seed?: number }
  return { table: stream.tableName, streamArn: stream.arn, viewType: stream.viewType, keySchema, createdAt: stream.createdAt, clock: checkClock(clock), seed: seed ?? TEST_STORE_DEFAULTS.seed }
}

function originOfOptions(options: RecordFactoryOptions<AttributeMap, string, string, ViewType>): Origin {
  if (typeof options !== 'object' || options === null) throw invalidOption('record factory options', 'an object', options)
  checkOptionNames(options, FACTORY_OPTION_NAMES, 'record factory')
  const { table, partitionKey, sortKey, region = 'us-east-1', accountId = '000000000000', startMs = TEST_STORE_DEFAULTS.startMs } = options
  const viewType = options.viewType ?? 'NEW_AND_OLD_IMAGES'
  if (typeof table !== 'string' || !TABLE_NAME_PATTERN.test(table)) throw invalidOption('table', '3 to 255 characters of a-z, A-Z, 0-9, _, - and .', table)
  if (typeof partitionKey !== 'string' || partitionKey === '') throw invalidOption('partitionKey', 'an attribute name', partitionKey)
  if (sortKey !== undefined && (typeof sortKey !== 'string' || sortKey === '' || sortKey === partitionKey)) throw invalidOption('sortKey', 'an attribute name other than the partition key', sortKey)
  if (!VIEW_TYPES.includes(viewType)) throw invalidOption('viewType', VIEW_TYPES.join(', '), viewType)
  if (!Number.isFinite(startMs)) throw invalidOption('startMs', 'a finite number of epoch milliseconds', startMs)
  const arn = streamArn(region, accountId, table, formatStreamLabel(startMs))
  if (parseStreamArn(arn) === undefined) throw invalidOption('region or accountId', 'a region such as us-east-1 and 12 digits', `${region} ${accountId}`)
  const keySchema: KeySchema = sortKey === undefined ? { partitionKey } : { partitionKey, sortKey }
  return { table, streamArn: arn, viewType, keySchema, createdAt: startMs, clock: checkClock(options.clock), seed: options.seed ?? TEST_STORE_DEFAULTS.seed }
}

function checkClock(clock: unknown): Pick<Clock, 'now'> | undefined {
  if (clock !== undefined && (typeof clock !== 'object' || clock === null || typeof (clock as Clock).now !== 'function')) throw invalidOption('clock', 'an object with now()', clock)
  return clock as Pick<Clock, 'now'> | undefined
}

function makeFactory(origin: Origin): RecordFactory<AttributeMap, string, string, ViewType> {
  const { keySchema, table } = origin
  if (origin.seed !== undefined && !Number.isInteger(origin.seed)) throw invalidOption('seed', 'an integer', origin.seed)
  const eventIdOf = createEventIdSource(seededRandom(origin.seed))()
  const defaultShard = formatShardId(origin.createdAt, 0)
  let counter = 0

  function state(input: unknown, role: string): ItemState {
    const { item, sizeBytes, hasBinarySet, holdsBinary } = admitItem(input, table)
    try {
      checkKey(keySchema, { partitionKey: undefined, sortKey: undefined }, item, table, false)
    } catch (error) {
      throw new ValidationException(`Invalid ${role} for ${table}: ${(error as Error).message}`, { tableName: table })
    }
    return { item, sizeBytes, hasBinarySet, holdsBinary, keys: extractKey(keySchema, item), keyBytes: keySize(keySchema, item) }
  }

  function make(kind: ChangeKind, before: ItemState | undefined, after: ItemState | undefined, options: MadeRecordOptions = {}, names = RECORD_OPTION_NAMES): AnyChangeRecord {
    if (typeof options !== 'object' || options === null) throw invalidOption('record options', 'an object', options)
    checkOptionNames(options, names, 'record')
    const createdAt = options.createdAt ?? origin.clock?.now() ?? origin.createdAt
    if (!Number.isFinite(createdAt)) throw invalidOption('createdAt', 'a finite number of epoch milliseconds', createdAt)
    const shardId = options.shardId ?? defaultShard
    if (typeof shardId !== 'string' || !SHARD_ID.test(shardId)) throw invalidOption('shardId', 'shardId- + 20 digits + - + 8 hex digits', shardId)
    if (options.sequenceNumber !== undefined && !isSequenceNumber(options.sequenceNumber)) throw invalidOption('sequenceNumber', 'a string of 21 to 40 digits', options.sequenceNumber)
    const change = capture(before, after, origin.viewType, kind === ChangeKind.TtlDelete ? TTL_IDENTITY : undefined, createCapturedChange())
    if (change === undefined) throw new ValidationException(`Invalid modify for ${table}: expected images that differ, received equal items (an unchanged item emits no record)`, { tableName: table })
    counter++
    return changeRecord(origin, eventIdOf(counter), shardId, options.sequenceNumber ?? formatSequenceNumber(counter), createdAt, change.kind, change.keys, change.newImage, change.oldImage, change.sizeBytes)
  }

  return Object.freeze({
    streamArn: origin.streamArn,
    viewType: origin.viewType,
    insert: (item: unknown, options?: MadeRecordOptions) => make(ChangeKind.Insert, undefined, state(item, 'item'), options),
    modify(before: unknown, after: unknown, options?: MadeRecordOptions) {
      const old = state(before, 'before image')
      const next = state(after, 'after image')
      if (!valuesEqual(old.keys, next.keys)) {
        throw new ValidationException(`Invalid modify for ${table}: expected both images to have one key, received ${JSON.stringify(old.keys)} and ${JSON.stringify(next.keys)}`, { tableName: table })
      }
      return make(ChangeKind.Modify, old, next, options)
    },
    remove(item: unknown, options: MadeRecordOptions & { readonly ttl?: boolean } = {}) {
      if (typeof options !== 'object' || options === null) throw invalidOption('record options', 'an object', options)
      const { ttl, ...rest } = options
      if (ttl !== undefined && typeof ttl !== 'boolean') throw invalidOption('ttl', 'true or false', ttl)
      checkOptionNames(options, REMOVE_OPTION_NAMES, 'record')
      return make(ttl === true ? ChangeKind.TtlDelete : ChangeKind.Delete, state(item, 'item'), undefined, rest)
    },
  }) as unknown as RecordFactory<AttributeMap, string, string, ViewType>
}
