import { describe, expect, it } from 'vitest'
import { createStore } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { failureSink, ids, setup, START, writeOrders } from './fixtures.js'
import { MINUTE } from '../helpers/time.js'

describe('ManualClock.runFor', () => {
  it('runs every retry of maximumRetryAttempts 2 and reaches onFailure in one call', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    const attempts: number[] = []
    store.consume(
      orders,
      (_, { attempt }) => {
        attempts.push(attempt)
        throw new Error('always')
      },
      { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 2, onFailure: sink.onFailure },
    )
    writeOrders(orders, 1)
    await clock.runFor(MINUTE)
    expect(attempts).toEqual([1, 2, 3])
    expect(sink.failures.map((f) => [f.failure.requestContext.condition, f.failure.requestContext.approximateInvokeCount])).toEqual([['RetryAttemptsExhausted', 3]])
    expect(clock.now()).toBe(START + MINUTE)
  })

  it('stops at the end of the span: a retry due later waits for the next call', async () => {
    const { store, orders, clock } = setup()
    const attempts: number[] = []
    store.consume(
      orders,
      (_, { attempt }) => {
        attempts.push(attempt)
        throw new Error('always')
      },
      { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 5, backoff: { initialMs: 1000, multiplier: 2 } },
    )
    writeOrders(orders, 1)
    await clock.runFor(2999)
    expect(attempts).toEqual([1, 2])
    await clock.runFor(1)
    expect(attempts).toEqual([1, 2, 3])
  })

  it('closes batching windows and tumbling windows at their times, including windows opened within the span', async () => {
    const { store, orders, clock } = setup()
    const batches: string[][] = []
    const finals: unknown[] = []
    store.consume(orders, (records) => void batches.push(ids(records)), { startingPosition: 'TRIM_HORIZON', maximumBatchingWindowMs: 1000, batchSize: 10, name: 'batching' })
    store.consume(
      orders,
      (records, { window }) => {
        const count = (window.state.count as number | undefined ?? 0) + records.length
        if (window.isFinalInvokeForWindow) finals.push(count)
        return { state: { count } }
      },
      { startingPosition: 'TRIM_HORIZON', tumblingWindowMs: 10_000, name: 'windows' },
    )
    writeOrders(orders, 2)
    await clock.runFor(500)
    expect(batches).toEqual([])
    await clock.runFor(30_000)
    expect(batches).toEqual([['o0', 'o1']])
    expect(finals).toEqual([2])
  })

  it('lets TTL sweeps delete expired items at their time', async () => {
    const clock = new ManualClock(START)
    const store = createStore({ clock })
    type Session = { id: string; expiresAt: number }
    const sessions = store.createTable<Session>()({ name: 'sessions', partitionKey: 'id', ttlAttribute: 'expiresAt', stream: { viewType: 'OLD_IMAGE' } })
    const removed: string[] = []
    const consumer = store.consume(sessions, (records) => {
      for (const r of records) if (r.eventName === 'DELETE') removed.push(r.keys.id)
    }, { startingPosition: 'TRIM_HORIZON' })
    sessions.put({ id: 's1', expiresAt: Math.floor(START / 1000) + 60 })
    await clock.runFor(2 * 24 * 60 * MINUTE)
    expect(removed).toEqual(['s1'])
    await consumer.stop()
  })

  it('rejects a span that is not a finite number of milliseconds >= 0', async () => {
    await expect(new ManualClock().runFor(-1)).rejects.toThrow(/ManualClock.runFor ms/)
    await expect(new ManualClock().runFor(Number.NaN)).rejects.toThrow(/finite number >= 0/)
  })
})

describe('stop() and start() with work waiting on the clock', () => {
  it('redelivers a batch whose retry was pending, and a batch that was gathering in a batching window', async () => {
    const { store, orders, clock } = setup()
    const delivered: string[][] = []
    let failing = true
    const retrying = store.consume(
      orders,
      (records) => {
        if (failing) throw new Error('down')
        delivered.push(ids(records))
      },
      { startingPosition: 'TRIM_HORIZON', name: 'retrying' },
    )
    const gathering = store.consume(orders, (records) => void delivered.push(['window', ...ids(records)]), {
      startingPosition: 'TRIM_HORIZON',
      maximumBatchingWindowMs: 10_000,
      batchSize: 10,
      name: 'gathering',
    })
    writeOrders(orders, 2)
    await clock.runFor(100)
    await Promise.all([retrying.stop(), gathering.stop()])
    expect(delivered).toEqual([])
    await clock.runFor(MINUTE)
    failing = false
    retrying.start()
    gathering.start()
    await clock.runFor(MINUTE)
    expect(delivered.sort()).toEqual([['o0', 'o1'], ['window', 'o0', 'o1']])
  })
})
