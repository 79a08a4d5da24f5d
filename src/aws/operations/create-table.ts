// CreateTable: the model's constraints first (the table name alone when it is wrong), then the service's checks
// in its order (billing and capacity, key definitions, key schema, index lists, index keys and projections,
// duplicate names, the definition count, the stream), then the name's uniqueness; the table is made natively.
import { ResourceInUseException, ValidationException, type AttributeMap, type BillingMode, type Store, type TableSettings } from '../../index.js'
import { readMembers, type JsonObject } from '../protocol/input.js'
import type { Operation } from '../protocol/registry.js'
import {
  BILLING_MODES,
  checkIndexKeysDefined,
  checkKeySchemaShape,
  checkKeysDefined,
  checkProjection,
  keyTypeOfLetter,
  nativeProjection,
  readAttributeDefinitions,
  readIndex,
  readKeySchema,
  readSse,
  readStreamSpecification,
  readThroughput,
  TABLE_CLASSES,
  TABLE_NAME,
  type AttributeDefinition,
  type IndexInput,
  type KeyElement,
} from './table-input.js'
import { tableDescriptionJson } from './table-description.js'
import { TABLE_TEXT } from './table-messages.js'
import { readTags } from './tags.js'

const MAX_LSI = 5
const MAX_GSI = 20

/** Reads TableName as every control-plane operation does: missing, then its constraints, reported alone. */
export function readTableName(input: JsonObject, missingText: string = TABLE_TEXT.tableNameRequired): string {
  if (input.TableName === undefined || input.TableName === null) throw new ValidationException(missingText)
  const reader = readMembers(input)
  const name = reader.string('TableName', TABLE_NAME) as string
  reader.finish()
  return name
}

function checkLocalIndexes(indexes: readonly IndexInput[], table: { hash: string; range: string | undefined }, definitions: readonly AttributeDefinition[]): void {
  if (table.range === undefined) throw new ValidationException(TABLE_TEXT.lsiWithoutTableRange)
  checkIndexKeysDefined(indexes, definitions)
  for (const index of indexes) {
    const { hash, range } = checkKeySchemaShape(index.keySchema as readonly KeyElement[])
    const name = index.indexName as string
    if (range === undefined) throw new ValidationException(TABLE_TEXT.lsiWithoutRange(name))
    if (hash !== table.hash) throw new ValidationException(TABLE_TEXT.lsiHashMismatch(name, hash, table.hash))
    checkProjection(index.projection as NonNullable<IndexInput['projection']>)
  }
  checkUniqueNames(indexes)
  if (indexes.length > MAX_LSI) throw new ValidationException(TABLE_TEXT.tooManyLsi)
}

/** The checks on global index definitions, shared with UpdateTable's Create action. */
export function checkGlobalIndexes(indexes: readonly IndexInput[], definitions: readonly AttributeDefinition[], billingMode: string): void {
  checkIndexKeysDefined(indexes, definitions)
  for (const index of indexes) {
    checkKeySchemaShape(index.keySchema as readonly KeyElement[])
    checkProjection(index.projection as NonNullable<IndexInput['projection']>)
  }
  checkUniqueNames(indexes)
  if (indexes.length > MAX_GSI) throw new ValidationException(TABLE_TEXT.tooManyGsi)
  for (const index of indexes) {
    const name = index.indexName as string
    if (billingMode === 'PAY_PER_REQUEST' && index.provisionedThroughput !== undefined) throw new ValidationException(TABLE_TEXT.indexThroughputRefused(name))
    if (billingMode === 'PROVISIONED' && index.provisionedThroughput === undefined) throw new ValidationException(TABLE_TEXT.indexThroughputRequired(name))
  }
}

function checkUniqueNames(indexes: readonly IndexInput[]): void {
  const seen = new Set<string>()
  for (const index of indexes) {
    const name = index.indexName as string
    if (seen.has(name)) throw new ValidationException(TABLE_TEXT.duplicateIndex(name))
    seen.add(name)
  }
}

/** The native index definition of a checked index: its keys, projection and declared key types. */
export function nativeIndex(index: IndexInput, definitions: readonly AttributeDefinition[]): { partitionKey: string; sortKey?: string; projection: unknown; keyTypes: object } {
  const keySchema = index.keySchema as readonly KeyElement[]
  const typeOf = (attribute: string) => keyTypeOfLetter(definitions.find((d) => d.attributeName === attribute)?.attributeType as string)
  const partitionKey = keySchema[0]?.attributeName as string
  const sortKey = keySchema[1]?.attributeName
  return {
    partitionKey,
    ...(sortKey === undefined ? {} : { sortKey }),
    projection: nativeProjection(index.projection as NonNullable<IndexInput['projection']>),
    keyTypes: sortKey === undefined ? { partitionKey: typeOf(partitionKey) } : { partitionKey: typeOf(partitionKey), sortKey: typeOf(sortKey) },
  }
}

const createTable: Operation = (input, { store }) => {
  const name = readTableName(input)
  const reader = readMembers(input)
  const billingMode = reader.string('BillingMode', { enum: BILLING_MODES })
  const throughput = readThroughput(reader)
  const keySchema = readKeySchema(reader, 'KeySchema', true) as KeyElement[]
  const definitions = readAttributeDefinitions(reader, true) as AttributeDefinition[]
  const locals = reader.structureList('LocalSecondaryIndexes', (element) => readIndex(element, false))
  const globals = reader.structureList('GlobalSecondaryIndexes', (element) => readIndex(element, true))
  const stream = readStreamSpecification(reader)
  const sse = readSse(reader)
  const tableClass = reader.string('TableClass', { enum: TABLE_CLASSES })
  const deletionProtection = reader.boolean('DeletionProtectionEnabled')
  const tags = readTags(reader, false)
  reader.finish()

  const mode = (billingMode ?? 'PROVISIONED') as BillingMode
  if (mode === 'PAY_PER_REQUEST' && throughput !== undefined) throw new ValidationException(TABLE_TEXT.throughputRefused)
  if (mode === 'PROVISIONED' && throughput === undefined) throw new ValidationException(TABLE_TEXT.throughputRequired)
  checkKeysDefined(keySchema, definitions)
  const table = checkKeySchemaShape(keySchema)
  if (locals?.length === 0) throw new ValidationException(TABLE_TEXT.emptyIndexList('LocalSecondaryIndexes'))
  if (globals?.length === 0) throw new ValidationException(TABLE_TEXT.emptyIndexList('GlobalSecondaryIndexes'))
  if (locals !== undefined) checkLocalIndexes(locals, table, definitions)
  if (globals !== undefined) checkGlobalIndexes(globals, definitions, mode)
  checkUniqueNames([...(locals ?? []), ...(globals ?? [])])
  const keyAttributes = new Set([...keySchema, ...[...(locals ?? []), ...(globals ?? [])].flatMap((i) => i.keySchema ?? [])].map((k) => k.attributeName))
  if (definitions.length !== keyAttributes.size) throw new ValidationException(TABLE_TEXT.definitionCount)
  if (stream !== undefined && stream.streamEnabled === false && stream.viewType !== undefined) throw new ValidationException(TABLE_TEXT.streamDisabledWithViewType)
  if (stream?.streamEnabled === true && stream.viewType === undefined) throw new ValidationException(TABLE_TEXT.streamEnabledWithoutViewType)
  if (tags !== undefined && new Set(tags.map((t) => t.key)).size > 50) throw new ValidationException(TABLE_TEXT.tooManyTags)
  if (store.listTables().includes(name)) throw new ResourceInUseException(TABLE_TEXT.tableExists(name))

  const typeOf = (attribute: string | undefined) => keyTypeOfLetter(definitions.find((d) => d.attributeName === attribute)?.attributeType as string)
  const settings: TableSettings = {
    billingMode: mode,
    ...(throughput === undefined ? {} : { provisionedThroughput: throughput }),
    ...(globals === undefined || mode !== 'PROVISIONED'
      ? {}
      : { indexThroughput: Object.fromEntries(globals.map((g) => [g.indexName as string, g.provisionedThroughput as NonNullable<IndexInput['provisionedThroughput']>])) }),
    ...(tableClass === undefined ? {} : { tableClass: tableClass as (typeof TABLE_CLASSES)[number] }),
    ...(deletionProtection === undefined ? {} : { deletionProtection }),
    ...(sse?.enabled === true ? { encryption: sse.kmsMasterKeyId === undefined ? {} : { kmsMasterKeyId: sse.kmsMasterKeyId } } : {}),
  }
  const created = createNative(store, {
    name,
    partitionKey: table.hash,
    ...(table.range === undefined ? {} : { sortKey: table.range }),
    keyTypes: table.range === undefined ? { partitionKey: typeOf(table.hash) } : { partitionKey: typeOf(table.hash), sortKey: typeOf(table.range) },
    ...(globals === undefined ? {} : { globalIndexes: Object.fromEntries(globals.map((g) => [g.indexName as string, nativeIndex(g, definitions)])) }),
    ...(locals === undefined
      ? {}
      : {
          localIndexes: Object.fromEntries(
            locals.map((l) => {
              const { sortKey, projection, keyTypes } = nativeIndex(l, definitions)
              return [l.indexName as string, { sortKey, projection, keyTypes: { sortKey: (keyTypes as { sortKey: unknown }).sortKey } }]
            }),
          ),
        }),
    ...(stream?.streamEnabled === true ? { stream: { viewType: stream.viewType } } : {}),
    settings,
  })
  if (tags !== undefined && tags.length > 0) created.tag(Object.fromEntries(tags.map((t) => [t.key, t.value])))
  const creating = Object.fromEntries((globals ?? []).map((g) => [g.indexName as string, 'CREATING' as const]))
  return { TableDescription: tableDescriptionJson(created.describe(), { table: 'CREATING', indexes: creating }) }
}

function createNative(store: Store, options: object) {
  return store.createTable<AttributeMap>()(options as never)
}

/** CreateTable by name. */
export const CREATE_TABLE_OPERATIONS = { CreateTable: createTable }
