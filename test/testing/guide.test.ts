// The README's "Testing with streamtable" examples, as they are written there.
import { processPartialResponse, BatchProcessor, EventType } from '@aws-lambda-powertools/batch'
import type { Context, DynamoDBRecord, DynamoDBStreamHandler } from 'aws-lambda'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import '../../src/testing/vitest.js'
import { createRecordFactory, createTestStore, markStream, toLambdaEvent, type TestStore } from '../../src/testing.js'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid' }
type AuditEntry = { orderId: string; sequenceNumber: string; status: string }

describe('a vitest suite, one store per test', () => {
  let store: TestStore
  beforeEach(() => {
    store = createTestStore()
  })
  afterEach(() => store.stopConsumers())

  it('writes every status change of an order to the audit table', async () => {
    const orders = store.createTable<Order>()({
      name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_AND_OLD_IMAGES' },
    })
    const audit = store.createTable<AuditEntry>()({
      name: 'audit', partitionKey: 'orderId', sortKey: 'sequenceNumber', stream: { viewType: 'NEW_IMAGE' },
    })
    store.consume(orders, (records) => {
      for (const r of records) {
        if (r.eventName === 'MODIFY') audit.put({ orderId: r.keys.orderId, sequenceNumber: r.sequenceNumber, status: r.newImage.status })
      }
    }, { startingPosition: 'TRIM_HORIZON', maximumBatchingWindowMs: 500 })

    orders.put({ customerId: 'c-1', orderId: 'o-1', total: 42, status: 'open' })
    const mark = markStream(orders)
    orders.update({ customerId: 'c-1', orderId: 'o-1' }, (draft) => { draft.status = 'paid' })
    await store.runFor(1_000)

    expect(mark).toHaveEmittedTimes(1, { eventName: 'MODIFY', oldImage: { status: 'open' }, newImage: { status: 'paid' } })
    expect(audit).toHaveEmitted({ eventName: 'INSERT', newImage: { orderId: 'o-1', status: 'paid' } })
    expect(audit).not.toHaveEmitted({ newImage: { status: 'open' } })
    expect(store.errors).toEqual([])
  })

  it('gets a store of its own: nothing of the previous test is left', () => {
    expect(store.listTables()).toEqual([])
  })
})

describe('unit-testing a Lambda handler without a store', () => {
  // A handler as deployed: Powertools reports the records that failed.
  const processor = new BatchProcessor(EventType.DynamoDBStreams)
  const shipped: string[] = []
  const handler: DynamoDBStreamHandler = async (event, context) =>
    processPartialResponse(
      event,
      async (record: DynamoDBRecord) => {
        if (record.eventName !== 'MODIFY') return
        if (record.dynamodb?.NewImage?.['total']?.N === '0') throw new Error('nothing to ship')
        shipped.push(record.dynamodb?.Keys?.['orderId']?.S ?? '?')
      },
      processor,
      { context },
    )

  it('takes the events the factories make, and answers with the failed sequence numbers', async () => {
    const orders = createRecordFactory<Order>()({ table: 'orders', partitionKey: 'customerId', sortKey: 'orderId' })
    const order: Order = { customerId: 'c-1', orderId: 'o-1', total: 42, status: 'open' }
    const empty: Order = { ...order, orderId: 'o-2', total: 0 }
    const bad = orders.modify(empty, { ...empty, status: 'paid' })
    const event = toLambdaEvent([
      orders.insert(order),
      orders.modify(order, { ...order, status: 'paid' }),
      bad,
      orders.remove(order, { ttl: true }),
    ])
    const response = await handler(event, {} as Context, () => {})
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: bad.sequenceNumber }] })
    expect(shipped).toEqual(['o-1'])
  })
})
