// Cache invalidation: an in-memory read-through cache of products kept consistent with the table by a consumer of
// its stream. The table holds products and, next to them, view counters written on every read (one table, two
// kinds of item); a filter lets only the changes that can make a cached product stale invoke the handler.
import { createStore } from 'streamtable'
import { ManualClock } from 'streamtable/testing'

type CatalogItem = { pk: string; name?: string; price?: number; views?: number }
type Product = { name: string; price: number }

const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0))
const store = createStore({ clock })
const catalog = store.createTable<CatalogItem>()({ name: 'catalog', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })

const cache = new Map<string, Product>()
let loads = 0
function product(sku: string): Product | undefined {
  // Every read counts a view: a write to the table that must not cost the cache anything.
  catalog.update({ pk: `VIEWS#${sku}` }, (draft) => {
    draft.views = (draft.views ?? 0) + 1
  })
  const cached = cache.get(sku)
  if (cached !== undefined) return cached
  loads++
  const item = catalog.get({ pk: `PRODUCT#${sku}` })
  if (item === undefined) return undefined
  const entry = { name: item.name as string, price: item.price as number }
  cache.set(sku, entry)
  return entry
}

const invalidated: string[] = []
const invalidator = store.consume(
  catalog,
  (records) => {
    // Dropping an entry is idempotent: a redelivered batch does no harm. The next read loads the product again.
    for (const record of records) {
      const sku = record.keys.pk.slice('PRODUCT#'.length)
      cache.delete(sku)
      invalidated.push(`${record.eventName} ${sku}`)
    }
  },
  {
    startingPosition: 'LATEST',
    // A new product cannot be stale in the cache, and counters are not cached: only a product changed or removed.
    filters: [{ eventName: ['MODIFY', 'REMOVE'], dynamodb: { Keys: { pk: { S: [{ prefix: 'PRODUCT#' }] } } } }],
  },
)

catalog.put({ pk: 'PRODUCT#p-1', name: 'Kettle', price: 30 })
catalog.put({ pk: 'PRODUCT#p-2', name: 'Teapot', price: 25 })
catalog.put({ pk: 'PRODUCT#p-3', name: 'Mug', price: 8 })
for (const sku of ['p-1', 'p-2', 'p-3', 'p-1', 'p-2', 'p-1']) product(sku)
await store.settle()
console.log(`after 6 reads: ${cache.size} cached, ${loads} loads, ${invalidated.length} invalidations`)

catalog.update({ pk: 'PRODUCT#p-1' }, (draft) => {
  draft.price = 35
})
catalog.delete({ pk: 'PRODUCT#p-3' })
await store.settle()
console.log(`invalidated: ${invalidated.join(', ')}`)

console.log(`read again: p-1 costs ${product('p-1')?.price}, p-3 is ${product('p-3') === undefined ? 'gone' : 'still cached'}`)
await store.settle()

// Every cached entry equals the product in the table.
const stale = [...cache].filter(([sku, entry]) => {
  const item = catalog.get({ pk: `PRODUCT#${sku}` })
  return item === undefined || item.name !== entry.name || item.price !== entry.price
})
console.log(`${cache.size} cached, ${stale.length} stale, ${loads} loads for 8 reads`)
const m = invalidator.metrics()
console.log(`the handler saw ${m.recordsDelivered} of ${m.recordsDelivered + m.recordsFiltered} records; the filter dropped ${m.recordsFiltered}`)
await invalidator.stop()
