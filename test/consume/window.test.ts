import { describe, expect, it } from 'vitest'
import type { WindowContext } from '../../src/index.js'
import { drain, ids, setup, START, writeOrders } from './fixtures.js'

type Call = { ids: string[]; window: WindowContext }

function windowed(options: { batchSize?: number; failFinalOnce?: boolean; stateBytes?: number } = {}) {
  const t = setup()
  const calls: Call[] = []
  const totals: number[] = []
  let failFinal = options.failFinalOnce ?? false
  t.store.consume(
    t.orders,
    (records, context) => {
      const window = context.window!
      calls.push({ ids: ids(records), window })
      const sum = ((window.state.sum as number | undefined) ?? 0) + records.reduce((s, r) => s + (r.newImage?.total ?? 0), 0)
      if (window.isFinalInvokeForWindow) {
        if (failFinal) {
          failFinal = false
          throw new Error('final failed')
        }
        totals.push(sum)
      }
      return { state: { sum, ...(options.stateBytes === undefined ? {} : { pad: 'x'.repeat(options.stateBytes) }) } }
    },
    { startingPosition: 'TRIM_HORIZON', tumblingWindowMs: 60_000, batchSize: options.batchSize ?? 100 },
  )
  return { ...t, calls, totals }
}

describe('tumbling windows (58-61)', () => {
  it('carries state between invocations of a window and flags the final one when the window closes on the clock (58, 60)', async () => {
    const { store, orders, clock, calls, totals } = windowed({ batchSize: 2 })
    writeOrders(orders, 3)
    await store.settle()
    expect(calls.map((c) => [c.ids, c.window.state, c.window.isFinalInvokeForWindow])).toEqual([
      [['o0', 'o1'], {}, false],
      [['o2'], { sum: 1 }, false],
    ])
    expect(calls[0]!.window).toMatchObject({ start: START, end: START + 60_000, isWindowTerminatedEarly: false })
    clock.advance(60_000)
    await store.settle()
    expect(calls).toHaveLength(3)
    expect(calls[2]).toMatchObject({ ids: [], window: { isFinalInvokeForWindow: true, state: { sum: 3 } } })
    expect(totals).toEqual([3])
  })

  it('aligns windows on record creation time and starts each window with empty state (60)', async () => {
    const { store, orders, clock, calls, totals } = windowed()
    clock.advance(30_000)
    writeOrders(orders, 1)
    await store.settle()
    clock.advance(40_000)
    writeOrders(orders, 1, 'c1', 5)
    await drain(store, clock)
    expect(calls.map((c) => [c.ids, c.window.start - START, c.window.state, c.window.isFinalInvokeForWindow])).toEqual([
      [['o0'], 0, {}, false],
      [[], 0, { sum: 0 }, true],
      [['o5'], 60_000, {}, false],
      [[], 60_000, { sum: 5 }, true],
    ])
    expect(totals).toEqual([0, 5])
  })

  it('a response without state fails the invocation (59)', async () => {
    const { store, orders, clock } = setup()
    let calls = 0
    store.consume(
      orders,
      () => {
        calls++
        return calls === 1 ? ({ batchItemFailures: [] } as never) : { state: {} }
      },
      { startingPosition: 'TRIM_HORIZON', tumblingWindowMs: 60_000 },
    )
    writeOrders(orders, 1)
    await store.settle()
    expect(calls).toBe(1)
    clock.advance(1000)
    await store.settle()
    expect(calls).toBe(2)
  })

  it('retries a failed final invocation with the same state', async () => {
    const { store, orders, clock, calls, totals } = windowed({ failFinalOnce: true })
    writeOrders(orders, 2)
    await store.settle()
    clock.advance(60_000)
    await drain(store, clock)
    expect(calls.filter((c) => c.window.isFinalInvokeForWindow).map((c) => c.window.state)).toEqual([{ sum: 1 }, { sum: 1 }])
    expect(totals).toEqual([1])
  })

  it('ends the window early when the state passes 1 MB (61)', async () => {
    const { store, orders, calls } = windowed({ stateBytes: 1024 * 1024 })
    writeOrders(orders, 1)
    await store.settle()
    expect(calls.map((c) => [c.window.isFinalInvokeForWindow, c.window.isWindowTerminatedEarly])).toEqual([
      [false, false],
      [true, true],
    ])
  })

  it('closes the window when its shard ends: windows never span shards', async () => {
    const { store, orders, calls } = windowed()
    writeOrders(orders, 1)
    await store.settle()
    orders.stream.splitShard(orders.stream.shards()[0]!.shardId)
    writeOrders(orders, 1, 'c1', 1)
    await store.settle()
    expect(calls.map((c) => [c.ids, c.window.isFinalInvokeForWindow, c.window.state])).toEqual([
      [['o0'], false, {}],
      [[], true, { sum: 0 }],
      [['o1'], false, {}],
    ])
  })
})
