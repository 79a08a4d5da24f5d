// Shared set-up of the consumer tests: a store on a ManualClock with one streamed table.
import { createStore, type ConsumerOptions, type OnFailureRecord, type Store, type TableRecord } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'

export type Order = { customerId: string; orderId: string; total: number; status?: string }
export type OrderRecord = TableRecord<Order, 'customerId', 'orderId', 'NEW_AND_OLD_IMAGES'>

export { T0 as START } from '../helpers/time.js'
import { T0 as START } from '../helpers/time.js'

export function setup(options: { shards?: number; maxConsumersPerStream?: number; rolloverMs?: number } = {}) {
  const clock = new ManualClock(START)
  const errors: unknown[] = []
  const store = createStore({
    clock,
    shards: { initial: options.shards ?? 1, ...(options.rolloverMs === undefined ? {} : { rolloverMs: options.rolloverMs }) },
    onError: (e) => errors.push(e),
    ...(options.maxConsumersPerStream === undefined ? {} : { maxConsumersPerStream: options.maxConsumersPerStream }),
  })
  const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
  return { clock, store, orders, errors }
}

/** Writes `n` orders of one customer, o0 … o(n-1). */
export function writeOrders(orders: { put(item: Order): unknown }, n: number, customerId = 'c1', from = 0): void {
  for (let i = from; i < from + n; i++) orders.put({ customerId, orderId: `o${i}`, total: i })
}

/** Moves the clock from timer to timer (retry backoffs, batching windows) until none is due within `withinMs`. */
export async function drain(store: Store, clock: ManualClock, withinMs = 24 * 60 * 60 * 1000): Promise<void> {
  const limit = clock.now() + withinMs
  await store.settle()
  for (let i = 0; i < 100_000; i++) {
    const next = clock.nextTimerAt()
    if (next === undefined || next > limit) break
    clock.set(Math.max(next, clock.now()))
    await store.settle()
  }
}

/** A recording on-failure destination. */
export function failureSink() {
  const failures: { failure: OnFailureRecord; records: readonly OrderRecord[] }[] = []
  const onFailure: NonNullable<ConsumerOptions<OrderRecord>['onFailure']> = (failure, records) => {
    failures.push({ failure, records })
  }
  return { failures, onFailure }
}

export const ids = (records: readonly OrderRecord[]): string[] => records.map((r) => r.keys.orderId)
