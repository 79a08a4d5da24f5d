import { describe, expect, it } from 'vitest'
import { failureSink, setup, writeOrders } from './fixtures.js'
import { MINUTE } from '../helpers/time.js'

// A handler that writes back into the table it consumes: every invocation produces the records of the next.
function feedback(options: { maximumCascadeDepth?: number; awaitFirst?: boolean; stopAfter?: number } = {}) {
  const t = setup()
  const sink = failureSink()
  let invocations = 0
  const consumer = t.store.consume(
    t.orders,
    async (records) => {
      invocations++
      if (options.stopAfter !== undefined && invocations >= options.stopAfter) return
      if (options.awaitFirst === true) await new Promise((r) => setImmediate(r))
      for (const r of records) t.orders.update(r.keys, (d) => void (d.total += 1))
    },
    { startingPosition: 'TRIM_HORIZON', onFailure: sink.onFailure, ...(options.maximumCascadeDepth === undefined ? {} : { maximumCascadeDepth: options.maximumCascadeDepth }) },
  )
  return { ...t, sink, consumer, invocations: () => invocations }
}

describe('cascade detection', () => {
  it('stops a handler writing into its own stream after 16 generations: the records go to onFailure, onError is told, the rest goes on', async () => {
    const { store, orders, clock, sink, errors, invocations, consumer } = feedback()
    writeOrders(orders, 1)
    await clock.runFor(MINUTE)
    expect(invocations()).toBe(16)
    expect(sink.failures).toHaveLength(1)
    const [{ failure, records }] = sink.failures as [(typeof sink.failures)[number]]
    expect(failure.requestContext).toMatchObject({ condition: 'CascadeDepthExceeded', approximateInvokeCount: 0 })
    expect(records.map((r) => r.newImage?.total)).toEqual([16])
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'RecursiveInvocationException' })
    expect(String((errors[0] as Error).message)).toMatch(/written 16 handler invocations after the write that started them; expected fewer than maximumCascadeDepth 16/)
    // The consumer keeps running: a new write outside handlers starts a new chain.
    orders.put({ customerId: 'c2', orderId: 'x', total: 100 })
    await clock.runFor(MINUTE)
    expect(invocations()).toBe(32)
    expect(sink.failures).toHaveLength(2)
    expect(consumer.metrics()).toMatchObject({ state: 'running', recordsSentToOnFailure: 2 })
  })

  it('follows writes made after an await inside the handler', async () => {
    const { orders, clock, sink, invocations } = feedback({ awaitFirst: true, maximumCascadeDepth: 3 })
    writeOrders(orders, 1)
    await clock.runFor(MINUTE)
    expect(invocations()).toBe(3)
    expect(sink.failures.map((f) => f.records[0]?.newImage?.total)).toEqual([3])
  })

  it('can be raised, and lifted with -1 for a deliberate feedback loop', async () => {
    const raised = feedback({ maximumCascadeDepth: 40 })
    writeOrders(raised.orders, 1)
    await raised.clock.runFor(MINUTE)
    expect(raised.invocations()).toBe(40)
    const lifted = feedback({ maximumCascadeDepth: -1, stopAfter: 100 })
    writeOrders(lifted.orders, 1)
    await lifted.clock.runFor(MINUTE)
    expect(lifted.invocations()).toBe(100)
    expect(lifted.sink.failures).toEqual([])
    expect(lifted.errors).toEqual([])
  })

  it('counts generations across tables: a consumer of one table writing into another and back', async () => {
    const t = setup()
    const audit = t.store.createTable<{ id: string; n: number }>()({ name: 'audit', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
    const sink = failureSink()
    let calls = 0
    t.store.consume(t.orders, (records) => {
      calls++
      for (const r of records) audit.put({ id: r.keys.orderId, n: r.newImage?.total ?? 0 })
    }, { startingPosition: 'TRIM_HORIZON', maximumCascadeDepth: 4, onFailure: sink.onFailure })
    t.store.consume(audit, (records) => {
      calls++
      for (const r of records) t.orders.put({ customerId: 'c1', orderId: r.keys.id, total: (r.newImage?.n ?? 0) + 1 })
    }, { startingPosition: 'TRIM_HORIZON', maximumCascadeDepth: 4 })
    writeOrders(t.orders, 1)
    await t.clock.runFor(MINUTE)
    expect(calls).toBe(4)
    expect(sink.failures).toHaveLength(1)
  })

  it('leaves records written outside handlers at generation 0, whatever consumers run', async () => {
    const { orders, clock, sink } = feedback({ maximumCascadeDepth: 1, stopAfter: 1 })
    for (let i = 0; i < 5; i++) {
      writeOrders(orders, 1, `k${i}`)
      await clock.runFor(1000)
    }
    expect(sink.failures).toEqual([])
  })

  it('rejects a depth that is not -1 or 1 to 10,000', () => {
    const { store, orders } = setup()
    expect(() => store.consume(orders, () => undefined, { startingPosition: 'LATEST', maximumCascadeDepth: 0 })).toThrow(/maximumCascadeDepth: expected an integer from 1 to 10000 \(or -1 for no limit\), received number 0/)
  })
})
