// Secondary indexes: a global index read by another key, a keys-only index, a local index, a sparse index, paging
// through non-unique index keys, and a global index added to a table that already has items.
import { createStore, isStreamtableError } from 'streamtable'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid'; placedAt: number; coupon?: string }

const store = createStore()
const orders = store.createTable<Order>()({
  name: 'orders',
  partitionKey: 'customerId',
  sortKey: 'orderId',
  stream: { viewType: 'NEW_IMAGE' },
  globalIndexes: {
    // Every order of one status, by time: items with the whole item projected.
    byStatus: { partitionKey: 'status', sortKey: 'placedAt' },
    // Orders that used a coupon: sparse (orders without one are not in it), keys plus the total.
    byCoupon: { partitionKey: 'coupon', projection: { include: ['total'] } },
  },
  // A customer's orders by total: the table's partition key with another sort key.
  localIndexes: { byTotal: { sortKey: 'total', projection: 'KEYS_ONLY' } },
})

orders.put({ customerId: 'c-1', orderId: 'o-1', total: 42, status: 'open', placedAt: 3 })
orders.put({ customerId: 'c-1', orderId: 'o-2', total: 7, status: 'paid', placedAt: 1, coupon: 'SPRING' })
orders.put({ customerId: 'c-2', orderId: 'o-3', total: 15, status: 'open', placedAt: 2, coupon: 'SPRING' })
orders.update({ customerId: 'c-1', orderId: 'o-1' }, (draft) => {
  draft.status = 'paid'
})

const paid = orders.query('paid', { index: 'byStatus' })
console.log(`paid, oldest first: ${paid.items.map((o) => `${o.orderId}@${o.placedAt}`).join(', ')}`)

const coupon = orders.query('SPRING', { index: 'byCoupon' })
console.log(`SPRING coupon: ${coupon.items.map((o) => `${o.orderId} total=${o.total}`).join(', ')} (${orders.count()} orders, ${coupon.items.length} in the sparse index)`)

const cheapFirst = orders.query('c-1', { index: 'byTotal', lessThan: 50 })
console.log(`c-1 by total: ${cheapFirst.items.map((o) => `${o.orderId}=${o.total}`).join(', ')} (keys only: ${Object.keys(cheapFirst.items[0] ?? {}).join(', ')})`)

// Index keys are not unique: a page ends with the index key plus the table key, and the next page starts after it.
const first = orders.query('SPRING', { index: 'byCoupon', limit: 1 })
console.log(`page 1: ${first.items.map((o) => o.orderId).join(', ')}; lastEvaluatedKey ${JSON.stringify(first.lastEvaluatedKey)}`)
const next = orders.query('SPRING', { index: 'byCoupon', limit: 1, exclusiveStartKey: first.lastEvaluatedKey! })
console.log(`page 2: ${next.items.map((o) => o.orderId).join(', ')}; more: ${next.lastEvaluatedKey !== undefined}`)

try {
  orders.put({ customerId: 'c-3', orderId: 'o-4', total: 1, status: 'open', placedAt: 4, coupon: '' })
} catch (error) {
  if (isStreamtableError(error)) console.log(`${error.code}: ${error.message}`)
}

// A global index added later is filled from the items already there.
const withTotals = orders.createGlobalIndex('byAmount', { partitionKey: 'total', projection: 'KEYS_ONLY' })
console.log(`byAmount 15: ${withTotals.query(15, { index: 'byAmount' }).items.map((o) => o.orderId).join(', ')}`)
for (const index of orders.describe().globalIndexes ?? []) {
  console.log(`index ${index.name}: ${index.status}, ${index.itemCount} items, ${index.sizeBytes} B, ${index.projection.type}`)
}
// Index changes never make stream records: the four item writes made four, the new index none.
let records = 0
for (const shard of orders.stream.shards()) {
  const iterator = orders.stream.getShardIterator({ shardId: shard.shardId, type: 'TRIM_HORIZON' })
  records += orders.stream.getRecords(iterator).records.length
}
console.log(`${records} stream records for 4 item writes`)
