// Read side of the core engine: getRecords throughput over one 1M-record shard, and seek cost at 10k vs 1M.
//
//   npm run bench                 (builds dist/, then bench/writes.ts and this file)
//   npx tsx bench/read.ts         (dist/ must be built)
//
// Shards: { initial: 1, splitAbovePerSecond: Infinity, rolloverMs: Infinity } so that every record lands in one
// shard. The shards are filled by table.put (untimed; 100k keys cycling, ManualClock +1 ms per 1,000 writes).
//   getRecords/s  TRIM_HORIZON iterator, then getRecords(it, { limit: 1000 }) until the whole shard is read;
//                 records / elapsed, median of the passes (each pass reads all 1M records).
//   seek          getShardIterator({ type: 'AT_SEQUENCE_NUMBER', sequenceNumber }) + the first getRecords on it,
//                 at seeded random sequence numbers spread over the shard (the same relative positions in both
//                 shards, none within the last 1,000 records so every read returns a full page); mean time per
//                 seek over a batch, median of the batches. Shown for limit 1000 (the JSON figure) and limit 1.
//   index query   table.query('open', { index: 'byStatus', greaterThanOrEqual: total, limit: 100 }): the first page
//                 of 100 items of a global index (status, total; ALL) at seeded random totals, on tables of 10k and
//                 1M distinct items (no stream; filled untimed); mean time per query over a batch, median of batches.
import { createStore } from '../dist/index.js'
import { ManualClock } from '../dist/testing.js'
import { fmtInt, median, printTable, round, seeded } from './harness.js'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid' }

const KEYS = 100_000
const BIG = Number(process.env.BENCH_READ_RECORDS ?? 1_000_000)
const SMALL = 10_000
const PAGE = 1000
const READ_PASSES = 5
const SEEKS_PER_BATCH = 2000
const SEEK_BATCHES = 7

function buildShard(records: number): { stream: NonNullable<ReturnType<typeof makeTable>['stream']>; shardId: string; sequenceNumbers: string[] } {
  const orders = makeTable()
  const clock = orders.clock
  for (let i = 0; i < records; i++) {
    const k = i % KEYS
    orders.table.put({
      customerId: `customer-${String(Math.floor(k / 10)).padStart(5, '0')}`,
      orderId: `order-${String(k % 10).padStart(4, '0')}`,
      total: 1000 + i,
      status: i % 2 === 0 ? 'open' : 'paid',
    })
    if (i % 1000 === 999) clock.advance(1)
  }
  const stream = orders.table.stream
  const shards = stream.shards()
  if (shards.length !== 1) throw new Error(`expected one shard, found ${shards.length}`)
  const shardId = (shards[0] as { shardId: string }).shardId
  // Every sequence number of the shard, read once (untimed) so that seeks can aim at real records.
  const sequenceNumbers: string[] = []
  let it: string | null = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
  while (it !== null) {
    const page = stream.getRecords(it, { limit: PAGE })
    if (page.records.length === 0) break
    for (const r of page.records) sequenceNumbers.push(r.sequenceNumber)
    it = page.nextIterator
  }
  if (sequenceNumbers.length !== records) throw new Error(`expected ${records} records in the shard, read ${sequenceNumbers.length}`)
  return { stream, shardId, sequenceNumbers }
}

function makeTable() {
  const clock = new ManualClock(Date.UTC(2026, 0, 1))
  const store = createStore({ clock, shards: { initial: 1, splitAbovePerSecond: Number.POSITIVE_INFINITY, rolloverMs: Number.POSITIVE_INFINITY } })
  const table = store.createTable<Order>()({
    name: 'orders',
    partitionKey: 'customerId',
    sortKey: 'orderId',
    stream: { viewType: 'NEW_AND_OLD_IMAGES' },
  })
  return { clock, table, stream: table.stream }
}

type Built = ReturnType<typeof buildShard>

const INDEX_PAGE = 100

function buildIndexed(items: number) {
  const store = createStore({ clock: new ManualClock(Date.UTC(2026, 0, 1)) })
  const table = store.createTable<Order>()({
    name: 'indexed',
    partitionKey: 'customerId',
    sortKey: 'orderId',
    globalIndexes: { byStatus: { partitionKey: 'status', sortKey: 'total' } },
  })
  for (let i = 0; i < items; i++) {
    table.put({ customerId: `customer-${String(Math.floor(i / 10)).padStart(6, '0')}`, orderId: `order-${String(i % 10).padStart(4, '0')}`, total: i, status: i % 2 === 0 ? 'open' : 'paid' })
  }
  if (table.describe().globalIndexes?.[0]?.itemCount !== items) throw new Error(`expected ${items} items in the index`)
  return { table, items }
}

/** Mean microseconds of one index query (first page of 100) per batch; median of batches. */
function indexQueryUs(built: ReturnType<typeof buildIndexed>, positions: readonly number[]): number {
  const { table, items } = built
  // Even totals are 'open'; none within the last page, so every query returns a full page.
  const targets = positions.map((p) => 2 * Math.floor((p * (items - 2 * INDEX_PAGE)) / 2))
  const batches: number[] = []
  let sink = 0
  for (let b = 0; b < SEEK_BATCHES; b++) {
    const t0 = performance.now()
    for (const total of targets) {
      const page = table.query('open', { index: 'byStatus', greaterThanOrEqual: total, limit: INDEX_PAGE })
      if (page.items[0]?.total !== total) throw new Error(`index query at ${total} read ${page.items[0]?.total}`)
      sink += page.items.length
    }
    batches.push(((performance.now() - t0) * 1000) / targets.length)
  }
  if (sink !== SEEK_BATCHES * targets.length * INDEX_PAGE) throw new Error('short page in an index query')
  return median(batches.slice(1))
}

/** Reads the whole shard from TRIM_HORIZON with limit 1000; returns records per second. */
function readAll(built: Built): number {
  const { stream, shardId } = built
  let count = 0
  const t0 = performance.now()
  let it: string | null = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
  while (it !== null) {
    const page = stream.getRecords(it, { limit: PAGE })
    if (page.records.length === 0) break
    count += page.records.length
    it = page.nextIterator
  }
  const ms = performance.now() - t0
  if (count !== built.sequenceNumbers.length) throw new Error(`read ${count} records, expected ${built.sequenceNumbers.length}`)
  return (count / ms) * 1000
}

/** Mean microseconds of one AT_SEQUENCE_NUMBER seek plus its first getRecords, per batch; median of batches. */
function seekUs(built: Built, positions: readonly number[], limit: number): number {
  const { stream, shardId, sequenceNumbers } = built
  const usable = sequenceNumbers.length - PAGE
  const targets = positions.map((p) => sequenceNumbers[Math.floor(p * usable)] as string)
  const batches: number[] = []
  let sink = 0
  for (let b = 0; b < SEEK_BATCHES; b++) {
    const t0 = performance.now()
    for (const sequenceNumber of targets) {
      const it = stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber })
      const page = stream.getRecords(it, { limit })
      if (page.records[0]?.sequenceNumber !== sequenceNumber) throw new Error(`seek to ${sequenceNumber} read ${page.records[0]?.sequenceNumber}`)
      sink += page.records.length
    }
    batches.push(((performance.now() - t0) * 1000) / targets.length)
  }
  if (sink !== SEEK_BATCHES * targets.length * limit) throw new Error('short page in a seek')
  // The first batch warms the code up; it is dropped.
  return median(batches.slice(1))
}

const startedAt = performance.now()
console.log(`streamtable read benchmark: one shard of ${fmtInt(BIG)} records (and one of ${fmtInt(SMALL)}), node ${process.version}`)
const buildStart = performance.now()
const big = buildShard(BIG)
const small = buildShard(SMALL)
console.log(`built the shards in ${((performance.now() - buildStart) / 1000).toFixed(1)} s (untimed)`)

const rand = seeded(7)
const positions = Array.from({ length: SEEKS_PER_BATCH }, () => rand())
// Warm-up: one read pass of the small shard and a batch of seeks on both.
readAll(small)
seekUs(small, positions.slice(0, 200), PAGE)
seekUs(big, positions.slice(0, 200), PAGE)

const passes: number[] = []
for (let p = 0; p < READ_PASSES; p++) passes.push(readAll(big))
const getRecordsPerSec = median(passes)
const seek10k = seekUs(small, positions, PAGE)
const seek1M = seekUs(big, positions, PAGE)
const seek10k1 = seekUs(small, positions, 1)
const seek1M1 = seekUs(big, positions, 1)
const indexBuildStart = performance.now()
const indexedBig = buildIndexed(BIG)
const indexedSmall = buildIndexed(SMALL)
console.log(`built the indexed tables in ${((performance.now() - indexBuildStart) / 1000).toFixed(1)} s (untimed)`)
indexQueryUs(indexedSmall, positions.slice(0, 200))
indexQueryUs(indexedBig, positions.slice(0, 200))
const indexQuery10k = indexQueryUs(indexedSmall, positions)
const indexQuery1M = indexQueryUs(indexedBig, positions)

console.log('')
printTable(
  ['measure', `${fmtInt(SMALL)} records`, `${fmtInt(BIG)} records`, 'ratio'],
  [
    ['getRecords, limit 1000, full shard (records/s)', '-', `${fmtInt(getRecordsPerSec)}  (best ${fmtInt(Math.max(...passes))})`, '-'],
    ['seek + first getRecords, limit 1000 (us)', seek10k.toFixed(2), seek1M.toFixed(2), (seek1M / seek10k).toFixed(2)],
    ['seek + first getRecords, limit 1 (us)', seek10k1.toFixed(2), seek1M1.toFixed(2), (seek1M1 / seek10k1).toFixed(2)],
    ['index query, first page of 100 (us; table items)', indexQuery10k.toFixed(2), indexQuery1M.toFixed(2), (indexQuery1M / indexQuery10k).toFixed(2)],
  ],
)
console.log('')
console.log(`seek: getShardIterator AT_SEQUENCE_NUMBER + first getRecords; mean of ${SEEKS_PER_BATCH} seeks per batch, median of ${SEEK_BATCHES - 1} batches`)
console.log(`total ${((performance.now() - startedAt) / 1000).toFixed(1)} s`)
console.log(
  JSON.stringify({
    bench: 'read',
    getRecordsPerSec: Math.round(getRecordsPerSec),
    seekUs10k: round(seek10k),
    seekUs1M: round(seek1M),
    seekRatio: round(seek1M / seek10k),
    indexQueryUs10k: round(indexQuery10k),
    indexQueryUs1M: round(indexQuery1M),
    indexQueryRatio: round(indexQuery1M / indexQuery10k),
  }),
)
