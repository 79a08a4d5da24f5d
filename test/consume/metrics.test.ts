import { describe, expect, it } from 'vitest'
import type { IteratorAgeAlarmEvent } from '../../src/index.js'
import { drain, failureSink, setup, writeOrders } from './fixtures.js'

describe('consumer metrics (62)', () => {
  it('counts invocations, errors, retries, records delivered, filtered and sent to on-failure', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    const consumer = store.consume(
      orders,
      (records) => {
        if (records.some((r) => r.keys.orderId === 'o1')) throw new Error('x')
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 1, maximumRetryAttempts: 2, onFailure: sink.onFailure, filters: [{ dynamodb: { Keys: { orderId: { S: [{ 'anything-but': 'o2' }] } } } }] },
    )
    writeOrders(orders, 3)
    await drain(store, clock)
    expect(consumer.metrics()).toMatchObject({
      state: 'running',
      invocations: 4,
      errors: 3,
      retries: 2,
      recordsDelivered: 4,
      recordsFiltered: 1,
      recordsSentToOnFailure: 1,
      iteratorAgeMs: 0,
      inFlightBatchSizes: [],
    })
  })

  it('shows iterator age per shard and the in-flight batch sizes while a shard is blocked', async () => {
    const { store, orders, clock } = setup({ shards: 2 })
    const consumer = store.consume(
      orders,
      (records) => {
        if (records.some((r) => r.keys.customerId === 'stuck')) throw new Error('x')
      },
      { startingPosition: 'TRIM_HORIZON' },
    )
    writeOrders(orders, 2, 'stuck')
    writeOrders(orders, 2, 'fine')
    await store.settle()
    clock.advance(500)
    const m = consumer.metrics()
    expect(m.iteratorAgeMs).toBe(500)
    const stuckShard = orders.stream.getRecords(orders.stream.getShardIterator({ shardId: m.shards.find((s) => s.iteratorAgeMs === 500)!.shardId, type: 'TRIM_HORIZON' })).records
    expect(stuckShard.map((r) => r.keys.customerId)).toContain('stuck')
    expect(m.shards.map((s) => s.iteratorAgeMs).sort()).toEqual([0, 500])
  })
})

describe('iterator age alarm', () => {
  it('calls back once when the age crosses the threshold and once when it recovers', async () => {
    const { store, orders, clock } = setup()
    const events: IteratorAgeAlarmEvent[] = []
    let failing = true
    store.consume(
      orders,
      () => {
        if (failing) throw new Error('x')
      },
      { startingPosition: 'TRIM_HORIZON', backoff: { initialMs: 1000, multiplier: 1 }, iteratorAgeAlarm: { thresholdMs: 5000, onChange: (e) => events.push(e) } },
    )
    writeOrders(orders, 1)
    await store.settle()
    for (let i = 0; i < 10; i++) {
      clock.advance(1000)
      await store.settle()
    }
    expect(events.map((e) => e.alarm)).toEqual([true])
    expect(events[0]!.iteratorAgeMs).toBeGreaterThan(5000)
    failing = false
    clock.advance(1000)
    await store.settle()
    expect(events.map((e) => e.alarm)).toEqual([true, false])
    expect(events[1]!.iteratorAgeMs).toBe(0)
  })

  it('fires on the clock alone, without any other activity, at the moment the age passes the threshold', async () => {
    const { store, orders, clock } = setup()
    const events: IteratorAgeAlarmEvent[] = []
    const consumer = store.consume(orders, () => undefined, { startingPosition: 'TRIM_HORIZON', iteratorAgeAlarm: { thresholdMs: 60_000, onChange: (e) => events.push(e) } })
    consumer.pause()
    writeOrders(orders, 1)
    await store.settle()
    clock.advance(60_000)
    expect(events).toEqual([])
    clock.advance(1)
    expect(events.map((e) => [e.alarm, e.iteratorAgeMs])).toEqual([[true, 60_001]])
  })
})
