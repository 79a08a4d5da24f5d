// Consuming a stream: a handler run over the orders stream the way a Lambda event source mapping runs it,
// with a partial batch response, an on-failure destination, a filter and an idempotent side effect.
import { createStore, type OnFailureRecord } from 'streamtable'
import { ManualClock } from 'streamtable/testing'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid' }

const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0))
const store = createStore({ clock, shards: { initial: 2 } })
const orders = store.createTable<Order>()({
  name: 'orders',
  partitionKey: 'customerId',
  sortKey: 'orderId',
  stream: { viewType: 'NEW_AND_OLD_IMAGES' },
})

// Delivery is at least once: a retried batch comes again, so the side effect is keyed by eventId.
const revenue = new Map<string, number>()
const failures: OnFailureRecord[] = []
let invocations = 0

const consumer = store.consume(
  orders,
  async (records, { shardId, attempt }) => {
    invocations++
    const failed: { itemIdentifier: string }[] = []
    for (const record of records) {
      if (record.eventName !== 'MODIFY') continue
      if (record.newImage.total < 0) {
        failed.push({ itemIdentifier: record.sequenceNumber })
        continue
      }
      revenue.set(record.eventId, record.newImage.total)
    }
    console.log(`invoked on ${shardId.slice(-8)} (attempt ${attempt}): ${records.length} records, ${failed.length} failed`)
    return { batchItemFailures: failed }
  },
  {
    startingPosition: 'TRIM_HORIZON',
    batchSize: 10,
    reportBatchItemFailures: true,
    maximumRetryAttempts: 2,
    // Only payments interest this consumer: the status moved to paid.
    filters: [{ dynamodb: { NewImage: { status: { S: ['paid'] } }, OldImage: { status: { S: ['open'] } } } }],
    onFailure: (failure) => {
      failures.push(failure)
    },
  },
)

for (const [customerId, total] of [['c-1', 42], ['c-2', 10], ['c-3', -5]] as const) {
  orders.put({ customerId, orderId: 'o-1', total, status: 'open' })
  orders.update({ customerId, orderId: 'o-1' }, (draft) => {
    draft.status = 'paid'
  })
}
// The failing record is retried with backoff on the store's clock: runFor moves the clock from one due time to the
// next, so both retries (1 s, then 2 s later) and the hand-over to onFailure happen within this one call.
await clock.runFor(60_000)

const m = consumer.metrics()
console.log(`revenue ${[...revenue.values()].reduce((a, b) => a + b, 0)} from ${revenue.size} payments`)
for (const f of failures) {
  console.log(`on-failure: ${f.requestContext.condition} after ${f.requestContext.approximateInvokeCount} invocations, batch of ${f.DDBStreamBatchInfo.batchSize} from ${f.DDBStreamBatchInfo.startSequenceNumber}`)
}
console.log(`metrics: ${m.invocations} invocations, ${m.errors} errors, ${m.retries} retries, ${m.recordsFiltered} filtered, ${m.recordsSentToOnFailure} sent to on-failure, iterator age ${m.iteratorAgeMs} ms`)
await consumer.stop()
