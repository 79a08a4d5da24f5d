// What the item operations share: the table a request names, keys checked against its schema with the service's
// texts, the placeholder maps, the legacy-parameter rule, native errors in the service's words, and consumed capacity.
import { marshallItem } from '../../codec/attribute-value-json.js'
import { unmarshallItem, unmarshallValue } from '../../codec/attribute-value-read.js'
import { UNEXPECTED_FIELD_TYPE } from '../../codec/messages.js'
import { SerializationException } from '../../core/errors.js'
import { admitItem, type AttributeMap, type AttributeValue } from '../../values/admission.js'
import { keyTypeOf, type KeyType } from '../../values/keys.js'
import { memberOf, setMember } from '../../values/members.js'
import {
  ConditionalCheckFailedException,
  isStreamtableError,
  ResourceNotFoundException,
  ValidationException,
  type Store,
  type Table,
  type TableDescription,
  type ViewType,
} from '../../index.js'
import { isJsonObject, readMembers, type JsonObject, type MemberReader } from '../protocol/input.js'
import { ARITHMETIC_PRECISION, mapInvalidValue } from '../expressions/messages.js'
import { ITEM_TEXT } from './item-messages.js'

/** A table as the wire layer reaches it. */
export type AnyTable = Table<AttributeMap, string, string, ViewType>

/** The model's rules for a data-plane TableName. */
export const TABLE_NAME_RULES = { required: true, min: 3, max: 255, pattern: /[a-zA-Z0-9_.-]+/ } as const

/** The values of ReturnConsumedCapacity, in model order. */
export const RETURN_CONSUMED_CAPACITY = ['INDEXES', 'TOTAL', 'NONE'] as const
/** The values of ReturnItemCollectionMetrics, in model order. */
export const RETURN_ITEM_COLLECTION_METRICS = ['SIZE', 'NONE'] as const
/** The values of ReturnValue, in model order. */
export const RETURN_VALUES = ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'] as const
/** The values of ReturnValuesOnConditionCheckFailure, in model order. */
export const RETURN_ON_FAILURE = ['ALL_OLD', 'NONE'] as const

/** A table of the store and its description, for one request. */
export interface ResolvedTable {
  readonly table: AnyTable
  /** The table's key schema and key types: what most item requests check, without a whole description. */
  readonly keys: TableKeys
  /** The table's description, made when first read. */
  readonly description: TableDescription
}

/** A table's key schema and the key types its declaration or its first write fixed. */
export type TableKeys = Pick<TableDescription, 'keySchema' | 'keyTypes'>

// Key types never change once fixed, so a table's keys are kept from then on; until then each request describes it.
const settledKeys = new WeakMap<AnyTable, TableKeys>()

function keysSettled(keys: TableKeys): boolean {
  return keys.keyTypes.partitionKey !== undefined && (keys.keySchema.sortKey === undefined || keys.keyTypes.sortKey !== undefined)
}

/** The table `name` names; the data plane's ResourceNotFoundException when there is none. */
export function tableOf(store: Store, name: string): ResolvedTable {
  // A table ARN names its table after the last slash.
  const tableName = name.startsWith('arn:') ? name.slice(name.lastIndexOf('/') + 1) : name
  let table: AnyTable
  try {
    table = store.getTable(tableName)
  } catch (error) {
    if (isStreamtableError(error) && error.code === 'ResourceNotFoundException') throw new ResourceNotFoundException(ITEM_TEXT.tableNotFound, { tableName })
    throw error
  }
  const settled = settledKeys.get(table)
  if (settled === undefined) {
    const description = table.describe()
    const keys = { keySchema: description.keySchema, keyTypes: description.keyTypes }
    if (keysSettled(keys)) settledKeys.set(table, keys)
    return { table, keys, description }
  }
  return new SettledTable(table, settled)
}

// A class, so that the lazy description is a getter of the prototype: an object literal with a getter is built
// through the runtime's slow path, on every request.
class SettledTable implements ResolvedTable {
  #description: TableDescription | undefined

  constructor(
    readonly table: AnyTable,
    readonly keys: TableKeys,
  ) {}

  get description(): TableDescription {
    this.#description ??= this.table.describe()
    return this.#description
  }
}

/** A member holding a JSON object (an attribute map or a map of structures), or undefined. */
export function objectMember(input: JsonObject, name: string): JsonObject | undefined {
  const value = Object.prototype.hasOwnProperty.call(input, name) ? input[name] : undefined
  if (value === undefined || value === null) return undefined
  if (!isJsonObject(value)) throw new SerializationException(Array.isArray(value) ? 'Start of list found where not expected' : UNEXPECTED_FIELD_TYPE)
  return value
}

/** A member holding a JSON array, or undefined. */
export function listMember(input: JsonObject, name: string): readonly unknown[] | undefined {
  const value = Object.prototype.hasOwnProperty.call(input, name) ? input[name] : undefined
  if (value === undefined || value === null) return undefined
  if (!Array.isArray(value)) throw new SerializationException(isJsonObject(value) ? 'Start of structure or map found where not expected.' : UNEXPECTED_FIELD_TYPE)
  return value
}

/** An attribute map member (Item, Key, ExclusiveStartKey) in native form, or undefined. */
export function attributeMapMember(input: JsonObject, name: string): AttributeMap | undefined {
  const json = objectMember(input, name)
  return json === undefined ? undefined : unmarshallItem(json)
}

/** ExpressionAttributeNames and ExpressionAttributeValues of one request, values native. */
export interface WirePlaceholders {
  readonly names?: Readonly<Record<string, string>> | undefined
  readonly values?: Readonly<Record<string, AttributeValue>> | undefined
  /** The `N` text of each number value as sent: the service quotes numbers as sent in its messages. */
  readonly numberTexts?: Readonly<Record<string, string>> | undefined
  /** The service's error for the first value that is no valid AttributeValue, reported once the maps' shapes pass. */
  readonly invalidValue?: string | undefined
}

/** How the service words a number it cannot read outside an item: in ExpressionAttributeValues and legacy conditions. */
export const NOT_A_NUMBER = 'A value provided cannot be converted into a number'

// The expression engine reads a value's number with its own parser, whose errors are worded apart.
function invalidValueDetail(message: string): string {
  if (message.startsWith('Attempting to store more than 38 significant digits')) return ARITHMETIC_PRECISION
  if (message.startsWith('The parameter cannot be converted to a numeric value')) return NOT_A_NUMBER
  // The wrapped text loses its closing full stop: `… contains duplicates for key :v`.
  return message.endsWith('.') ? message.slice(0, -1) : message
}

/** The key attributes of a table's own key schema. */
export function tableKeyAttributes(description: { readonly keySchema: { readonly partitionKey: string; readonly sortKey?: string } }): string[] {
  const { partitionKey, sortKey } = description.keySchema
  return sortKey === undefined ? [partitionKey] : [partitionKey, sortKey]
}

/** Reads ExpressionAttributeNames and ExpressionAttributeValues. */
export function readPlaceholders(input: JsonObject): WirePlaceholders {
  const namesJson = objectMember(input, 'ExpressionAttributeNames')
  let names: Record<string, string> | undefined
  if (namesJson !== undefined) {
    names = {}
    for (const [key, value] of Object.entries(namesJson)) {
      if (typeof value !== 'string') throw new SerializationException(UNEXPECTED_FIELD_TYPE)
      names[key] = value
    }
  }
  const valuesJson = objectMember(input, 'ExpressionAttributeValues')
  let values: Record<string, AttributeValue> | undefined
  let numberTexts: Record<string, string> | undefined
  let invalidValue: string | undefined
  if (valuesJson !== undefined) {
    values = {}
    for (const [key, value] of Object.entries(valuesJson)) {
      try {
        values[key] = unmarshallValue(value)
      } catch (error) {
        if (!isStreamtableError(error) || error.code !== 'ValidationException') throw error
        invalidValue ??= mapInvalidValue(invalidValueDetail(error.serviceMessage ?? error.message.replace(/ \(ValidationException\)$/, '')), key)
        // The key stays, for the checks of the map's shape that come first; the request fails before any value is read.
        values[key] = null
        continue
      }
      const text = (value as { N?: unknown }).N
      if (typeof text === 'string') (numberTexts ??= {})[key] = text
    }
  }
  return { names, values, numberTexts, invalidValue }
}

// The service lists the parameters of a mix in this order, whatever the request's.
const LEGACY_ORDER = ['AttributeUpdates', 'AttributesToGet', 'Expected', 'QueryFilter', 'ScanFilter', 'ConditionalOperator', 'KeyConditions']
const EXPRESSION_ORDER = ['UpdateExpression', 'ProjectionExpression', 'ConditionExpression', 'FilterExpression', 'KeyConditionExpression']

/** Refuses legacy parameters next to expression parameters, as the service does (KeyConditions only next to a KeyConditionExpression). */
export function checkLegacyParameters(input: JsonObject, legacy: readonly string[], expressions: readonly string[]): void {
  const present = (name: string): boolean => input[name] !== undefined && input[name] !== null
  // Most requests carry neither kind: one pass over the names the operation accepts settles it.
  if (!legacy.some(present)) return
  const usedExpressions = EXPRESSION_ORDER.filter((name) => expressions.includes(name) && present(name))
  const usedLegacy = LEGACY_ORDER.filter(
    (name) => legacy.includes(name) && present(name) && (name !== 'KeyConditions' || usedExpressions.includes('KeyConditionExpression')),
  )
  if (usedLegacy.length > 0 && usedExpressions.length > 0) throw new ValidationException(ITEM_TEXT.legacyMix(usedLegacy, usedExpressions))
}

/** The legacy AttributesToGet: top-level names, each once; undefined when absent. */
export function readAttributesToGet(input: JsonObject): readonly string[] | undefined {
  const list = listMember(input, 'AttributesToGet')
  if (list === undefined) return undefined
  if (list.length === 0) throw new ValidationException(ITEM_TEXT.attributesToGetEmpty)
  const names: string[] = []
  for (const name of list) {
    if (typeof name !== 'string') throw new SerializationException(UNEXPECTED_FIELD_TYPE)
    if (names.includes(name)) throw new ValidationException(ITEM_TEXT.attributesToGetDuplicate(name))
    names.push(name)
  }
  return names
}

/** The attributes of `item` that AttributesToGet names (the key is not added). */
export function pickAttributes(item: AttributeMap, names: readonly string[]): AttributeMap {
  const out: Record<string, AttributeValue> = {}
  for (const name of names) {
    const value = memberOf(item, name)
    if (value !== undefined) setMember(out, name, value)
  }
  return out
}

const TYPE_LETTER: Readonly<Record<KeyType, string>> = { string: 'S', number: 'N', binary: 'B' }

function keyAttributes(keys: TableKeys): readonly [string, KeyType | undefined][] {
  const { keySchema, keyTypes } = keys
  const out: [string, KeyType | undefined][] = [[keySchema.partitionKey, keyTypes.partitionKey]]
  if (keySchema.sortKey !== undefined) out.push([keySchema.sortKey, keyTypes.sortKey])
  return out
}

function emptyKeyValue(value: AttributeValue): boolean {
  return value === '' || (value instanceof Uint8Array && value.length === 0)
}

/** Checks a Key member against the table's key schema, with the service's texts. */
export function checkKeyMember(keys: TableKeys, key: AttributeMap, message: string = ITEM_TEXT.keyMismatch): void {
  const attributes = keyAttributes(keys)
  if (Object.keys(key).length !== attributes.length) throw new ValidationException(message)
  for (const [name, declared] of attributes) {
    const value = key[name]
    if (value === undefined) throw new ValidationException(message)
    const type = keyTypeOf(value)
    if (type === undefined || (declared !== undefined && type !== declared)) throw new ValidationException(message)
    if (emptyKeyValue(value)) throw new ValidationException(ITEM_TEXT.emptyKey(name, type === 'string' ? 'string' : 'binary'))
  }
}

/** Checks the key attributes of a whole item (PutItem) against the table's key schema, with the service's texts. */
export function checkItemKey(keys: TableKeys, item: AttributeMap): void {
  for (const [name, declared] of keyAttributes(keys)) {
    const value = item[name]
    if (value === undefined) throw new ValidationException(ITEM_TEXT.missingKey(name))
    const type = keyTypeOf(value)
    if (type === undefined || (declared !== undefined && type !== declared)) {
      throw new ValidationException(ITEM_TEXT.keyTypeMismatch(name, declared === undefined ? 'S, N or B' : TYPE_LETTER[declared], typeLetterOf(value)))
    }
    if (emptyKeyValue(value)) throw new ValidationException(ITEM_TEXT.emptyKey(name, type === 'string' ? 'string' : 'binary'))
  }
}

function typeLetterOf(value: AttributeValue): string {
  const type = keyTypeOf(value)
  if (type !== undefined) return TYPE_LETTER[type]
  if (typeof value === 'boolean') return 'BOOL'
  if (value === null) return 'NULL'
  if (Array.isArray(value)) return 'L'
  if (value instanceof Set) {
    const first: unknown = [...(value as ReadonlySet<unknown>)][0]
    return typeof first === 'string' ? 'SS' : first instanceof Uint8Array ? 'BS' : 'NS'
  }
  return 'M'
}

/** The key of `item` on the table's key schema. */
export function keyOf(table: Pick<TableDescription, 'keySchema'>, item: AttributeMap): AttributeMap {
  const { partitionKey, sortKey } = table.keySchema
  // Computed names define own members, so a key attribute named `__proto__` is one.
  return sortKey === undefined ? { [partitionKey]: item[partitionKey] as AttributeValue } : { [partitionKey]: item[partitionKey] as AttributeValue, [sortKey]: item[sortKey] as AttributeValue }
}

/**
 * Runs a native write, answering its condition failure and an item past the size limit in the service's words (with
 * the item when asked); other errors pass unchanged.
 */
export function conditionalWrite<T>(write: () => T): T {
  try {
    return write()
  } catch (error) {
    if (isStreamtableError(error) && error.code === 'ConditionalCheckFailedException') {
      const item = (error as ConditionalCheckFailedException).item
      throw new ConditionalCheckFailedException(ITEM_TEXT.conditionFailed, {
        serviceMessage: ITEM_TEXT.conditionFailed,
        ...(item === undefined ? {} : { item }),
      })
    }
    if (isStreamtableError(error) && error.code === 'ValidationException' && error.serviceMessage === undefined) {
      const size = /^(Item size(?: to update)?) has exceeded the maximum allowed size/.exec(error.message)
      if (size !== null) throw new ValidationException(`${size[1]} has exceeded the maximum allowed size`)
    }
    throw error
  }
}

/** The size of an item by DynamoDB's item-size rule. */
export function itemSize(item: AttributeMap | undefined): number {
  return item === undefined ? 0 : admitItem(item).sizeBytes
}

/** Write capacity units of a write whose larger image is `bytes` (1 per KB, at least 1). */
export function writeUnits(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / 1024))
}

/** Read capacity units of reading `bytes` (1 per 4 KB strongly consistent, half of that eventually). */
export function readUnits(bytes: number, consistent: boolean): number {
  const units = Math.max(1, Math.ceil(bytes / 4096))
  return consistent ? units : units / 2
}

/** The ConsumedCapacity member for `units` on `table` (and its indexes, for INDEXES), or nothing for NONE. */
export function consumedCapacity(mode: string | undefined, tableName: string, units: number, indexUnits: { readonly global: readonly string[]; readonly local: readonly string[] } = { global: [], local: [] }, indexUnitsEach = units): JsonObject | undefined {
  if (mode === undefined || mode === 'NONE') return undefined
  const indexTotal = (indexUnits.global.length + indexUnits.local.length) * indexUnitsEach
  const total = { TableName: tableName, CapacityUnits: units + (mode === 'INDEXES' ? indexTotal : 0) }
  if (mode === 'TOTAL') return total
  const perIndex = (names: readonly string[]): JsonObject => Object.fromEntries(names.map((n) => [n, { CapacityUnits: indexUnitsEach }]))
  return {
    ...total,
    Table: { CapacityUnits: units },
    ...(indexUnits.global.length === 0 ? {} : { GlobalSecondaryIndexes: perIndex(indexUnits.global) }),
    ...(indexUnits.local.length === 0 ? {} : { LocalSecondaryIndexes: perIndex(indexUnits.local) }),
  }
}

/** The indexes a write touched: those whose key attributes the item has before or after. */
export function touchedIndexes(description: TableDescription, before: AttributeMap | undefined, after: AttributeMap | undefined): { global: string[]; local: string[] } {
  const holds = (item: AttributeMap | undefined, schema: { partitionKey: string; sortKey?: string | undefined }): boolean =>
    item !== undefined && item[schema.partitionKey] !== undefined && (schema.sortKey === undefined || item[schema.sortKey] !== undefined)
  const pick = (list: TableDescription['globalIndexes']): string[] =>
    (list ?? []).filter((index) => holds(before, index.keySchema) || holds(after, index.keySchema)).map((index) => index.name)
  return { global: pick(description.globalIndexes), local: pick(description.localIndexes) }
}

/** The ItemCollectionMetrics of a write on a table with local indexes, when asked for with SIZE. */
export function itemCollectionMetrics(mode: string | undefined, description: TableDescription, table: AnyTable, item: AttributeMap): JsonObject | undefined {
  if (mode !== 'SIZE' || description.localIndexes === undefined || description.localIndexes.length === 0) return undefined
  const { partitionKey } = description.keySchema
  const value = item[partitionKey] as AttributeValue
  let bytes = 0
  let start: AttributeMap | undefined
  for (;;) {
    const page = table.query(value as never, start === undefined ? {} : { exclusiveStartKey: start as never })
    for (const stored of page.items) bytes += itemSize(stored as AttributeMap)
    if (page.lastEvaluatedKey === undefined) break
    start = page.lastEvaluatedKey as AttributeMap
  }
  const gb = bytes / 1024 ** 3
  return { ItemCollectionKey: marshallItem({ [partitionKey]: value }), SizeEstimateRangeGB: [Math.floor(gb), Math.floor(gb) + 1] }
}

// The TableName that passed its check last (a pure cache: a name valid once is valid always).
let lastValidTableName: string | undefined

/** Reads the members every single-item operation shares. */
export function readCommon(reader: MemberReader, input: JsonObject): { tableName: string; returnConsumedCapacity: string | undefined } {
  // An invalid TableName is reported alone, before the request's other constraint violations. Requests name the same
  // table again and again: the name checked last needs no second check.
  if (input.TableName !== lastValidTableName || !Object.prototype.hasOwnProperty.call(input, 'TableName')) {
    const alone = readMembers(input)
    alone.string('TableName', TABLE_NAME_RULES)
    alone.finish()
    lastValidTableName = input.TableName as string
  }
  const tableName = reader.string('TableName') as string
  const returnConsumedCapacity = reader.string('ReturnConsumedCapacity', { enum: RETURN_CONSUMED_CAPACITY })
  return { tableName, returnConsumedCapacity }
}

/** Adds the optional output members that are present. */
export function withMembers(out: Record<string, unknown>, members: { readonly [name: string]: unknown }): JsonObject {
  for (const [name, value] of Object.entries(members)) if (value !== undefined) out[name] = value
  return out
}
