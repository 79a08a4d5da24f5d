import { checkOptionNames, invalidOption, ValidationException } from '../core/errors.js'
import { TABLE_NAME_PATTERN } from '../core/ids.js'
import type { KeySchema, KeyType, KeyValue } from '../values/keys.js'

/** Names of the attributes of `T` whose type can be a key: string, number or Uint8Array. */
export type KeyAttributeName<T> = string extends keyof T ? string : { [K in keyof T]-?: T[K] extends KeyValue ? K : never }[keyof T] & string

/** Which attributes an index holds: every attribute, the keys only, or the keys and the listed attributes. */
export type Projection<A extends string = string> = 'ALL' | 'KEYS_ONLY' | { readonly include: readonly A[] }

/** Names of the attributes of `T` that can be an index key: key-typed where present, and possibly absent (indexes are sparse). */
export type IndexKeyAttributeName<T> = string extends keyof T ? string : { [K in keyof T]-?: Exclude<T[K], undefined> extends KeyValue ? K : never }[keyof T] & string

/** A global secondary index: its own partition key (and sort key), over every item that has them. */
export interface GlobalIndexDefinition<T> {
  readonly partitionKey: IndexKeyAttributeName<T>
  readonly sortKey?: IndexKeyAttributeName<T>
  /** ALL by default. */
  readonly projection?: Projection<keyof T & string>
  /** Runtime types of the index key attributes (DynamoDB's AttributeDefinitions); otherwise fixed by the first item indexed. */
  readonly keyTypes?: { readonly partitionKey?: KeyType; readonly sortKey?: KeyType }
}

/** A local secondary index: the table's partition key with another sort key; declared only when the table is created. */
export interface LocalIndexDefinition<T> {
  readonly sortKey: IndexKeyAttributeName<T>
  /** ALL by default. */
  readonly projection?: Projection<keyof T & string>
  /** Runtime type of the index sort key attribute; otherwise fixed by the first item indexed. */
  readonly keyTypes?: { readonly sortKey?: KeyType }
}

/** Index definitions by index name. */
export type GlobalIndexDefinitions<T> = { readonly [name: string]: GlobalIndexDefinition<T> }
/** Local index definitions by index name. */
export type LocalIndexDefinitions<T> = { readonly [name: string]: LocalIndexDefinition<T> }

/** An index as the table keeps it: names, key schema and projection validated. */
export interface IndexSchema {
  readonly name: string
  readonly kind: 'GLOBAL' | 'LOCAL'
  readonly keySchema: KeySchema
  readonly projection: { readonly type: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; readonly nonKeyAttributes?: readonly string[] }
  /** Declared key types, by attribute name. */
  readonly declaredTypes: ReadonlyMap<string, KeyType>
}

/** DynamoDB's per-table limits on secondary indexes. */
export const INDEX_LIMITS = Object.freeze({ globalIndexes: 20, localIndexes: 5, projectedAttributes: 100 })

const GLOBAL_OPTION_NAMES: ReadonlySet<string> = new Set(['partitionKey', 'sortKey', 'projection', 'keyTypes'])
const LOCAL_OPTION_NAMES: ReadonlySet<string> = new Set(['sortKey', 'projection', 'keyTypes'])
const KEY_TYPES: readonly KeyType[] = ['string', 'number', 'binary']
const INVALID = 'One or more parameter values were invalid'

function checkAttributeName(value: unknown, what: string, tableName: string): string {
  if (typeof value !== 'string' || value === '' || value.length > 255) throw invalidOption(what, 'an attribute name of 1 to 255 characters', value, { tableName })
  return value
}

function resolveProjection(projection: unknown, where: string, tableName: string): IndexSchema['projection'] {
  if (projection === undefined || projection === 'ALL') return Object.freeze({ type: 'ALL' as const })
  if (projection === 'KEYS_ONLY') return Object.freeze({ type: 'KEYS_ONLY' as const })
  if (typeof projection === 'object' && projection !== null && !Array.isArray(projection)) {
    checkOptionNames(projection, new Set(['include']), `${where} projection`, { tableName })
    const include = (projection as { include?: unknown }).include
    if (!Array.isArray(include) || include.length === 0) {
      throw new ValidationException(`${INVALID}: ProjectionType is INCLUDE, but NonKeyAttributes is not specified (${where}: expected a non-empty include list, received ${include === undefined ? 'none' : JSON.stringify(include)})`, { tableName })
    }
    const names = include.map((n, i) => checkAttributeName(n, `${where} projection include[${i}]`, tableName))
    if (new Set(names).size !== names.length) throw invalidOption(`${where} projection include`, 'distinct attribute names', names, { tableName })
    return Object.freeze({ type: 'INCLUDE' as const, nonKeyAttributes: Object.freeze(names) })
  }
  throw invalidOption(`${where} projection`, "'ALL', 'KEYS_ONLY' or { include: [attribute names] }", projection, { tableName })
}

function resolveDeclaredTypes(keyTypes: unknown, roles: readonly ('partitionKey' | 'sortKey')[], schema: KeySchema, where: string, tableName: string): Map<string, KeyType> {
  const declared = new Map<string, KeyType>()
  if (keyTypes === undefined) return declared
  if (typeof keyTypes !== 'object' || keyTypes === null) throw invalidOption(`${where} keyTypes`, 'an object such as { partitionKey: "string" }', keyTypes, { tableName })
  checkOptionNames(keyTypes, new Set(roles), `${where} keyTypes`, { tableName })
  for (const role of roles) {
    const t = (keyTypes as Record<string, unknown>)[role]
    if (t === undefined) continue
    if (!KEY_TYPES.includes(t as KeyType)) throw invalidOption(`${where} keyTypes.${role}`, 'string, number or binary', t, { tableName })
    const attribute = schema[role]
    if (attribute !== undefined) declared.set(attribute, t as KeyType)
  }
  return declared
}

function checkIndexName(name: string, tableName: string): void {
  if (!TABLE_NAME_PATTERN.test(name)) throw invalidOption('index name', '3 to 255 characters of a-z, A-Z, 0-9, _, - and .', name, { tableName })
}

/** Validates one global index definition. */
export function resolveGlobalIndex(name: string, definition: unknown, tableName: string): IndexSchema {
  checkIndexName(name, tableName)
  const where = `global index ${name}`
  if (typeof definition !== 'object' || definition === null) throw invalidOption(where, 'an object with a partitionKey', definition, { tableName })
  checkOptionNames(definition, GLOBAL_OPTION_NAMES, where, { tableName })
  const d = definition as Record<string, unknown>
  const partitionKey = checkAttributeName(d.partitionKey, `${where} partitionKey`, tableName)
  const sortKey = d.sortKey === undefined ? undefined : checkAttributeName(d.sortKey, `${where} sortKey`, tableName)
  if (sortKey === partitionKey) throw invalidOption(`${where} sortKey`, `an attribute other than the partition key "${partitionKey}"`, sortKey, { tableName })
  const keySchema: KeySchema = Object.freeze(sortKey === undefined ? { partitionKey } : { partitionKey, sortKey })
  return Object.freeze({
    name,
    kind: 'GLOBAL' as const,
    keySchema,
    projection: resolveProjection(d.projection, where, tableName),
    declaredTypes: resolveDeclaredTypes(d.keyTypes, ['partitionKey', 'sortKey'], keySchema, where, tableName),
  })
}

/** Validates one local index definition against its table's key schema. */
export function resolveLocalIndex(name: string, definition: unknown, table: KeySchema, tableName: string): IndexSchema {
  checkIndexName(name, tableName)
  const where = `local index ${name}`
  if (table.sortKey === undefined) {
    throw new ValidationException(`${INVALID}: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`, { tableName })
  }
  if (typeof definition !== 'object' || definition === null) throw invalidOption(where, 'an object with a sortKey', definition, { tableName })
  checkOptionNames(definition, LOCAL_OPTION_NAMES, where, { tableName })
  const d = definition as Record<string, unknown>
  const sortKey = checkAttributeName(d.sortKey, `${where} sortKey`, tableName)
  if (sortKey === table.partitionKey) throw invalidOption(`${where} sortKey`, `an attribute other than the partition key "${table.partitionKey}"`, sortKey, { tableName })
  const keySchema: KeySchema = Object.freeze({ partitionKey: table.partitionKey, sortKey })
  return Object.freeze({
    name,
    kind: 'LOCAL' as const,
    keySchema,
    projection: resolveProjection(d.projection, where, tableName),
    declaredTypes: resolveDeclaredTypes(d.keyTypes, ['sortKey'], keySchema, where, tableName),
  })
}

/**
 * Checks the table-wide rules on a set of indexes: unique names, DynamoDB's limits, one type per attribute (the types
 * declared for the table's own key included).
 */
export function checkIndexSet(
  indexes: readonly IndexSchema[],
  table: KeySchema,
  tableName: string,
  tableTypes: { readonly partitionKey?: KeyType; readonly sortKey?: KeyType } = {},
): void {
  const names = new Set<string>()
  for (const index of indexes) {
    if (names.has(index.name)) throw new ValidationException(`${INVALID}: Duplicate index name: ${index.name}`, { tableName })
    names.add(index.name)
  }
  const globals = indexes.filter((i) => i.kind === 'GLOBAL').length
  if (globals > INDEX_LIMITS.globalIndexes) {
    throw new ValidationException(`${INVALID}: GlobalSecondaryIndex count exceeds the per-table limit of ${INDEX_LIMITS.globalIndexes}`, { tableName })
  }
  const locals = indexes.length - globals
  if (locals > INDEX_LIMITS.localIndexes) {
    throw new ValidationException(`${INVALID}: Number of LocalSecondaryIndexes exceeds per-table limit of ${INDEX_LIMITS.localIndexes}`, { tableName })
  }
  // An attribute projected into two indexes counts twice; key attributes are never counted.
  let projected = 0
  for (const index of indexes) {
    for (const attribute of index.projection.nonKeyAttributes ?? []) {
      if (attribute !== table.partitionKey && attribute !== table.sortKey && attribute !== index.keySchema.partitionKey && attribute !== index.keySchema.sortKey) projected++
    }
  }
  if (projected > INDEX_LIMITS.projectedAttributes) {
    throw new ValidationException(`${INVALID}: Number of projected attributes in all indexes exceeds limit of ${INDEX_LIMITS.projectedAttributes}`, { tableName })
  }
  const types = new Map<string, KeyType>()
  if (tableTypes.partitionKey !== undefined) types.set(table.partitionKey, tableTypes.partitionKey)
  if (tableTypes.sortKey !== undefined && table.sortKey !== undefined) types.set(table.sortKey, tableTypes.sortKey)
  for (const index of indexes) {
    for (const [attribute, type] of index.declaredTypes) {
      const seen = types.get(attribute)
      if (seen !== undefined && seen !== type) {
        throw new ValidationException(`${INVALID}: attribute ${attribute} is declared as ${seen} and as ${type} (index ${index.name})`, { tableName })
      }
      types.set(attribute, type)
    }
  }
}
