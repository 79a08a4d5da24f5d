// Running a Lambda handler in process: the function of examples/lambda-handler.ts, unchanged, on the orders stream,
// wired with the same parameters as its event source mapping on AWS.
import { createStore } from 'streamtable'
import { createEventSourceMapping, createFailureDestination } from 'streamtable/aws'
import { ManualClock } from 'streamtable/testing'
import { handler } from './lambda-handler.js'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid' }

const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0))
const store = createStore({ clock })
const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })

const dlq = createFailureDestination('arn:aws:sqs:us-east-1:000000000000:orders-dlq')
const mapping = createEventSourceMapping(
  store,
  {
    EventSourceArn: orders.stream.arn,
    StartingPosition: 'TRIM_HORIZON',
    BatchSize: 10,
    MaximumRetryAttempts: 2,
    FunctionResponseTypes: ['ReportBatchItemFailures'],
    FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT","MODIFY"]}' }] },
    DestinationConfig: { OnFailure: { Destination: dlq } },
  },
  handler,
  { FunctionName: 'order-events', Timeout: 10, MemorySize: 256 },
)

orders.put({ customerId: 'c-1', orderId: 'o-1', total: 42, status: 'open' })
orders.put({ customerId: 'c-2', orderId: 'o-1', total: -5, status: 'open' })
orders.update({ customerId: 'c-1', orderId: 'o-1' }, (draft) => {
  draft.status = 'paid'
})
orders.delete({ customerId: 'c-2', orderId: 'o-1' })
// Retries back off on the store's clock: runFor moves it through both retries and the hand-over to the queue.
await clock.runFor(60_000)

for (const failure of dlq.records()) {
  const info = failure.DDBStreamBatchInfo
  console.log(`${dlq.arn.split(':').pop()}: ${failure.requestContext.condition} after ${failure.requestContext.approximateInvokeCount} invocations, ${info.batchSize} record(s) from ${info.startSequenceNumber}`)
}
const m = mapping.metrics()
console.log(`${m.invocations} invocations, ${m.errors} with failures, ${m.recordsFiltered} filtered, ${m.recordsSentToOnFailure} sent to the queue; last result ${mapping.configuration().LastProcessingResult}`)
await mapping.disable()
