// DynamoDB Local's side of the oracle: each case becomes the real requests (PutItem, UpdateItem, Scan, Query).
import type { CaseRunner, ItemJson, OracleCase, Outcome, Placeholders, TableSpec } from './cases.js'
import type { DynamoDbLocal, WireAnswer } from './dynamodb-local.js'

/**
 * Answers oracle cases with the service's requests to `local` (a running DynamoDB Local, or anything answering the
 * same JSON calls); creates the tables the cases name.
 */
export function createLocalRunner(local: Pick<DynamoDbLocal, 'call'>, name = 'DynamoDB Local'): CaseRunner {
  const created = new Map<string, Promise<void>>()
  const loaded = new Map<string, readonly ItemJson[]>()

  const ensureTable = (table: TableSpec): Promise<void> => {
    let pending = created.get(table.name)
    if (pending === undefined) {
      pending = createTable(local, table)
      created.set(table.name, pending)
    }
    return pending
  }

  const load = async (table: TableSpec, items: readonly ItemJson[]): Promise<void> => {
    const previous = loaded.get(table.name)
    if (previous === items) return
    if (previous !== undefined) await batchWrite(local, table.name, previous.map((item) => ({ DeleteRequest: { Key: keyOf(table, item) } })))
    await batchWrite(local, table.name, items.map((item) => ({ PutRequest: { Item: item } })))
    loaded.set(table.name, items)
  }

  return {
    name,
    async run(oracleCase: OracleCase): Promise<Outcome> {
      await ensureTable(oracleCase.table)
      const TableName = oracleCase.table.name
      switch (oracleCase.kind) {
        case 'condition': {
          if (oracleCase.existing !== null) await setup(local, 'PutItem', { TableName, Item: oracleCase.existing })
          const answer = await local.call('PutItem', {
            TableName,
            Item: oracleCase.item,
            ConditionExpression: oracleCase.ConditionExpression,
            ...placeholders(oracleCase),
          })
          return answer.ok ? { ok: true, result: { written: true } } : errorOutcome(answer)
        }
        case 'update': {
          if (oracleCase.existing !== null) await setup(local, 'PutItem', { TableName, Item: oracleCase.existing })
          const answer = await local.call('UpdateItem', {
            TableName,
            Key: oracleCase.key,
            UpdateExpression: oracleCase.UpdateExpression,
            ...(oracleCase.ConditionExpression === undefined ? {} : { ConditionExpression: oracleCase.ConditionExpression }),
            ...placeholders(oracleCase),
            ReturnValues: 'ALL_NEW',
          })
          if (!answer.ok) return errorOutcome(answer)
          return { ok: true, result: { attributes: (answer.body.Attributes ?? {}) as ItemJson } }
        }
        case 'legacy': {
          if (oracleCase.existing !== null) await setup(local, 'PutItem', { TableName, Item: oracleCase.existing })
          if (oracleCase.items !== undefined) await load(oracleCase.table, oracleCase.items)
          const answer = await local.call(oracleCase.operation, { TableName, ...oracleCase.request })
          if (!answer.ok) return errorOutcome(answer)
          if (oracleCase.operation === 'PutItem') return { ok: true, result: { written: true } }
          if (oracleCase.operation === 'UpdateItem') return { ok: true, result: { attributes: (answer.body.Attributes ?? {}) as ItemJson } }
          return pageOutcome(oracleCase.id, answer.body)
        }
        case 'scan':
        case 'query': {
          await load(oracleCase.table, oracleCase.items)
          const request: Record<string, unknown> = { TableName, ...placeholders(oracleCase) }
          if (oracleCase.kind === 'query') request.KeyConditionExpression = oracleCase.KeyConditionExpression
          if (oracleCase.FilterExpression !== undefined) request.FilterExpression = oracleCase.FilterExpression
          if (oracleCase.ProjectionExpression !== undefined) request.ProjectionExpression = oracleCase.ProjectionExpression
          const answer = await local.call(oracleCase.kind === 'query' ? 'Query' : 'Scan', request)
          if (!answer.ok) return errorOutcome(answer)
          return pageOutcome(oracleCase.id, answer.body)
        }
      }
    },
  }
}

function pageOutcome(id: number, body: Record<string, unknown>): Outcome {
  if (body.LastEvaluatedKey !== undefined) throw new Error(`case ${id}: expected one page, the answer carried LastEvaluatedKey`)
  return { ok: true, result: { items: (body.Items ?? []) as ItemJson[], count: Number(body.Count), scannedCount: Number(body.ScannedCount) } }
}

/** The key attributes of an item under a table's key schema. */
export function keyOf(table: TableSpec, item: ItemJson): ItemJson {
  const key: Record<string, ItemJson[string]> = {}
  for (const attribute of [table.partitionKey, table.sortKey]) {
    if (attribute === undefined) continue
    const value = item[attribute.name]
    if (value === undefined) throw new Error(`expected key attribute ${attribute.name} in a generated item, it has none`)
    key[attribute.name] = value
  }
  return key
}

function placeholders(request: Placeholders): Placeholders {
  const out: { -readonly [K in keyof Placeholders]: Placeholders[K] } = {}
  if (request.ExpressionAttributeNames !== undefined) out.ExpressionAttributeNames = request.ExpressionAttributeNames
  if (request.ExpressionAttributeValues !== undefined) out.ExpressionAttributeValues = request.ExpressionAttributeValues
  return out
}

function errorOutcome(answer: Extract<WireAnswer, { ok: false }>): Outcome {
  return { ok: false, name: answer.name, message: answer.message }
}

async function setup(local: Pick<DynamoDbLocal, 'call'>, operation: string, body: unknown): Promise<void> {
  const answer = await local.call(operation, body)
  if (!answer.ok) throw new Error(`setup ${operation} failed: ${answer.name}: ${answer.message}; request ${JSON.stringify(body)}`)
}

async function createTable(local: Pick<DynamoDbLocal, 'call'>, table: TableSpec): Promise<void> {
  const keys = [table.partitionKey, ...(table.sortKey === undefined ? [] : [table.sortKey])]
  await setup(local, 'CreateTable', {
    TableName: table.name,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: keys.map((key) => ({ AttributeName: key.name, AttributeType: key.type })),
    KeySchema: keys.map((key, i) => ({ AttributeName: key.name, KeyType: i === 0 ? 'HASH' : 'RANGE' })),
  })
}

async function batchWrite(local: Pick<DynamoDbLocal, 'call'>, tableName: string, requests: readonly unknown[]): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    let pending: unknown = { [tableName]: requests.slice(start, start + 25) }
    for (let attempt = 0; attempt < 10; attempt++) {
      const answer = await local.call('BatchWriteItem', { RequestItems: pending })
      if (!answer.ok) throw new Error(`setup BatchWriteItem failed: ${answer.name}: ${answer.message}`)
      const unprocessed = answer.body.UnprocessedItems as Record<string, unknown[]> | undefined
      if (unprocessed === undefined || Object.keys(unprocessed).length === 0) break
      pending = unprocessed
    }
  }
}
