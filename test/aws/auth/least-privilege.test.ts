// Least privilege end to end: an application key and a Lambda function's role, each with the policy it needs, the
// SDK signing every call, the auth guard in front of the in-process handler. A stream handler whose role leaves a
// table out fails on that table with the service's AccessDeniedException.
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb'
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams'
import type { Context, DynamoDBStreamEvent, DynamoDBStreamHandler } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { awsRequestHandler, createAuthGuard, type PolicyDocument } from '../../../src/aws/index.js'
import { createStore } from '../../../src/index.js'
import { ManualClock } from '../../../src/testing.js'
import { sdkError } from '../clients.js'

const ACCOUNT = '111122223333'
const REGION = 'eu-west-1'
const ROLE = `arn:aws:sts::${ACCOUNT}:assumed-role/order-totals-fn/order-totals-fn`
const arn = (resource: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:${resource}`

const APP_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'WriteOrders', Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:GetItem', 'dynamodb:DeleteItem'], Resource: arn('table/orders') },
    { Sid: 'QueryByCustomer', Effect: 'Allow', Action: 'dynamodb:Query', Resource: arn('table/orders/index/byCustomer') },
    { Sid: 'NeverDeleteOrders', Effect: 'Deny', Action: 'dynamodb:DeleteItem', Resource: arn('table/orders') },
  ],
}

/** The function's role: read the orders stream, keep the totals. The audit table is left out. */
const FUNCTION_POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [
    { Effect: 'Allow', Action: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'], Resource: arn('table/orders/stream/*') },
    { Effect: 'Allow', Action: 'dynamodb:ListStreams', Resource: '*' },
    { Effect: 'Allow', Action: 'dynamodb:UpdateItem', Resource: arn('table/order-totals') },
  ],
}

function setup(functionPolicies: readonly PolicyDocument[] = [FUNCTION_POLICY]) {
  const store = createStore({ clock: new ManualClock(Date.now()), region: REGION, accountId: ACCOUNT, shards: { initial: 1 } })
  store.createTable<{ orderId: string; customerId: string; total: number }>()({
    name: 'orders',
    partitionKey: 'orderId',
    stream: { viewType: 'NEW_AND_OLD_IMAGES' },
    globalIndexes: { byCustomer: { partitionKey: 'customerId' } },
  })
  store.createTable<{ customerId: string }>()({ name: 'order-totals', partitionKey: 'customerId' })
  store.createTable<{ eventId: string }>()({ name: 'audit', partitionKey: 'eventId' })
  const guard = createAuthGuard({
    credentials: {
      AKIAORDERSAPP: { secretAccessKey: 'app-secret', principal: 'orders-app' },
      ASIAORDERTOTALS: { secretAccessKey: 'function-secret', sessionToken: 'function-session', principal: ROLE },
    },
    policies: { AKIAORDERSAPP: APP_POLICY, ASIAORDERTOTALS: functionPolicies },
    accountId: ACCOUNT,
  })
  const requestHandler = awsRequestHandler(store, { guard })
  const base = { region: REGION, endpoint: 'http://localhost:8000', requestHandler, maxAttempts: 1 }
  const app = new DynamoDBClient({ ...base, credentials: { accessKeyId: 'AKIAORDERSAPP', secretAccessKey: 'app-secret' } })
  const role = { accessKeyId: 'ASIAORDERTOTALS', secretAccessKey: 'function-secret', sessionToken: 'function-session' }
  return { store, app, fn: new DynamoDBClient({ ...base, credentials: role }), fnStreams: new DynamoDBStreamsClient({ ...base, credentials: role }) }
}

/** The function under test: keeps a running total per customer, and records each order in an audit table. */
function orderTotalsHandler(dynamodb: DynamoDBClient): DynamoDBStreamHandler {
  return async (event) => {
    for (const record of event.Records) {
      const image = record.dynamodb?.NewImage
      if (record.eventName !== 'INSERT' || image === undefined) continue
      await dynamodb.send(
        new UpdateItemCommand({
          TableName: 'order-totals',
          Key: { customerId: { S: image.customerId?.S as string } },
          UpdateExpression: 'ADD #total :total',
          ExpressionAttributeNames: { '#total': 'total' },
          ExpressionAttributeValues: { ':total': { N: image.total?.N as string } },
        }),
      )
      await dynamodb.send(new PutItemCommand({ TableName: 'audit', Item: { eventId: { S: record.eventID as string }, orderId: image.orderId as { S: string } } }))
    }
  }
}

/** What the event source mapping does with the function's role: read the stream, hand the batch to the handler. */
async function deliverStream(streams: DynamoDBStreamsClient, handler: DynamoDBStreamHandler): Promise<void> {
  const [summary] = (await streams.send(new ListStreamsCommand({ TableName: 'orders' }))).Streams ?? []
  const streamArn = summary?.StreamArn as string
  const shards = (await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }))).StreamDescription?.Shards ?? []
  for (const shard of shards) {
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: streamArn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))
    const { Records = [] } = await streams.send(new GetRecordsCommand({ ShardIterator }))
    const event = { Records: Records.map((r) => ({ ...r, eventSourceARN: streamArn })) } as unknown as DynamoDBStreamEvent
    await handler(event, {} as Context, () => undefined)
  }
}

describe('least-privilege policies', () => {
  it('fails a stream handler on the table its role leaves out, naming principal, action and resource', async () => {
    const { app, fn, fnStreams, store } = setup()
    await app.send(new PutItemCommand({ TableName: 'orders', Item: { orderId: { S: 'o-1' }, customerId: { S: 'c-1' }, total: { N: '30' } } }))
    const failure = await sdkError(deliverStream(fnStreams, orderTotalsHandler(fn)))
    expect([failure.name, failure.status]).toEqual(['AccessDeniedException', 400])
    expect(failure.message).toBe(
      `User: ${ROLE} is not authorized to perform: dynamodb:PutItem on resource: ${arn('table/audit')} because no identity-based policy allows the dynamodb:PutItem action`,
    )
    // The update the role allows went through; the write it does not allow did not.
    expect(store.getTable('order-totals').get({ customerId: 'c-1' })).toEqual({ customerId: 'c-1', total: 30 })
    expect(store.getTable('audit').scan().items).toEqual([])
  })

  it('lets the same handler through once the role allows the audit table', async () => {
    const auditing: PolicyDocument = { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: arn('table/audit') } }
    const { app, fn, fnStreams, store } = setup([FUNCTION_POLICY, auditing])
    await app.send(new PutItemCommand({ TableName: 'orders', Item: { orderId: { S: 'o-1' }, customerId: { S: 'c-1' }, total: { N: '30' } } }))
    await app.send(new PutItemCommand({ TableName: 'orders', Item: { orderId: { S: 'o-2' }, customerId: { S: 'c-1' }, total: { N: '12' } } }))
    await deliverStream(fnStreams, orderTotalsHandler(fn))
    expect(store.getTable('order-totals').get({ customerId: 'c-1' })).toEqual({ customerId: 'c-1', total: 42 })
    expect(store.getTable('audit').scan().items.map((item) => item.orderId)).toEqual(expect.arrayContaining(['o-1', 'o-2']))
  })

  it('keeps each key to its own tables, indexes and streams', async () => {
    const { app, fn, fnStreams } = setup()
    const denied = async (call: Promise<unknown>) => (await sdkError(call)).message
    expect(await denied(app.send(new GetItemCommand({ TableName: 'order-totals', Key: { customerId: { S: 'c-1' } } })))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/orders-app is not authorized to perform: dynamodb:GetItem on resource: ${arn('table/order-totals')} because no identity-based policy allows the dynamodb:GetItem action`,
    )
    // The index is allowed, the table's own key order is not.
    const byCustomer = { TableName: 'orders', IndexName: 'byCustomer', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'c-1' } } }
    expect((await app.send(new QueryCommand(byCustomer))).Items).toEqual([])
    const { IndexName: _, ...onTable } = byCustomer
    expect(await denied(app.send(new QueryCommand({ ...onTable, KeyConditionExpression: 'orderId = :c' })))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/orders-app is not authorized to perform: dynamodb:Query on resource: ${arn('table/orders')} because no identity-based policy allows the dynamodb:Query action`,
    )
    expect(await denied(app.send(new DeleteItemCommand({ TableName: 'orders', Key: { orderId: { S: 'o-1' } } })))).toBe(
      `User: arn:aws:iam::${ACCOUNT}:user/orders-app is not authorized to perform: dynamodb:DeleteItem on resource: ${arn('table/orders')} with an explicit deny in an identity-based policy`,
    )
    // The function's role reads the stream but writes no order.
    expect((await fnStreams.send(new ListStreamsCommand({}))).Streams).toHaveLength(1)
    expect(await denied(fn.send(new PutItemCommand({ TableName: 'orders', Item: { orderId: { S: 'o-9' } } })))).toMatch(/^User: arn:aws:sts::111122223333:assumed-role\/order-totals-fn\/order-totals-fn is not authorized to perform: dynamodb:PutItem on resource: arn:aws:dynamodb:eu-west-1:111122223333:table\/orders because/)
  })
})
