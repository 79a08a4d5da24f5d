// PutItem, GetItem, UpdateItem and DeleteItem over the table's own write path: a ConditionExpression becomes the
// write's condition, an UpdateExpression the update's recipe (the engine's item after, read against the item before).
import { marshallItem } from '../../codec/attribute-value-json.js'
import { writeAttributeMap } from '../../codec/attribute-value-bytes.js'
import { ValidationException } from '../../core/errors.js'
import type { AttributeMap } from '../../values/admission.js'
import type { Store } from '../../index.js'
import { applyUpdate, checkKeyAttributePaths, compileExpressions, evaluateCondition, expressionRequest, project, projectPaths, type CompiledExpressions, type ExpressionParameter } from '../expressions/index.js'
import { readMembers, type JsonObject } from '../protocol/input.js'
import { JsonPiece } from '../protocol/json-piece.js'
import { operationsOf, SERVICE_TARGETS, type Operation } from '../protocol/registry.js'
import { ITEM_TEXT } from './item-messages.js'
import { compileLegacyConditions, deferredAttributeUpdates, readAttributeUpdates, readConditionalOperator, readLegacyConditions } from './legacy-input.js'
import {
  attributeMapMember,
  checkItemKey,
  checkKeyMember,
  checkLegacyParameters,
  conditionalWrite,
  consumedCapacity,
  itemCollectionMetrics,
  itemSize,
  pickAttributes,
  readAttributesToGet,
  readCommon,
  readPlaceholders,
  readUnits,
  RETURN_ITEM_COLLECTION_METRICS,
  RETURN_ON_FAILURE,
  RETURN_VALUES,
  tableKeyAttributes,
  tableOf,
  touchedIndexes,
  withMembers,
  writeUnits,
  type ResolvedTable,
} from './item-request.js'

const WRITE_LEGACY = ['Expected', 'ConditionalOperator']
const CONDITION_VALUES: readonly ExpressionParameter[] = ['ConditionExpression']
const UPDATE_VALUES: readonly ExpressionParameter[] = ['UpdateExpression', 'ConditionExpression']

/** The members of a single-item write that shape its answer. */
interface WriteAnswer {
  readonly returnConsumedCapacity: string | undefined
  readonly returnItemCollectionMetrics: string | undefined
}

function writeAnswer(
  resolved: ResolvedTable,
  answer: WriteAnswer,
  before: AttributeMap | undefined,
  after: AttributeMap | undefined,
  attributes: AttributeMap | undefined,
): JsonObject {
  const { table } = resolved
  const capacity = answer.returnConsumedCapacity
  // Sizes are only measured when the capacity is asked for.
  const units = capacity === undefined || capacity === 'NONE' ? 0 : writeUnits(Math.max(itemSize(before), itemSize(after)))
  const item = (after ?? before) as AttributeMap | undefined
  // Most writes answer `{}`: members are set one by one, only when present.
  const out: Record<string, unknown> = {}
  if (attributes !== undefined && Object.keys(attributes).length !== 0) out.Attributes = marshallItem(attributes)
  const consumed = units === 0 ? undefined : consumedCapacity(capacity, table.name, units, touchedIndexes(resolved.description, before, after), units)
  if (consumed !== undefined) out.ConsumedCapacity = consumed
  if (item !== undefined && answer.returnItemCollectionMetrics === 'SIZE') {
    const metrics = itemCollectionMetrics(answer.returnItemCollectionMetrics, resolved.description, table, item)
    if (metrics !== undefined) out.ItemCollectionMetrics = metrics
  }
  return out as JsonObject
}

/** The compiled expressions with the legacy Expected in place of the (then absent) ConditionExpression. */
function withLegacyCondition(compiled: CompiledExpressions, legacy: CompiledExpressions['condition']): CompiledExpressions {
  return legacy === undefined ? compiled : { ...compiled, condition: legacy }
}

/** The write's condition: the compiled ConditionExpression, remembering the item it saw (the item before). */
function conditionOf(compiled: CompiledExpressions, seen: { before: AttributeMap | undefined }): (current: AttributeMap | undefined) => boolean {
  const condition = compiled.condition
  return (current) => {
    seen.before = current
    return condition === undefined ? true : evaluateCondition(condition, current)
  }
}

// PutItem and DeleteItem read the same members, in the same order, and differ only in the map they write.
function readConditionalWrite(input: JsonObject, store: Store, member: 'Item' | 'Key') {
  const reader = readMembers(input)
  const { tableName, returnConsumedCapacity } = readCommon(reader, input)
  const returnValues = reader.string('ReturnValues', { enum: RETURN_VALUES })
  const returnItemCollectionMetrics = reader.string('ReturnItemCollectionMetrics', { enum: RETURN_ITEM_COLLECTION_METRICS })
  const onFailure = reader.string('ReturnValuesOnConditionCheckFailure', { enum: RETURN_ON_FAILURE })
  const conditionExpression = reader.string('ConditionExpression')
  const expected = readLegacyConditions(reader, input, 'Expected')
  const conditionalOperator = readConditionalOperator(reader)
  reader.finish()
  checkLegacyParameters(input, WRITE_LEGACY, ['ConditionExpression'])
  const placeholders = readPlaceholders(input)
  const target = attributeMapMember(input, member)
  if (target === undefined) {
    throw new ValidationException(`1 validation error detected: Value null at '${member.toLowerCase()}' failed to satisfy constraint: Member must not be null`)
  }
  if (returnValues !== undefined && returnValues !== 'NONE' && returnValues !== 'ALL_OLD') throw new ValidationException(ITEM_TEXT.returnValuesPutDelete)
  const compiled = withLegacyCondition(
    compileExpressions(expressionRequest(placeholders, { conditionExpression, valueParameters: CONDITION_VALUES })),
    compileLegacyConditions(expected, conditionalOperator, 'Expected'),
  )
  const resolved = tableOf(store, tableName)
  checkKeyAttributePaths(compiled, tableKeyAttributes(resolved.keys))
  if (member === 'Item') checkItemKey(resolved.keys, target)
  else checkKeyMember(resolved.keys, target)
  const seen: { before: AttributeMap | undefined } = { before: undefined }
  const returnItemOnConditionFailure = onFailure === 'ALL_OLD'
  // Without a condition the write returns the item it replaced, rather than running a condition to see it.
  const options = compiled.condition === undefined ? { returnOld: true, returnItemOnConditionFailure } : { condition: conditionOf(compiled, seen), returnItemOnConditionFailure }
  return { resolved, target, seen, options, answer: { returnConsumedCapacity, returnItemCollectionMetrics }, returnsOld: returnValues === 'ALL_OLD' }
}

const putItem: Operation = (input, { store }) => {
  const { resolved, target, seen, options, answer, returnsOld } = readConditionalWrite(input, store, 'Item')
  const result = conditionalWrite(() => resolved.table.put(target, options))
  const before = 'condition' in options ? seen.before : result.oldItem
  return writeAnswer(resolved, answer, before, result.item, returnsOld ? before : undefined)
}

const deleteItem: Operation = (input, { store }) => {
  const { resolved, target, seen, options, answer, returnsOld } = readConditionalWrite(input, store, 'Key')
  const result = conditionalWrite(() => resolved.table.delete(target, options))
  const before = 'condition' in options ? seen.before : result.oldItem
  return writeAnswer(resolved, answer, before, undefined, returnsOld ? before : undefined)
}

const updateItem: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const { tableName, returnConsumedCapacity } = readCommon(reader, input)
  const returnValues = reader.string('ReturnValues', { enum: RETURN_VALUES })
  const returnItemCollectionMetrics = reader.string('ReturnItemCollectionMetrics', { enum: RETURN_ITEM_COLLECTION_METRICS })
  const onFailure = reader.string('ReturnValuesOnConditionCheckFailure', { enum: RETURN_ON_FAILURE })
  const updateExpression = reader.string('UpdateExpression')
  const conditionExpression = reader.string('ConditionExpression')
  const attributeUpdates = readAttributeUpdates(reader, input)
  const expected = readLegacyConditions(reader, input, 'Expected')
  const conditionalOperator = readConditionalOperator(reader)
  reader.finish()
  checkLegacyParameters(input, [...WRITE_LEGACY, 'AttributeUpdates'], ['UpdateExpression', 'ConditionExpression'])
  const placeholders = readPlaceholders(input)
  const key = attributeMapMember(input, 'Key')
  if (key === undefined) throw new ValidationException("1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null")
  const expressions = compileExpressions(expressionRequest(placeholders, { updateExpression, conditionExpression, valueParameters: UPDATE_VALUES }))
  const legacyCondition = compileLegacyConditions(expected, conditionalOperator, 'Expected')
  const legacyUpdate = attributeUpdates === undefined ? undefined : deferredAttributeUpdates(attributeUpdates)
  const compiled = withLegacyCondition(legacyUpdate === undefined ? expressions : { ...expressions, update: legacyUpdate }, legacyCondition)
  const resolved = tableOf(store, tableName)
  checkKeyMember(resolved.keys, key)
  const keyAttributes = tableKeyAttributes(resolved.keys)
  checkKeyAttributePaths(compiled, keyAttributes)
  const { update } = compiled
  update?.checkKeyAttributes(keyAttributes)
  const seen: { before: AttributeMap | undefined } = { before: undefined }
  const result = conditionalWrite(() =>
    resolved.table.update(key, () => (update === undefined ? (seen.before ?? key) : applyUpdate(update, seen.before, key)), {
      condition: conditionOf(compiled, seen),
      returnItemOnConditionFailure: onFailure === 'ALL_OLD',
    }),
  )
  const before = seen.before
  const after = result.item
  let attributes: AttributeMap | undefined
  if (returnValues === 'ALL_OLD') attributes = before
  else if (returnValues === 'ALL_NEW') attributes = after
  else if (returnValues === 'UPDATED_OLD') attributes = before === undefined || update === undefined ? undefined : projectPaths(before, update.paths)
  else if (returnValues === 'UPDATED_NEW') attributes = after === undefined || update === undefined ? undefined : projectPaths(after, update.paths)
  return writeAnswer(resolved, { returnConsumedCapacity, returnItemCollectionMetrics }, before, after, attributes)
}

function itemPiece(item: AttributeMap): JsonPiece {
  return new JsonPiece((out) => writeAttributeMap(out, item))
}

const getItem: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const { tableName, returnConsumedCapacity } = readCommon(reader, input)
  const consistentRead = reader.boolean('ConsistentRead') ?? false
  const projectionExpression = reader.string('ProjectionExpression')
  reader.finish()
  checkLegacyParameters(input, ['AttributesToGet'], ['ProjectionExpression'])
  const placeholders = readPlaceholders(input)
  const key = attributeMapMember(input, 'Key')
  if (key === undefined) throw new ValidationException("1 validation error detected: Value null at 'key' failed to satisfy constraint: Member must not be null")
  const attributesToGet = readAttributesToGet(input)
  const compiled = compileExpressions(expressionRequest(placeholders, { projectionExpression }))
  const resolved = tableOf(store, tableName)
  checkKeyAttributePaths(compiled, tableKeyAttributes(resolved.keys))
  checkKeyMember(resolved.keys, key)
  const stored = resolved.table.get(key) as AttributeMap | undefined
  const item = stored === undefined || attributesToGet === undefined ? stored : pickAttributes(stored, attributesToGet)
  const units = returnConsumedCapacity === undefined || returnConsumedCapacity === 'NONE' ? 0 : readUnits(itemSize(item), consistentRead)
  return withMembers(
    {},
    {
      Item: item === undefined ? undefined : itemPiece(compiled.projection === undefined ? item : project(compiled.projection, item)),
      ConsumedCapacity: consumedCapacity(returnConsumedCapacity, resolved.table.name, units),
    },
  )
}

/** The single-item operations of DynamoDB by full target. */
export const ITEM_OPERATIONS = operationsOf(SERVICE_TARGETS.dynamodb, {
  PutItem: putItem,
  GetItem: getItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
})
