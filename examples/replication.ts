// Replication between tables: a consumer applies the orders stream to a replica table, across shard splits,
// a TTL expiry and a retried batch, and the replica ends up equal to the source.
import { createStore, type Frozen } from 'streamtable'
import { ManualClock } from 'streamtable/testing'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid'; expiresAt?: number }

const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0))
const store = createStore({ clock })
const orders = store.createTable<Order>()({
  name: 'orders',
  partitionKey: 'customerId',
  sortKey: 'orderId',
  stream: { viewType: 'NEW_IMAGE' },
  ttlAttribute: 'expiresAt',
})
const replica = store.createTable<Order>()({ name: 'orders-replica', partitionKey: 'customerId', sortKey: 'orderId' })

let failOnce = true
const replicator = store.consume(
  orders,
  (records) => {
    // Applying a record is idempotent (a put of the new image, a delete of the key), so a redelivered batch is harmless.
    for (const record of records) {
      if (record.eventName === 'DELETE') replica.delete(record.keys)
      else replica.put(record.newImage as Order)
    }
    if (failOnce) {
      failOnce = false
      throw new Error('replica briefly unavailable')
    }
  },
  { startingPosition: 'TRIM_HORIZON', batchSize: 50 },
)

for (let i = 0; i < 200; i++) {
  const customerId = `c-${i % 40}`
  orders.put({ customerId, orderId: `o-${i}`, total: i, status: 'open', ...(i % 10 === 0 ? { expiresAt: clock.now() / 1000 + 60 } : {}) })
  if (i % 3 === 0) orders.update({ customerId, orderId: `o-${i}` }, (d) => void (d.status = 'paid'))
  if (i % 7 === 0) orders.delete({ customerId, orderId: `o-${i}` })
  if (i === 100) for (const shard of orders.stream.shards().filter((s) => s.sequenceNumberRange.endingSequenceNumber === undefined)) orders.stream.splitShard(shard.shardId)
}
await store.settle()
clock.advance(120_000) // past the TTL of every tenth order, and past the retry's backoff
await store.settle()

function everything(table: typeof orders | typeof replica): Frozen<Order>[] {
  const items: Frozen<Order>[] = []
  let start: { customerId: string; orderId: string } | undefined
  do {
    const page = table.scan(start === undefined ? {} : { exclusiveStartKey: start })
    items.push(...page.items)
    start = page.lastEvaluatedKey
  } while (start !== undefined)
  return items.sort((a, b) => (a.customerId + a.orderId < b.customerId + b.orderId ? -1 : 1))
}

const source = everything(orders)
const copy = everything(replica)
console.log(`shards: ${orders.stream.shards().length} (split once), source items: ${source.length}, replica items: ${copy.length}`)
console.log(JSON.stringify(source) === JSON.stringify(copy) ? 'replica equals source' : 'replica differs from source')
// A running consumer keeps the process alive: stopping it lets the script end.
await replicator.stop()
