// A plain script: a consumer whose first invocation fails, so its records wait on a retry backoff when the script's
// own code has finished. The process must live on until the retry delivered them, and exit once the consumer stops.
import { createStore } from '../../../src/index.js'

const mode = process.argv[2] ?? 'stop-after-retry'
const store = createStore(mode === 'unref-store' ? { keepProcessAlive: false } : {})
const orders = store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
const consumer = store.consume(
  orders,
  async (records, { attempt }) => {
    if (attempt === 1) {
      console.log('failed attempt 1')
      throw new Error('first attempt fails')
    }
    console.log(`delivered ${records.map((r) => r.keys.id).join(',')} on attempt ${attempt}`)
    if (mode === 'stop-after-retry') {
      // Stopping from inside the handler would wait for itself: stop once the invocation has returned.
      setImmediate(() => {
        void consumer.stop().then(() => console.log('stopped'))
      })
    }
  },
  { startingPosition: 'TRIM_HORIZON', backoff: { initialMs: 200 } },
)
if (mode === 'unref-consumer') consumer.unref()
orders.put({ id: 'a' })
console.log('script done')
