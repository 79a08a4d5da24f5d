// Event-driven application: "order placed" (an INSERT in the orders table) triggers the downstream action, a
// confirmation sent once per order, by an unchanged Lambda handler on an event source mapping. A payment check that
// times out is reported as a partial batch failure and retried; an order that can never be processed (a poison
// record) makes the function fail, the mapping bisects the batch down to it and hands it to the on-failure queue;
// the handler is idempotent (a conditional put per order), so the records a retry delivers again are not confirmed
// twice.
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBBatchItemFailure, DynamoDBStreamHandler } from 'aws-lambda'
import { createStore } from 'streamtable'
import { awsClientConfig, createEventSourceMapping, createFailureDestination } from 'streamtable/aws'
import { ManualClock } from 'streamtable/testing'

type Order = { customerId: string; orderId: string; items: string[]; total: number }

const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0))
const store = createStore({ clock, shards: { initial: 1 } })
const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_IMAGE' } })
store.createTable<{ orderId: string; eventId: string }>()({ name: 'confirmed-orders', partitionKey: 'orderId' })

// The function, as it would deploy: the idempotency table through the SDK, the confirmation as a log line.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ ...awsClientConfig(store) }))
const sent: string[] = []
let duplicates = 0
let paymentTimeouts = 1
const handler: DynamoDBStreamHandler = async (event) => {
  const batchItemFailures: DynamoDBBatchItemFailure[] = []
  for (const record of event.Records) {
    const order = unmarshall(record.dynamodb?.NewImage as never) as Order
    // No retry will make an order without items valid: fail the invocation, and the mapping bisects down to it.
    if (order.items.length === 0) throw new Error(`order ${order.orderId} has no items`)
    if (order.orderId === 'o-3' && paymentTimeouts-- > 0) {
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber as string })
      continue
    }
    try {
      const confirmation = { orderId: order.orderId, eventId: record.eventID as string }
      await db.send(new PutCommand({ TableName: 'confirmed-orders', Item: confirmation, ConditionExpression: 'attribute_not_exists(orderId)' }))
      sent.push(`${order.orderId} to ${order.customerId} (${order.items.join(', ')})`)
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error
      duplicates++
    }
  }
  return { batchItemFailures }
}

const queue = createFailureDestination('arn:aws:sqs:us-east-1:000000000000:orders-dlq')
const mapping = createEventSourceMapping(
  store,
  {
    EventSourceArn: orders.stream.arn,
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: 10,
    // Only new orders: a change to an order later is no "order placed".
    FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] },
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    BisectBatchOnFunctionError: true,
    MaximumRetryAttempts: 2,
    DestinationConfig: { OnFailure: { Destination: queue } },
  },
  handler,
  { FunctionName: 'confirm-orders', Timeout: 30 },
)

const baskets = [['kettle'], ['mug', 'mug'], ['teapot'], ['tea'], [], ['cups'], ['kettle', 'tea'], ['spoon']]
for (const [i, items] of baskets.entries()) orders.put({ customerId: `c-${(i % 3) + 1}`, orderId: `o-${i + 1}`, items, total: items.length * 10 })
await clock.runFor(5 * 60_000)

for (const line of sent) console.log(`confirmation sent: ${line}`)
for (const failure of queue.records()) {
  const info = failure.DDBStreamBatchInfo
  const poison = orders.stream.getRecords(orders.stream.getShardIterator({ shardId: info.shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: info.startSequenceNumber }), { limit: 1 }).records[0]
  console.log(`on-failure queue: ${failure.requestContext.condition} after ${failure.requestContext.approximateInvokeCount} invocations, ${info.batchSize} record (${poison?.keys.orderId})`)
}
const m = mapping.metrics()
console.log(`${sent.length} of ${baskets.length} orders confirmed once each, ${duplicates} redelivered records skipped, ${m.invocations} invocations, ${m.errors} failed`)
await mapping.disable()
