// `streamtable serve` against the floor of any Node HTTP server, each in its own process, driven by one SDK client.
//
//   npm run bench           (builds dist/, then every benchmark)
//   npx tsx bench/server.ts (dist/ must be built)
//
//   floor          a node:http server that reads each request and answers {} (stores nothing): what any server in
//                  Node costs the client and the machine.
//   putPerSec      PutItem calls/s through one DynamoDBClient per server, sequential and with 16 in flight,
//                  ~200-byte items, a new key each call, into a table with a NEW_AND_OLD_IMAGES stream; best of the
//                  blocks. The JSON line's figures are the 16-in-flight ones.
//   cpuUsPerPut    the server process's CPU (user + system of all its threads, which bench/cpu-report.cjs, preloaded,
//                  reports on SIGUSR2) per PutItem over all blocks.
//   cpuRatio       both servers run at once and take short blocks of calls in turn (500 calls, 40 pairs, the first of
//                  a pair alternating), so that a slow phase of the shared machine (they last seconds) falls on both
//                  sides of a pair alike; the ratio is the median of the pairs' ratios (not the ratio of the two
//                  totals, which a busy moment of the machine on one side of a single pair can move). Each server
//                  first takes WARM_UP_CALLS calls, more than V8 needs to finish optimising the request path (with
//                  --trace-opt, ours still optimises up to ~16,000 calls, some of it once the table's partitions
//                  take their second item at 10,000): the figures are a running server's.
//   readyMs        spawn of `streamtable serve --port 0` to the first PutItem answered (CreateTable, then the
//                  PutItem), with a client already warm; median of the runs.
//   rss100kMiB     the server's resident set (VmRSS) once it holds 100,000 items of ~200 bytes (with their stream
//                  records), written with BatchWriteItem.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { BatchWriteItemCommand, CreateTableCommand, DynamoDBClient, ListTablesCommand, PutItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb'
import { fmtInt, median, printTable, round } from './harness.js'

const CLI = fileURLToPath(new URL('../dist/cli.cjs', import.meta.url))
const CPU_REPORT = fileURLToPath(new URL('./cpu-report.cjs', import.meta.url))
/** Calls of one block: this many one at a time, then BLOCK_CONCURRENT with IN_FLIGHT in flight. */
const BLOCK_SEQUENTIAL = Number(process.env.BENCH_SERVER_SEQUENTIAL ?? 100)
const BLOCK_CONCURRENT = Number(process.env.BENCH_SERVER_CONCURRENT ?? 400)
const IN_FLIGHT = 16
const PAIRS = Number(process.env.BENCH_SERVER_PAIRS ?? 40)
/** Calls each server takes before the blocks: V8 still optimises parts of the request path up to ~16,000 of them. */
const WARM_UP_CALLS = Number(process.env.BENCH_SERVER_WARM_UP ?? 20_000)
const READY_RUNS = 5
const RSS_ITEMS = Number(process.env.BENCH_SERVER_RSS_ITEMS ?? 100_000)
const BATCH = 25

const FLOOR_SERVER = `
const { createServer } = require('node:http')
const body = Buffer.from('{}')
const server = createServer({ keepAliveTimeout: 60000 }, (req, res) => {
  req.on('data', () => {})
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': '2' })
    res.end(body)
  })
})
server.listen(0, '127.0.0.1', () => console.log('streamtable listening on http://127.0.0.1:' + server.address().port + ' (floor)'))
`

interface Running {
  readonly child: ChildProcess
  readonly url: string
  /** Resolves the next CPU report the process writes. */
  readonly cpuReports: ((micros: number) => void)[]
}

/** Starts a server; `reportsCpu`: with the CPU reporter preloaded (the start-time and memory runs go without). */
function startProcess(args: readonly string[], reportsCpu = false): Promise<Running> {
  const child = spawn(process.execPath, reportsCpu ? ['--require', CPU_REPORT, ...args] : args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const cpuReports: ((micros: number) => void)[] = []
  let err = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString()
    let match: RegExpExecArray | null
    while ((match = /cpu-us (\d+)\n/.exec(err)) !== null) {
      err = err.slice(match.index + match[0].length)
      cpuReports.shift()?.(Number(match[1]))
    }
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on (\S+)/.exec(out)
      if (match !== null) resolve({ child, url: match[1] as string, cpuReports })
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code} before listening`)))
  })
}

function stop(running: Running): Promise<void> {
  return new Promise((resolve) => {
    running.child.once('exit', () => resolve())
    running.child.kill('SIGTERM')
  })
}

/** CPU time of a server process so far, in microseconds, as it reports it. */
function cpuMicros(running: Running): Promise<number> {
  return new Promise((resolve) => {
    running.cpuReports.push(resolve)
    running.child.kill('SIGUSR2')
  })
}

function rssMiB(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(match?.[1]) / 1024
}

function client(url: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' }, maxAttempts: 1 })
}

const NOTE = 'n'.repeat(110)
let nextKey = 0

function item(): Record<string, AttributeValue> {
  const n = nextKey++
  return {
    customerId: { S: `customer-${String(n % 10_000).padStart(6, '0')}` },
    orderId: { S: `order-${String(n).padStart(8, '0')}` },
    status: { S: n % 2 === 0 ? 'open' : 'paid' },
    total: { N: String(n % 1000) },
    note: { S: NOTE },
  }
}

const CREATE_TABLE = new CreateTableCommand({
  TableName: 'orders',
  AttributeDefinitions: [
    { AttributeName: 'customerId', AttributeType: 'S' },
    { AttributeName: 'orderId', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'customerId', KeyType: 'HASH' },
    { AttributeName: 'orderId', KeyType: 'RANGE' },
  ],
  BillingMode: 'PAY_PER_REQUEST',
  StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
})

async function puts(db: DynamoDBClient, calls: number, inFlight: number): Promise<number> {
  let left = calls
  const started = performance.now()
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (left-- > 0) await db.send(new PutItemCommand({ TableName: 'orders', Item: item() }))
    }),
  )
  return calls / ((performance.now() - started) / 1000)
}

interface Throughput {
  readonly sequential: number
  readonly concurrent: number
  readonly cpuUsPerPut: number
}

interface Block {
  readonly sequential: number
  readonly concurrent: number
  readonly cpuUs: number
}

async function block(running: Running, db: DynamoDBClient): Promise<Block> {
  const before = await cpuMicros(running)
  const sequential = await puts(db, BLOCK_SEQUENTIAL, 1)
  const concurrent = await puts(db, BLOCK_CONCURRENT, IN_FLIGHT)
  return { sequential, concurrent, cpuUs: (await cpuMicros(running)) - before }
}

function summary(blocks: readonly Block[]): Throughput {
  return {
    sequential: Math.max(...blocks.map((b) => b.sequential)),
    concurrent: Math.max(...blocks.map((b) => b.concurrent)),
    cpuUsPerPut: blocks.reduce((sum, b) => sum + b.cpuUs, 0) / (blocks.length * (BLOCK_SEQUENTIAL + BLOCK_CONCURRENT)),
  }
}

/** Both servers' figures from blocks taken in turn, and the median of the pairs' CPU ratios (ours / floor). */
async function throughputs(floor: Running, floorDb: DynamoDBClient, ours: Running, oursDb: DynamoDBClient): Promise<{ floor: Throughput; ours: Throughput; cpuRatio: number }> {
  await puts(floorDb, WARM_UP_CALLS, IN_FLIGHT)
  await puts(oursDb, WARM_UP_CALLS, IN_FLIGHT)
  const floorBlocks: Block[] = []
  const ourBlocks: Block[] = []
  const ratios: number[] = []
  for (let pair = 0; pair < PAIRS; pair++) {
    let f: Block
    let o: Block
    if (pair % 2 === 0) {
      f = await block(floor, floorDb)
      o = await block(ours, oursDb)
    } else {
      o = await block(ours, oursDb)
      f = await block(floor, floorDb)
    }
    floorBlocks.push(f)
    ourBlocks.push(o)
    ratios.push(o.cpuUs / f.cpuUs)
  }
  return { floor: summary(floorBlocks), ours: summary(ourBlocks), cpuRatio: median(ratios) }
}

async function readyMs(floorPort: number): Promise<number> {
  const runs: number[] = []
  for (let run = 0; run < READY_RUNS; run++) {
    let port = floorPort
    const db = new DynamoDBClient({
      endpoint: async () => ({ protocol: 'http:', hostname: '127.0.0.1', port, path: '/' }),
      region: 'us-east-1',
      credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' },
      maxAttempts: 1,
    })
    // Warmed on the floor, so that the SDK's lazy loading on a client's first call is not counted.
    await db.send(new PutItemCommand({ TableName: 'orders', Item: item() }))
    const started = performance.now()
    const running = await startProcess([CLI, 'serve', '--port', '0'])
    port = Number(new URL(running.url).port)
    await db.send(CREATE_TABLE)
    await db.send(new PutItemCommand({ TableName: 'orders', Item: item() }))
    runs.push(performance.now() - started)
    const tables = await db.send(new ListTablesCommand({}))
    if (tables.TableNames?.[0] !== 'orders') throw new Error('the first PutItem did not reach the new server')
    db.destroy()
    await stop(running)
  }
  return median(runs)
}

/** A bare `node -e ''` start to exit: the part of readyMs no server can save. */
function nodeStartMs(): number {
  const runs: number[] = []
  for (let run = 0; run < READY_RUNS; run++) {
    const started = performance.now()
    spawnSync(process.execPath, ['-e', ''])
    runs.push(performance.now() - started)
  }
  return median(runs)
}

async function rssAfter(running: Running, db: DynamoDBClient, items: number): Promise<number> {
  const requests = Math.ceil(items / BATCH)
  let next = 0
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next++ < requests) {
        await db.send(new BatchWriteItemCommand({ RequestItems: { orders: Array.from({ length: BATCH }, () => ({ PutRequest: { Item: item() } })) } }))
      }
    }),
  )
  await new Promise((resolve) => setTimeout(resolve, 500))
  return rssMiB(running.child.pid as number)
}

async function main(): Promise<void> {
  const floor = await startProcess(['-e', FLOOR_SERVER], true)
  const floorClient = client(floor.url)
  const ours = await startProcess([CLI, 'serve', '--port', '0'], true)
  const ourClient = client(ours.url)
  await ourClient.send(CREATE_TABLE)
  const { floor: floorFigures, ours: ourFigures, cpuRatio } = await throughputs(floor, floorClient, ours, ourClient)
  await stop(ours)

  const ready = await readyMs(Number(new URL(floor.url).port))

  const forRss = await startProcess([CLI, 'serve', '--port', '0'])
  const rssClient = client(forRss.url)
  await rssClient.send(CREATE_TABLE)
  const rss = await rssAfter(forRss, rssClient, RSS_ITEMS)
  await stop(forRss)
  await stop(floor)

  printTable(
    ['', 'PutItem/s sequential', `PutItem/s ${IN_FLIGHT} in flight`, 'server CPU µs/PutItem'],
    [
      ['floor (node:http, answers {})', fmtInt(floorFigures.sequential), fmtInt(floorFigures.concurrent), floorFigures.cpuUsPerPut.toFixed(1)],
      ['streamtable serve', fmtInt(ourFigures.sequential), fmtInt(ourFigures.concurrent), ourFigures.cpuUsPerPut.toFixed(1)],
    ],
  )
  console.log(`start → first PutItem: ${ready.toFixed(0)} ms (median of ${READY_RUNS}; a bare node start and exit: ${nodeStartMs().toFixed(0)} ms); RSS with ${fmtInt(RSS_ITEMS)} items: ${rss.toFixed(0)} MiB`)
  console.log(
    JSON.stringify({
      bench: 'server',
      putPerSec: round(ourFigures.concurrent),
      floorPutPerSec: round(floorFigures.concurrent),
      throughputRatio: round(ourFigures.concurrent / floorFigures.concurrent, 3),
      cpuUsPerPut: round(ourFigures.cpuUsPerPut, 3),
      floorCpuUsPerPut: round(floorFigures.cpuUsPerPut, 3),
      cpuRatio: round(cpuRatio, 3),
      readyMs: round(ready, 3),
      rss100kMiB: round(rss, 3),
    }),
  )
}

await main()
