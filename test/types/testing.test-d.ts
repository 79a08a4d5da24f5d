import type { DynamoDBRecord, DynamoDBStreamEvent, DynamoDBStreamHandler } from 'aws-lambda'
import { describe, expect, expectTypeOf, it } from 'vitest'
import '../../src/testing/vitest.js'
import type { TableRecord } from '../../src/index.js'
import type { ManualClock } from '../../src/testing.js'
import {
  createRecordFactory,
  createTestStore,
  markStream,
  recordsSince,
  toLambdaEvent,
  toLambdaRecord,
  toLambdaWindowEvent,
  type EmittedRecordOf,
  type LambdaStreamRecord,
  type RecordPattern,
  type StreamMark,
  type TestStore,
} from '../../src/testing.js'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid' }
type OrderRecord = TableRecord<Order, 'customerId', 'orderId', 'NEW_AND_OLD_IMAGES'>

const store = createTestStore()
const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
const order: Order = { customerId: 'c1', orderId: 'o1', total: 1, status: 'open' }

describe('the test store', () => {
  it('is a store whose clock is a ManualClock', () => {
    expectTypeOf(store).toEqualTypeOf<TestStore>()
    expectTypeOf(store.clock).toEqualTypeOf<ManualClock>()
    expectTypeOf(store.runFor).toEqualTypeOf<(ms: number) => Promise<void>>()
    expectTypeOf(store.errors).toEqualTypeOf<readonly unknown[]>()
  })
})

describe('record factories', () => {
  it('type records from the table, or from the item type and options', () => {
    const fromTable = createRecordFactory(orders)
    expectTypeOf(fromTable.insert(order)).toEqualTypeOf<Extract<OrderRecord, { eventName: 'INSERT' }>>()
    expectTypeOf(fromTable.modify(order, order).oldImage.status).toEqualTypeOf<'open' | 'paid'>()
    expectTypeOf(fromTable.remove(order).eventName).toEqualTypeOf<'DELETE'>()
    const fromOptions = createRecordFactory<Order>()({ table: 'orders', partitionKey: 'customerId', sortKey: 'orderId', viewType: 'NEW_IMAGE' })
    expectTypeOf(fromOptions.insert(order).newImage).toEqualTypeOf<Readonly<{ readonly customerId: string; readonly orderId: string; readonly total: number; readonly status: 'open' | 'paid' }>>()
    expectTypeOf(fromOptions.modify(order, order).oldImage).toEqualTypeOf<undefined>()
    expectTypeOf(fromOptions.insert(order).keys.orderId).toEqualTypeOf<string>()
    // @ts-expect-error no attribute of Order is called nope
    createRecordFactory<Order>()({ table: 'orders', partitionKey: 'nope' })
    // @ts-expect-error an item of another type
    fromTable.insert({ customerId: 'c1' })
  })

  it('make Lambda records and events that @types/aws-lambda handlers take', () => {
    const record = toLambdaRecord(createRecordFactory(orders).insert(order))
    expectTypeOf(record).toMatchTypeOf<DynamoDBRecord>()
    expectTypeOf(record.dynamodb.SequenceNumber).toEqualTypeOf<string>()
    expectTypeOf(toLambdaEvent([record])).toMatchTypeOf<DynamoDBStreamEvent>()
    expectTypeOf(toLambdaEvent(recordsSince(markStream(orders)))).toMatchTypeOf<DynamoDBStreamEvent>()
    expectTypeOf(toLambdaWindowEvent([], { tumblingWindowInSeconds: 60 })).toMatchTypeOf<DynamoDBStreamEvent>()
    const handler: DynamoDBStreamHandler = async (event) => ({ batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? '' })) })
    expectTypeOf(handler).parameter(0).toMatchTypeOf<DynamoDBStreamEvent>()
    expectTypeOf<LambdaStreamRecord['eventName']>().toEqualTypeOf<'INSERT' | 'MODIFY' | 'REMOVE'>()
  })
})

describe('matchers', () => {
  it('type the pattern from what expect received', () => {
    expectTypeOf<EmittedRecordOf<typeof orders>>().toEqualTypeOf<OrderRecord>()
    expectTypeOf<EmittedRecordOf<typeof orders.stream>>().toEqualTypeOf<OrderRecord>()
    expectTypeOf<EmittedRecordOf<StreamMark<OrderRecord>>>().toEqualTypeOf<OrderRecord>()
    expectTypeOf<EmittedRecordOf<OrderRecord[]>>().toEqualTypeOf<OrderRecord>()
    const mark = markStream(orders)
    expectTypeOf(mark).toEqualTypeOf<StreamMark<OrderRecord>>()
    expectTypeOf(recordsSince(mark)).toEqualTypeOf<OrderRecord[]>()
    expect(orders).toHaveEmitted({ eventName: 'MODIFY', newImage: { status: 'paid' }, oldImage: { status: 'open' } })
    expect(mark).toHaveEmittedTimes(2, { keys: { customerId: 'c1' } })
    expect(orders).toHaveEmitted({ newImage: { total: expect.any(Number) } })
    expect(orders).not.toHaveEmitted()
    // @ts-expect-error status is 'open' or 'paid'
    expect(orders).toHaveEmitted({ newImage: { status: 'shipped' } })
    // @ts-expect-error no such event name
    expect(orders).toHaveEmitted({ eventName: 'REMOVE' })
    // @ts-expect-error a delete has no new image
    expect(orders).toHaveEmitted({ eventName: 'DELETE', newImage: { status: 'paid' } })
    // @ts-expect-error the count comes first
    expect(mark).toHaveEmittedTimes({ eventName: 'INSERT' })
    expectTypeOf<RecordPattern<OrderRecord>>().toMatchTypeOf<object>()
  })
})
