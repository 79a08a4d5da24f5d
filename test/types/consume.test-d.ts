import { describe, expectTypeOf, it } from 'vitest'
import { createStore, type BatchContext, type TableRecord, type WindowBatchContext, type WindowContext, type WindowState } from '../../src/index.js'

type Order = { customerId: string; orderId: string; total: number }
type OrderRecord = TableRecord<Order, 'customerId', 'orderId', 'NEW_IMAGE'>
type Totals = { count: number; sum: number }

const store = createStore()
const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_IMAGE' } })

describe('consumer handler types', () => {
  it('gives a tumbling-window handler its window, and requires it to return the state', () => {
    store.consume(
      orders,
      (records, context) => {
        expectTypeOf(records).toEqualTypeOf<readonly OrderRecord[]>()
        expectTypeOf(context.window).toEqualTypeOf<WindowContext<WindowState>>()
        expectTypeOf(context.window.state).toEqualTypeOf<WindowState>()
        return { state: { seen: records.length } }
      },
      { startingPosition: 'TRIM_HORIZON', tumblingWindowMs: 60_000 },
    )
    // @ts-expect-error a tumbling-window handler must return the window's state
    store.consume(
      orders,
      () => undefined,
      { startingPosition: 'TRIM_HORIZON', tumblingWindowMs: 60_000 },
    )
  })

  it('types the window state from the handler', () => {
    store.consume(
      orders,
      (records, { window }: WindowBatchContext<Totals>) => {
        expectTypeOf(window.state).toEqualTypeOf<Totals>()
        window.state.count += records.length
        return { state: window.state }
      },
      { startingPosition: 'TRIM_HORIZON', tumblingWindowMs: 60_000 },
    )
    store.consume(
      orders,
      // @ts-expect-error the returned state must be the handler's state type
      (_records, { window }: WindowBatchContext<Totals>) => ({ state: { count: String(window.state.count) } }),
      { startingPosition: 'TRIM_HORIZON', tumblingWindowMs: 60_000 },
    )
  })

  it('leaves the window optional without tumbling windows', () => {
    store.consume(
      orders,
      (records, context) => {
        expectTypeOf(records).toEqualTypeOf<readonly OrderRecord[]>()
        expectTypeOf(context).toEqualTypeOf<BatchContext>()
        // @ts-expect-error without tumblingWindowMs the window may be absent
        void context.window.start
      },
      { startingPosition: 'TRIM_HORIZON' },
    )
  })

  it('has unref on a consumer and the cascade limit among the options', () => {
    const consumer = store.consume(orders, () => undefined, { startingPosition: 'LATEST', maximumCascadeDepth: -1 })
    expectTypeOf(consumer.unref).toEqualTypeOf<() => void>()
    createStore({ keepProcessAlive: false })
  })
})
