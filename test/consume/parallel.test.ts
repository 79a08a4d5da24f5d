import { describe, expect, it } from 'vitest'
import { drain, setup } from './fixtures.js'

describe('parallelizationFactor (12, 13)', () => {
  async function run(factor: number) {
    const { store, orders, clock } = setup({ shards: 1 })
    let inFlight = 0
    let maxInFlight = 0
    const keysInFlight = new Set<string>()
    let overlap = false
    const order = new Map<string, number[]>()
    const gates: (() => void)[] = []
    store.consume(
      orders,
      async (records) => {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        const keys = new Set(records.map((r) => r.keys.customerId))
        for (const k of keys) {
          if (keysInFlight.has(k)) overlap = true
          keysInFlight.add(k)
        }
        await new Promise<void>((resolve) => gates.push(resolve))
        for (const r of records) {
          const list = order.get(r.keys.customerId) ?? []
          list.push(r.newImage?.total ?? -1)
          order.set(r.keys.customerId, list)
        }
        for (const k of keys) keysInFlight.delete(k)
        inFlight--
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 3, parallelizationFactor: factor },
    )
    for (let i = 0; i < 60; i++) orders.put({ customerId: `c${i % 12}`, orderId: `o${i}`, total: i })
    // Release the handlers a few at a time so that several batches are in flight together.
    for (let round = 0; round < 200; round++) {
      await new Promise((r) => setImmediate(r))
      gates.splice(0).forEach((release) => release())
    }
    await drain(store, clock)
    return { maxInFlight, overlap, order }
  }

  it('with factor 1, at most one invocation per shard is in flight (12)', async () => {
    const { maxInFlight } = await run(1)
    expect(maxInFlight).toBe(1)
  })

  it('with factor 4, several batches of one shard run at once, never two with the same key, each key in order (13)', async () => {
    const { maxInFlight, overlap, order } = await run(4)
    expect(maxInFlight).toBeGreaterThan(1)
    expect(maxInFlight).toBeLessThanOrEqual(4)
    expect(overlap).toBe(false)
    expect([...order.values()].flat()).toHaveLength(60)
    for (const totals of order.values()) expect(totals).toEqual([...totals].sort((a, b) => a - b))
  })

  it('checkpoints a shard only up to the lowest record still in progress', async () => {
    const { store, orders } = setup({ shards: 1 })
    const gates = new Map<string, () => void>()
    const consumer = store.consume(
      orders,
      (records) => new Promise<void>((resolve) => gates.set(records[0]!.keys.customerId, resolve)),
      { startingPosition: 'TRIM_HORIZON', batchSize: 10, parallelizationFactor: 10 },
    )
    const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    for (const k of keys) orders.put({ customerId: k, orderId: '1', total: 1 })
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
    const lanes = [...gates.keys()]
    expect(lanes.length).toBeGreaterThan(1)
    const firstKey = keys.find((k) => gates.has(k))!
    // Finish every lane except the one holding the first record: the checkpoint must not move.
    for (const [k, release] of gates) if (k !== firstKey) release()
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
    expect(consumer.metrics().shards[0]!.checkpoint).toBeUndefined()
    gates.get(firstKey)!()
    await store.settle()
    expect(consumer.metrics().shards[0]!.checkpoint).toBeDefined()
  })
})
