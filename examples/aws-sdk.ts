// Unchanged AWS SDK v3 code against an in-process store: DocumentClient writes, a conditional update, a query on a
// global index, and the table's stream read back through DynamoDBStreamsClient.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams'
import { DynamoDBDocumentClient, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { createStore } from 'streamtable'
import { awsClientConfig } from 'streamtable/aws'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid' }

const store = createStore()
const orders = store.createTable<Order>()({
  name: 'orders',
  partitionKey: 'customerId',
  sortKey: 'orderId',
  keyTypes: { partitionKey: 'string', sortKey: 'string' },
  stream: { viewType: 'NEW_AND_OLD_IMAGES' },
  globalIndexes: { byStatus: { partitionKey: 'status', sortKey: 'total' } },
})

// The code under test builds its clients as it would against AWS; only the configuration differs.
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({ ...awsClientConfig(store) }))
const streams = new DynamoDBStreamsClient({ ...awsClientConfig(store) })

await doc.send(new PutCommand({ TableName: 'orders', Item: { customerId: 'c-1', orderId: 'o-1', total: 42, status: 'open' } }))
await doc.send(new PutCommand({ TableName: 'orders', Item: { customerId: 'c-1', orderId: 'o-2', total: 7, status: 'open' } }))
await doc.send(new PutCommand({ TableName: 'orders', Item: { customerId: 'c-2', orderId: 'o-3', total: 15, status: 'open' } }))

// Pay o-1 once: the second attempt fails its condition and writes nothing.
const pay = new UpdateCommand({
  TableName: 'orders',
  Key: { customerId: 'c-1', orderId: 'o-1' },
  UpdateExpression: 'SET #s = :paid',
  ConditionExpression: '#s = :open',
  ExpressionAttributeNames: { '#s': 'status' },
  ExpressionAttributeValues: { ':paid': 'paid', ':open': 'open' },
  ReturnValues: 'UPDATED_NEW',
})
const paid = await doc.send(pay)
console.log(`paid o-1: ${JSON.stringify(paid.Attributes)}`)
try {
  await doc.send(pay)
} catch (error) {
  console.log(`second payment: ${(error as Error).name}: ${(error as Error).message}`)
}

const open = await doc.send(
  new QueryCommand({
    TableName: 'orders',
    IndexName: 'byStatus',
    KeyConditionExpression: '#s = :open AND #t >= :min',
    ExpressionAttributeNames: { '#s': 'status', '#t': 'total' },
    ExpressionAttributeValues: { ':open': 'open', ':min': 10 },
  }),
)
console.log(`open orders of 10 or more: ${(open.Items ?? []).map((o) => `${o.orderId}=${o.total}`).join(', ')} (count ${open.Count})`)

const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: orders.stream.arn }))
let records = 0
for (const shard of StreamDescription?.Shards ?? []) {
  const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: orders.stream.arn, ShardId: shard.ShardId, ShardIteratorType: 'TRIM_HORIZON' }))
  const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }))
  for (const record of Records ?? []) {
    records++
    const keys = record.dynamodb?.Keys
    console.log(`${record.eventName} ${keys?.customerId?.S}/${keys?.orderId?.S} new status ${record.dynamodb?.NewImage?.status?.S}`)
  }
}
console.log(`${records} stream records for 5 requests`)
