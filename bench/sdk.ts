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
//   handler        the same read through awsRequestHandler alone (GetShardIterator, then GetRecords until the backlog
//                  is read, each answer's JSON bytes parsed for the next iterator): the store's cost in process,
//                  which the 200k records/s target is about, since the SDK's own parsing stays far below it.
//   listTables     ListTablesCommand calls/s through one DynamoDBClient with a no-op request handler (a fixed 200
//                  response: the SDK's own cost, its floor) and with awsRequestHandler(store); the ratio ours / floor.
//   put/get/query  PutItem (a new key each call), GetItem and a Query (one page of 25 items) through one
//                  DynamoDBClient with a no-op request handler answering what ours answers (the SDK's own cost) and
//                  with awsRequestHandler(store); blocks of 200 calls alternating, calls/s over all blocks, and the
//                  ratio ours / no-op as the median of adjacent block pairs.
//   perTestSetupMs a test's isolation, warm: a new store, the table created natively, a new DynamoDBClient on it and
//                  the first PutItem; mean over the runs.
//   importMs       a fresh node process running a module file: import('streamtable') + createStore + createTable +
//                  the first native put, median of the runs (the cost of the main entry, which must not load the AWS door).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb'
import { DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams'
import { awsClientConfig } from '../dist/aws.js'
import { createStore } from '../dist/index.js'
import { ManualClock } from '../dist/testing.js'
import { fmtInt, median, printTable, round } from './harness.js'

const BACKLOG = Number(process.env.BENCH_SDK_BACKLOG ?? 50_000)
const READ_PASSES = 5
const LIST_CALLS = 3000
const LIST_ROUNDS = 5
const IMPORT_RUNS = 11
const ITEM_BLOCK = 200
const ITEM_PAIRS = 50
const SETUP_RUNS = 300

type Order = { customerId: string; orderId: string; total: number; status: string; note: string }

async function getRecordsPerSecond(): Promise<{ ours: number; floor: number; handler: number }> {
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
  const handlerRates: number[] = []
  const decoder = new TextDecoder()
  const call = (target: string, body: unknown) =>
    handler.handle({
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDBStreams_20120810.${target}`, authorization: SIGNED, 'x-amz-date': '20260101T000000Z' },
      body: JSON.stringify(body),
    })
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
    // The same read through the request handler alone: the store's answer as JSON bytes, without the SDK's parsing
    // (the next iterator is found in the text, and records are counted by their eventID members).
    const handlerStarted = performance.now()
    let handlerRead = 0
    let handlerIterator = ITERATOR_MEMBER.exec(decoder.decode((await call('GetShardIterator', { StreamArn: arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' })).response.body))?.[1]
    while (handlerIterator !== undefined) {
      const text = decoder.decode((await call('GetRecords', { ShardIterator: handlerIterator, Limit: 1000 })).response.body)
      const records = text.split('"eventID":').length - 1
      if (records === 0) break
      handlerRead += records
      handlerIterator = NEXT_ITERATOR_MEMBER.exec(text)?.[1]
    }
    if (handlerRead !== BACKLOG) throw new Error(`expected ${BACKLOG} records through the handler, read ${handlerRead}`)
    handlerRates.push((handlerRead / (performance.now() - handlerStarted)) * 1000)
  }
  return { ours: median(rates), floor: median(floorRates), handler: median(handlerRates) }
}

const ITERATOR_MEMBER = /"ShardIterator":"([^"]+)"/
const NEXT_ITERATOR_MEMBER = /"NextShardIterator":"([^"]+)"/
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

type ItemCommand = PutItemCommand | GetItemCommand | QueryCommand

/** Calls/s of `make(i)` through the no-op client and through ours, rounds alternating. */
async function itemRates(floorClient: DynamoDBClient, oursClient: DynamoDBClient, make: (i: number) => ItemCommand): Promise<{ floor: number; ours: number; ratio: number }> {
  let next = 0
  const block = async (client: DynamoDBClient): Promise<number> => {
    const started = performance.now()
    for (let i = 0; i < ITEM_BLOCK; i++) await client.send(make(next++) as PutItemCommand)
    return performance.now() - started
  }
  await block(floorClient)
  await block(oursClient)
  // Short blocks alternate, so that a slow phase of the machine (they last seconds here) falls on both sides of a
  // pair alike; the ratio is the median of the pairs' ratios.
  let floorMs = 0
  let oursMs = 0
  const ratios: number[] = []
  for (let pair = 0; pair < ITEM_PAIRS; pair++) {
    const floor = await block(floorClient)
    const ours = await block(oursClient)
    floorMs += floor
    oursMs += ours
    ratios.push(floor / ours)
  }
  const calls = ITEM_PAIRS * ITEM_BLOCK
  return { floor: (calls / floorMs) * 1000, ours: (calls / oursMs) * 1000, ratio: median(ratios) }
}

/** The body our handler answers for `command`'s input, for a no-op handler to replay. */
async function answerOf(store: ReturnType<typeof createStore>, operation: string, input: object): Promise<Uint8Array> {
  const { response } = await awsClientConfig(store).requestHandler.handle({
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${operation}`, authorization: SIGNED, 'x-amz-date': '20260101T000000Z' },
    body: JSON.stringify(input),
  })
  return response.body
}

async function itemOperationRates() {
  const store = createStore()
  store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', keyTypes: { partitionKey: 'string', sortKey: 'string' }, stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
  const item = (i: number) => ({ customerId: { S: `customer-${i % 1000}` }, orderId: { S: `order-${i}` }, total: { N: String(i) }, status: { S: 'open' }, note: { S: 'a short note' } })
  for (let i = 0; i < 25; i++) await answerOf(store, 'PutItem', { TableName: 'orders', Item: { ...item(i), customerId: { S: 'query' } } })
  const oursClient = new DynamoDBClient({ ...awsClientConfig(store), maxAttempts: 1 })
  const floorOf = async (operation: string, input: object) => new DynamoDBClient({ ...awsClientConfig(store), requestHandler: noopHandler(await answerOf(store, operation, input)), maxAttempts: 1 })
  const getInput = { TableName: 'orders', Key: { customerId: { S: 'query' }, orderId: { S: 'order-3' } } }
  const queryInput = { TableName: 'orders', KeyConditionExpression: 'customerId = :c', ExpressionAttributeValues: { ':c': { S: 'query' } }, Limit: 25 }
  const put = await itemRates(await floorOf('PutItem', { TableName: 'orders', Item: item(0) }), oursClient, (i) => new PutItemCommand({ TableName: 'orders', Item: item(i) }))
  const get = await itemRates(await floorOf('GetItem', getInput), oursClient, () => new GetItemCommand(getInput))
  const query = await itemRates(await floorOf('Query', queryInput), oursClient, () => new QueryCommand(queryInput))
  return { put, get, query }
}

async function perTestSetupMs(): Promise<number> {
  const run = async (): Promise<void> => {
    const store = createStore()
    store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', keyTypes: { partitionKey: 'string' } })
    const client = new DynamoDBClient({ ...awsClientConfig(store), maxAttempts: 1 })
    await client.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'a' }, total: { N: '1' } } }))
  }
  for (let i = 0; i < 20; i++) await run()
  const started = performance.now()
  for (let i = 0; i < SETUP_RUNS; i++) await run()
  return (performance.now() - started) / SETUP_RUNS
}

function importMs(): number {
  const dist = fileURLToPath(new URL('../dist/index.js', import.meta.url))
  // The program is a module file, as a user's is: Node's ESM loader has loaded it before it imports the package.
  // Run with `-e`, the import would be the loader's first, and the ~10 ms that the loader's own start takes would
  // be counted as the package's.
  const dir = mkdtempSync(join(tmpdir(), 'streamtable-import-'))
  const program = join(dir, 'program.mjs')
  writeFileSync(
    program,
    `const started = performance.now()
const { createStore } = await import(${JSON.stringify(pathToFileURL(dist).href)})
const store = createStore()
const table = store.createTable()({ name: 'orders', partitionKey: 'id' })
table.put({ id: 'a', total: 1 })
process.stdout.write(String(performance.now() - started))
`,
  )
  try {
    const runs: number[] = []
    for (let i = 0; i < IMPORT_RUNS; i++) {
      const child = spawnSync(process.execPath, [program], { encoding: 'utf8' })
      if (child.status !== 0) throw new Error(`import child failed: ${child.stderr}`)
      runs.push(Number(child.stdout))
    }
    return median(runs)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const getRecords = await getRecordsPerSecond()
const list = await listTablesRates()
const importCost = importMs()
const items = await itemOperationRates()
const setupMs = await perTestSetupMs()

printTable(
  ['measure', 'value', 'target'],
  [
    [`GetRecords over a ${fmtInt(BACKLOG)}-record backlog through DynamoDBStreamsClient (records/s)`, fmtInt(getRecords.ours), ''],
    ['GetRecords through the request handler alone, JSON bytes out (records/s)', fmtInt(getRecords.handler), '>= 200,000'],
    ['GetRecords, SDK with a no-op handler (records/s)', fmtInt(getRecords.floor), ''],
    ['GetRecords ratio (ours / no-op)', (getRecords.ours / getRecords.floor).toFixed(2), ''],
    ['ListTables, SDK with a no-op handler (calls/s)', fmtInt(list.floor), ''],
    ['ListTables, SDK with awsRequestHandler (calls/s)', fmtInt(list.ours), ''],
    ['ListTables ratio (ours / no-op)', list.floor > 0 ? (list.ours / list.floor).toFixed(2) : '-', '>= 0.8'],
    ['import streamtable + first put, fresh process (ms)', importCost.toFixed(1), '<= 20'],
    ['PutItem, SDK with a no-op handler (calls/s)', fmtInt(items.put.floor), ''],
    ['PutItem, SDK with awsRequestHandler (calls/s)', fmtInt(items.put.ours), ''],
    ['PutItem ratio (ours / no-op)', items.put.ratio.toFixed(2), '>= 0.8'],
    ['GetItem ratio (ours / no-op)', items.get.ratio.toFixed(2), '>= 0.8'],
    ['Query of 25 ratio (ours / no-op)', items.query.ratio.toFixed(2), '>= 0.8'],
    ['per-test setup: store + table + client + first PutItem (ms)', setupMs.toFixed(3), '<= 1'],
  ],
)
console.log(
  JSON.stringify({
    bench: 'sdk',
    getRecordsPerSec: round(getRecords.ours),
    noopGetRecordsPerSec: round(getRecords.floor),
    getRecordsRatio: round(getRecords.ours / getRecords.floor, 3),
    handlerGetRecordsPerSec: round(getRecords.handler),
    noopListTablesPerSec: round(list.floor),
    listTablesPerSec: round(list.ours),
    listTablesRatio: round(list.ours / list.floor, 3),
    importMs: round(importCost, 3),
    noopPutPerSec: round(items.put.floor),
    putPerSec: round(items.put.ours),
    putRatio: round(items.put.ratio, 3),
    getRatio: round(items.get.ratio, 3),
    queryRatio: round(items.query.ratio, 3),
    perTestSetupMs: round(setupMs, 3),
  }),
)
