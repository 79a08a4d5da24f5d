// Event-driven application: "order placed" (an INSERT in the orders table) triggers the downstream action, a
// confirmation sent once per order. A payment check that times out is reported as a partial batch failure and
// retried; an order that can never be processed (a poison record) is split off by bisecting and handed to the
// on-failure destination; the handler is idempotent, so the records a retry delivers again are not confirmed twice.
import { createStore, isStreamtableError, type OnFailureRecord } from 'streamtable'
import { ManualClock } from 'streamtable/testing'

type Order = { customerId: string; orderId: string; items: string[]; total: number }

const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0))
const store = createStore({ clock, shards: { initial: 1 } })
const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_IMAGE' } })
// The idempotency record: an order is confirmed once, whatever the stream delivers again.
const confirmed = store.createTable<{ orderId: string; eventId: string }>()({ name: 'confirmed-orders', partitionKey: 'orderId' })

const sent: string[] = []
const deadLetters: OnFailureRecord[] = []
let duplicates = 0
let paymentTimeouts = 1

const placed = store.consume(
  orders,
  (records) => {
    const batchItemFailures: { itemIdentifier: string }[] = []
    for (const record of records) {
      if (record.eventName !== 'INSERT') continue
      const { newImage: order, sequenceNumber, eventId } = record
      if (confirmed.get({ orderId: order.orderId }) !== undefined) {
        duplicates++
        continue
      }
      // No retry will make an order without items valid: fail the invocation, and the mapping bisects down to it.
      if (order.items.length === 0) throw new Error(`order ${order.orderId} has no items`)
      if (order.orderId === 'o-3' && paymentTimeouts-- > 0) {
        batchItemFailures.push({ itemIdentifier: sequenceNumber })
        continue
      }
      try {
        confirmed.put({ orderId: order.orderId, eventId }, { condition: (current) => current === undefined })
        sent.push(`${order.orderId} to ${order.customerId} (${order.items.join(', ')})`)
      } catch (error) {
        if (!isStreamtableError(error) || error.code !== 'ConditionalCheckFailedException') throw error
        duplicates++
      }
    }
    return { batchItemFailures }
  },
  {
    startingPosition: 'TRIM_HORIZON',
    batchSize: 10,
    // Only new orders: a status change later is no "order placed".
    filters: [{ eventName: ['INSERT'] }],
    reportBatchItemFailures: true,
    bisectBatchOnFunctionError: true,
    maximumRetryAttempts: 2,
    onFailure: (failure) => {
      deadLetters.push(failure)
    },
  },
)

const baskets = [['kettle'], ['mug', 'mug'], ['teapot'], ['tea'], [], ['cups'], ['kettle', 'tea'], ['spoon']]
for (const [i, items] of baskets.entries()) orders.put({ customerId: `c-${(i % 3) + 1}`, orderId: `o-${i + 1}`, items, total: items.length * 10 })
await clock.runFor(5 * 60_000)

for (const line of sent) console.log(`confirmation sent: ${line}`)
for (const d of deadLetters) {
  const poison = orders.stream.getRecords(orders.stream.getShardIterator({ shardId: d.DDBStreamBatchInfo.shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: d.DDBStreamBatchInfo.startSequenceNumber }), { limit: 1 }).records[0]
  console.log(`on-failure: ${d.requestContext.condition} after ${d.requestContext.approximateInvokeCount} invocations, ${d.DDBStreamBatchInfo.batchSize} record (${poison?.keys.orderId})`)
}
const m = placed.metrics()
console.log(`${sent.length} of ${baskets.length} orders confirmed once each, ${duplicates} redelivered records skipped, ${m.invocations} invocations, ${m.errors} failed`)
await placed.stop()
