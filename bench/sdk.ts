// The AWS door's cost, through the real SDK v3 clients answered in process.
//
//   npm run bench        (builds dist/, then every benchmark)
//   npx tsx bench/sdk.ts (dist/ must be built)
//
//   getRecords/s   a 50k-record backlog in one shard (NEW_AND_OLD_IMAGES, 5-attribute items, MODIFY records), read
//                  through DynamoDBStreamsClient with awsRequestHandler: TRIM_HORIZON, then GetRecords Limit 1000
//                  until the backlog is read; records / elapsed, median of the passes (each pass reads the whole backlog).
//   floor          the same GetRecords calls through a client whose request handler returns one fixed 1000-record
//                  page (written by ours): the SDK's own cost of deserialising the records, its ceiling.
//   listTables     ListTablesCommand calls/s through one DynamoDBClient with a no-op request handler (a fixed 200
//                  response: the SDK's own cost, its floor) and with awsRequestHandler(store); the ratio ours / floor.
//   importMs       a fresh node process: import('streamtable') + createStore + createTable + the first native put,
//                  median of the runs (the cost of the main entry, which must not load the AWS door).
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb'
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams'
import { awsClientConfig } from '../dist/aws.js'
import { createStore } from '../dist/index.js'
import { ManualClock } from '../dist/testing.js'
import { fmtInt, median, printTable, round } from './harness.js'

const BACKLOG = Number(process.env.BENCH_SDK_BACKLOG ?? 50_000)
const READ_PASSES = 5
const LIST_CALLS = 3000
const LIST_ROUNDS = 5
const IMPORT_RUNS = 5

type Order = { customerId: string; orderId: string; total: number; status: string; note: string }

async function getRecordsPerSecond(): Promise<{ ours: number; floor: number }> {
  const clock = new ManualClock(Date.UTC(2026, 0, 1))
  const store = createStore({ clock, shards: { initial: 1, splitAbovePerSecond: Number.POSITIVE_INFINITY, rolloverMs: Number.POSITIVE_INFINITY } })
  const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
  for (let i = 0; i < BACKLOG; i++) {
    orders.put({ customerId: `customer-${i % 1000}`, orderId: `order-${i % 50}`, total: i, status: i % 2 === 0 ? 'open' : 'paid', note: 'a short note' })
    if (i % 1000 === 999) clock.advance(1)
  }
  const client = new DynamoDBStreamsClient({ ...awsClientConfig(store), maxAttempts: 1 })
  const arn = orders.stream.arn
  const shardId = (orders.stream.shards()[0] as { shardId: string }).shardId
  const first = await client.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))
  const handler = awsClientConfig(store).requestHandler
  const { response } = await handler.handle({
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDBStreams_20120810.GetRecords', authorization: SIGNED, 'x-amz-date': '20260101T000000Z' },
    body: JSON.stringify({ ShardIterator: first.ShardIterator, Limit: 1000 }),
  })
  const floorClient = new DynamoDBStreamsClient({ ...awsClientConfig(store), requestHandler: noopHandler(response.body), maxAttempts: 1 })
  const rates: number[] = []
  const floorRates: number[] = []
  // Passes alternate between ours and the floor, so that a change in the machine's load falls on both alike.
  for (let pass = 0; pass < READ_PASSES; pass++) {
    const floorStarted = performance.now()
    for (let call = 0; call < BACKLOG / 1000; call++) await floorClient.send(new GetRecordsCommand({ ShardIterator: first.ShardIterator, Limit: 1000 }))
    floorRates.push((BACKLOG / (performance.now() - floorStarted)) * 1000)
    const started = performance.now()
    let read = 0
    let iterator = (await client.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))).ShardIterator
    while (iterator !== undefined) {
      const page = await client.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }))
      const n = page.Records?.length ?? 0
      if (n === 0) break
      read += n
      iterator = page.NextShardIterator
    }
    const elapsed = performance.now() - started
    if (read !== BACKLOG) throw new Error(`expected ${BACKLOG} records, read ${read}`)
    rates.push((read / elapsed) * 1000)
  }
  return { ours: median(rates), floor: median(floorRates) }
}

const SIGNED = 'AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0'

/** A request handler that answers every call with one fixed response: what the SDK costs without any service. */
function noopHandler(body: Uint8Array) {
  return {
    metadata: { handlerProtocol: 'noop' },
    handle: () => Promise.resolve({ response: { statusCode: 200, headers: { 'content-type': 'application/x-amz-json-1.0' }, body: body.slice() } }),
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
    destroy: () => undefined,
  }
}

async function callsPerSecond(client: DynamoDBClient): Promise<number> {
  const started = performance.now()
  for (let i = 0; i < LIST_CALLS; i++) await client.send(new ListTablesCommand({}))
  return (LIST_CALLS / (performance.now() - started)) * 1000
}

async function listTablesRates(): Promise<{ floor: number; ours: number }> {
  const store = createStore()
  for (const name of ['alpha', 'bravo', 'charlie']) store.createTable<{ id: string }>()({ name, partitionKey: 'id' })
  const config = awsClientConfig(store)
  const body = new TextEncoder().encode(JSON.stringify({ TableNames: ['alpha', 'bravo', 'charlie'] }))
  const floorClient = new DynamoDBClient({ ...config, requestHandler: noopHandler(body), maxAttempts: 1 })
  const oursClient = new DynamoDBClient({ ...config, maxAttempts: 1 })
  // Rounds alternate, so that a change in the machine's load falls on both sides alike.
  const floor: number[] = []
  const ours: number[] = []
  for (let round = 0; round < LIST_ROUNDS; round++) {
    floor.push(await callsPerSecond(floorClient))
    ours.push(await callsPerSecond(oursClient))
  }
  return { floor: median(floor), ours: median(ours) }
}

function importMs(): number {
  const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url))
  const script = `
    const started = performance.now()
    const { createStore } = await import(${JSON.stringify(dist)})
    const store = createStore()
    const table = store.createTable()({ name: 'orders', partitionKey: 'id' })
    table.put({ id: 'a', total: 1 })
    process.stdout.write(String(performance.now() - started))
  `
  const runs: number[] = []
  for (let i = 0; i < IMPORT_RUNS; i++) {
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
    if (child.status !== 0) throw new Error(`import child failed: ${child.stderr}`)
    runs.push(Number(child.stdout))
  }
  return median(runs)
}

const getRecords = await getRecordsPerSecond()
const list = await listTablesRates()
const importCost = importMs()

printTable(
  ['measure', 'value', 'target'],
  [
    [`GetRecords over a ${fmtInt(BACKLOG)}-record backlog (records/s)`, fmtInt(getRecords.ours), '>= 200,000'],
    ['GetRecords, SDK with a no-op handler (records/s)', fmtInt(getRecords.floor), ''],
    ['GetRecords ratio (ours / no-op)', (getRecords.ours / getRecords.floor).toFixed(2), ''],
    ['ListTables, SDK with a no-op handler (calls/s)', fmtInt(list.floor), ''],
    ['ListTables, SDK with awsRequestHandler (calls/s)', fmtInt(list.ours), ''],
    ['ListTables ratio (ours / no-op)', list.floor > 0 ? (list.ours / list.floor).toFixed(2) : '-', '>= 0.8'],
    ['import streamtable + first put, fresh process (ms)', importCost.toFixed(1), '<= 20'],
  ],
)
console.log(
  JSON.stringify({
    bench: 'sdk',
    getRecordsPerSec: round(getRecords.ours),
    noopGetRecordsPerSec: round(getRecords.floor),
    getRecordsRatio: round(getRecords.ours / getRecords.floor, 3),
    noopListTablesPerSec: round(list.floor),
    listTablesPerSec: round(list.ours),
    listTablesRatio: round(list.ours / list.floor, 3),
    importMs: round(importCost, 3),
  }),
)
