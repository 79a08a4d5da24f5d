import { describe, expect, it } from 'vitest'
import type { LambdaContext, LambdaStreamEvent, LambdaStreamHandler } from '../../../src/aws/index.js'
import { drain, orderIds, recorder, setup, START, writeOrders } from './fixtures.js'

describe('the Lambda context', () => {
  it('names the function, its version, memory, ARN, log group and stream, and the request', async () => {
    const { store, orders, map } = setup()
    const contexts: LambdaContext[] = []
    const mapping = map(
      async (_event, context) => {
        contexts.push(context)
      },
      {},
      { FunctionName: 'orders-fn', MemorySize: 512, Timeout: 30 },
    )
    writeOrders(orders, 2)
    await store.settle()
    const [context] = contexts as [LambdaContext]
    expect(context).toMatchObject({
      functionName: 'orders-fn',
      functionVersion: '$LATEST',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:orders-fn',
      memoryLimitInMB: '512',
      logGroupName: '/aws/lambda/orders-fn',
      callbackWaitsForEmptyEventLoop: true,
    })
    expect(context.invokedFunctionArn).toBe(mapping.FunctionArn)
    expect(context.awsRequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(context.logStreamName).toMatch(/^2026\/01\/01\/\[\$LATEST\][0-9a-f]{32}$/)
    expect(context.getRemainingTimeInMillis()).toBe(30_000)
  })

  it('counts the remaining time down on the store clock, and fails an invocation that outlives the timeout', async () => {
    const { store, orders, clock, map } = setup()
    const remaining: number[] = []
    const contexts: LambdaContext[] = []
    let release: () => void = () => undefined
    let started: () => void = () => undefined
    const running = new Promise<void>((resolve) => (started = resolve))
    const mapping = map(
      (_event, context) => {
        contexts.push(context)
        remaining.push(context.getRemainingTimeInMillis())
        if (contexts.length > 1) return Promise.resolve()
        started()
        return new Promise<void>((resolve) => (release = resolve))
      },
      { MaximumRetryAttempts: 1 },
      { Timeout: 3 },
    )
    writeOrders(orders, 1)
    await running
    clock.advance(1_500)
    remaining.push(contexts[0]!.getRemainingTimeInMillis())
    clock.advance(1_500)
    remaining.push(contexts[0]!.getRemainingTimeInMillis())
    release()
    await drain(store, clock)
    // 3000 at the start, 1500 after 1.5 s, 0 at the timeout, which failed the invocation; the retry succeeded.
    expect(remaining).toEqual([3000, 1500, 0, 3000])
    expect(mapping.metrics()).toMatchObject({ invocations: 2, errors: 1 })
  })

  it('waits in settle() for a handler doing real asynchronous work, however long it takes on the wall clock', async () => {
    const { store, orders, map } = setup()
    const done: string[] = []
    map(async (event) => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      await new Promise((resolve) => setImmediate(resolve))
      done.push(...orderIds(event))
    })
    writeOrders(orders, 2)
    await store.settle()
    expect(done).toEqual(['o0', 'o1'])
  })

  it('lets a handler set callbackWaitsForEmptyEventLoop, as handlers that keep connections open do', async () => {
    const { store, orders, map } = setup()
    const values: boolean[] = []
    map(async (_event, context) => {
      context.callbackWaitsForEmptyEventLoop = false
      values.push(context.callbackWaitsForEmptyEventLoop)
    })
    writeOrders(orders, 1)
    await store.settle()
    expect(values).toEqual([false])
  })
})

describe('handler styles', () => {
  it('runs callback-style handlers: the callback ends the invocation with its error or response', async () => {
    const { store, orders, clock, map } = setup()
    const seen: string[][] = []
    let fail = true
    const handler: LambdaStreamHandler = (event, _context, callback) => {
      seen.push(orderIds(event))
      setImmediate(() => {
        if (fail) {
          fail = false
          callback(new Error('first attempt fails'))
        } else if (event.Records.length === 3) callback(null, { batchItemFailures: [{ itemIdentifier: event.Records[1]!.dynamodb.SequenceNumber }] })
        else callback(null)
      })
    }
    map(handler, { FunctionResponseTypes: ['ReportBatchItemFailures'], BatchSize: 3, MaximumRetryAttempts: 5 })
    writeOrders(orders, 3)
    await drain(store, clock)
    expect(seen).toEqual([
      ['o0', 'o1', 'o2'],
      ['o0', 'o1', 'o2'],
      ['o1', 'o2'],
    ])
  })

  it('ends with context.succeed, context.fail and context.done as the old runtimes did', async () => {
    const { store, orders, clock, map } = setup()
    const attempts: string[] = []
    let n = 0
    map(
      (_event, context) => {
        n++
        attempts.push(`attempt ${n}`)
        if (n === 1) context.fail('by fail')
        else if (n === 2) context.done(new Error('by done'))
        else context.succeed({ batchItemFailures: [] })
      },
      { MaximumRetryAttempts: 5 },
    )
    writeOrders(orders, 1)
    await drain(store, clock)
    expect(attempts).toEqual(['attempt 1', 'attempt 2', 'attempt 3'])
  })

  it('treats a synchronous handler without a callback as done when it returns, ignoring its return value as the runtime does', async () => {
    const { store, orders, clock, map } = setup()
    let calls = 0
    map(
      ((event: LambdaStreamEvent) => {
        calls++
        return { batchItemFailures: [{ itemIdentifier: event.Records[0]!.dynamodb.SequenceNumber }] }
      }) as unknown as LambdaStreamHandler,
      { FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 2 },
    )
    writeOrders(orders, 1)
    await drain(store, clock)
    expect(calls).toBe(1)
  })

  it('fails the invocation on a synchronous throw and on a rejection alike', async () => {
    const { store, orders, clock, map } = setup()
    let calls = 0
    const mapping = map(
      (() => {
        calls++
        if (calls === 1) throw new Error('sync')
        if (calls === 2) return Promise.reject(new Error('async'))
        return Promise.resolve()
      }) as LambdaStreamHandler,
      { MaximumRetryAttempts: 5 },
    )
    writeOrders(orders, 1)
    await drain(store, clock)
    expect(calls).toBe(3)
    expect(mapping.metrics()).toMatchObject({ invocations: 3, errors: 2, retries: 2 })
    expect(mapping.configuration().LastProcessingResult).toBe('OK')
  })
})

describe('the JSON boundary', () => {
  it('gives each invocation its own parse of the event: what a handler changes reaches neither the store nor the retry', async () => {
    const { store, orders, clock, map } = setup()
    const snapshots: string[] = []
    let calls = 0
    map(
      async (event) => {
        // The event is exactly what JSON makes of it: plain objects and arrays, strings, numbers, booleans.
        expect(event).toStrictEqual(JSON.parse(JSON.stringify(event)))
        snapshots.push(JSON.stringify(event))
        const record = event.Records[0]!
        record.dynamodb.NewImage!.total = { N: '999' }
        record.eventName = 'REMOVE'
        if (++calls === 1) throw new Error('retry me')
      },
      { MaximumRetryAttempts: 1 },
    )
    writeOrders(orders, 1)
    await drain(store, clock)
    expect(snapshots).toHaveLength(2)
    expect(snapshots[1]).toBe(snapshots[0])
    expect(JSON.parse(snapshots[0]!).Records[0].eventName).toBe('INSERT')
    expect(orders.get({ customerId: 'c1', orderId: 'o0' })?.total).toBe(0)
  })

  it.each([
    ['a BigInt', () => ({ batchItemFailures: [], count: 1n })],
    ['a cycle', () => {
      const response: Record<string, unknown> = { batchItemFailures: [] }
      response.self = response
      return response
    }],
  ])('fails an invocation whose response is not JSON (%s), as Lambda does', async (_name, respond) => {
    const { store, orders, clock, map } = setup()
    let calls = 0
    const mapping = map(
      async () => {
        calls++
        return calls === 1 ? respond() : undefined
      },
      { MaximumRetryAttempts: 1 },
    )
    writeOrders(orders, 1)
    await drain(store, clock)
    expect(calls).toBe(2)
    expect(mapping.metrics().errors).toBe(1)
  })

  it('reads the response after JSON: a member JSON drops is gone, so an item left without itemIdentifier fails the batch', async () => {
    const { store, orders, clock, map } = setup()
    const { events, handler } = recorder(() => ({ batchItemFailures: [{ itemIdentifier: undefined, toJSON: undefined }] }))
    const mapping = map(handler, { FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 0 })
    writeOrders(orders, 1)
    await drain(store, clock)
    // {"batchItemFailures":[{}]}: an item without itemIdentifier fails the whole batch (35).
    expect(events).toHaveLength(1)
    expect(mapping.metrics()).toMatchObject({ errors: 1, recordsSentToOnFailure: 1 })
  })
})
