import type { Callback, Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent, DynamoDBStreamHandler, Handler } from 'aws-lambda'
import { describe, expectTypeOf, it } from 'vitest'
import { createStore } from '../../src/index.js'
import { createEventSourceMapping, lambdaEvent, type LambdaContext, type LambdaStreamEvent, type LambdaStreamHandler, type LambdaStreamRecord } from '../../src/aws/index.js'

const store = createStore()
const orders = store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
const params = { EventSourceArn: orders.stream.arn, StartingPosition: 'TRIM_HORIZON' } as const

describe('Lambda handler types', () => {
  it('takes an unchanged Handler<DynamoDBStreamEvent, DynamoDBBatchResponse | void> of @types/aws-lambda', () => {
    const handler: Handler<DynamoDBStreamEvent, DynamoDBBatchResponse | void> = async (event) => ({
      batchItemFailures: event.Records.map((r) => ({ itemIdentifier: r.dynamodb!.SequenceNumber! })),
    })
    const streamHandler: DynamoDBStreamHandler = (_event, _context, callback: Callback<DynamoDBBatchResponse | void>) => callback(null)
    createEventSourceMapping(store, { ...params, Enabled: false }, handler)
    createEventSourceMapping(store, { ...params, Enabled: false }, streamHandler)
    expectTypeOf(handler).toExtend<LambdaStreamHandler>()
    expectTypeOf(streamHandler).toExtend<LambdaStreamHandler>()
  })

  it('builds events assignable to DynamoDBStreamEvent and contexts assignable to Context', () => {
    expectTypeOf<LambdaStreamEvent>().toExtend<DynamoDBStreamEvent>()
    expectTypeOf<LambdaStreamRecord>().toExtend<DynamoDBRecord>()
    expectTypeOf<LambdaContext>().toExtend<Context>()
    expectTypeOf(lambdaEvent).returns.toExtend<DynamoDBStreamEvent>()
  })

  it('types the parameters with Lambda names and units', () => {
    // @ts-expect-error StartingPosition is required for a DynamoDB stream
    createEventSourceMapping(store, { EventSourceArn: orders.stream.arn }, async () => undefined)
    // @ts-expect-error AT_TIMESTAMP is not a DynamoDB stream position
    createEventSourceMapping(store, { ...params, StartingPosition: 'AT_TIMESTAMP' }, async () => undefined)
    // @ts-expect-error only ReportBatchItemFailures is a response type
    createEventSourceMapping(store, { ...params, FunctionResponseTypes: ['Other'] }, async () => undefined)
  })
})
