// Write throughput of the core engine against a bare Map + arrays baseline.
//
//   npm run bench                 (builds dist/, then this file and bench/read.ts)
//   npx tsx bench/writes.ts       (dist/ must be built)
//
// Without --expose-gc the script re-runs itself in a child node with that flag (see harness.ts), so that
// heap figures are taken after full collections.
//
// Workload: 100,000 distinct keys (10,000 customers x 10 orders), 1,000,000 writes cycling over the keys in
// a seeded random order, items { customerId, orderId, total, status } with `total` distinct per write so that
// every write is a change. All items (and the update keys) are generated BEFORE any timed loop and shared by
// every variant; the store copies each item on put, the baseline stores the reference.
//
// Variants, each timed over the 1M-write loop only (store and table creation are outside the timer):
//   put           table.put on a NEW_AND_OLD_IMAGES table, default shard options (split above 1,000 records/s)
//   put-nosplit   the same with shards: { splitAbovePerSecond: Infinity }
//   update        table.update(key, d => { d.total += 1 }) over the same keys, table pre-filled with one put per key
//   put-2-indexes put as above on a table with two global indexes: byCustomerTotal (customerId, total; ALL), in
//                 which every write moves its item (its total changes), and byCustomerStatus (customerId, status;
//                 KEYS_ONLY), which a rewrite leaves in place (a key's status is the same in every write)
//   baseline      Map.set(key, item) + push { eventName, keys, newImage, oldImage, seq } onto one of 4 arrays by
//                 FNV-1a hash of the partition key
//   one partition 200,000 puts into ONE partition key (random sort keys) of a table with a global index whose partition
//                 key has two values, run once after the rounds: per-put time of puts 180k-200k over that of puts
//                 20k-40k (hotPartitionRatio) says whether a write's cost grows with its partition (flat is ~1)
// The store variants use a ManualClock advanced 1 ms every 1,000 writes (1M writes = 1 s of clock time), so
// rate-based splits happen as they would at 1M writes/s. One warm-up run of 50k writes per variant, then up to
// 3 rounds that interleave the variants, each round starting one variant later; figures are the median of the
// rounds (best shown too). A further round runs only when the previous round's duration says it ends within the
// ~80 s budget (BENCH_BUDGET_S), so a slow engine gets one round (noted in the output) rather than a run of several
// minutes.
import { createStore, type Table } from '../dist/index.js'
import { ManualClock } from '../dist/testing.js'
import { best, collect, ensureGc, fmtInt, heapUsed, median, printTable, round, seeded } from './harness.js'
import { KEYS, ordersWorkload, type Order, type OrderKey } from './orders-workload.js'

const gc = ensureGc()

type OrdersTable = Table<Order, 'customerId', 'orderId', 'NEW_AND_OLD_IMAGES'>

const WRITES = Number(process.env.BENCH_WRITES ?? 1_000_000)
const WARMUP_WRITES = Math.min(50_000, WRITES)
/** At most this many measured rounds; a round is skipped when it would end past the time budget. */
const RUNS = Number(process.env.BENCH_RUNS ?? 3)
const BUDGET_MS = Number(process.env.BENCH_BUDGET_S ?? 80) * 1000
const WRITES_PER_MS = 1000
const START_MS = Date.UTC(2026, 0, 1)

// ---- workload, generated once -------------------------------------------------------------------------
const { writeKeys, items } = ordersWorkload(WRITES)
const recipe = (d: { total: number }): void => {
  d.total += 1
}

// ---- variants -------------------------------------------------------------------------------------------
interface Run {
  readonly ms: number
  readonly records: number
  /** Records the stream holds at the end (update: its pre-fill puts too); the heap figure divides by this. */
  readonly stored: number
  /** Whatever holds the written state, kept alive until the heap has been measured. */
  readonly retained: unknown
  readonly shards?: { listed: number; open: number }
}

function makeTable(splitAbovePerSecond?: number, withIndexes = false): { clock: ManualClock; orders: OrdersTable } {
  const clock = new ManualClock(START_MS)
  const store = createStore({ clock, ...(splitAbovePerSecond === undefined ? {} : { shards: { splitAbovePerSecond } }) })
  const orders: OrdersTable = store.createTable<Order>()({
    name: 'orders',
    partitionKey: 'customerId',
    sortKey: 'orderId',
    stream: { viewType: 'NEW_AND_OLD_IMAGES' },
    ...(withIndexes
      ? {
          globalIndexes: {
            byCustomerTotal: { partitionKey: 'customerId', sortKey: 'total' },
            byCustomerStatus: { partitionKey: 'customerId', sortKey: 'status', projection: 'KEYS_ONLY' },
          },
        }
      : {}),
  })
  return { clock, orders }
}

function shardCounts(orders: OrdersTable): { listed: number; open: number } {
  const shards = orders.stream.shards()
  return { listed: shards.length, open: shards.filter((s) => s.sequenceNumberRange.endingSequenceNumber === undefined).length }
}

function runPut(n: number, splitAbovePerSecond?: number, withIndexes = false): Run {
  const { clock, orders } = makeTable(splitAbovePerSecond, withIndexes)
  let records = 0
  const t0 = performance.now()
  for (let i = 0; i < n; i++) {
    if (orders.put(items[i] as Order).changed) records++
    if (i % WRITES_PER_MS === WRITES_PER_MS - 1) clock.advance(1)
  }
  const ms = performance.now() - t0
  return { ms, records, stored: records, retained: orders, shards: shardCounts(orders) }
}

function runUpdate(n: number): Run {
  const { clock, orders } = makeTable()
  // Untimed: one put per key, so every timed update modifies an existing item.
  for (let i = 0; i < KEYS; i++) {
    orders.put(items[i] as Order)
    if (i % WRITES_PER_MS === WRITES_PER_MS - 1) clock.advance(1)
  }
  let records = 0
  const t0 = performance.now()
  for (let i = 0; i < n; i++) {
    if (orders.update(writeKeys[i] as OrderKey, recipe).changed) records++
    if (i % WRITES_PER_MS === WRITES_PER_MS - 1) clock.advance(1)
  }
  const ms = performance.now() - t0
  return { ms, records, stored: records + KEYS, retained: orders, shards: shardCounts(orders) }
}

interface BaselineRecord {
  readonly eventName: 'INSERT' | 'MODIFY'
  readonly keys: OrderKey
  readonly newImage: Order
  readonly oldImage: Order | undefined
  readonly seq: number
}

function runBaseline(n: number): Run {
  const map = new Map<string, Order>()
  const shards: BaselineRecord[][] = [[], [], [], []]
  let seq = 0
  const t0 = performance.now()
  for (let i = 0; i < n; i++) {
    const item = items[i] as Order
    const key = `${item.customerId}\u0000${item.orderId}`
    const oldImage = map.get(key)
    map.set(key, item)
    const pk = item.customerId
    let h = 0x811c9dc5
    for (let j = 0; j < pk.length; j++) {
      h ^= pk.charCodeAt(j)
      h = Math.imul(h, 0x01000193)
    }
    ;(shards[h & 3] as BaselineRecord[]).push({
      eventName: oldImage === undefined ? 'INSERT' : 'MODIFY',
      keys: { customerId: item.customerId, orderId: item.orderId },
      newImage: item,
      oldImage,
      seq: ++seq,
    })
  }
  const ms = performance.now() - t0
  return { ms, records: seq, stored: seq, retained: [map, shards] }
}

// ---- measurement ------------------------------------------------------------------------------------------
type Variant = 'baseline' | 'put' | 'put-nosplit' | 'update' | 'put-2-indexes'
const VARIANTS: readonly Variant[] = ['baseline', 'put', 'put-nosplit', 'update', 'put-2-indexes']
const run: Record<Variant, (n: number) => Run> = {
  baseline: runBaseline,
  put: (n) => runPut(n),
  'put-nosplit': (n) => runPut(n, Number.POSITIVE_INFINITY),
  update: runUpdate,
  'put-2-indexes': (n) => runPut(n, undefined, true),
}

interface Sample {
  readonly perSec: number
  readonly ms: number
  readonly heapMBPerMillion: number
  readonly shards?: { listed: number; open: number }
}

function measure(variant: Variant, n: number): Sample {
  const before = heapUsed(gc)
  const result = run[variant](n)
  const after = heapUsed(gc)
  if (result.records !== n) throw new Error(`${variant}: expected ${n} records, got ${result.records}`)
  const sample: Sample = {
    perSec: (n / result.ms) * 1000,
    ms: result.ms,
    heapMBPerMillion: ((after - before) / result.stored) * 1e6 / 2 ** 20,
    ...(result.shards === undefined ? {} : { shards: result.shards }),
  }
  // Keep the written state alive up to here, then let it go before the next run.
  if (result.retained === undefined) throw new Error('unreachable')
  return sample
}

const startedAt = performance.now()
console.log(`streamtable writes benchmark: ${fmtInt(KEYS)} keys, ${fmtInt(WRITES)} writes per run, warm-up ${fmtInt(WARMUP_WRITES)}, up to ${RUNS} rounds, node ${process.version}`)
for (const variant of VARIANTS) measure(variant, WARMUP_WRITES)
collect(gc)

const samples: Record<Variant, Sample[]> = { baseline: [], put: [], 'put-nosplit': [], update: [], 'put-2-indexes': [] }
let rounds = 0
let lastRoundMs = 0
while (rounds < RUNS) {
  if (rounds > 0 && performance.now() - startedAt + lastRoundMs > BUDGET_MS) break
  const roundStart = performance.now()
  // Each round starts one variant later, so that no variant always runs after the same one (the heap and the
  // machine's phase that a run leaves behind fall on every variant in turn).
  const order = [...VARIANTS.slice(rounds % VARIANTS.length), ...VARIANTS.slice(0, rounds % VARIANTS.length)]
  for (const variant of order) {
    const sample = measure(variant, WRITES)
    samples[variant].push(sample)
    collect(gc)
  }
  lastRoundMs = performance.now() - roundStart
  rounds++
}

const perSec = (v: Variant): number => median(samples[v].map((s) => s.perSec))
const heap = (v: Variant): number => median(samples[v].map((s) => s.heapMBPerMillion))
const baselinePerSec = perSec('baseline')
const describeShards = (v: Variant): string => {
  const s = samples[v][0]?.shards
  return s === undefined ? '-' : `${s.open} open / ${s.listed}`
}
const labels: Record<Variant, string> = {
  baseline: 'baseline (Map.set + 4 arrays)',
  put: 'put, capture, NEW_AND_OLD_IMAGES',
  'put-nosplit': 'put, splitAbovePerSecond: Infinity',
  update: 'update, immer d => { d.total += 1 }',
  'put-2-indexes': 'put, two global indexes (ALL + KEYS_ONLY)',
}
console.log('')
printTable(
  ['variant', 'median writes/s', 'best writes/s', 'median ms', 'vs baseline', 'heap MB / 1M records', 'shards after run'],
  VARIANTS.map((v) => [
    labels[v],
    fmtInt(perSec(v)),
    fmtInt(best(samples[v].map((s) => s.perSec))),
    fmtInt(median(samples[v].map((s) => s.ms))),
    (perSec(v) / baselinePerSec).toFixed(3),
    heap(v).toFixed(1),
    describeShards(v),
  ]),
)
// ---- one large partition ----------------------------------------------------------------------------------
const HOT_PUTS = 200_000
const HOT_WINDOW = 20_000
function runHotPartition(): { putUs: number; ratio: number } {
  const random = seeded(20261203)
  const hotItems = Array.from({ length: HOT_PUTS }, (_, i) => ({ pk: 'tenant-1', sk: `order-${Math.floor(random() * 2 ** 40).toString(36)}-${i}`, status: i % 2 === 0 ? 'open' : 'paid', total: i }))
  const store = createStore({ clock: new ManualClock(START_MS) })
  const hot = store.createTable<(typeof hotItems)[number]>()({
    name: 'tenant-orders',
    partitionKey: 'pk',
    sortKey: 'sk',
    stream: { viewType: 'NEW_AND_OLD_IMAGES' },
    globalIndexes: { byStatus: { partitionKey: 'status', sortKey: 'total' } },
  })
  const marks: number[] = []
  const t0 = performance.now()
  for (let i = 0; i < HOT_PUTS; i++) {
    if (i % HOT_WINDOW === 0) marks.push(performance.now())
    hot.put(hotItems[i] as (typeof hotItems)[number])
  }
  const end = performance.now()
  marks.push(end)
  const windowMs = (w: number): number => (marks[w + 1] as number) - (marks[w] as number)
  return { putUs: ((end - t0) / HOT_PUTS) * 1000, ratio: windowMs(marks.length - 2) / windowMs(1) }
}
const hotPartition = runHotPartition()
collect(gc)

const putRatio = perSec('put') / baselinePerSec
const updateRatio = perSec('update') / baselinePerSec
const indexPutRatio = perSec('put-2-indexes') / perSec('put')
console.log('')
console.log(`split cost: put with splits runs at ${((perSec('put') / perSec('put-nosplit')) * 100).toFixed(1)}% of put without splits`)
console.log(
  `targets: putRatio ${putRatio.toFixed(3)} (>= 0.5: ${putRatio >= 0.5 ? 'met' : 'NOT met'}), updateRatio ${updateRatio.toFixed(3)} (>= 0.3: ${updateRatio >= 0.3 ? 'met' : 'NOT met'}), indexPutRatio ${indexPutRatio.toFixed(3)} (put with 2 indexes / put, >= 0.6: ${indexPutRatio >= 0.6 ? 'met' : 'NOT met'})`,
)
console.log(
  `one partition: ${fmtInt(HOT_PUTS)} puts into one partition key (and two index partitions): ${hotPartition.putUs.toFixed(2)} µs per put, the last ${fmtInt(HOT_WINDOW)} at ${hotPartition.ratio.toFixed(2)}x the time of puts ${fmtInt(HOT_WINDOW)}-${fmtInt(2 * HOT_WINDOW)}`,
)
console.log(`heap: (heapUsed after the 1M-put run, records retained, minus heapUsed before) / records x 1e6 / 2^20, after full GCs; update: divided by its 1.1M records (100k pre-fill puts + 1M updates)`)
console.log(`rounds: ${rounds} of ${RUNS}${rounds < RUNS ? ` (time budget ${BUDGET_MS / 1000} s: one round took ${(lastRoundMs / 1000).toFixed(1)} s)` : ''}; total ${((performance.now() - startedAt) / 1000).toFixed(1)} s`)
console.log(
  JSON.stringify({
    bench: 'writes',
    putPerSec: Math.round(perSec('put')),
    updatePerSec: Math.round(perSec('update')),
    baselinePerSec: Math.round(baselinePerSec),
    putRatio: round(putRatio),
    updateRatio: round(updateRatio),
    heapMBPerMillionRecords: round(heap('put')),
    putWith2IndexesPerSec: Math.round(perSec('put-2-indexes')),
    indexPutRatio: round(indexPutRatio),
    hotPartitionPutUs: round(hotPartition.putUs),
    hotPartitionRatio: round(hotPartition.ratio),
  }),
)
