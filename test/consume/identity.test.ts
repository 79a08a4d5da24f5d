import { describe, expect, it } from 'vitest'
import { createMemoryCheckpointStore } from '../../src/index.js'
import { setup, writeOrders } from './fixtures.js'

describe('consumer identity', () => {
  it('refuses a second running consumer of one name on one stream, naming both', () => {
    const { store, orders } = setup()
    store.consume(orders, function billing() {}, { startingPosition: 'LATEST', name: 'billing' })
    let error: unknown
    try {
      store.consume(orders, function billingCopy() {}, { startingPosition: 'LATEST', name: 'billing' })
    } catch (e) {
      error = e
    }
    expect(error).toMatchObject({ code: 'ResourceConflictException', streamArn: orders.stream.arn })
    expect(String((error as Error).message)).toMatch(/expected a name unique per stream .*received billing \(handler billingCopy, consumer #2 of this store\) while billing \(handler billing, consumer #1 of this store\) is running/)
  })

  it('frees the name when the consumer stops, and gives consumers created without a name distinct ones', async () => {
    const { store, orders } = setup()
    const first = store.consume(orders, () => undefined, { startingPosition: 'LATEST', name: 'audit' })
    await first.stop()
    const again = store.consume(orders, () => undefined, { startingPosition: 'LATEST', name: 'audit' })
    expect(again.name).toBe('audit')
    await again.stop()
    const a = store.consume(orders, () => undefined, { startingPosition: 'LATEST' })
    const b = store.consume(orders, () => undefined, { startingPosition: 'LATEST' })
    expect([a.name, b.name]).toEqual(['consumer', 'consumer-2'])
  })

  it('keeps consumers of different names apart in one shared checkpoint store', async () => {
    const { store, orders } = setup()
    const checkpointStore = createMemoryCheckpointStore()
    const seen: Record<string, number> = { a: 0, b: 0 }
    const a = store.consume(orders, (r) => void (seen.a! += r.length), { startingPosition: 'TRIM_HORIZON', name: 'a', checkpointStore })
    writeOrders(orders, 3)
    await store.settle()
    const b = store.consume(orders, (r) => void (seen.b! += r.length), { startingPosition: 'TRIM_HORIZON', name: 'b', checkpointStore })
    await store.settle()
    expect(seen).toEqual({ a: 3, b: 3 })
    await a.stop()
    await b.stop()
  })
})
