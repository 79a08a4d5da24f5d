// Consumer runner: write-to-handler latency, throughput, and how the event loop fares during a catch-up.
//
//   npm run build && npx tsx bench/consume.ts
//
// latency     10,000 single writes on the system clock, maximumBatchingWindowMs 0, one write at a time: the time from
//             just before table.put to the handler's first line (performance.now), p50 and p99.
// throughput  100,000 records written up front to a 4-shard stream (splitting off), then a TRIM_HORIZON consumer
//             with a no-op handler and the default batchSize (100) runs until every record was handed over; once
//             with parallelizationFactor 1, once with 10. Each figure is the best of 3 runs after one warm-up run.
// catch-up    1,000,000 records written up front, then the same consumer (parallelizationFactor 1) catches up while a
//             5 ms setInterval in the same process records the longest gap between two of its ticks
//             (maxEventLoopGapMs): how long the runner keeps timers, sockets and writers waiting. controlGapMs is the
//             same interval's longest gap while the process does 3 ms chunks of busy work separated by setImmediate for
//             2 s, with the backlog still in memory: what the machine itself allows (on a loaded machine, far above 5 ms).
//             Before the clock starts, two minor GCs promote what the writes left in the young generation (see catchUp).
// lambda      the same latency and throughput runs through createEventSourceMapping with an async Lambda handler: each
//             batch becomes the DynamoDB JSON event, crosses the JSON boundary both ways, with a context and the
//             function's timeout. lambdaLatencyP50Ms / lambdaLatencyP99Ms are write to the handler's first line;
//             lambdaRatio is Lambda-shaped records/s over native records/s (parallelizationFactor 1, best of 3 each).
// Not a timed test: it prints a table and, last, one JSON line.
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createEventSourceMapping } from '../dist/aws.js'
import { createStore, type Store } from '../dist/index.js'

type Item = { id: string; n: number }

setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as (options: { readonly type: 'minor' | 'major' }) => void

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number
}

type Shape = 'native' | 'lambda'

/** A consumer of `table` in either shape, calling `onBatch` with the batch's size first thing; returns its stop. */
function consumeAs(shape: Shape, store: Store, table: ReturnType<ReturnType<Store['createTable']>>, startingPosition: 'LATEST' | 'TRIM_HORIZON', parallelizationFactor: number, onBatch: (size: number) => void): () => Promise<void> {
  if (shape === 'native') {
    const consumer = store.consume(table, async (batch) => void onBatch(batch.length), { startingPosition, parallelizationFactor, maximumBatchingWindowMs: 0 })
    return () => consumer.stop()
  }
  const mapping = createEventSourceMapping(
    store,
    { EventSourceArn: table.stream!.arn, StartingPosition: startingPosition, ParallelizationFactor: parallelizationFactor },
    async (event) => void onBatch(event.Records.length),
  )
  return () => mapping.disable()
}

async function latency(writes: number, shape: Shape = 'native'): Promise<{ p50: number; p99: number }> {
  const store = createStore({ shards: { initial: 4, splitAbovePerSecond: Number.POSITIVE_INFINITY } })
  const table = store.createTable<Item>()({ name: 'latency', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
  let arrived: (() => void) | undefined
  let handlerAt = 0
  const stop = consumeAs(shape, store, table as never, 'LATEST', 1, () => {
    handlerAt = performance.now()
    arrived?.()
  })
  const samples: number[] = []
  for (let i = 0; i < writes; i++) {
    const delivered = new Promise<void>((resolve) => (arrived = resolve))
    const start = performance.now()
    table.put({ id: `k${i % 1000}`, n: i })
    await delivered
    samples.push(handlerAt - start)
  }
  await stop()
  samples.sort((a, b) => a - b)
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) }
}

/** The longest gap of a 5 ms interval while the process works in chunks of `chunkMs` that each end with an event-loop turn. */
async function controlGap(durationMs: number, chunkMs: number): Promise<number> {
  let lastTick = performance.now()
  let maxGapMs = 0
  const ticker = setInterval(() => {
    const now = performance.now()
    maxGapMs = Math.max(maxGapMs, now - lastTick)
    lastTick = now
  }, 5)
  const end = performance.now() + durationMs
  while (performance.now() < end) {
    const chunkEnd = performance.now() + chunkMs
    while (performance.now() < chunkEnd) {
      // Busy work that gives the event loop no turn.
    }
    await new Promise((resolve) => setImmediate(resolve))
  }
  clearInterval(ticker)
  return maxGapMs
}

/** Records per second of a consumer catching up on `records` written before it starts, and the longest timer gap meanwhile. */
async function catchUp(records: number, parallelizationFactor: number, control = false, shape: Shape = 'native'): Promise<{ recordsPerSec: number; maxGapMs: number; controlGapMs: number }> {
  const store = createStore({ shards: { initial: 4, splitAbovePerSecond: Number.POSITIVE_INFINITY } })
  const table = store.createTable<Item>()({ name: 'throughput', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
  for (let i = 0; i < records; i++) table.put({ id: `k${i}`, n: i })
  if (control) {
    // The writes leave the young generation full of items the table keeps; the next two minor GCs copy and then
    // promote them (about 10 MB: two pauses of 10 to 40 ms, where the catch-up's own take 3 to 7), whoever allocates
    // next. That is the writes' cost: measured from here, the catch-up's longest gap was one of those two GCs, which
    // the control (run after it) never meets. Paying it before the clock starts leaves the gap to the consumer's work.
    collectGarbage({ type: 'minor' })
    collectGarbage({ type: 'minor' })
  }
  let seen = 0
  let done: () => void = () => undefined
  const all = new Promise<void>((resolve) => (done = resolve))
  let lastTick = performance.now()
  let maxGapMs = 0
  const ticker = setInterval(() => {
    const now = performance.now()
    maxGapMs = Math.max(maxGapMs, now - lastTick)
    lastTick = now
  }, 5)
  const start = performance.now()
  lastTick = start
  const stop = consumeAs(shape, store, table as never, 'TRIM_HORIZON', parallelizationFactor, (size) => {
    seen += size
    if (seen >= records) done()
  })
  await all
  const end = performance.now()
  clearInterval(ticker)
  maxGapMs = Math.max(maxGapMs, end - lastTick)
  await stop()
  const controlGapMs = control ? await controlGap(2000, 3) : 0
  // The table stays reachable until the control has run, so that it runs with the same heap.
  if (table.count() !== records) throw new Error(`expected ${records} items, found ${table.count()}`)
  return { recordsPerSec: records / ((end - start) / 1000), maxGapMs, controlGapMs }
}

const WRITES = 10_000
const RECORDS = 100_000
const BACKLOG = 1_000_000
await latency(1000)
const lat = await latency(WRITES)
await catchUp(RECORDS / 10, 1)
let serial = 0
let parallel = 0
for (let round = 0; round < 3; round++) {
  serial = Math.max(serial, (await catchUp(RECORDS, 1)).recordsPerSec)
  parallel = Math.max(parallel, (await catchUp(RECORDS, 10)).recordsPerSec)
}
const backlog = await catchUp(BACKLOG, 1, true)
await latency(1000, 'lambda')
const lambdaLat = await latency(WRITES, 'lambda')
let lambdaSerial = 0
let nativeSerial = 0
for (let round = 0; round < 3; round++) {
  nativeSerial = Math.max(nativeSerial, (await catchUp(RECORDS, 1)).recordsPerSec)
  lambdaSerial = Math.max(lambdaSerial, (await catchUp(RECORDS, 1, false, 'lambda')).recordsPerSec)
}
const lambdaRatio = lambdaSerial / nativeSerial

const rows = [
  ['write-to-handler latency p50', `${lat.p50.toFixed(3)} ms`],
  ['write-to-handler latency p99', `${lat.p99.toFixed(3)} ms`],
  ['throughput, parallelizationFactor 1', `${Math.round(serial).toLocaleString('en-US')} records/s`],
  ['throughput, parallelizationFactor 10', `${Math.round(parallel).toLocaleString('en-US')} records/s`],
  ['catch-up of 1M records', `${Math.round(backlog.recordsPerSec).toLocaleString('en-US')} records/s`],
  ['longest 5 ms interval gap in catch-up', `${backlog.maxGapMs.toFixed(1)} ms`],
  ['longest gap, 3 ms chunks (control)', `${backlog.controlGapMs.toFixed(1)} ms`],
  ['write-to-Lambda-handler latency p50', `${lambdaLat.p50.toFixed(3)} ms`],
  ['write-to-Lambda-handler latency p99', `${lambdaLat.p99.toFixed(3)} ms`],
  ['Lambda-shaped throughput, factor 1', `${Math.round(lambdaSerial).toLocaleString('en-US')} records/s (${lambdaRatio.toFixed(2)} of native)`],
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
    catchUpRecordsPerSec: Math.round(backlog.recordsPerSec),
    maxEventLoopGapMs: Number(backlog.maxGapMs.toFixed(1)),
    controlGapMs: Number(backlog.controlGapMs.toFixed(1)),
    lambdaLatencyP50Ms: Number(lambdaLat.p50.toFixed(4)),
    lambdaLatencyP99Ms: Number(lambdaLat.p99.toFixed(4)),
    lambdaRecordsPerSec: Math.round(lambdaSerial),
    lambdaRatio: Number(lambdaRatio.toFixed(3)),
  }),
)
