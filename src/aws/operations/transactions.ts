// TransactWriteItems and TransactGetItems over the store's transaction: each action's ConditionExpression becomes its
// condition and its UpdateExpression its recipe; the store cancels the whole with one reason per action. A
// ClientRequestToken makes a repeated request within 10 minutes (on the store's clock) a success without effect.
import { marshallItem } from '../../codec/attribute-value-json.js'
import { unmarshallItem } from '../../codec/attribute-value-read.js'
import { IdempotentParameterMismatchException, isStreamtableError, TransactionCanceledException, ValidationException, type CancellationReason } from '../../core/errors.js'
import { MAX_ITEM_BYTES, type AttributeMap } from '../../values/admission.js'
import type { Store } from '../../index.js'
import { applyUpdate, compileExpressions, evaluateCondition, expressionRequest, project, type CompiledExpressions } from '../expressions/index.js'
import { isJsonObject, readMembers, type JsonObject } from '../protocol/input.js'
import { operationsOf, SERVICE_TARGETS, type Operation } from '../protocol/registry.js'
import { ITEM_TEXT } from './item-messages.js'
import {
  checkItemKey,
  checkKeyMember,
  consumedCapacity,
  itemSize,
  keyOf,
  listMember,
  objectMember,
  readPlaceholders,
  readUnits,
  RETURN_CONSUMED_CAPACITY,
  RETURN_ITEM_COLLECTION_METRICS,
  RETURN_ON_FAILURE,
  TABLE_NAME_RULES,
  tableOf,
  withMembers,
  writeUnits,
  type ResolvedTable,
} from './item-request.js'

const MAX_ACTIONS = 100
/** The service's limit on the aggregate size of a transaction's items. */
const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024
/** How long the service remembers a ClientRequestToken. */
export const IDEMPOTENCY_WINDOW_MS = 10 * 60 * 1000
const ACTION_KINDS = ['ConditionCheck', 'Put', 'Delete', 'Update'] as const
type ActionKind = (typeof ACTION_KINDS)[number]

/** One action of a TransactWriteItems, read, compiled and resolved. */
interface WriteAction {
  readonly kind: ActionKind
  readonly resolved: ResolvedTable
  readonly target: AttributeMap
  readonly compiled: CompiledExpressions
  readonly returnOnFailure: boolean
  /** The item before, as the action's condition saw it. */
  readonly seen: { before: AttributeMap | undefined }
  /** The key did not fit the table's schema: a ValidationError reason. */
  readonly keyError?: string
}

// The tokens of each store, with the request they answered and when.
const tokensByStore = new WeakMap<Store, Map<string, { readonly request: string; readonly at: number; readonly answer: JsonObject }>>()

function readAction(entry: unknown, store: Store): WriteAction {
  if (!isJsonObject(entry)) throw new ValidationException(ITEM_TEXT.transactActionShape)
  const kinds = ACTION_KINDS.filter((kind) => entry[kind] !== undefined && entry[kind] !== null)
  if (kinds.length !== 1) throw new ValidationException(ITEM_TEXT.transactActionShape)
  const kind = kinds[0] as ActionKind
  const body = objectMember(entry, kind) as JsonObject
  const reader = readMembers(body)
  const tableName = reader.string('TableName', TABLE_NAME_RULES) as string
  const conditionExpression = reader.string('ConditionExpression', kind === 'ConditionCheck' ? { required: true } : {})
  const updateExpression = kind === 'Update' ? reader.string('UpdateExpression', { required: true }) : undefined
  const onFailure = reader.string('ReturnValuesOnConditionCheckFailure', { enum: RETURN_ON_FAILURE })
  reader.finish()
  const placeholders = readPlaceholders(body)
  const target = unmarshallItem(objectMember(body, kind === 'Put' ? 'Item' : 'Key') ?? {})
  const valueParameters = kind === 'Update' ? (['UpdateExpression', 'ConditionExpression'] as const) : (['ConditionExpression'] as const)
  const compiled = compileExpressions(expressionRequest(placeholders, { conditionExpression, updateExpression, valueParameters }))
  const resolved = tableOf(store, tableName)
  let keyError: string | undefined
  try {
    if (kind === 'Put') checkItemKey(resolved.description, target)
    else checkKeyMember(resolved.description, target)
  } catch (error) {
    keyError = (error as ValidationException).serviceMessage ?? (error as Error).message.replace(/ \(ValidationException\)$/, '')
  }
  if (compiled.update !== undefined && keyError === undefined) {
    const { partitionKey, sortKey } = resolved.description.keySchema
    compiled.update.checkKeyAttributes(sortKey === undefined ? [partitionKey] : [partitionKey, sortKey])
  }
  return { kind, resolved, target, compiled, returnOnFailure: onFailure === 'ALL_OLD', seen: { before: undefined }, ...(keyError === undefined ? {} : { keyError }) }
}

function identityOf(action: WriteAction): string {
  const { description } = action.resolved
  return `${description.name}\u0000${JSON.stringify(marshallItem(keyOf(description, action.target)))}`
}

/** Two actions on one item fail the request before any of them is evaluated. */
function checkDistinctItems(actions: readonly WriteAction[]): void {
  const identities = new Set(actions.map(identityOf))
  if (identities.size !== actions.length) throw new ValidationException(ITEM_TEXT.transactSameItem)
}

/** The service's 4 MB limit on a transaction: the items put, and the keys of the other actions. */
function checkAggregateSize(actions: readonly WriteAction[]): void {
  let bytes = 0
  for (const action of actions) bytes += itemSize(action.kind === 'Put' ? action.target : keyOf(action.resolved.description, action.target))
  if (bytes > MAX_TRANSACTION_BYTES) throw new ValidationException(ITEM_TEXT.transactTooLarge)
}

/**
 * The cancellation reasons of a transaction in which an update fails at run time (a wrong operand type, a missing
 * attribute, an overflow, an item grown past the limit): the service cancels it with a ValidationError for that
 * action and the outcome of every other action's condition. Undefined when no update fails.
 */
function runtimeFaults(actions: readonly WriteAction[]): CancellationReason[] | undefined {
  let faulted = false
  const reasons = actions.map((action): CancellationReason => {
    const current = action.resolved.table.get(keyOf(action.resolved.description, action.target)) as AttributeMap | undefined
    const condition = action.compiled.condition
    if (condition !== undefined && !evaluateCondition(condition, current)) {
      const item = action.returnOnFailure ? current : undefined
      return item === undefined ? { code: 'ConditionalCheckFailed', message: ITEM_TEXT.conditionFailed } : { code: 'ConditionalCheckFailed', message: ITEM_TEXT.conditionFailed, item }
    }
    const update = action.compiled.update
    if (action.kind !== 'Update' || update === undefined) return { code: 'None' }
    try {
      const after = applyUpdate(update, current, action.target)
      if (itemSize(after) > MAX_ITEM_BYTES) throw new ValidationException(ITEM_TEXT.updateTooLarge)
      return { code: 'None' }
    } catch (error) {
      if (!isStreamtableError(error) || error.code !== 'ValidationException') throw error
      faulted = true
      return { code: 'ValidationError', message: error.serviceMessage ?? error.message.replace(/ \(ValidationException\)$/, '') }
    }
  })
  return faulted ? reasons : undefined
}

function conditionOf(action: WriteAction): (current: AttributeMap | undefined) => boolean {
  const condition = action.compiled.condition
  return (current) => {
    action.seen.before = current
    return condition === undefined ? true : evaluateCondition(condition, current)
  }
}

const transactWriteItems: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const returnConsumedCapacity = reader.string('ReturnConsumedCapacity', { enum: RETURN_CONSUMED_CAPACITY })
  reader.string('ReturnItemCollectionMetrics', { enum: RETURN_ITEM_COLLECTION_METRICS })
  const token = reader.string('ClientRequestToken', { min: 1, max: 36 })
  reader.finish()
  const entries = listMember(input, 'TransactItems') ?? []
  if (entries.length === 0) throw new ValidationException(ITEM_TEXT.transactEmpty)
  if (entries.length > MAX_ACTIONS) throw new ValidationException(ITEM_TEXT.transactTooMany)
  const now = store.clock.now()
  let tokens = tokensByStore.get(store)
  if (token !== undefined) {
    if (tokens === undefined) tokensByStore.set(store, (tokens = new Map()))
    for (const [t, entry] of tokens) if (now - entry.at >= IDEMPOTENCY_WINDOW_MS) tokens.delete(t)
    const earlier = tokens.get(token)
    const request = JSON.stringify({ ...input, ClientRequestToken: undefined })
    if (earlier !== undefined) {
      if (earlier.request !== request) throw new IdempotentParameterMismatchException(ITEM_TEXT.idempotentMismatch)
      return earlier.answer
    }
  }
  const actions = entries.map((entry) => readAction(entry, store))
  if (actions.some((a) => a.keyError !== undefined)) {
    throw new TransactionCanceledException(actions.map((a): CancellationReason => (a.keyError === undefined ? { code: 'None' } : { code: 'ValidationError', message: a.keyError })))
  }
  checkDistinctItems(actions)
  checkAggregateSize(actions)
  const faults = runtimeFaults(actions)
  if (faults !== undefined) throw new TransactionCanceledException(faults)
  store.transact((tx) => {
    for (const action of actions) {
      const { table } = action.resolved
      const condition = conditionOf(action)
      const options = { condition, returnItemOnConditionFailure: action.returnOnFailure }
      if (action.kind === 'Put') tx.put(table, action.target, options)
      else if (action.kind === 'Delete') tx.delete(table, action.target, options)
      else if (action.kind === 'ConditionCheck') tx.check(table, action.target, condition)
      else {
        const update = action.compiled.update
        tx.update(table, action.target, () => (update === undefined ? (action.seen.before ?? action.target) : applyUpdate(update, action.seen.before, action.target)), options)
      }
    }
  })
  const unitsByTable = new Map<string, number>()
  for (const action of actions) {
    const name = action.resolved.description.name
    const after = action.kind === 'Put' ? action.target : (action.resolved.table.get(keyOf(action.resolved.description, action.target)) as AttributeMap | undefined)
    unitsByTable.set(name, (unitsByTable.get(name) ?? 0) + 2 * writeUnits(Math.max(itemSize(action.seen.before), itemSize(after))))
  }
  const capacity = [...unitsByTable].map(([name, units]) => consumedCapacity(returnConsumedCapacity, name, units)).filter((c): c is JsonObject => c !== undefined)
  const answer = withMembers({}, { ConsumedCapacity: capacity.length === 0 ? undefined : capacity })
  if (token !== undefined && tokens !== undefined) tokens.set(token, { request: JSON.stringify({ ...input, ClientRequestToken: undefined }), at: now, answer })
  return answer
}

const transactGetItems: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const returnConsumedCapacity = reader.string('ReturnConsumedCapacity', { enum: RETURN_CONSUMED_CAPACITY })
  reader.finish()
  const entries = listMember(input, 'TransactItems') ?? []
  if (entries.length === 0) throw new ValidationException(ITEM_TEXT.transactEmpty)
  if (entries.length > MAX_ACTIONS) throw new ValidationException(ITEM_TEXT.transactTooMany)
  const gets = entries.map((entry) => {
    const body = isJsonObject(entry) ? objectMember(entry, 'Get') : undefined
    if (body === undefined) throw new ValidationException(ITEM_TEXT.transactActionShape)
    const member = readMembers(body)
    const tableName = member.string('TableName', TABLE_NAME_RULES) as string
    const projectionExpression = member.string('ProjectionExpression')
    member.finish()
    const placeholders = readPlaceholders(body)
    const key = unmarshallItem(objectMember(body, 'Key') ?? {})
    const compiled = compileExpressions({ names: placeholders.names, projectionExpression })
    return { resolved: tableOf(store, tableName), key, compiled }
  })
  const reasons = gets.map((get): CancellationReason => {
    try {
      checkKeyMember(get.resolved.description, get.key)
      return { code: 'None' }
    } catch (error) {
      return { code: 'ValidationError', message: (error as ValidationException).message.replace(/ \(ValidationException\)$/, '') }
    }
  })
  if (reasons.some((r) => r.code !== 'None')) throw new TransactionCanceledException(reasons)
  const identities = new Set(gets.map((g) => `${g.resolved.description.name}\u0000${JSON.stringify(marshallItem(keyOf(g.resolved.description, g.key)))}`))
  if (identities.size !== gets.length) throw new ValidationException(ITEM_TEXT.transactSameItem)
  const unitsByTable = new Map<string, number>()
  const responses = gets.map((get) => {
    const item = get.resolved.table.get(get.key) as AttributeMap | undefined
    const name = get.resolved.description.name
    unitsByTable.set(name, (unitsByTable.get(name) ?? 0) + 2 * readUnits(itemSize(item), true))
    if (item === undefined) return {}
    const projected = get.compiled.projection === undefined ? item : project(get.compiled.projection, item)
    return Object.keys(projected).length === 0 ? {} : { Item: marshallItem(projected) }
  })
  const capacity = [...unitsByTable].map(([name, units]) => consumedCapacity(returnConsumedCapacity, name, units)).filter((c): c is JsonObject => c !== undefined)
  return withMembers({ Responses: responses }, { ConsumedCapacity: capacity.length === 0 ? undefined : capacity })
}

/** TransactWriteItems and TransactGetItems by full target. */
export const TRANSACTION_OPERATIONS = operationsOf(SERVICE_TARGETS.dynamodb, { TransactWriteItems: transactWriteItems, TransactGetItems: transactGetItems })
