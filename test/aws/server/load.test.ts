// 16 SDK clients writing and reading at once through one server: no error, no lost write, bounded memory.
// A few seconds in `npm test`; STREAMTABLE_LOAD_SECONDS=30 runs the long version.
import { BatchGetItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type StreamtableServer } from '../../../src/aws/index.js'
import { createStore, type Store } from '../../../src/index.js'

const CLIENTS = 16
const KEYS_PER_CLIENT = 50
const SECONDS = Number(process.env.STREAMTABLE_LOAD_SECONDS ?? '2')
const PAD = 'x'.repeat(150)

let server: StreamtableServer
let store: Store
beforeAll(async () => {
  store = createStore()
  // No stream: the table's memory then depends on its key space only, which the clients keep bounded.
  store.createTable<{ client: string; key: string }>()({ name: 'load', partitionKey: 'client', sortKey: 'key', keyTypes: { partitionKey: 'string', sortKey: 'string' } })
  server = await startServer(store, { port: 0 })
})
afterAll(() => server.close())

describe('under load', () => {
  it(`serves ${CLIENTS} concurrent clients for ${SECONDS} s without an error or a lost write, in bounded memory`, async () => {
    const clients = Array.from({ length: CLIENTS }, () => new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId: 'load', secretAccessKey: 'load' }, maxAttempts: 1 }))
    const acknowledged = clients.map(() => new Map<string, number>())
    const errors: string[] = []
    const heapSamples: number[] = []
    // The SDK loads parts of itself on a client's first call: that is not load.
    await Promise.all(clients.map((client) => client.send(new GetItemCommand({ TableName: 'load', Key: { client: { S: 'none' }, key: { S: 'none' } } }))))
    const sampler = setInterval(() => heapSamples.push(process.memoryUsage().heapUsed), 250)
    const deadline = Date.now() + SECONDS * 1000
    let operations = 0
    await Promise.all(
      clients.map(async (client, c) => {
        for (let round = 0; Date.now() < deadline; round++) {
          const key = `k${round % KEYS_PER_CLIENT}`
          try {
            await client.send(new PutItemCommand({ TableName: 'load', Item: { client: { S: `c${c}` }, key: { S: key }, version: { N: String(round) }, pad: { S: PAD } } }))
            acknowledged[c]?.set(key, round)
            if (round % 4 === 3) {
              const read = await client.send(new GetItemCommand({ TableName: 'load', Key: { client: { S: `c${c}` }, key: { S: key } }, ConsistentRead: true }))
              if (read.Item?.version?.N !== String(round)) errors.push(`c${c} ${key}: read ${read.Item?.version?.N} after writing ${round}`)
            }
            operations++
          } catch (error) {
            errors.push(`c${c}: ${(error as Error).name}: ${(error as Error).message}`)
          }
        }
      }),
    )
    clearInterval(sampler)
    expect(errors.slice(0, 5)).toEqual([])
    // Every client got writes through (how many depends on the machine).
    expect(acknowledged.every((writes) => writes.size > 0)).toBe(true)
    expect(operations).toBeGreaterThan(CLIENTS)

    // Every acknowledged write is there, read back through the server.
    const reader = clients[0] as DynamoDBClient
    for (let c = 0; c < CLIENTS; c++) {
      const expected = acknowledged[c] as Map<string, number>
      const keys = [...expected.keys()].map((key) => ({ client: { S: `c${c}` }, key: { S: key } }))
      const got = await reader.send(new BatchGetItemCommand({ RequestItems: { load: { Keys: keys, ConsistentRead: true } } }))
      const versions = new Map((got.Responses?.load ?? []).map((item) => [item.key?.S as string, Number(item.version?.N)]))
      expect(versions).toEqual(expected)
    }
    expect(store.getTable('load')?.describe().itemCount).toBe(acknowledged.reduce((n, m) => n + m.size, 0))

    // Memory stays within a bound that does not grow with the run's length: the key space is bounded.
    const mib = (bytes: number): number => bytes / 2 ** 20
    expect(mib(Math.max(...heapSamples))).toBeLessThan(400)
    // Over a long run, the last quarter's peak is near the first half's: no growth per request served.
    const half = heapSamples.slice(0, heapSamples.length / 2)
    const lastQuarter = heapSamples.slice((heapSamples.length * 3) / 4)
    expect(mib(Math.max(...lastQuarter))).toBeLessThan(mib(Math.max(...half)) * 1.5 + 32)
    for (const client of clients) client.destroy()
  }, 60_000 + SECONDS * 2000)
})
