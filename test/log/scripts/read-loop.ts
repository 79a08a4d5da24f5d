// A plain script whose only pending work is a read() loop and an unref'd timer that writes later: the loop keeps
// the process alive until the record arrives and its signal aborts.
import { createStore } from '../../../src/index.js'

const store = createStore()
const orders = store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
const controller = new AbortController()
setTimeout(() => orders.put({ id: 'late' }), 150).unref()
void (async () => {
  for await (const record of orders.stream.read({ signal: controller.signal })) {
    console.log(`read ${record.keys.id}`)
    controller.abort()
  }
  console.log('loop ended')
})()
console.log('script done')
