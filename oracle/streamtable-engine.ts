// streamtable's side of the oracle: each case answered in process by the expression engine of the AWS layer, on
// native items decoded from the case's DynamoDB JSON and encoded back. This is the one module that knows how
// streamtable is reached; once the item operations exist over the wire, a runner here can send the same cases
// through awsRequestHandler(store) instead.
import { marshallItem } from '../src/codec/attribute-value-json.js'
import { isStreamtableError } from '../src/core/errors.js'
import { checkFilterKeyAttributes, checkKeyAttributePaths, compileExpressions, type CompiledCondition, type CompiledProjection } from '../src/aws/expressions/index.js'
import { createStore } from '../src/index.js'
import type { AttributeMap, AttributeValue } from '../src/values/admission.js'
import type { CaseRunner, ItemJson, OracleCase, Outcome, Placeholders, QueryCase } from './cases.js'
import { OutsideEngine, readItem, readValue } from './read-attribute-values.js'

const CONDITION_FAILED: Outcome = { ok: false, name: 'ConditionalCheckFailedException', message: 'The conditional request failed' }

/** Answers oracle cases with streamtable's expression engine, in process. */
export function createStreamtableRunner(): CaseRunner {
  return {
    name: 'streamtable',
    async run(oracleCase: OracleCase): Promise<Outcome> {
      try {
        return answer(oracleCase)
      } catch (error) {
        if (error instanceof OutsideEngine) throw error
        if (!isStreamtableError(error)) throw error
        return { ok: false, name: error.code, message: error.serviceMessage ?? error.message.replace(` (${error.code})`, '') }
      }
    },
  }
}

function answer(oracleCase: OracleCase): Outcome {
  if (oracleCase.kind === 'legacy') throw new Error(`case ${oracleCase.id}: a request with legacy parameters is answered through the dispatcher, not by the engine alone`)
  const placeholders = nativePlaceholders(oracleCase)
  switch (oracleCase.kind) {
    case 'condition': {
      const compiled = compileExpressions({ ...placeholders, conditionExpression: oracleCase.ConditionExpression, valueParameters: ['ConditionExpression'] })
      checkKeyAttributePaths(compiled, keyNames(oracleCase))
      const before = oracleCase.existing === null ? undefined : readItem(oracleCase.existing)
      return (compiled.condition as CompiledCondition).evaluate(before) ? { ok: true, result: { written: true } } : CONDITION_FAILED
    }
    case 'update': {
      const compiled = compileExpressions({
        ...placeholders,
        updateExpression: oracleCase.UpdateExpression,
        conditionExpression: oracleCase.ConditionExpression,
        valueParameters: ['UpdateExpression', 'ConditionExpression'],
      })
      const update = compiled.update
      if (update === undefined) throw new Error(`case ${oracleCase.id}: compileExpressions returned no update for an UpdateExpression`)
      checkKeyAttributePaths(compiled, keyNames(oracleCase))
      const before = oracleCase.existing === null ? undefined : readItem(oracleCase.existing)
      // DynamoDB Local evaluates the condition before it refuses an update of a key attribute.
      if (compiled.condition !== undefined && !compiled.condition.evaluate(before)) return CONDITION_FAILED
      update.checkKeyAttributes(keyNames(oracleCase))
      return { ok: true, result: { attributes: marshallItem(update.apply(before, readItem(oracleCase.key))) } }
    }
    case 'scan': {
      const compiled = compileExpressions({
        ...placeholders,
        filterExpression: oracleCase.FilterExpression,
        projectionExpression: oracleCase.ProjectionExpression,
        valueParameters: ['FilterExpression'],
      })
      checkKeyAttributePaths(compiled, keyNames(oracleCase))
      const items = oracleCase.items.map(readItem)
      return page(items, compiled.filter, compiled.projection)
    }
    case 'query':
      return query(oracleCase, placeholders)
  }
}

function query(oracleCase: QueryCase, placeholders: NativePlaceholders): Outcome {
  const compiled = compileExpressions({
    ...placeholders,
    keyConditionExpression: oracleCase.KeyConditionExpression,
    filterExpression: oracleCase.FilterExpression,
    projectionExpression: oracleCase.ProjectionExpression,
    valueParameters: ['KeyConditionExpression', 'FilterExpression'],
  })
  const keyCondition = compiled.keyCondition
  if (keyCondition === undefined) throw new Error(`case ${oracleCase.id}: compileExpressions returned no key condition`)
  checkKeyAttributePaths(compiled, keyNames(oracleCase))
  const { partitionKey, sortKey } = oracleCase.table
  const match = keyCondition.match({
    partitionKey: partitionKey.name,
    partitionKeyType: partitionKey.type,
    sortKey: sortKey?.name,
    sortKeyType: sortKey?.type,
  })
  if (compiled.filter !== undefined) checkFilterKeyAttributes(compiled.filter, keyNames(oracleCase))
  // The native table holds the case's items, so the range read is the store's own query.
  const store = createStore()
  const table = store.createTable<Record<string, AttributeValue>>()({ name: 'oracle', partitionKey: partitionKey.name, ...(sortKey === undefined ? {} : { sortKey: sortKey.name }) } as never) as unknown as {
    put(item: AttributeMap): void
    query(partitionKeyValue: AttributeValue, options: object): { items: readonly AttributeMap[] }
  }
  for (const item of oracleCase.items) table.put(readItem(item))
  const inRange = table.query(match.partitionKeyValue, { ...match.sortKey }).items
  return page(inRange, compiled.filter, compiled.projection)
}

function page(items: readonly AttributeMap[], filter: CompiledCondition | undefined, projection: CompiledProjection | undefined): Outcome {
  const kept = filter === undefined ? items : items.filter((item) => filter.evaluate(item))
  const shown = projection === undefined ? kept : kept.map((item) => projection.project(item))
  return { ok: true, result: { items: shown.map((item) => marshallItem(item) as ItemJson), count: kept.length, scannedCount: items.length } }
}

interface NativePlaceholders {
  readonly names?: Readonly<Record<string, string>>
  readonly values?: Readonly<Record<string, AttributeValue>>
  readonly numberTexts?: Readonly<Record<string, string>>
}

function nativePlaceholders(request: Placeholders): NativePlaceholders {
  const out: { names?: Readonly<Record<string, string>>; values?: Record<string, AttributeValue>; numberTexts?: Record<string, string> } = {}
  if (request.ExpressionAttributeNames !== undefined) out.names = request.ExpressionAttributeNames
  if (request.ExpressionAttributeValues !== undefined) {
    const values: Record<string, AttributeValue> = {}
    const numberTexts: Record<string, string> = {}
    for (const [ref, json] of Object.entries(request.ExpressionAttributeValues)) {
      values[ref] = readValue(json)
      const text = typeof json === 'object' && json !== null ? (json as { N?: unknown }).N : undefined
      if (typeof text === 'string') numberTexts[ref] = text
    }
    out.values = values
    out.numberTexts = numberTexts
  }
  return out
}

function keyNames(oracleCase: OracleCase): string[] {
  const { partitionKey, sortKey } = oracleCase.table
  return sortKey === undefined ? [partitionKey.name] : [partitionKey.name, sortKey.name]
}
