// Consumer runner: write-to-handler latency and throughput through a no-op handler.
//
//   npm run build && npx tsx bench/consume.ts
//
// latency     10,000 single writes on the system clock, maximumBatchingWindowMs 0, one write at a time: the time from
//             just before table.put to the handler's first line (performance.now), p50 and p99.
// throughput  100,000 records written up front to a 4-shard stream (splitting off), then a TRIM_HORIZON consumer
//             with a no-op handler and the default batchSize (100) runs until every record was handed over; once
//             with parallelizationFactor 1, once with 10. Each figure is the best of 3 runs after one warm-up run.
// Not a timed test: it prints a table and, last, one JSON line.
import { performance } from 'node:perf_hooks'
import { createStore } from '../dist/index.js'

type Item = { id: string; n: number }

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
}

async function latency(writes: number): Promise<{ p50: number; p99: number }> {
  const store = createStore({ shards: { initial: 4, splitAbovePerSecond: Number.POSITIVE_INFINITY } })
  const table = store.createTable<Item>()({ name: 'latency', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
  let arrived: (() => void) | undefined
  let handlerAt = 0
  const consumer = store.consume(
    table,
    () => {
      handlerAt = performance.now()
      arrived?.()
    },
    { startingPosition: 'LATEST', maximumBatchingWindowMs: 0 },
  )
  const samples: number[] = []
  for (let i = 0; i < writes; i++) {
    const delivered = new Promise<void>((resolve) => (arrived = resolve))
    const start = performance.now()
    table.put({ id: `k${i % 1000}`, n: i })
    await delivered
    samples.push(handlerAt - start)
  }
  await consumer.stop()
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) }
}

async function throughput(records: number, parallelizationFactor: number): Promise<number> {
  const store = createStore({ shards: { initial: 4, splitAbovePerSecond: Number.POSITIVE_INFINITY } })
  const table = store.createTable<Item>()({ name: 'throughput', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
  for (let i = 0; i < records; i++) table.put({ id: `k${i}`, n: i })
  let seen = 0
  let done: () => void = () => undefined
  const all = new Promise<void>((resolve) => (done = resolve))
  const start = performance.now()
  const consumer = store.consume(
    table,
    async (batch) => {
      seen += batch.length
      if (seen >= records) done()
    },
    { startingPosition: 'TRIM_HORIZON', parallelizationFactor },
  )
  await all
  const seconds = (performance.now() - start) / 1000
  await consumer.stop()
  return records / seconds
}

const WRITES = 10_000
const RECORDS = 100_000
await latency(1000)
const lat = await latency(WRITES)
await throughput(RECORDS / 10, 1)
let serial = 0
let parallel = 0
for (let round = 0; round < 3; round++) {
  serial = Math.max(serial, await throughput(RECORDS, 1))
  parallel = Math.max(parallel, await throughput(RECORDS, 10))
}

const rows = [
  ['write-to-handler latency p50', `${lat.p50.toFixed(3)} ms`],
  ['write-to-handler latency p99', `${lat.p99.toFixed(3)} ms`],
  ['throughput, parallelizationFactor 1', `${Math.round(serial).toLocaleString('en-US')} records/s`],
  ['throughput, parallelizationFactor 10', `${Math.round(parallel).toLocaleString('en-US')} records/s`],
]
const width = Math.max(...rows.map(([k]) => (k as string).length))
for (const [k, v] of rows) console.log(`${(k as string).padEnd(width)}  ${v}`)
console.log(
  JSON.stringify({
    bench: 'consume',
    latencyP50Ms: Number(lat.p50.toFixed(4)),
    latencyP99Ms: Number(lat.p99.toFixed(4)),
    recordsPerSec: Math.round(serial),
    recordsPerSecParallel10: Math.round(parallel),
  }),
)
