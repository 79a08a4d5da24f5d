// The store over HTTP: what `streamtable serve` runs, started from code. An SDK client reaches it through a real
// socket, as a service in another process (or language) would, and the access log records each request.
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams'
import { createStore } from 'streamtable'
import { startServer } from 'streamtable/aws'

const store = createStore({ shards: { initial: 1 } })
const orders = store.createTable<{ customerId: string; orderId: string; total: number }>()({
  name: 'orders',
  partitionKey: 'customerId',
  sortKey: 'orderId',
  keyTypes: { partitionKey: 'string', sortKey: 'string' },
  stream: { viewType: 'NEW_IMAGE' },
})

const server = await startServer(store, {
  port: 0,
  accessLog: (entry) => console.log(`access: ${entry.operation} ${entry.table ?? '-'} ${entry.status} ${entry.errorCode ?? 'OK'} by ${entry.accessKeyId}`),
})
console.log(`listening on ${server.url.replace(/:\d+$/, ':<port>')}`)

const config = { endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'example', secretAccessKey: 'example' } }
const dynamodb = new DynamoDBClient(config)
const streams = new DynamoDBStreamsClient(config)

await dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: { customerId: { S: 'c-1' }, orderId: { S: 'o-1' }, total: { N: '42' } } }))
const { Item } = await dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { customerId: { S: 'c-1' }, orderId: { S: 'o-1' } } }))
console.log(`read over HTTP: total ${Item?.total?.N}`)
console.log(`written natively: ${JSON.stringify(orders.get({ customerId: 'c-1', orderId: 'o-1' }))}`)
await dynamodb.send(new GetItemCommand({ TableName: 'missing', Key: { id: { S: 'x' } } })).catch((error: Error) => console.log(`missing table: ${error.name}`))

const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: orders.stream.arn }))
const shardId = StreamDescription?.Shards?.[0]?.ShardId
const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: orders.stream.arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))
const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }))
console.log(`stream: ${Records?.map((r) => `${r.eventName} ${r.dynamodb?.Keys?.orderId?.S}`).join(', ')}`)

dynamodb.destroy()
streams.destroy()
await server.close()
console.log('closed')
