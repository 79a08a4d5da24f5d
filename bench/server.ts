// `streamtable serve` against the floor of any Node HTTP server, each in its own process, driven by one SDK client.
//
//   npm run bench           (builds dist/, then every benchmark)
//   npx tsx bench/server.ts (dist/ must be built)
//
//   floor          a node:http server that reads each request and answers {} (stores nothing): what any server in
//                  Node costs the client and the machine.
//   putPerSec      PutItem calls/s through one DynamoDBClient, sequential and with 16 in flight, ~200-byte items,
//                  a new key each call, into a table with a NEW_AND_OLD_IMAGES stream; best of the rounds.
//                  The JSON line's figures are the 16-in-flight ones.
//   cpuUsPerPut    the server process's CPU (user + system, from /proc/<pid>/stat) per PutItem over all rounds.
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
const SEQUENTIAL_CALLS = Number(process.env.BENCH_SERVER_SEQUENTIAL ?? 2000)
const CONCURRENT_CALLS = Number(process.env.BENCH_SERVER_CONCURRENT ?? 8000)
const IN_FLIGHT = 16
const ROUNDS = 3
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

const CLOCK_TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim() || 100)

interface Running {
  readonly child: ChildProcess
  readonly url: string
}

function startProcess(args: readonly string[]): Promise<Running> {
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] })
  return new Promise((resolve, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      const match = /listening on (\S+)/.exec(out)
      if (match !== null) resolve({ child, url: match[1] as string })
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

/** CPU time of a process so far, in microseconds. */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')
  // After the command name: state is field 3, utime 14 and stime 15 of the full line.
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND) * 1e6
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

async function throughput(running: Running, db: DynamoDBClient): Promise<Throughput> {
  await puts(db, 500, IN_FLIGHT)
  const sequential: number[] = []
  const concurrent: number[] = []
  const cpuBefore = cpuMicros(running.child.pid as number)
  let calls = 0
  for (let round = 0; round < ROUNDS; round++) {
    sequential.push(await puts(db, SEQUENTIAL_CALLS, 1))
    concurrent.push(await puts(db, CONCURRENT_CALLS, IN_FLIGHT))
    calls += SEQUENTIAL_CALLS + CONCURRENT_CALLS
  }
  const cpu = cpuMicros(running.child.pid as number) - cpuBefore
  return { sequential: Math.max(...sequential), concurrent: Math.max(...concurrent), cpuUsPerPut: cpu / calls }
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
  const floor = await startProcess(['-e', FLOOR_SERVER])
  const floorClient = client(floor.url)
  const floorFigures = await throughput(floor, floorClient)

  const ours = await startProcess([CLI, 'serve', '--port', '0'])
  const ourClient = client(ours.url)
  await ourClient.send(CREATE_TABLE)
  const ourFigures = await throughput(ours, ourClient)
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
      cpuRatio: round(ourFigures.cpuUsPerPut / floorFigures.cpuUsPerPut, 3),
      readyMs: round(ready, 3),
      rss100kMiB: round(rss, 3),
    }),
  )
}

await main()
