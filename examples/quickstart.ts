// Quickstart: a typed table with a stream, a few writes, and the change records they produced.
import { createStore } from 'streamtable'
import { ManualClock } from 'streamtable/testing'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid'; tags?: Set<string> }

const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0))
const store = createStore({ clock, shards: { initial: 2 } })

const orders = store.createTable<Order>()({
  name: 'orders',
  partitionKey: 'customerId',
  sortKey: 'orderId',
  stream: { viewType: 'NEW_AND_OLD_IMAGES' },
})

orders.put({ customerId: 'c-1', orderId: 'o-1', total: 42, status: 'open' })
orders.put({ customerId: 'c-2', orderId: 'o-7', total: 10, status: 'open' })
clock.advance(1_000)
orders.update({ customerId: 'c-1', orderId: 'o-1' }, (draft) => {
  draft.status = 'paid'
})
orders.put({ customerId: 'c-2', orderId: 'o-7', total: 10, status: 'open' }) // identical: no record
orders.delete({ customerId: 'c-2', orderId: 'o-7' })

const lines: string[] = []
const reader = new AbortController()
const done = (async () => {
  for await (const record of orders.stream.read({ from: 'TRIM_HORIZON', signal: reader.signal })) {
    const image = record.eventName === 'DELETE' ? record.oldImage : record.newImage
    lines.push(`${record.sequenceNumber}  ${record.shardId}  ${record.eventName.padEnd(6)}  ${JSON.stringify(record.keys)}  status=${image.status}  ${record.sizeBytes} B`)
  }
})()
await store.settle()
reader.abort()
await done

console.log(`orders stream ${orders.stream.arn}`)
console.log(`shards: ${orders.stream.shards().map((s) => s.shardId).join(', ')}`)
for (const line of lines.sort()) console.log(line)
console.log(`${lines.length} records for 5 writes (the identical put produced none)`)
