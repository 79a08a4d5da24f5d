import { describe, expect, expectTypeOf, it } from 'vitest'
import { CONSUMER_DEFAULTS, createStore, resolveConsumerOptions, type BatchContext, type ConsumerOptions, type OnFailureRecord } from '../../src/index.js'
import { setup } from './fixtures.js'

describe('consumer options (checklist 1-4)', () => {
  it('requires startingPosition and accepts only TRIM_HORIZON and LATEST (1)', () => {
    expect(() => resolveConsumerOptions({} as ConsumerOptions<unknown>)).toThrow(
      'Invalid startingPosition: expected TRIM_HORIZON or LATEST (required; a DynamoDB stream accepts no other position), received undefined (ValidationException)',
    )
    expect(() => resolveConsumerOptions({ startingPosition: 'AT_TIMESTAMP' } as never)).toThrow(/received string "AT_TIMESTAMP"/)
    expect(resolveConsumerOptions({ startingPosition: 'LATEST' }).startingPosition).toBe('LATEST')
  })

  it('has the service defaults (2)', () => {
    const o = resolveConsumerOptions({ startingPosition: 'TRIM_HORIZON' })
    expect(o).toMatchObject({
      batchSize: 100,
      maximumBatchingWindowMs: 0,
      parallelizationFactor: 1,
      bisectBatchOnFunctionError: false,
      maximumRetryAttempts: -1,
      maximumRecordAgeMs: -1,
      tumblingWindowMs: 0,
      reportBatchItemFailures: false,
      enabled: true,
      handlerTimeoutMs: 0,
    })
    expect(Object.isFrozen(CONSUMER_DEFAULTS)).toBe(true)
  })

  it.each([
    ['batchSize', 0, 'an integer from 1 to 10000', 'number 0'],
    ['batchSize', 10_001, 'an integer from 1 to 10000', 'number 10001'],
    ['batchSize', 1.5, 'an integer from 1 to 10000', 'number 1.5'],
    ['maximumBatchingWindowMs', 300_001, 'an integer from 0 to 300000 (0 to 300 s)', 'number 300001'],
    ['maximumBatchingWindowMs', -1, 'an integer from 0 to 300000 (0 to 300 s)', 'number -1'],
    ['parallelizationFactor', 11, 'an integer from 1 to 10', 'number 11'],
    ['parallelizationFactor', 0, 'an integer from 1 to 10', 'number 0'],
    ['maximumRetryAttempts', -2, 'an integer from -1 to 10000 (-1 retries until the records expire)', 'number -2'],
    ['maximumRetryAttempts', 10_001, 'an integer from -1 to 10000 (-1 retries until the records expire)', 'number 10001'],
    ['maximumRecordAgeMs', 59_999, '-1 or an integer from 60000 to 604800000 (60 s to 7 days)', 'number 59999'],
    ['maximumRecordAgeMs', 0, '-1 or an integer from 60000 to 604800000 (60 s to 7 days)', 'number 0'],
    ['maximumRecordAgeMs', 604_800_001, '-1 or an integer from 60000 to 604800000 (60 s to 7 days)', 'number 604800001'],
    ['tumblingWindowMs', 900_001, 'an integer from 0 to 900000 (0 to 900 s)', 'number 900001'],
    ['bisectBatchOnFunctionError', 'yes', 'true or false', 'string "yes"'],
    ['reportBatchItemFailures', 1, 'true or false', 'number 1'],
    ['enabled', null, 'true or false', 'null'],
    ['onFailure', 'arn:aws:sqs:x', 'a function receiving the failure record and the records', 'string "arn:aws:sqs:x"'],
    ['handlerTimeoutMs', -5, 'an integer from 0 to 900000 (0 is no timeout; the service allows 15 minutes)', 'number -5'],
    ['name', 'has space', '1 to 64 characters of a-z, A-Z, 0-9, _ and - (as a function name)', 'string "has space"'],
  ])('rejects %s = %s, naming the option, its range and the value (3)', (name, value, expected, received) => {
    expect(() => resolveConsumerOptions({ startingPosition: 'TRIM_HORIZON', [name]: value } as never)).toThrow(`Invalid ${name}: expected ${expected}, received ${received} (ValidationException)`)
  })

  it('accepts the edges of every range (3)', () => {
    const edges: ConsumerOptions<unknown>[] = [
      { startingPosition: 'TRIM_HORIZON', batchSize: 1, maximumBatchingWindowMs: 0, parallelizationFactor: 1, maximumRetryAttempts: -1, maximumRecordAgeMs: -1, tumblingWindowMs: 0 },
      { startingPosition: 'TRIM_HORIZON', batchSize: 10_000, maximumBatchingWindowMs: 300_000, parallelizationFactor: 10, maximumRetryAttempts: 10_000, maximumRecordAgeMs: 604_800_000, tumblingWindowMs: 900_000 },
      { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 0, maximumRecordAgeMs: 60_000 },
    ]
    for (const options of edges) expect(() => resolveConsumerOptions(options)).not.toThrow()
  })

  it('rejects more than 5 filters (4)', () => {
    expect(() => resolveConsumerOptions({ startingPosition: 'LATEST', filters: Array.from({ length: 6 }, () => ({ eventName: ['INSERT'] })) })).toThrow(/at most 5 patterns/)
  })

  it('rejects a bad backoff and a bad alarm, naming the field', () => {
    expect(() => resolveConsumerOptions({ startingPosition: 'LATEST', backoff: { initialMs: -1 } })).toThrow('Invalid backoff.initialMs: expected an integer from 0 to 3600000, received number -1')
    expect(() => resolveConsumerOptions({ startingPosition: 'LATEST', iteratorAgeAlarm: { thresholdMs: -1, onChange: () => undefined } })).toThrow(/Invalid iteratorAgeAlarm.thresholdMs/)
  })
})

describe('store.consume', () => {
  it('refuses a table without an enabled stream', () => {
    const { store } = setup()
    const plain = store.createTable<{ id: string }>()({ name: 'plain', partitionKey: 'id' })
    expect(() => store.consume(plain, () => undefined, { startingPosition: 'LATEST' })).toThrow(/expected a table with an enabled stream, received plain without one \(ValidationException\)/)
    const { store: other, orders } = setup()
    orders.disableStream()
    expect(() => other.consume(orders, () => undefined, { startingPosition: 'LATEST' })).toThrow(/ValidationException/)
  })

  it('allows 2 consumers per stream by default; a third is a LimitExceededException; stopping one frees its place', async () => {
    const { store, orders } = setup()
    const a = store.consume(orders, () => undefined, { startingPosition: 'LATEST', name: 'a' })
    store.consume(orders, () => undefined, { startingPosition: 'LATEST', name: 'b' })
    let error: unknown
    try {
      store.consume(orders, () => undefined, { startingPosition: 'LATEST', name: 'c' })
    } catch (e) {
      error = e
    }
    expect((error as { code: string }).code).toBe('LimitExceededException')
    expect((error as Error).message).toMatch(/expected at most 2/)
    await a.stop()
    expect(() => store.consume(orders, () => undefined, { startingPosition: 'LATEST', name: 'c' })).not.toThrow()
  })

  it('takes the limit from the store option maxConsumersPerStream', () => {
    const { store, orders } = setup({ maxConsumersPerStream: 3 })
    for (const name of ['a', 'b', 'c']) store.consume(orders, () => undefined, { startingPosition: 'LATEST', name })
    expect(() => store.consume(orders, () => undefined, { startingPosition: 'LATEST', name: 'd' })).toThrow(/at most 3/)
    expect(() => createStore({ maxConsumersPerStream: 0 })).toThrow('Invalid maxConsumersPerStream: expected an integer from 1 to 100, received number 0')
  })

  it('types the handler records by table and view type', () => {
    const { store } = setup()
    const keysOnly = store.createTable<{ id: string; n: number }>()({ name: 'keys', partitionKey: 'id', stream: { viewType: 'KEYS_ONLY' } })
    store.consume(
      keysOnly,
      (records) => {
        for (const r of records) {
          const id: string = r.keys.id
          // @ts-expect-error a KEYS_ONLY stream carries no images
          void r.newImage.n
          void id
        }
      },
      { startingPosition: 'LATEST' },
    )
  })

  it('types the context, the response and the on-failure destination', () => {
    const { store, orders } = setup()
    store.consume(
      orders,
      (records, context) => {
        expectTypeOf(context).toEqualTypeOf<BatchContext>()
        expectTypeOf(records[0]!.keys).toEqualTypeOf<{ readonly customerId: string; readonly orderId: string }>()
        const insert = records.find((r) => r.eventName === 'INSERT')
        if (insert?.eventName === 'INSERT') expectTypeOf(insert.newImage.total).toEqualTypeOf<number>()
        return { batchItemFailures: [{ itemIdentifier: records[0]!.sequenceNumber }] }
      },
      {
        startingPosition: 'LATEST',
        onFailure: (failure, records) => {
          expectTypeOf(failure).toEqualTypeOf<OnFailureRecord>()
          expectTypeOf(records[0]!.keys.orderId).toEqualTypeOf<string>()
        },
      },
    )
    // @ts-expect-error a handler returns nothing, a batch response or a window response
    store.consume(orders, () => 42, { startingPosition: 'LATEST', name: 'typed' })
    // @ts-expect-error startingPosition is required
    expect(() => store.consume(orders, () => undefined, {})).toThrow(/startingPosition/)
  })
})
