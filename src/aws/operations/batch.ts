// BatchGetItem and BatchWriteItem: keys and items checked per table as the single-item operations check them, the
// writes through the store's batch write (all checked before any is applied), the reads through `get`.
import { marshallItem } from '../../codec/attribute-value-json.js'
import { unmarshallItem } from '../../codec/attribute-value-read.js'
import { ValidationException } from '../../core/errors.js'
import type { AttributeMap } from '../../values/admission.js'
import { encodeKeyValue, type KeyValue } from '../../values/keys.js'
import type { TableDescription } from '../../index.js'
import { compileExpressions, project } from '../expressions/index.js'
import { isJsonObject, readMembers, type JsonObject } from '../protocol/input.js'
import { operationsOf, SERVICE_TARGETS, type Operation } from '../protocol/registry.js'
import { ITEM_TEXT } from './item-messages.js'
import {
  checkItemKey,
  checkKeyMember,
  checkLegacyParameters,
  consumedCapacity,
  itemSize,
  keyOf,
  listMember,
  objectMember,
  pickAttributes,
  readAttributesToGet,
  readPlaceholders,
  readUnits,
  RETURN_CONSUMED_CAPACITY,
  RETURN_ITEM_COLLECTION_METRICS,
  tableOf,
  withMembers,
  writeUnits,
  type ResolvedTable,
} from './item-request.js'

const MAX_GET_KEYS = 100
const MAX_WRITE_REQUESTS = 25
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024

function keyIdentity(description: TableDescription, key: AttributeMap): string {
  return JSON.stringify(Object.values(keyOf(description, key)).map((v) => encodeKeyValue(v as KeyValue)))
}

const batchGetItem: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const returnConsumedCapacity = reader.string('ReturnConsumedCapacity', { enum: RETURN_CONSUMED_CAPACITY })
  reader.finish()
  const requestItems = objectMember(input, 'RequestItems')
  if (requestItems === undefined || Object.keys(requestItems).length === 0) throw new ValidationException(ITEM_TEXT.batchGetRequired)
  const requests = Object.entries(requestItems).map(([tableName, json]) => {
    if (!isJsonObject(json)) throw new ValidationException(ITEM_TEXT.batchGetRequired)
    const member = readMembers(json)
    const consistentRead = member.boolean('ConsistentRead') ?? false
    const projectionExpression = member.string('ProjectionExpression')
    member.finish()
    checkLegacyParameters(json, ['AttributesToGet'], ['ProjectionExpression'])
    const keys = (listMember(json, 'Keys') ?? []).map((key) => unmarshallItem(key))
    if (keys.length > MAX_GET_KEYS) throw new ValidationException(ITEM_TEXT.tooManyBatchKeys(tableName))
    const placeholders = readPlaceholders(json)
    const attributesToGet = readAttributesToGet(json)
    const compiled = compileExpressions({ names: placeholders.names, projectionExpression })
    return { tableName, keys, consistentRead, compiled, attributesToGet }
  })
  if (requests.reduce((n, r) => n + r.keys.length, 0) > MAX_GET_KEYS) {
    throw new ValidationException(`1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_GET_KEYS}`)
  }
  const resolved = requests.map((request) => ({ request, resolved: tableOf(store, request.tableName) }))
  for (const { request, resolved: r } of resolved) {
    const seen = new Set<string>()
    for (const key of request.keys) {
      checkKeyMember(r.description, key)
      const identity = keyIdentity(r.description, key)
      if (seen.has(identity)) throw new ValidationException(ITEM_TEXT.duplicateKeys)
      seen.add(identity)
    }
  }
  const responses: Record<string, JsonObject[]> = {}
  const unprocessed: Record<string, { Keys: JsonObject[] }> = {}
  const capacity: JsonObject[] = []
  let bytes = 0
  for (const { request, resolved: r } of resolved) {
    const items: JsonObject[] = []
    let tableBytes = 0
    for (const key of request.keys) {
      if (bytes >= MAX_RESPONSE_BYTES) {
        const rest = unprocessed[request.tableName] ?? { Keys: [] }
        rest.Keys.push(marshallItem(key))
        unprocessed[request.tableName] = rest
        continue
      }
      const item = r.table.get(key) as AttributeMap | undefined
      if (item === undefined) continue
      const size = itemSize(item)
      bytes += size
      tableBytes += size
      const { projection } = request.compiled
      items.push(marshallItem(projection !== undefined ? project(projection, item) : request.attributesToGet !== undefined ? pickAttributes(item, request.attributesToGet) : item))
    }
    responses[request.tableName] = items
    const units = consumedCapacity(returnConsumedCapacity, r.description.name, readUnits(tableBytes, request.consistentRead))
    if (units !== undefined) capacity.push(units)
  }
  return withMembers({ Responses: responses, UnprocessedKeys: unprocessed }, { ConsumedCapacity: capacity.length === 0 ? undefined : capacity })
}

/** One request of a BatchWriteItem, read and checked. */
type WriteRequest = { readonly resolved: ResolvedTable; readonly put?: AttributeMap; readonly delete?: AttributeMap }

const batchWriteItem: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const returnConsumedCapacity = reader.string('ReturnConsumedCapacity', { enum: RETURN_CONSUMED_CAPACITY })
  reader.string('ReturnItemCollectionMetrics', { enum: RETURN_ITEM_COLLECTION_METRICS })
  reader.finish()
  const requestItems = objectMember(input, 'RequestItems')
  if (requestItems === undefined || Object.keys(requestItems).length === 0) throw new ValidationException(ITEM_TEXT.batchWriteRequired)
  const parsed: { tableName: string; put?: AttributeMap; delete?: AttributeMap }[] = []
  for (const tableName of Object.keys(requestItems)) {
    const entries = listMember(requestItems, tableName) ?? []
    if (entries.length === 0 || entries.length > MAX_WRITE_REQUESTS) {
      throw new ValidationException(
        `1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Map value must satisfy constraint: [Member must have length less than or equal to ${MAX_WRITE_REQUESTS}, Member must have length greater than or equal to 1]`,
      )
    }
    for (const entry of entries) {
      if (!isJsonObject(entry)) throw new ValidationException(ITEM_TEXT.writeRequestShape)
      const put = objectMember(entry, 'PutRequest')
      const del = objectMember(entry, 'DeleteRequest')
      if ((put === undefined) === (del === undefined)) throw new ValidationException(ITEM_TEXT.writeRequestShape)
      if (put !== undefined) parsed.push({ tableName, put: unmarshallItem(objectMember(put, 'Item') ?? {}) })
      else parsed.push({ tableName, delete: unmarshallItem(objectMember(del as JsonObject, 'Key') ?? {}) })
    }
  }
  if (parsed.length > MAX_WRITE_REQUESTS) {
    throw new ValidationException(`1 validation error detected: Value at 'requestItems' failed to satisfy constraint: Member must have length less than or equal to ${MAX_WRITE_REQUESTS}`)
  }
  const tables = new Map<string, ResolvedTable>()
  const requests: WriteRequest[] = parsed.map((p) => {
    let resolved = tables.get(p.tableName)
    if (resolved === undefined) {
      resolved = tableOf(store, p.tableName)
      tables.set(p.tableName, resolved)
    }
    if (p.put !== undefined) checkItemKey(resolved.description, p.put)
    else checkKeyMember(resolved.description, p.delete as AttributeMap)
    return p.put !== undefined ? { resolved, put: p.put } : { resolved, delete: p.delete as AttributeMap }
  })
  const unitsByTable = new Map<string, number>()
  for (const request of requests) {
    const name = request.resolved.description.name
    const before = request.resolved.table.get(keyOf(request.resolved.description, (request.put ?? request.delete) as AttributeMap)) as AttributeMap | undefined
    unitsByTable.set(name, (unitsByTable.get(name) ?? 0) + writeUnits(Math.max(itemSize(before), itemSize(request.put))))
  }
  store.batchWrite((batch) => {
    for (const request of requests) {
      if (request.put !== undefined) batch.put(request.resolved.table, request.put)
      else batch.delete(request.resolved.table, request.delete as AttributeMap)
    }
  })
  const capacity = [...unitsByTable].map(([name, units]) => consumedCapacity(returnConsumedCapacity, name, units)).filter((c): c is JsonObject => c !== undefined)
  return withMembers({ UnprocessedItems: {} }, { ConsumedCapacity: capacity.length === 0 ? undefined : capacity })
}

/** BatchGetItem and BatchWriteItem by full target. */
export const BATCH_OPERATIONS = operationsOf(SERVICE_TARGETS.dynamodb, { BatchGetItem: batchGetItem, BatchWriteItem: batchWriteItem })
