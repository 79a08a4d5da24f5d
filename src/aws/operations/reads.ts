// Query and Scan over the table's own reads: a KeyConditionExpression becomes the native query's partition value
// and sort key condition; Limit, pages of 1 MB and ExclusiveStartKey are the native pages'; the filter, Select and
// projection are applied here to each page.
import { marshallItem } from '../../codec/attribute-value-json.js'
import { writeAttributeMap } from '../../codec/attribute-value-bytes.js'
import { JSON_BYTE, type JsonWriter } from '../../codec/json-writer.js'
import { ValidationException } from '../../core/errors.js'
import type { AttributeMap } from '../../values/admission.js'
import type { KeyType } from '../../values/keys.js'
import type { IndexDescription, Page } from '../../index.js'
import { checkFilterKeyAttributes, checkKeyAttributePaths, compileExpressions, compileLegacyKeyConditions, expressionRequest, evaluateCondition, project, type CompiledExpressions, type ExpressionParameter } from '../expressions/index.js'
import { readMembers, type JsonObject } from '../protocol/input.js'
import { JsonPiece } from '../protocol/json-piece.js'
import { operationsOf, SERVICE_TARGETS, type Operation } from '../protocol/registry.js'
import { ITEM_TEXT } from './item-messages.js'
import { checkKeyConditions, compileLegacyConditions, readConditionalOperator, readLegacyConditions, unindexable, type RawLegacyCondition } from './legacy-input.js'
import { LEGACY_TEXT } from './legacy-messages.js'
import {
  attributeMapMember,
  checkLegacyParameters,
  consumedCapacity,
  itemSize,
  keyOf,
  pickAttributes,
  readAttributesToGet,
  readPlaceholders,
  readUnits,
  RETURN_CONSUMED_CAPACITY,
  TABLE_NAME_RULES,
  tableKeyAttributes,
  tableOf,
  withMembers,
  type AnyTable,
  type ResolvedTable,
  type TableKeys,
} from './item-request.js'

const SELECT = ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'] as const
const LETTER: Readonly<Record<KeyType, 'S' | 'N' | 'B'>> = { string: 'S', number: 'N', binary: 'B' }

/** What one Query or Scan asks for, read and checked. */
interface ReadRequest {
  readonly tableName: string
  readonly indexName: string | undefined
  readonly select: string | undefined
  readonly limit: number | undefined
  readonly consistentRead: boolean
  readonly returnConsumedCapacity: string | undefined
  readonly compiled: CompiledExpressions
  readonly exclusiveStartKey: AttributeMap | undefined
  readonly attributesToGet: readonly string[] | undefined
  /** KeyConditions as sent (Query only), checked once the key schema is known. */
  readonly keyConditions: readonly RawLegacyCondition[] | undefined
  /** QueryFilter and ConditionalOperator as sent (Query only), checked after the key conditions. */
  readonly legacyQueryFilter: { readonly entries: readonly RawLegacyCondition[] | undefined; readonly conditionalOperator: string | undefined } | undefined
}

function readRequest(
  input: JsonObject,
  extra: (reader: ReturnType<typeof readMembers>) => void,
  legacy: readonly string[],
  expressions: readonly ExpressionParameter[],
  limitName: 'Limit' | 'limit',
): ReadRequest {
  const filterMember = limitName === 'Limit' ? 'QueryFilter' : 'ScanFilter'
  const reader = readMembers(input)
  const tableName = reader.string('TableName', TABLE_NAME_RULES) as string
  const indexName = reader.string('IndexName', { min: 3, max: 255, pattern: /[a-zA-Z0-9_.-]+/ })
  const select = reader.string('Select', { enum: SELECT })
  const returnConsumedCapacity = reader.string('ReturnConsumedCapacity', { enum: RETURN_CONSUMED_CAPACITY })
  const limit = reader.integer('Limit')
  const consistentRead = reader.boolean('ConsistentRead') ?? false
  extra(reader)
  const keyConditions = filterMember === 'QueryFilter' ? readLegacyConditions(reader, input, 'KeyConditions') : undefined
  const legacyFilter = readLegacyConditions(reader, input, filterMember)
  const conditionalOperator = readConditionalOperator(reader)
  reader.finish()
  if (limit !== undefined && limit < 1) {
    const shown = limitName === 'Limit' ? 'Value at' : `Value '${limit}' at`
    throw new ValidationException(`1 validation error detected: ${shown} '${limitName}' failed to satisfy constraint: Member must have value greater than or equal to 1`)
  }
  checkLegacyParameters(input, legacy, expressions)
  const placeholders = readPlaceholders(input)
  const exclusiveStartKey = attributeMapMember(input, 'ExclusiveStartKey')
  const attributesToGet = readAttributesToGet(input)
  const str = (name: ExpressionParameter): string | undefined => (expressions.includes(name) ? reader.string(name) : undefined)
  const expressionsCompiled = compileExpressions(
    expressionRequest(placeholders, {
      keyConditionExpression: str('KeyConditionExpression'),
      filterExpression: str('FilterExpression'),
      projectionExpression: str('ProjectionExpression'),
      valueParameters: expressions.filter((e) => e !== 'ProjectionExpression'),
    }),
  )
  // A Query's QueryFilter is checked once its KeyConditions have been matched to the key schema.
  const filter = filterMember === 'ScanFilter' ? compileLegacyConditions(legacyFilter, conditionalOperator, filterMember) : undefined
  const compiled = filter === undefined ? expressionsCompiled : { ...expressionsCompiled, filter }
  const legacyQueryFilter = filterMember === 'QueryFilter' ? { entries: legacyFilter, conditionalOperator } : undefined
  return { tableName, indexName, select, limit, consistentRead, returnConsumedCapacity, compiled, exclusiveStartKey, attributesToGet, keyConditions, legacyQueryFilter }
}

/** The index a read names, checked against the table. */
function indexOf(resolved: ResolvedTable, indexName: string | undefined, consistentRead: boolean): IndexDescription | undefined {
  if (indexName === undefined) return undefined
  // Only a read of an index describes the table: a description is made fresh, and most reads need only the keys.
  const { description } = resolved
  const index = [...(description.globalIndexes ?? []), ...(description.localIndexes ?? [])].find((i) => i.name === indexName)
  if (index === undefined) throw new ValidationException(ITEM_TEXT.indexNotFound(indexName))
  if (index.kind === 'GLOBAL' && consistentRead) throw new ValidationException(ITEM_TEXT.consistentReadOnGlobalIndex)
  return index
}

/** Checks Select against the projection and index; true when items must be fetched whole from the table. */
function checkSelect(request: ReadRequest, index: IndexDescription | undefined, prefix: string): boolean {
  const { select, compiled } = request
  const listed = request.attributesToGet !== undefined
  const projection = compiled.projection !== undefined || listed
  if (select === 'SPECIFIC_ATTRIBUTES' && !projection) throw new ValidationException(`${prefix}${ITEM_TEXT.specificNeedsProjection}`)
  if (select === 'ALL_ATTRIBUTES' && projection) throw new ValidationException(listed ? ITEM_TEXT.attributesToGetWithAll : ITEM_TEXT.projectionWithAll)
  if (select === 'COUNT' && projection) throw new ValidationException(listed ? ITEM_TEXT.attributesToGetWithCount : ITEM_TEXT.projectionWithCount)
  if (select === 'ALL_PROJECTED_ATTRIBUTES' && index === undefined) throw new ValidationException(ITEM_TEXT.projectedNeedsIndex)
  const partial = index !== undefined && index.projection.type !== 'ALL'
  if (partial && select === 'ALL_ATTRIBUTES' && index.kind === 'GLOBAL') throw new ValidationException(ITEM_TEXT.allOnPartialIndex(index.name))
  // A local index reads what it does not project from the table.
  return partial && index.kind === 'LOCAL' && (select === 'ALL_ATTRIBUTES' || projection)
}

function writeItems(out: JsonWriter, items: readonly AttributeMap[]): void {
  out.byte(JSON_BYTE.openBracket)
  for (let i = 0; i < items.length; i++) {
    if (i > 0) out.byte(JSON_BYTE.comma)
    writeAttributeMap(out, items[i] as AttributeMap)
  }
  out.byte(JSON_BYTE.closeBracket)
}

// The compiled expressions come apart from the request: a Query's legacy QueryFilter is compiled after it is read.
/** The answer of a page: the filter, the table fetch for local indexes, the projection, Select, counts and capacity. */
function answer(
  request: ReadRequest,
  compiled: CompiledExpressions,
  table: AnyTable,
  keys: TableKeys,
  evaluated: readonly AttributeMap[],
  lastKey: AttributeMap | undefined,
  fetchWhole: boolean,
): JsonObject {
  const { select } = request
  let bytes = 0
  const items: AttributeMap[] = []
  let count = 0
  const measure = request.returnConsumedCapacity !== undefined && request.returnConsumedCapacity !== 'NONE'
  for (const found of evaluated) {
    if (measure) bytes += itemSize(found)
    const item = fetchWhole ? ((table.get(keyOf(keys, found)) as AttributeMap | undefined) ?? found) : found
    if (compiled.filter !== undefined && !evaluateCondition(compiled.filter, item)) continue
    count++
    if (select === 'COUNT') continue
    const shown = compiled.projection !== undefined ? project(compiled.projection, item) : request.attributesToGet !== undefined ? pickAttributes(item, request.attributesToGet) : item
    items.push(shown)
  }
  return withMembers(select === 'COUNT' ? {} : { Items: new JsonPiece((out) => writeItems(out, items)) }, {
    Count: count,
    ScannedCount: evaluated.length,
    LastEvaluatedKey: lastKey === undefined ? undefined : marshallItem(lastKey),
    ConsumedCapacity: consumedCapacity(request.returnConsumedCapacity, table.name, readUnits(bytes, request.consistentRead)),
  })
}

const query: Operation = (input, { store }) => {
  let scanIndexForward: boolean | undefined
  const request = readRequest(
    input,
    (reader) => {
      scanIndexForward = reader.boolean('ScanIndexForward')
    },
    ['KeyConditions', 'QueryFilter', 'AttributesToGet', 'ConditionalOperator'],
    ['KeyConditionExpression', 'FilterExpression', 'ProjectionExpression'],
    'Limit',
  )
  const { compiled: expressions } = request
  if (expressions.keyCondition === undefined && request.keyConditions === undefined) throw new ValidationException(ITEM_TEXT.queryNeedsKeyCondition)
  const resolved = tableOf(store, request.tableName)
  const { table, keys } = resolved
  const index = indexOf(resolved, request.indexName, request.consistentRead)
  const fetchWhole = checkSelect(request, index, '1 validation error detected: ')
  const schema = index?.keySchema ?? keys.keySchema
  const types = index === undefined ? keys.keyTypes : {}
  const querySchema = {
    partitionKey: schema.partitionKey,
    sortKey: schema.sortKey,
    partitionKeyType: types.partitionKey === undefined ? undefined : LETTER[types.partitionKey],
    sortKeyType: types.sortKey === undefined ? undefined : LETTER[types.sortKey],
  }
  const comparisons = expressions.keyCondition === undefined ? checkKeyConditions(request.keyConditions ?? [], querySchema) : undefined
  const readable = comparisons === undefined || !unindexable(comparisons)
  const keyCondition = expressions.keyCondition ?? (readable ? compileLegacyKeyConditions(comparisons ?? []) : undefined)
  checkKeyAttributePaths(expressions, keyAttributesOf(keys, index?.keySchema))
  const match = keyCondition?.match(querySchema)
  const legacyFilter = request.legacyQueryFilter === undefined ? undefined : compileLegacyConditions(request.legacyQueryFilter.entries, request.legacyQueryFilter.conditionalOperator, 'QueryFilter')
  const compiled = legacyFilter === undefined ? expressions : { ...expressions, filter: legacyFilter }
  if (compiled.filter !== undefined) {
    const keyNames = [keys.keySchema.partitionKey, keys.keySchema.sortKey, schema.partitionKey, schema.sortKey].filter((k): k is string => k !== undefined)
    const onKey = compiled.filter.attributes.find((name) => keyNames.includes(name))
    if (onKey !== undefined && input.QueryFilter !== undefined && input.QueryFilter !== null) throw new ValidationException(LEGACY_TEXT.queryFilterOnKey(onKey))
    checkFilterKeyAttributes(compiled.filter, keyNames)
  }
  if (match === undefined) throw new ValidationException(LEGACY_TEXT.notIndexable)
  const page = table.query(match.partitionKeyValue as never, {
        ...(match.sortKey ?? {}),
        ...(index === undefined ? {} : { index: index.name }),
        ...(request.limit === undefined ? {} : { limit: request.limit }),
        ...(scanIndexForward === false ? { reverse: true } : {}),
        ...(request.exclusiveStartKey === undefined ? {} : { exclusiveStartKey: request.exclusiveStartKey }),
      } as never) as Page<AttributeMap, AttributeMap>
  return answer(request, compiled, table, keys, page.items, page.lastEvaluatedKey, fetchWhole)
}

const scan: Operation = (input, { store }) => {
  let segment: number | undefined
  let totalSegments: number | undefined
  const request = readRequest(
    input,
    (reader) => {
      segment = reader.integer('Segment', { min: 0, max: 999_999 })
      totalSegments = reader.integer('TotalSegments', { min: 1, max: 1_000_000 })
    },
    ['ScanFilter', 'AttributesToGet', 'ConditionalOperator'],
    ['FilterExpression', 'ProjectionExpression'],
    'limit',
  )
  if (segment !== undefined && totalSegments === undefined) throw new ValidationException(ITEM_TEXT.segmentNeedsTotal)
  if (segment === undefined && totalSegments !== undefined) throw new ValidationException(ITEM_TEXT.totalNeedsSegment)
  if (segment !== undefined && totalSegments !== undefined && segment >= totalSegments) throw new ValidationException(ITEM_TEXT.segmentTooLarge(segment, totalSegments))
  const resolved = tableOf(store, request.tableName)
  const { table, keys } = resolved
  const index = indexOf(resolved, request.indexName, request.consistentRead)
  const fetchWhole = checkSelect(request, index, '')
  checkKeyAttributePaths(request.compiled, keyAttributesOf(keys, index?.keySchema))
  const page = table.scan({
        ...(index === undefined ? {} : { index: index.name }),
        ...(request.limit === undefined ? {} : { limit: request.limit }),
        ...(request.exclusiveStartKey === undefined ? {} : { exclusiveStartKey: request.exclusiveStartKey }),
        ...(segment === undefined ? {} : { segment, totalSegments }),
      } as never) as Page<AttributeMap, AttributeMap>
  return answer(request, request.compiled, table, keys, page.items, page.lastEvaluatedKey, fetchWhole)
}

/** Query and Scan by full target. */
export const READ_OPERATIONS = operationsOf(SERVICE_TARGETS.dynamodb, { Query: query, Scan: scan })

/** The key attributes of the table and of the index read, if any: paths inside them are refused. */
function keyAttributesOf(description: Parameters<typeof tableKeyAttributes>[0], indexSchema: { readonly partitionKey: string; readonly sortKey?: string } | undefined): string[] {
  const keys = tableKeyAttributes(description)
  if (indexSchema === undefined) return keys
  return [...new Set([...keys, indexSchema.partitionKey, ...(indexSchema.sortKey === undefined ? [] : [indexSchema.sortKey])])]
}
