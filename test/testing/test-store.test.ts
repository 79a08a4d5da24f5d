import { describe, expect, it } from 'vitest'
import { createTestStore, ManualClock, seededRandom, TEST_STORE_DEFAULTS } from '../../src/testing.js'
import { expectError } from '../helpers/errors.js'
import { T0 } from '../helpers/time.js'

type Order = { customerId: string; orderId: string; total: number }

function ordersOf(store: ReturnType<typeof createTestStore>) {
  return store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_IMAGE' } })
}

describe('createTestStore()', () => {
  it('runs on a ManualClock at 2026-01-01T00:00:00Z, or at the start given', () => {
    const store = createTestStore()
    expect(store.clock).toBeInstanceOf(ManualClock)
    expect(store.clock.now()).toBe(T0)
    expect(TEST_STORE_DEFAULTS.startMs).toBe(T0)
    expect(createTestStore({ startMs: T0 + 5_000 }).clock.now()).toBe(T0 + 5_000)
    const orders = ordersOf(store)
    orders.put({ customerId: 'c1', orderId: 'o1', total: 1 })
    expect(orders.stream.shards()[0]?.shardId).toBe(`shardId-0000000${T0}-00000000`)
  })

  it('makes the same event ids and table ids on every run (seed 1 by default), others for another seed', () => {
    const ids = (seed?: number) => {
      const store = createTestStore(seed === undefined ? {} : { seed })
      const orders = ordersOf(store)
      orders.put({ customerId: 'c1', orderId: 'o1', total: 1 })
      return { table: orders.describe().id, event: orders.stream.getRecords(orders.stream.getShardIterator({ shardId: orders.stream.shards()[0]!.shardId, type: 'TRIM_HORIZON' })).records[0]?.eventId }
    }
    expect(ids()).toEqual(ids())
    expect(ids(1)).toEqual(ids())
    expect(ids(2)).not.toEqual(ids())
    expect(ids().event).toMatch(/^[0-9a-f]{32}$/)
  })

  it('collects the errors that reach no caller, and still hands them to onError', async () => {
    const seen: unknown[] = []
    const store = createTestStore({ onError: (e) => seen.push(e) })
    const orders = ordersOf(store)
    orders.stream.onRecords(() => {
      throw new Error('listener broke')
    })
    orders.put({ customerId: 'c1', orderId: 'o1', total: 1 })
    await store.settle()
    expect(store.errors.map((e) => (e as Error).message)).toEqual(['listener broke'])
    expect(seen).toEqual(store.errors)
  })

  it('runs every retry of a failing consumer in one runFor, to the on-failure destination', async () => {
    const store = createTestStore()
    const orders = ordersOf(store)
    let invocations = 0
    const failures: unknown[] = []
    store.consume(
      orders,
      () => {
        invocations++
        throw new Error('down')
      },
      { startingPosition: 'TRIM_HORIZON', maximumRetryAttempts: 2, onFailure: (f) => void failures.push(f) },
    )
    orders.put({ customerId: 'c1', orderId: 'o1', total: 1 })
    await store.runFor(60_000)
    expect(invocations).toBe(3)
    expect(failures).toHaveLength(1)
    expect(store.clock.now()).toBe(T0 + 60_000)
    await store.stopConsumers()
  })

  it('stops every consumer it created with stopConsumers(), and a consumer does not hold the process', async () => {
    const store = createTestStore()
    const orders = ordersOf(store)
    const seen: string[] = []
    store.consume(orders, (records) => void seen.push(...records.map((r) => `a:${r.keys.orderId}`)), { name: 'a', startingPosition: 'TRIM_HORIZON' })
    store.consume(orders, (records) => void seen.push(...records.map((r) => `b:${r.keys.orderId}`)), { name: 'b', startingPosition: 'TRIM_HORIZON' })
    orders.put({ customerId: 'c1', orderId: 'o1', total: 1 })
    await store.settle()
    await store.stopConsumers()
    orders.put({ customerId: 'c1', orderId: 'o2', total: 1 })
    await store.runFor(1_000)
    expect(seen.sort()).toEqual(['a:o1', 'b:o1'])
    expect(TEST_STORE_DEFAULTS.keepProcessAlive).toBe(false)
  })

  it('shares one clock between two stores (two regions on one timeline): runFor settles both', async () => {
    const east = createTestStore()
    const west = createTestStore({ clock: east.clock, region: 'us-west-2' })
    const source = ordersOf(east)
    const replica = west.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId' })
    east.consume(source, (records) => {
      for (const r of records) if (r.eventName !== 'DELETE') replica.put(r.newImage)
    }, { startingPosition: 'TRIM_HORIZON', maximumBatchingWindowMs: 2_000 })
    source.put({ customerId: 'c1', orderId: 'o1', total: 1 })
    await east.clock.runFor(5_000)
    expect(replica.get({ customerId: 'c1', orderId: 'o1' })).toEqual({ customerId: 'c1', orderId: 'o1', total: 1 })
    expect(source.stream.arn).toContain(':us-east-1:')
    expect(west.region).toBe('us-west-2')
    await east.stopConsumers()
  })

  it('refuses unknown options, a clock that is not a ManualClock, and a start time next to a clock', () => {
    expectError(() => createTestStore({ clok: 1 } as never), 'ValidationException', 'Unknown test store option "clok"')
    expectError(() => createTestStore({ clock: { now: () => 0 } as never }), 'ValidationException', 'Invalid clock: expected a ManualClock')
    expectError(() => createTestStore({ clock: new ManualClock(), startMs: 1 }), 'ValidationException', 'Invalid startMs: expected no start time when a clock is given')
    expectError(() => createTestStore({ seed: 1.5 }), 'ValidationException', 'Invalid seed: expected an integer, received number 1.5')
  })
})

describe('seededRandom(seed)', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = seededRandom(7)
    const b = seededRandom(7)
    const draws = Array.from({ length: 1000 }, () => a())
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()))
    expect(draws.every((x) => x >= 0 && x < 1)).toBe(true)
    expect(new Set(draws).size).toBe(1000)
  })
})
