import { describe, expect, it } from 'vitest'
import { drain, failureSink, ids, setup, START, writeOrders, type OrderRecord } from './fixtures.js'

describe('retries (checklist 16-20, 22, 24)', () => {
  it('re-delivers the identical batch after a throw and blocks the shard meanwhile (16)', async () => {
    const { store, orders, clock } = setup()
    const calls: string[][] = []
    let failOnce = true
    store.consume(
      orders,
      (records) => {
        calls.push(ids(records))
        if (failOnce) {
          failOnce = false
          throw new Error('boom')
        }
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 2 },
    )
    writeOrders(orders, 3)
    await store.settle()
    expect(calls).toEqual([['o0', 'o1']])
    clock.advance(1000)
    await store.settle()
    expect(calls).toEqual([['o0', 'o1'], ['o0', 'o1'], ['o2']])
  })

  it.each([0, 1, 3])('maximumRetryAttempts %i gives exactly N+1 invocations, then one RetryAttemptsExhausted record (17, 18, 20)', async (n) => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    let invocations = 0
    const delivered: string[] = []
    store.consume(
      orders,
      (records) => {
        if (records.some((r) => r.keys.orderId === 'o0')) {
          invocations++
          throw new Error('poison')
        }
        delivered.push(...ids(records))
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 1, maximumRetryAttempts: n, onFailure: sink.onFailure },
    )
    writeOrders(orders, 2)
    await drain(store, clock)
    expect(invocations).toBe(n + 1)
    expect(sink.failures).toHaveLength(1)
    const { failure, records } = sink.failures[0]!
    expect(failure.requestContext.condition).toBe('RetryAttemptsExhausted')
    expect(failure.requestContext.approximateInvokeCount).toBe(n + 1)
    expect(failure.responseContext).toEqual({ statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' })
    expect(ids(records)).toEqual(['o0'])
    expect(delivered).toEqual(['o1'])
  })

  it('backs off on the store clock: nothing is retried until the clock moves', async () => {
    const { store, orders, clock } = setup()
    let calls = 0
    store.consume(orders, () => {
      calls++
      throw new Error('x')
    }, { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 5, backoff: { initialMs: 1000, multiplier: 2, maxMs: 10_000 } })
    writeOrders(orders, 1)
    await store.settle()
    expect(calls).toBe(1)
    clock.advance(999)
    await store.settle()
    expect(calls).toBe(1)
    clock.advance(1)
    await store.settle()
    expect(calls).toBe(2)
    clock.advance(1999)
    await store.settle()
    expect(calls).toBe(2)
    clock.advance(1)
    await store.settle()
    expect(calls).toBe(3)
  })

  it('with -1 / -1 retries until the records leave retention, then reports RecordAgeExceeded (19)', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    let calls = 0
    store.consume(orders, () => {
      calls++
      throw new Error('always')
    }, { startingPosition: 'TRIM_HORIZON', onFailure: sink.onFailure })
    writeOrders(orders, 1)
    await drain(store, clock, 23 * 60 * 60 * 1000)
    expect(sink.failures).toHaveLength(0)
    const before = calls
    expect(before).toBeGreaterThan(1000)
    await drain(store, clock, 2 * 60 * 60 * 1000)
    expect(sink.failures).toHaveLength(1)
    expect(sink.failures[0]!.failure.requestContext.condition).toBe('RecordAgeExceeded')
    expect(sink.failures[0]!.failure.requestContext.approximateInvokeCount).toBe(calls)
  })

  it('a synchronous throw, a rejected promise and a timeout all fail the invocation the same way', async () => {
    for (const mode of ['throw', 'reject', 'timeout'] as const) {
      const { store, orders, clock } = setup()
      const sink = failureSink()
      let aborted = 0
      store.consume(
        orders,
        (_records, context) => {
          if (mode === 'throw') throw new Error('sync')
          if (mode === 'reject') return Promise.reject(new Error('async'))
          context.signal.addEventListener('abort', () => aborted++)
          return new Promise<void>(() => undefined)
        },
        { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 1, handlerTimeoutMs: 3000, onFailure: sink.onFailure },
      )
      writeOrders(orders, 1)
      await drain(store, clock)
      expect(sink.failures.map((f) => f.failure.requestContext.approximateInvokeCount)).toEqual([2])
      expect(sink.failures[0]!.failure.responseContext.functionError).toBe('Unhandled')
      if (mode === 'timeout') expect(aborted).toBe(2)
    }
  })

  it('records older than maximumRecordAgeMs are not delivered and go to onFailure (21)', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    const delivered: string[] = []
    const consumer = store.consume(orders, (records) => void delivered.push(...ids(records)), {
      startingPosition: 'TRIM_HORIZON',
      maximumRecordAgeMs: 60_000,
      onFailure: sink.onFailure,
      enabled: false,
    })
    writeOrders(orders, 2)
    clock.advance(61_000)
    writeOrders(orders, 1, 'c1', 2)
    consumer.start()
    await store.settle()
    expect(delivered).toEqual(['o2'])
    expect(sink.failures).toHaveLength(1)
    const { failure } = sink.failures[0]!
    expect(failure.requestContext).toMatchObject({ condition: 'RecordAgeExceeded', approximateInvokeCount: 0 })
    expect(failure.DDBStreamBatchInfo.batchSize).toBe(2)
  })

  it('a retried batch whose records age out is discarded with RecordAgeExceeded', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    let calls = 0
    store.consume(orders, () => {
      calls++
      throw new Error('x')
    }, { startingPosition: 'TRIM_HORIZON', maximumRecordAgeMs: 60_000, onFailure: sink.onFailure, backoff: { initialMs: 10_000, multiplier: 1 } })
    writeOrders(orders, 1)
    await drain(store, clock)
    // Invoked at 0, 10, … 60 s (60 s old is not older than 60 s); at 70 s the retry is discarded instead.
    expect(calls).toBe(7)
    expect(sink.failures.map((f) => [f.failure.requestContext.condition, f.failure.requestContext.approximateInvokeCount])).toEqual([['RecordAgeExceeded', 7]])
  })
})

describe('the on-failure record (23, 26)', () => {
  it('has the service shape and describes exactly the discarded batch', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    const requestIds: string[] = []
    store.consume(orders, (_records, context) => {
      requestIds.push(context.requestId)
      throw new Error('x')
    }, { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 0, batchSize: 3, onFailure: sink.onFailure, name: 'orders-fn' })
    writeOrders(orders, 3)
    await drain(store, clock)
    const [{ failure, records }] = sink.failures as [(typeof sink.failures)[number]]
    expect(Object.keys(failure).sort()).toEqual(['DDBStreamBatchInfo', 'requestContext', 'responseContext', 'timestamp', 'version'])
    expect(failure.version).toBe('1.0')
    expect(failure.timestamp).toBe(new Date(START).toISOString())
    expect(failure.requestContext.functionArn).toBe('arn:aws:lambda:us-east-1:000000000000:function:orders-fn')
    expect(failure.requestContext.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(failure.requestContext.requestId).toBe(requestIds[requestIds.length - 1])
    expect(failure.DDBStreamBatchInfo).toEqual({
      shardId: records[0]!.shardId,
      startSequenceNumber: records[0]!.sequenceNumber,
      endSequenceNumber: records[2]!.sequenceNumber,
      approximateArrivalOfFirstRecord: '2026-01-01T00:00:00Z',
      approximateArrivalOfLastRecord: '2026-01-01T00:00:00Z',
      batchSize: 3,
      streamArn: orders.stream.arn,
    })
  })

  it('an on-failure destination that throws is retried, never skipped', async () => {
    const { store, orders, clock, errors } = setup()
    let tries = 0
    const received: string[] = []
    store.consume(orders, () => {
      throw new Error('x')
    }, {
      startingPosition: 'TRIM_HORIZON',
      maximumRetryAttempts: 0,
      onFailure: (_f, records) => {
        if (++tries < 3) throw new Error('destination down')
        received.push(...ids(records))
      },
    })
    writeOrders(orders, 1)
    await drain(store, clock)
    expect(tries).toBe(3)
    expect(received).toEqual(['o0'])
    expect(errors).toHaveLength(2)
  })
})

describe('bisect (29, 30, 37)', () => {
  it('splits a failing batch of 4 into [1,2] and [3,4], and again until the poison record is alone', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    const calls: string[][] = []
    store.consume(
      orders,
      (records) => {
        calls.push(ids(records))
        if (records.some((r) => r.keys.orderId === 'o3')) throw new Error('poison')
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 4, bisectBatchOnFunctionError: true, maximumRetryAttempts: 1, onFailure: sink.onFailure },
    )
    writeOrders(orders, 4)
    await drain(store, clock)
    expect(calls).toEqual([['o0', 'o1', 'o2', 'o3'], ['o0', 'o1'], ['o2', 'o3'], ['o2'], ['o3'], ['o3']])
    expect(sink.failures.map((f) => [ids(f.records), f.failure.requestContext.approximateInvokeCount])).toEqual([[['o3'], 2]])
  })

  it('bisecting alone never exhausts retries, even with maximumRetryAttempts 0', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    const ok: string[] = []
    store.consume(
      orders,
      (records) => {
        if (records.some((r) => r.keys.orderId === 'o5')) throw new Error('poison')
        ok.push(...ids(records))
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 8, bisectBatchOnFunctionError: true, maximumRetryAttempts: 0, onFailure: sink.onFailure },
    )
    writeOrders(orders, 8)
    await drain(store, clock)
    expect(ok.sort()).toEqual(['o0', 'o1', 'o2', 'o3', 'o4', 'o6', 'o7'])
    expect(sink.failures.map((f) => ids(f.records))).toEqual([['o5']])
  })

  it('with bisect and partial responses, a partial response splits at the reported record instead of bisecting (37)', async () => {
    const { store, orders, clock } = setup()
    const calls: string[][] = []
    let first = true
    store.consume(
      orders,
      (records) => {
        calls.push(ids(records))
        if (first) {
          first = false
          return { batchItemFailures: [{ itemIdentifier: records[2]!.sequenceNumber }] }
        }
        return undefined
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 4, bisectBatchOnFunctionError: true, reportBatchItemFailures: true },
    )
    writeOrders(orders, 4)
    await drain(store, clock)
    expect(calls).toEqual([['o0', 'o1', 'o2', 'o3'], ['o2', 'o3']])
  })
})

describe('partial batch responses (31-36)', () => {
  function partial(response: (records: readonly OrderRecord[]) => unknown, report = true) {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    const calls: string[][] = []
    let first = true
    store.consume(
      orders,
      (records) => {
        calls.push(ids(records))
        if (first) {
          first = false
          return response(records) as never
        }
        return undefined
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 5, reportBatchItemFailures: report, onFailure: sink.onFailure, maximumRetryAttempts: 3 },
    )
    writeOrders(orders, 5)
    return { run: () => drain(store, clock), calls, sink }
  }

  it('is ignored without reportBatchItemFailures (31)', async () => {
    const t = partial((r) => ({ batchItemFailures: [{ itemIdentifier: r[2]!.sequenceNumber }] }), false)
    await t.run()
    expect(t.calls).toHaveLength(1)
  })

  it('checkpoints before the failed record and re-delivers from it, in order (32)', async () => {
    const t = partial((r) => ({ batchItemFailures: [{ itemIdentifier: r[2]!.sequenceNumber }] }))
    await t.run()
    expect(t.calls).toEqual([['o0', 'o1', 'o2', 'o3', 'o4'], ['o2', 'o3', 'o4']])
  })

  it('re-delivers from the lowest reported record (33)', async () => {
    const t = partial((r) => ({ batchItemFailures: [{ itemIdentifier: r[3]!.sequenceNumber }, { itemIdentifier: r[1]!.sequenceNumber }] }))
    await t.run()
    expect(t.calls).toEqual([['o0', 'o1', 'o2', 'o3', 'o4'], ['o1', 'o2', 'o3', 'o4']])
  })

  it.each([['empty list', { batchItemFailures: [] }], ['null list', { batchItemFailures: null }], ['{}', {}], ['null', null], ['undefined', undefined], ['[]', []]])(
    'treats %s as full success (34)',
    async (_name, response) => {
      const t = partial(() => response)
      await t.run()
      expect(t.calls).toHaveLength(1)
    },
  )

  it.each([
    ['an empty identifier', [{ itemIdentifier: '' }]],
    ['a null identifier', [{ itemIdentifier: null }]],
    ['a missing identifier', [{ foo: 123 }]],
    ['a number', [{ itemIdentifier: 123 }]],
    ['an unknown sequence number', [{ itemIdentifier: '100000000000000099999' }]],
  ])('fails the whole batch on %s (35)', async (_name, failures) => {
    const t = partial(() => ({ batchItemFailures: failures }))
    await t.run()
    expect(t.calls).toEqual([
      ['o0', 'o1', 'o2', 'o3', 'o4'],
      ['o0', 'o1', 'o2', 'o3', 'o4'],
    ])
    expect(t.sink.failures).toHaveLength(0)
  })

  it.each([42, 'ok', true])('fails the batch on a response that is not an object (%s)', async (response) => {
    const t = partial(() => response)
    await t.run()
    expect(t.calls).toHaveLength(2)
  })

  it('a malformed response that keeps coming exhausts retries with functionError null (25)', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    store.consume(orders, () => ({ batchItemFailures: 'nope' }) as never, {
      startingPosition: 'TRIM_HORIZON',
      reportBatchItemFailures: true,
      maximumRetryAttempts: 2,
      onFailure: sink.onFailure,
    })
    writeOrders(orders, 2)
    await drain(store, clock)
    expect(sink.failures).toHaveLength(1)
    expect(sink.failures[0]!.failure.responseContext.functionError).toBeNull()
    expect(sink.failures[0]!.failure.requestContext.approximateInvokeCount).toBe(3)
  })

  it('counts a partial response as a failed attempt: a record always reported is delivered N+1 times (36)', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    const deliveries = new Map<string, number>()
    store.consume(
      orders,
      (records) => {
        for (const r of records) deliveries.set(r.keys.orderId, (deliveries.get(r.keys.orderId) ?? 0) + 1)
        const bad = records.find((r) => r.keys.orderId === 'o5')
        return bad === undefined ? undefined : { batchItemFailures: [{ itemIdentifier: bad.sequenceNumber }] }
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 3, reportBatchItemFailures: true, maximumRetryAttempts: 3, onFailure: sink.onFailure },
    )
    writeOrders(orders, 6)
    await drain(store, clock)
    expect(deliveries.get('o5')).toBe(4)
    expect(deliveries.get('o3')).toBe(1)
    expect(sink.failures).toHaveLength(1)
    const { failure, records } = sink.failures[0]!
    expect(failure.requestContext).toMatchObject({ condition: 'RetryAttemptsExhausted', approximateInvokeCount: 4 })
    expect(failure.responseContext.functionError).toBeNull()
    expect(failure.DDBStreamBatchInfo.batchSize).toBe(1)
    expect(failure.DDBStreamBatchInfo.startSequenceNumber).toBe(records[0]!.sequenceNumber)
    expect(failure.DDBStreamBatchInfo.endSequenceNumber).toBe(records[0]!.sequenceNumber)
  })
})

describe('at-least-once delivery (65)', () => {
  it('a retried batch redelivers records an earlier attempt already saw; an idempotent handler counts each once', async () => {
    const { store, orders, clock } = setup()
    const seen = new Map<string, number>()
    const applied = new Set<string>()
    let fail = true
    store.consume(
      orders,
      (records) => {
        for (const r of records) {
          seen.set(r.eventId, (seen.get(r.eventId) ?? 0) + 1)
          applied.add(r.eventId)
        }
        if (fail) {
          fail = false
          throw new Error('after side effects')
        }
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 10 },
    )
    writeOrders(orders, 3)
    await drain(store, clock)
    expect([...seen.values()]).toEqual([2, 2, 2])
    expect(applied.size).toBe(3)
  })
})
