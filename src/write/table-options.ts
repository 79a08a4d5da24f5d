import { VIEW_TYPES, type ViewType } from '../capture/record.js'
import { checkOptionNames, invalidOption } from '../core/errors.js'
import { TABLE_NAME_PATTERN } from '../core/ids.js'
import type { ShardOptions } from '../log/stream.js'
import {
  checkIndexSet,
  resolveGlobalIndex,
  resolveLocalIndex,
  type GlobalIndexDefinitions,
  type IndexSchema,
  type KeyAttributeName,
  type LocalIndexDefinitions,
} from '../storage/index-definition.js'
import type { KeySchema, KeyType, KeyTypes } from '../values/keys.js'
import type { TableSettings } from './table-settings.js'

/** How a table's stream is set up. */
export interface StreamSpecification<V extends ViewType = ViewType> {
  readonly viewType: V
  /** Overrides the store's shard options for this stream. */
  readonly shards?: Partial<ShardOptions>
}

/** Options of `createTable`. */
export interface TableOptions<
  T,
  PK extends KeyAttributeName<T>,
  SK extends KeyAttributeName<T>,
  V extends ViewType,
  G extends GlobalIndexDefinitions<T> = {},
  L extends LocalIndexDefinitions<T> = {},
> {
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
  /** Global secondary indexes by name (at most 20); more can be added later with `createGlobalIndex`. */
  readonly globalIndexes?: G
  /** Local secondary indexes by name (at most 5): the table's partition key with another sort key; only at creation. */
  readonly localIndexes?: L
  /** Billing, capacity, table class, deletion protection and encryption, as the service keeps them. */
  readonly settings?: TableSettings
}

/** Table options, validated. */
export interface ResolvedTableOptions {
  readonly name: string
  readonly schema: KeySchema
  readonly keyTypes: KeyTypes
  readonly ttlAttribute: string | undefined
  readonly indexes: readonly IndexSchema[]
}

const TABLE_OPTION_NAMES: ReadonlySet<string> = new Set(['name', 'partitionKey', 'sortKey', 'stream', 'ttlAttribute', 'keyTypes', 'globalIndexes', 'localIndexes', 'settings'])
const KEY_TYPES: readonly KeyType[] = ['string', 'number', 'binary']

/** Validates the options of `createTable` (the stream specification is checked when the stream is enabled). */
export function resolveTableOptions(options: TableOptions<any, any, any, any, any, any>): ResolvedTableOptions {
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
  const indexes = [
    ...indexDefinitions(options.globalIndexes, 'globalIndexes', name).map(([n, d]) => resolveGlobalIndex(n, d, name)),
    ...indexDefinitions(options.localIndexes, 'localIndexes', name).map(([n, d]) => resolveLocalIndex(n, d, schema, name)),
  ]
  checkIndexSet(indexes, schema, name, declared)
  return {
    name,
    schema,
    keyTypes: { partitionKey: declared.partitionKey, sortKey: declared.sortKey },
    ttlAttribute,
    indexes,
  }
}

function indexDefinitions(definitions: unknown, what: string, tableName: string): [string, unknown][] {
  if (definitions === undefined) return []
  if (typeof definitions !== 'object' || definitions === null || Array.isArray(definitions)) {
    throw invalidOption(what, 'an object of index definitions by index name', definitions, { tableName })
  }
  return Object.entries(definitions)
}

/** Validates a stream specification. */
export function checkStreamSpecification(specification: unknown, tableName: string): asserts specification is StreamSpecification {
  if (typeof specification !== 'object' || specification === null) throw invalidOption('stream', 'an object with a viewType', specification, { tableName })
  const { viewType } = specification as { viewType?: unknown }
  if (!VIEW_TYPES.includes(viewType as ViewType)) {
    throw invalidOption('stream viewType', `one of ${VIEW_TYPES.join(', ')}`, viewType, { tableName })
  }
}

const WRITE_OPTION_NAMES: ReadonlySet<string> = new Set(['condition', 'returnItemOnConditionFailure', 'returnOld'])

/** Checks the options of one single-item write of table `tableName`. */
export function checkWriteOptions(options: { readonly returnOld?: unknown; readonly returnItemOnConditionFailure?: unknown } | undefined, tableName: string): void {
  if (options === undefined) return
  if (typeof options !== 'object' || options === null) throw invalidOption('write options', 'an object', options, { tableName })
  checkOptionNames(options, WRITE_OPTION_NAMES, 'write', { tableName })
  for (const flag of ['returnOld', 'returnItemOnConditionFailure'] as const) {
    if (options[flag] !== undefined && typeof options[flag] !== 'boolean') throw invalidOption(flag, 'a boolean', options[flag], { tableName })
  }
}
