// Real-time analytics in tumbling windows: orders per minute and revenue per minute, aggregated as the orders
// stream flows. Each shard keeps a running aggregate of the current window in its state; the final invocation of a
// window (after the clock passes its end) publishes the shard's totals, and the shards' totals add up per minute.
import { createStore, type WindowBatchContext } from 'streamtable'
import { ManualClock } from 'streamtable/testing'

type Order = { customerId: string; orderId: string; total: number }
type Totals = { orders: number; revenue: number; largest: number }

const start = Date.UTC(2026, 10, 25, 12, 0, 0)
const clock = new ManualClock(start)
const store = createStore({ clock, shards: { initial: 2 } })
const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_IMAGE' } })

const perMinute = new Map<number, Totals & { shards: number }>()
let invocations = 0

const analytics = store.consume(
  orders,
  (records, { window }: WindowBatchContext<Totals>) => {
    invocations++
    const state: Totals = { orders: window.state.orders ?? 0, revenue: window.state.revenue ?? 0, largest: window.state.largest ?? 0 }
    for (const record of records) {
      if (record.eventName !== 'INSERT') continue
      state.orders++
      state.revenue += record.newImage.total
      state.largest = Math.max(state.largest, record.newImage.total)
    }
    if (window.isFinalInvokeForWindow) {
      const minute = perMinute.get(window.start) ?? { orders: 0, revenue: 0, largest: 0, shards: 0 }
      perMinute.set(window.start, { orders: minute.orders + state.orders, revenue: minute.revenue + state.revenue, largest: Math.max(minute.largest, state.largest), shards: minute.shards + 1 })
    }
    return { state }
  },
  { startingPosition: 'TRIM_HORIZON', tumblingWindowMs: 60_000, batchSize: 3 },
)

// Three minutes of orders, one every 10 to 25 seconds, from six customers.
const totals = [12, 30, 7, 45, 18, 22, 9, 60, 14, 31, 5, 27]
let at = start
for (const [i, total] of totals.entries()) {
  at += 10_000 + (i % 4) * 5_000
  await clock.runFor(at - clock.now())
  orders.put({ customerId: `c-${i % 6}`, orderId: `o-${i}`, total })
}
// Past the end of the last window: its final invocations run.
await clock.runFor(60_000)

const time = (ms: number): string => new Date(ms).toISOString().slice(11, 16)
for (const [windowStart, minute] of [...perMinute].sort(([a], [b]) => a - b)) {
  console.log(`${time(windowStart)}–${time(windowStart + 60_000)}: ${minute.orders} orders, revenue ${minute.revenue}, largest ${minute.largest} (closed by ${minute.shards} shard${minute.shards === 1 ? '' : 's'})`)
}
const sum = [...perMinute.values()].reduce((a, m) => a + m.revenue, 0)
console.log(`${totals.length} orders, revenue ${sum} of ${totals.reduce((a, b) => a + b, 0)}, in ${invocations} invocations`)
await analytics.stop()
