// The event source mapping checklist, driven through createEventSourceMapping with Lambda's parameters.
import { describe, expect, it } from 'vitest'
import { createFailureDestination, type LambdaFailureRecord, type LambdaStreamEvent } from '../../../src/aws/index.js'
import { drain, orderIds, recorder, setup, START, writeOrders } from './fixtures.js'

const failingOn = (orderId: string) => async (event: LambdaStreamEvent) => {
  if (orderIds(event).includes(orderId)) throw new Error(`poison ${orderId}`)
}

describe('starting positions and batches (7-11, 15)', () => {
  it('TRIM_HORIZON delivers every record still in the stream, LATEST only records written after the start (7)', async () => {
    const { store, orders, map } = setup()
    writeOrders(orders, 2)
    const horizon = recorder()
    const latest = recorder()
    map(horizon.handler)
    map(latest.handler, { StartingPosition: 'LATEST' })
    writeOrders(orders, 1, 'c1', 2)
    await store.settle()
    expect(horizon.events.flatMap(orderIds)).toEqual(['o0', 'o1', 'o2'])
    expect(latest.events.flatMap(orderIds)).toEqual(['o2'])
  })

  it('keeps sequence order, never mixes shards and never exceeds BatchSize (8, 9)', async () => {
    const { store, orders, map } = setup({ shards: 4 })
    const { events, handler } = recorder()
    map(handler, { BatchSize: 3 })
    for (let i = 0; i < 40; i++) orders.put({ customerId: `c${i % 7}`, orderId: `o${i}`, total: i })
    await store.settle()
    expect(events.every((e) => e.Records.length <= 3)).toBe(true)
    const shardOf = new Map<string, string>()
    for (const shard of orders.stream.shards()) {
      const { records } = orders.stream.getRecords(orders.stream.getShardIterator({ shardId: shard.shardId, type: 'TRIM_HORIZON' }))
      for (const record of records) shardOf.set(record.sequenceNumber, shard.shardId)
    }
    expect(new Set(shardOf.values()).size).toBeGreaterThan(1)
    for (const event of events) {
      expect(new Set(event.Records.map((r) => shardOf.get(r.dynamodb.SequenceNumber))).size).toBe(1)
      const sequence = event.Records.map((r) => BigInt(r.dynamodb.SequenceNumber))
      expect([...sequence].sort((a, b) => (a < b ? -1 : 1))).toEqual(sequence)
    }
    expect(events.flatMap(orderIds).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `o${i}`).sort())
  })

  it('with window 0 a single record is a 1-record batch; with a window it waits for the window or a full batch (10, 11)', async () => {
    const { store, orders, clock, map } = setup()
    const { events, handler } = recorder()
    map(handler, { MaximumBatchingWindowInSeconds: 5, BatchSize: 3 })
    writeOrders(orders, 1)
    await store.settle()
    expect(events).toHaveLength(0)
    clock.advance(5_000)
    await store.settle()
    expect(events.map(orderIds)).toEqual([['o0']])
    writeOrders(orders, 3, 'c1', 1)
    await store.settle()
    expect(events.map(orderIds)).toEqual([['o0'], ['o1', 'o2', 'o3']])
    const now = setup()
    const immediate = recorder()
    now.map(immediate.handler)
    writeOrders(now.orders, 1)
    await now.store.settle()
    expect(immediate.events.map(orderIds)).toEqual([['o0']])
  })

  it('checkpoints past each successful batch (15), and a disabled mapping resumes at the next record when enabled (56)', async () => {
    const { store, orders, map } = setup()
    const { events, handler } = recorder()
    const mapping = map(handler, { BatchSize: 2 })
    writeOrders(orders, 2)
    await store.settle()
    await mapping.disable()
    expect(mapping.configuration().State).toBe('Disabled')
    writeOrders(orders, 2, 'c1', 2)
    await store.settle()
    expect(events.map(orderIds)).toEqual([['o0', 'o1']])
    mapping.enable()
    await store.settle()
    expect(events.map(orderIds)).toEqual([['o0', 'o1'], ['o2', 'o3']])
    expect(mapping.configuration()).toMatchObject({ State: 'Enabled', LastProcessingResult: 'OK' })
  })

  it('Enabled: false creates the mapping without invoking until it is enabled', async () => {
    const { store, orders, map } = setup()
    const { events, handler } = recorder()
    const mapping = map(handler, { Enabled: false })
    writeOrders(orders, 1)
    await store.settle()
    expect(events).toHaveLength(0)
    mapping.enable()
    await store.settle()
    expect(events.flatMap(orderIds)).toEqual(['o0'])
  })
})

describe('parallelization and lineage (12-14)', () => {
  it('ParallelizationFactor runs batches of one shard concurrently, never two of one partition key (12, 13)', async () => {
    const { store, orders, clock, map } = setup({ shards: 1 })
    let inFlight = 0
    let maxInFlight = 0
    const keysInFlight = new Set<string>()
    let overlap = false
    const totals = new Map<string, number[]>()
    map(
      async (event) => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        const keys = new Set(event.Records.map((r) => r.dynamodb.Keys.customerId!.S as string))
        for (const k of keys) {
          if (keysInFlight.has(k)) overlap = true
          keysInFlight.add(k)
        }
        await new Promise((resolve) => setTimeout(resolve, 1))
        for (const r of event.Records) {
          const key = r.dynamodb.Keys.customerId!.S as string
          totals.set(key, [...(totals.get(key) ?? []), Number(r.dynamodb.NewImage!.total!.N)])
        }
        for (const k of keys) keysInFlight.delete(k)
        inFlight--
      },
      { BatchSize: 3, ParallelizationFactor: 4 },
    )
    for (let i = 0; i < 48; i++) orders.put({ customerId: `c${i % 12}`, orderId: `o${i}`, total: i })
    await drain(store, clock)
    expect(overlap).toBe(false)
    expect(maxInFlight).toBeGreaterThan(1)
    expect(maxInFlight).toBeLessThanOrEqual(4)
    for (const [, list] of totals) expect([...list].sort((a, b) => a - b)).toEqual(list)
  })

  it('reads a parent shard to its end before its children (14)', async () => {
    const { store, orders, map } = setup({ shards: 1 })
    const { events, handler } = recorder()
    const mapping = map(handler, { Enabled: false })
    writeOrders(orders, 4)
    orders.stream.splitShard(orders.stream.shards()[0]!.shardId)
    writeOrders(orders, 4, 'c1', 4)
    mapping.enable()
    await store.settle()
    expect(events.flatMap(orderIds)).toEqual(Array.from({ length: 8 }, (_, i) => `o${i}`))
  })
})

describe('retries and the on-failure destination (16-26)', () => {
  it('re-delivers the identical batch after a throw, blocking the shard meanwhile (16)', async () => {
    const { store, orders, clock, map } = setup()
    const { events, handler } = recorder((event) => {
      if (events.length === 1) throw new Error(`first call, ${event.Records.length} records`)
    })
    map(handler, { BatchSize: 2 })
    writeOrders(orders, 3)
    await drain(store, clock)
    expect(events.map(orderIds)).toEqual([['o0', 'o1'], ['o0', 'o1'], ['o2']])
    expect(events[1]).toEqual(events[0])
  })

  it.each([0, 1, 3])('MaximumRetryAttempts %i gives N+1 invocations, then one RetryAttemptsExhausted record (17, 18, 20, 23, 24)', async (n) => {
    const { store, orders, clock, map } = setup()
    const destination = createFailureDestination()
    const requestIds: string[] = []
    const delivered: string[] = []
    map(
      async (event, context) => {
        if (orderIds(event).includes('o0')) {
          requestIds.push(context.awsRequestId)
          throw new Error('poison')
        }
        delivered.push(...orderIds(event))
      },
      { MaximumRetryAttempts: n, BatchSize: 1, DestinationConfig: { OnFailure: { Destination: destination } } },
      { FunctionName: 'orders-fn' },
    )
    writeOrders(orders, 2)
    await drain(store, clock)
    expect(requestIds).toHaveLength(n + 1)
    expect(delivered).toEqual(['o1'])
    const [failure] = destination.records() as [LambdaFailureRecord]
    expect(destination.records()).toHaveLength(1)
    expect(failure).toEqual({
      requestContext: {
        requestId: requestIds[n],
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:orders-fn',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: n + 1,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      DDBStreamBatchInfo: {
        shardId: orders.stream.shards()[0]!.shardId,
        startSequenceNumber: expect.stringMatching(/^\d{21}$/),
        endSequenceNumber: expect.stringMatching(/^\d{21}$/),
        approximateArrivalOfFirstRecord: '2026-01-01T00:00:00Z',
        approximateArrivalOfLastRecord: '2026-01-01T00:00:00Z',
        batchSize: 1,
        streamArn: orders.stream.arn,
      },
    })
    expect(Object.keys(failure)).toEqual(['requestContext', 'responseContext', 'version', 'timestamp', 'DDBStreamBatchInfo'])
    expect(JSON.parse(destination.messages[0]!.body)).toEqual(failure)
  })

  it('with -1 / -1 retries until the records leave the stream, then reports RecordAgeExceeded (19)', async () => {
    const { store, orders, clock, map } = setup()
    const records: LambdaFailureRecord[] = []
    map(failingOn('o0'), { DestinationConfig: { OnFailure: { Destination: (record) => void records.push(record) } } })
    writeOrders(orders, 1)
    await drain(store, clock, 25 * 60 * 60 * 1000)
    expect(records.map((r) => r.requestContext.condition)).toEqual(['RecordAgeExceeded'])
    expect(clock.now() - START).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000)
  })

  it('discards records older than MaximumRecordAgeInSeconds with RecordAgeExceeded, never invoking with them (21)', async () => {
    const { store, orders, clock, map } = setup()
    const destination = createFailureDestination('arn:aws:sns:us-east-1:000000000000:failures')
    const { events, handler } = recorder()
    const mapping = map(handler, { MaximumRecordAgeInSeconds: 60, Enabled: false, DestinationConfig: { OnFailure: { Destination: destination } } })
    writeOrders(orders, 1)
    clock.advance(61_000)
    writeOrders(orders, 1, 'c1', 1)
    mapping.enable()
    await store.settle()
    expect(events.flatMap(orderIds)).toEqual(['o1'])
    expect(destination.kind).toBe('sns')
    expect(destination.records().map((r) => [r.requestContext.condition, r.requestContext.approximateInvokeCount, r.responseContext.functionError])).toEqual([['RecordAgeExceeded', 0, null]])
  })

  it('after a bad partial batch response the record says functionError null (25), and describes exactly the discarded part (26)', async () => {
    const { store, orders, clock, map } = setup()
    const destination = createFailureDestination()
    let third = ''
    map(
      async (event) => {
        if (third === '') third = event.Records[2]!.dynamodb.SequenceNumber
        return { batchItemFailures: [{ itemIdentifier: third }] }
      },
      { FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: destination } } },
    )
    writeOrders(orders, 5)
    await drain(store, clock)
    const [failure] = destination.records() as [LambdaFailureRecord]
    expect(failure.responseContext.functionError).toBeNull()
    expect(failure.DDBStreamBatchInfo).toMatchObject({ startSequenceNumber: third, batchSize: 3 })
  })

  it('a function destination that throws is retried, never skipped', async () => {
    const { store, orders, clock, map, errors } = setup()
    let attempts = 0
    const received: LambdaFailureRecord[] = []
    map(failingOn('o0'), {
      MaximumRetryAttempts: 0,
      DestinationConfig: {
        OnFailure: {
          Destination: async (record) => {
            if (++attempts < 3) throw new Error('queue unavailable')
            received.push(record)
          },
        },
      },
    })
    writeOrders(orders, 1)
    await drain(store, clock)
    expect(attempts).toBe(3)
    expect(received).toHaveLength(1)
    expect(errors).toHaveLength(2)
  })
})

describe('bisect (29, 30, 37)', () => {
  it('splits a failing batch of 4 into halves until the poison record is alone (29), without spending retries (30)', async () => {
    const { store, orders, clock, map } = setup()
    const destination = createFailureDestination()
    const { events, handler } = recorder((event) => {
      if (orderIds(event).includes('o2')) throw new Error('poison')
    })
    map(handler, { BatchSize: 4, BisectBatchOnFunctionError: true, MaximumRetryAttempts: 0, DestinationConfig: { OnFailure: { Destination: destination } } })
    writeOrders(orders, 4)
    await drain(store, clock)
    expect(events.map(orderIds)).toEqual([['o0', 'o1', 'o2', 'o3'], ['o0', 'o1'], ['o2', 'o3'], ['o2'], ['o3']])
    expect(destination.records().map((r) => [r.DDBStreamBatchInfo.batchSize, r.requestContext.approximateInvokeCount])).toEqual([[1, 1]])
  })

  it('with bisect and ReportBatchItemFailures, a partial response retries from the reported record instead of bisecting (37)', async () => {
    const { store, orders, clock, map } = setup()
    let first = true
    const { events, handler } = recorder((event) => {
      if (!first) return undefined
      first = false
      return { batchItemFailures: [{ itemIdentifier: event.Records[2]!.dynamodb.SequenceNumber }] }
    })
    map(handler, { BatchSize: 4, BisectBatchOnFunctionError: true, FunctionResponseTypes: ['ReportBatchItemFailures'] })
    writeOrders(orders, 4)
    await drain(store, clock)
    expect(events.map(orderIds)).toEqual([['o0', 'o1', 'o2', 'o3'], ['o2', 'o3']])
  })
})

describe('partial batch responses (31-36)', () => {
  async function respondOnce(response: (event: LambdaStreamEvent) => unknown, report = true) {
    const { store, orders, clock, map } = setup()
    let first = true
    const { events, handler } = recorder((event) => {
      if (!first) return undefined
      first = false
      return response(event)
    })
    const mapping = map(handler, { BatchSize: 5, ...(report ? { FunctionResponseTypes: ['ReportBatchItemFailures'] as const } : {}) })
    writeOrders(orders, 5)
    await drain(store, clock)
    return { batches: events.map(orderIds), mapping }
  }
  const seq = (event: LambdaStreamEvent, i: number) => event.Records[i]!.dynamodb.SequenceNumber

  it('is ignored without ReportBatchItemFailures (31)', async () => {
    expect((await respondOnce((e) => ({ batchItemFailures: [{ itemIdentifier: seq(e, 0) }] }), false)).batches).toEqual([['o0', 'o1', 'o2', 'o3', 'o4']])
  })

  it('checkpoints before the reported record and re-delivers from it, in order (32), from the lowest when several (33)', async () => {
    expect((await respondOnce((e) => ({ batchItemFailures: [{ itemIdentifier: seq(e, 2) }] }))).batches).toEqual([['o0', 'o1', 'o2', 'o3', 'o4'], ['o2', 'o3', 'o4']])
    expect((await respondOnce((e) => ({ batchItemFailures: [{ itemIdentifier: seq(e, 3) }, { itemIdentifier: seq(e, 1) }] }))).batches).toEqual([
      ['o0', 'o1', 'o2', 'o3', 'o4'],
      ['o1', 'o2', 'o3', 'o4'],
    ])
  })

  it.each([
    ['{ batchItemFailures: [] }', { batchItemFailures: [] }],
    ['{ batchItemFailures: null }', { batchItemFailures: null }],
    ['{}', {}],
    ['null', null],
    ['undefined', undefined],
    ['[]', []],
  ])('treats %s as full success (34)', async (_name, response) => {
    expect((await respondOnce(() => response)).batches).toEqual([['o0', 'o1', 'o2', 'o3', 'o4']])
  })

  it.each([
    ['an empty itemIdentifier', { batchItemFailures: [{ itemIdentifier: '' }] }],
    ['a null itemIdentifier', { batchItemFailures: [{ itemIdentifier: null }] }],
    ['no itemIdentifier', { batchItemFailures: [{ foo: 123 }] }],
    ['a number', { batchItemFailures: [{ itemIdentifier: 123 }] }],
    ['a sequence number not in the batch', { batchItemFailures: [{ itemIdentifier: '999999999999999999999' }] }],
  ])('fails the whole batch on %s (35)', async (_name, response) => {
    const { batches, mapping } = await respondOnce(() => response)
    expect(batches).toEqual([['o0', 'o1', 'o2', 'o3', 'o4'], ['o0', 'o1', 'o2', 'o3', 'o4']])
    expect(mapping.metrics().errors).toBe(1)
  })

  it('counts a partial response as a failed attempt: a record always reported is delivered N+1 times (36)', async () => {
    const { store, orders, clock, map } = setup()
    const destination = createFailureDestination()
    const deliveries = new Map<string, number>()
    map(
      async (event) => {
        for (const id of orderIds(event)) deliveries.set(id, (deliveries.get(id) ?? 0) + 1)
        const bad = event.Records.find((r) => r.dynamodb.Keys.orderId!.S === 'o4')
        return { batchItemFailures: bad === undefined ? [] : [{ itemIdentifier: bad.dynamodb.SequenceNumber }] }
      },
      { BatchSize: 3, MaximumRetryAttempts: 3, FunctionResponseTypes: ['ReportBatchItemFailures'], DestinationConfig: { OnFailure: { Destination: destination } } },
    )
    writeOrders(orders, 6)
    await drain(store, clock)
    expect(deliveries.get('o4')).toBe(4)
    expect(deliveries.get('o0')).toBe(1)
    expect(destination.records().map((r) => [r.requestContext.condition, r.requestContext.approximateInvokeCount, r.DDBStreamBatchInfo.batchSize])).toEqual([
      ['RetryAttemptsExhausted', 4, 2],
    ])
  })
})

describe('filters (42-48)', () => {
  it('delivers matching records unchanged and checkpoints past the rest, counting only matches in BatchSize (42-44)', async () => {
    const { store, orders, map } = setup()
    const { events, handler } = recorder()
    const mapping = map(handler, {
      BatchSize: 2,
      FilterCriteria: { Filters: [{ Pattern: '{"eventName":["REMOVE"]}' }, { Pattern: '{"dynamodb":{"NewImage":{"total":{"N":[{"prefix":"1"}]}}}}' }] },
    })
    writeOrders(orders, 12)
    orders.delete({ customerId: 'c1', orderId: 'o3' })
    await store.settle()
    expect(events.map((e) => e.Records.map((r) => `${r.eventName}:${r.dynamodb.Keys.orderId!.S}`))).toEqual([['INSERT:o1', 'INSERT:o10'], ['INSERT:o11', 'REMOVE:o3']])
    expect(mapping.metrics()).toMatchObject({ recordsFiltered: 9 })
  })

  it('matches ApproximateCreationDateTime in whole seconds (47)', async () => {
    const { store, orders, clock, map } = setup()
    const { events, handler } = recorder()
    const second = Math.floor(START / 1000) + 1
    map(handler, { FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { ApproximateCreationDateTime: [second] } }) }] } })
    clock.advance(1_250)
    writeOrders(orders, 1)
    clock.advance(1_000)
    writeOrders(orders, 1, 'c1', 1)
    await store.settle()
    expect(events.flatMap(orderIds)).toEqual(['o0'])
  })

  it('two mappings of one stream each receive every record, with their own checkpoints and filters (57)', async () => {
    const { store, orders, map } = setup()
    const all = recorder()
    const inserts = recorder()
    map(all.handler, {}, { FunctionName: 'all' })
    map(inserts.handler, { FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }] } }, { FunctionName: 'inserts' })
    writeOrders(orders, 2)
    orders.delete({ customerId: 'c1', orderId: 'o0' })
    await store.settle()
    expect(all.events.flatMap(orderIds)).toEqual(['o0', 'o1', 'o0'])
    expect(inserts.events.flatMap(orderIds)).toEqual(['o0', 'o1'])
  })
})

describe('tumbling windows (58-61)', () => {
  function windowed(options: { failFinalOnce?: boolean } = {}) {
    const t = setup()
    let failFinal = options.failFinalOnce ?? false
    const events: LambdaStreamEvent[] = []
    const totals: number[] = []
    t.map(
      async (event) => {
        events.push(event)
        const sum = ((event.state?.sum as number | undefined) ?? 0) + event.Records.reduce((s, r) => s + Number(r.dynamodb.NewImage?.total?.N ?? 0), 0)
        if (event.isFinalInvokeForWindow) {
          if (failFinal) {
            failFinal = false
            throw new Error('final failed')
          }
          totals.push(sum)
        }
        return { state: { sum } }
      },
      { TumblingWindowInSeconds: 60, BatchSize: 2 },
    )
    return { ...t, events, totals }
  }

  it('carries window, state, shardId, eventSourceARN and the flags; state starts {} and the final invoke closes the window (58, 60)', async () => {
    const { store, orders, clock, events, totals } = windowed()
    writeOrders(orders, 3)
    await store.settle()
    clock.advance(60_000)
    await store.settle()
    const shardId = orders.stream.shards()[0]!.shardId
    expect(events.map((e) => ({ ...e, Records: orderIds(e) }))).toEqual([
      { Records: ['o0', 'o1'], window: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' }, state: {}, shardId, eventSourceARN: orders.stream.arn, isFinalInvokeForWindow: false, isWindowTerminatedEarly: false },
      { Records: ['o2'], window: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' }, state: { sum: 1 }, shardId, eventSourceARN: orders.stream.arn, isFinalInvokeForWindow: false, isWindowTerminatedEarly: false },
      { Records: [], window: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' }, state: { sum: 3 }, shardId, eventSourceARN: orders.stream.arn, isFinalInvokeForWindow: true, isWindowTerminatedEarly: false },
    ])
    expect(Object.keys(events[0]!)).toEqual(['Records', 'window', 'state', 'shardId', 'eventSourceARN', 'isFinalInvokeForWindow', 'isWindowTerminatedEarly'])
    expect(totals).toEqual([3])
  })

  it('fails an invocation whose response has no state (59), and retries a failed final invocation until it succeeds (60)', async () => {
    const { store, orders, clock, events, totals } = windowed({ failFinalOnce: true })
    writeOrders(orders, 1)
    await store.settle()
    clock.advance(60_000)
    await drain(store, clock, 60_000)
    expect(events.filter((e) => e.isFinalInvokeForWindow)).toHaveLength(2)
    expect(totals).toEqual([0])
    const stateless = setup()
    let calls = 0
    const mapping = stateless.map(
      async () => {
        calls++
        return calls === 1 ? { batchItemFailures: [] } : { state: {} }
      },
      { TumblingWindowInSeconds: 60 },
    )
    writeOrders(stateless.orders, 1)
    await drain(stateless.store, stateless.clock, 10_000)
    expect(mapping.metrics().errors).toBe(1)
    expect(calls).toBeGreaterThanOrEqual(2)
  })
})

describe('tumbling windows past 1 MB of state (61)', () => {
  it('ends the window early with isWindowTerminatedEarly, then starts over with empty state', async () => {
    const { store, orders, map } = setup()
    const events: LambdaStreamEvent[] = []
    map(
      async (event) => {
        events.push(event)
        const grow = event.isFinalInvokeForWindow ? '' : 'x'.repeat(600_000)
        return { state: { pad: `${(event.state?.pad as string | undefined) ?? ''}${grow}`.slice(0, 1_100_000) } }
      },
      { TumblingWindowInSeconds: 60, BatchSize: 1 },
    )
    writeOrders(orders, 3)
    await store.settle()
    const flags = events.map((e) => [orderIds(e), e.isFinalInvokeForWindow, e.isWindowTerminatedEarly, ((e.state?.pad as string | undefined) ?? '').length])
    expect(flags.slice(0, 3)).toEqual([
      [['o0'], false, false, 0],
      [['o1'], false, false, 600_000],
      [[], true, true, 1_100_000],
    ])
    expect(flags[3]).toEqual([['o2'], false, false, 0])
  })
})

describe('at-least-once delivery (65)', () => {
  it('redelivers records an earlier attempt saw; an idempotent handler counts each once', async () => {
    const { store, orders, clock, map } = setup()
    const seen = new Set<string>()
    let invocations = 0
    map(
      async (event) => {
        invocations++
        for (const record of event.Records) seen.add(record.eventID)
        if (invocations === 1) throw new Error('crash after doing the work')
      },
      { BatchSize: 3 },
    )
    writeOrders(orders, 3)
    await drain(store, clock)
    expect(invocations).toBe(2)
    expect(seen.size).toBe(3)
  })
})
