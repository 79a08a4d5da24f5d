// A small driver for CPU profiles of the write path (not part of `npm run bench`):
//
//   node --cpu-prof --cpu-prof-dir=/tmp/st-prof --import tsx bench/profile.ts put 300000
//   node --cpu-prof --cpu-prof-dir=/tmp/st-prof --import tsx bench/profile.ts update 300000
//   node --cpu-prof --cpu-prof-dir=/tmp/st-prof --import tsx bench/profile.ts index 300000   (put, two global indexes)
//   npx tsx bench/profile-top.ts /tmp/st-prof/<file>.cpuprofile
//
// Same table and workload as bench/writes.ts (NEW_AND_OLD_IMAGES, 100k keys written in the same seeded random
// order, one string object per customer and per order id shared by every item, ManualClock +1 ms per 1,000
// writes, default shard options unless the third argument is `nosplit`): the write path is memory-bound, so a
// key order with locality, or a string per item (Map lookups then compare contents), would profile another
// workload. STREAMTABLE_DIST points the driver at another build (e.g. a scratch copy of src built elsewhere).
import { pathToFileURL } from 'node:url'
import { KEYS, ordersWorkload, type Order, type OrderKey } from './orders-workload.js'

const [mode = 'put', countText = '300000', splitText = ''] = process.argv.slice(2)
const count = Number(countText)
const dist = process.env.STREAMTABLE_DIST ?? new URL('../dist/', import.meta.url).pathname
const { createStore } = (await import(pathToFileURL(`${dist}/index.js`).href)) as typeof import('../dist/index.js')
const { ManualClock } = (await import(pathToFileURL(`${dist}/testing.js`).href)) as typeof import('../dist/testing.js')

const { writeKeys, items } = ordersWorkload(count)

const clock = new ManualClock(Date.UTC(2026, 0, 1))
const store = createStore({ clock, ...(splitText === 'nosplit' ? { shards: { splitAbovePerSecond: Number.POSITIVE_INFINITY } } : {}) })
const indexes =
  mode === 'index'
    ? ({
        globalIndexes: {
          byCustomerTotal: { partitionKey: 'customerId', sortKey: 'total' },
          byCustomerStatus: { partitionKey: 'customerId', sortKey: 'status', projection: 'KEYS_ONLY' },
        },
      } as const)
    : {}
const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_AND_OLD_IMAGES' }, ...indexes })
if (mode === 'update') for (let i = 0; i < KEYS; i++) orders.put(items[i] as Order)
const t0 = performance.now()
for (let i = 0; i < count; i++) {
  if (mode === 'update') {
    orders.update(writeKeys[i] as OrderKey, (d) => {
      d.total += 1
    })
  } else orders.put(items[i] as Order)
  if (i % 1000 === 999) clock.advance(1)
}
const ms = performance.now() - t0
console.log(`${mode}${splitText === 'nosplit' ? ' (no splits)' : ''}: ${count} writes in ${ms.toFixed(0)} ms = ${Math.round((count / ms) * 1000)} writes/s (dist ${dist})`)
