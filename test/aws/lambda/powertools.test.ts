// Powertools for AWS Lambda, unchanged, on a mapping: the batch processor's partial responses and the parser's schema.
import { BatchProcessor, EventType, FullBatchFailureError, processPartialResponse } from '@aws-lambda-powertools/batch'
import { DynamoDBStreamEnvelope } from '@aws-lambda-powertools/parser/envelopes/dynamodb'
import { DynamoDBStreamSchema } from '@aws-lambda-powertools/parser/schemas/dynamodb'
import type { DynamoDBRecord, DynamoDBStreamHandler } from 'aws-lambda'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createFailureDestination } from '../../../src/aws/index.js'
import { drain, setup, writeOrders } from './fixtures.js'

describe('Powertools batch processing', () => {
  it('BatchProcessor with EventType.DynamoDBStreams reports the failed records; the mapping retries from the lowest (63)', async () => {
    const { store, orders, clock, map } = setup()
    const processor = new BatchProcessor(EventType.DynamoDBStreams)
    const attempts = new Map<string, number>()
    const processed: string[] = []
    const recordHandler = async (record: DynamoDBRecord): Promise<void> => {
      const id = record.dynamodb?.Keys?.orderId?.S as string
      const n = (attempts.get(id) ?? 0) + 1
      attempts.set(id, n)
      // o1 and o3 fail on their first delivery only.
      if ((id === 'o1' || id === 'o3') && n === 1) throw new Error(`could not process ${id}`)
      processed.push(id)
    }
    const responses: unknown[] = []
    const handler: DynamoDBStreamHandler = async (event, context) => {
      const response = await processPartialResponse(event, recordHandler, processor, { context })
      responses.push(response)
      return response
    }
    map(handler, { BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] })
    writeOrders(orders, 5)
    await drain(store, clock)
    const first = responses[0] as { batchItemFailures: { itemIdentifier: string }[] }
    expect(first.batchItemFailures).toHaveLength(2)
    // Every record of the first batch was attempted; everything from o1 on came again, once.
    expect([...attempts.entries()]).toEqual([
      ['o0', 1],
      ['o1', 2],
      ['o2', 2],
      ['o3', 2],
      ['o4', 2],
    ])
    expect(responses[1]).toEqual({ batchItemFailures: [] })
    expect(processed.filter((id) => id === 'o2')).toHaveLength(2)
  })

  it('throws FullBatchFailureError when every record failed: a whole-batch retry, then the destination (64)', async () => {
    const { store, orders, clock, map } = setup()
    const processor = new BatchProcessor(EventType.DynamoDBStreams)
    const errors: unknown[] = []
    const destination = createFailureDestination()
    const handler: DynamoDBStreamHandler = async (event, context) => {
      try {
        return await processPartialResponse(event, async () => Promise.reject(new Error('down')), processor, { context })
      } catch (error) {
        errors.push(error)
        throw error
      }
    }
    map(handler, { BatchSize: 3, MaximumRetryAttempts: 1, FunctionResponseTypes: ['ReportBatchItemFailures'], DestinationConfig: { OnFailure: { Destination: destination } } })
    writeOrders(orders, 3)
    await drain(store, clock)
    expect(errors).toHaveLength(2)
    expect(errors.every((e) => e instanceof FullBatchFailureError)).toBe(true)
    expect(destination.records().map((r) => [r.requestContext.condition, r.responseContext.functionError, r.DDBStreamBatchInfo.batchSize])).toEqual([['RetryAttemptsExhausted', 'Unhandled', 3]])
  })
})

describe('Powertools parser', () => {
  it('parses tumbling-window events with their window, state, shard and flags', async () => {
    const { store, orders, clock, map } = setup()
    const results: { final: boolean; ok: boolean; issues: unknown }[] = []
    map(
      async (event) => {
        // The schema wants at least one record and string state values.
        if (event.Records.length > 0) {
          const result = DynamoDBStreamSchema.safeParse(event)
          results.push({ final: event.isFinalInvokeForWindow === true, ok: result.success, issues: result.error?.issues })
        }
        return { state: { seen: String(Number(event.state?.seen ?? 0) + event.Records.length) } }
      },
      { TumblingWindowInSeconds: 60, BatchSize: 2 },
    )
    writeOrders(orders, 3)
    await store.settle()
    clock.advance(60_000)
    await store.settle()
    expect(results).toEqual([
      { final: false, ok: true, issues: undefined },
      { final: false, ok: true, issues: undefined },
    ])
  })

  it('parses every event with DynamoDBStreamSchema and unmarshalls the images with the envelope', async () => {
    const { store, orders, clock, map } = setup({ shards: 2 })
    const parsed: unknown[] = []
    const Order = z.object({ customerId: z.string(), orderId: z.string(), total: z.number() })
    const handler: DynamoDBStreamHandler = async (event) => {
      parsed.push(DynamoDBStreamSchema.parse(event))
      const images = DynamoDBStreamEnvelope.parse(event, z.object({ NewImage: Order.optional(), OldImage: Order.optional() }).passthrough())
      for (const change of images) if (change.NewImage !== undefined) expect(change.NewImage.total).toBeTypeOf('number')
    }
    map(handler, { BatchSize: 4 })
    writeOrders(orders, 6)
    orders.update({ customerId: 'c1', orderId: 'o2' }, (draft) => {
      draft.status = 'paid'
    })
    orders.delete({ customerId: 'c1', orderId: 'o3' })
    await drain(store, clock)
    expect(parsed.length).toBeGreaterThan(1)
    expect(parsed.flatMap((e) => (e as { Records: unknown[] }).Records)).toHaveLength(8)
  })
})
