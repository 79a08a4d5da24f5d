// Malformed and random requests against a running server: each is answered with a 4xx and a named error, the
// server keeps serving, and the store is exactly as it was.
import { Agent } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_OPERATIONS, startServer, type StreamtableServer } from '../../../src/aws/index.js'
import { createStore, type Store } from '../../../src/index.js'
import { call, send, type HttpCall } from './http.js'
import { seededRandom } from '../../../src/testing.js'

const REQUESTS = 10_000
const CONCURRENCY = 16
const MAX_REQUEST_BYTES = 16 * 1024

type Random = () => number
const int = (random: Random, min: number, max: number): number => min + Math.floor(random() * (max - min + 1))
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T
const text = (random: Random, length: number, alphabet = 'abcXYZ019 _-.:#{}[]",\\\u00e9\u4e2d\ud83d\ude00'): string => {
  let out = ''
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(random() * alphabet.length)]
  return out
}

const STREAM_ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-01-01T00:00:00.000'

/** Well-formed inputs of operations that would change the store or read it; every case below breaks them. */
const VALID: readonly (readonly [string, () => Record<string, unknown>])[] = [
  ['PutItem', () => ({ TableName: 'orders', Item: { pk: { S: 'fuzz' }, sk: { S: 'x' }, n: { N: '1' } } })],
  ['UpdateItem', () => ({ TableName: 'orders', Key: { pk: { S: 'c1' }, sk: { S: 'o1' } }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': { N: '2' } } })],
  ['DeleteItem', () => ({ TableName: 'orders', Key: { pk: { S: 'c1' }, sk: { S: 'o1' } } })],
  ['BatchWriteItem', () => ({ RequestItems: { orders: [{ PutRequest: { Item: { pk: { S: 'fuzz' }, sk: { S: 'b' } } } }] } })],
  ['TransactWriteItems', () => ({ TransactItems: [{ Put: { TableName: 'orders', Item: { pk: { S: 'fuzz' }, sk: { S: 't' } } } }] })],
  ['CreateTable', () => ({ TableName: 'fuzzed', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], BillingMode: 'PAY_PER_REQUEST' })],
  ['DeleteTable', () => ({ TableName: 'orders' })],
  ['UpdateTable', () => ({ TableName: 'orders', StreamSpecification: { StreamEnabled: false } })],
  ['Query', () => ({ TableName: 'orders', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'c1' } } })],
  ['DynamoDBStreams_20120810.GetShardIterator', () => ({ StreamArn: STREAM_ARN, ShardId: 'shardId-00000000000000000000-00000000', ShardIteratorType: 'TRIM_HORIZON' })],
]

/** A member of each operation's input whose value must be one of an enum. */
const ENUM_MEMBERS: { readonly [operation: string]: string } = {
  PutItem: 'ReturnValues',
  UpdateItem: 'ReturnValues',
  DeleteItem: 'ReturnValues',
  BatchWriteItem: 'ReturnConsumedCapacity',
  TransactWriteItems: 'ReturnConsumedCapacity',
  CreateTable: 'BillingMode',
  UpdateTable: 'BillingMode',
  Query: 'Select',
  'DynamoDBStreams_20120810.GetShardIterator': 'ShardIteratorType',
}

function targetOf(operation: string): string {
  return operation.includes('.') ? operation : `DynamoDB_20120810.${operation}`
}

const WRONG_TYPES: readonly unknown[] = [1, -0.5, true, null, [], ['orders'], {}, { S: 'x' }, 'x']
const BAD_VALUES: readonly unknown[] = [{ S: 1 }, { N: 'abc' }, { N: '1e999' }, { X: 'y' }, { S: 'a', N: '1' }, {}, { B: 'not base64!' }, { BOOL: 'yes' }, { L: {} }, { M: [] }, { SS: [] }, { NS: ['1', '1'] }, 'plain', 7, null, { L: [null] }, { M: { x: null } }]

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = { S: 'leaf' }
  for (let i = 0; i < depth; i++) value = { M: { a: value } }
  return value
}

/** One malformed request, of a kind picked at random; every kind is invalid by construction. */
function malformed(random: Random): { kind: string; call: HttpCall } {
  const [operation, valid] = pick(random, VALID)
  const target = targetOf(operation)
  const body = valid()
  const kinds: readonly (() => { kind: string; call: HttpCall })[] = [
    // Any JSON text followed by a comma is not JSON.
    () => ({ kind: 'bad JSON', call: { target, body: `${text(random, int(random, 0, 200))},` } }),
    () => ({ kind: 'random bytes', call: { target, body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(Array.from({ length: int(random, 0, 300) }, () => int(random, 0, 255)))]) } }),
    () => {
      const json = JSON.stringify(body)
      return { kind: 'truncated body', call: { target, body: json.slice(0, int(random, 1, json.length - 1)) } }
    },
    () => {
      const member = pick(random, Object.keys(body))
      const wrong = pick(random, WRONG_TYPES.filter((w) => typeof w !== typeof body[member] || Array.isArray(w) !== Array.isArray(body[member]) || w === null))
      return { kind: 'wrong type', call: { target, body: JSON.stringify({ ...body, [member]: wrong }) } }
    },
    () => {
      const named = 'TableName' in body ? body : (VALID[0] as (typeof VALID)[number])[1]()
      return { kind: 'huge table name', call: { target: 'TableName' in body ? target : 'DynamoDB_20120810.PutItem', body: JSON.stringify({ ...named, TableName: text(random, int(random, 256, 12_000), 'abcdefgh') }) } }
    },
    () => ({
      kind: 'huge key',
      call: { target: 'DynamoDB_20120810.PutItem', body: JSON.stringify({ TableName: 'orders', Item: { pk: { S: 'k'.repeat(int(random, 2049, 12_000)) }, sk: { S: 'x' } } }) },
    }),
    () => ({ kind: 'deep attribute nesting', call: { target: 'DynamoDB_20120810.PutItem', body: JSON.stringify({ TableName: 'orders', Item: { pk: { S: 'fuzz' }, sk: { S: 'n' }, deep: nested(int(random, 33, 500)) } }) } }),
    () => {
      const depth = int(random, 10, 8_000)
      return { kind: 'deep JSON nesting', call: { target, body: `${'['.repeat(depth)}${']'.repeat(depth)}` } }
    },
    () => ({ kind: 'bad attribute value', call: { target: 'DynamoDB_20120810.PutItem', body: JSON.stringify({ TableName: 'orders', Item: { pk: { S: 'fuzz' }, sk: { S: 'v' }, a: pick(random, BAD_VALUES) } }) } }),
    () => {
      let randomTarget = ''
      do {
        randomTarget = pick(random, [
          () => text(random, int(random, 0, 60), 'abcXYZ019 _-.:#{}[]",'),
          () => `DynamoDB_20120810.${text(random, int(random, 1, 30), 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ')}`,
          () => target.toLowerCase(),
          () => `DynamoDBStreams_20120810.${operation.replace(/^.*\./, '')}`,
          () => `${target}.`,
        ])()
      } while (DEFAULT_OPERATIONS.has(randomTarget))
      return { kind: 'random target', call: { target: randomTarget, body: JSON.stringify(body) } }
    },
    () => ({ kind: 'no target', call: { body: JSON.stringify(body) } }),
    () => ({ kind: 'no signature', call: { target, body: JSON.stringify(body), headers: { authorization: pick(random, ['', 'Basic dXNlcjpwYXNz', 'Bearer x', text(random, 20, 'abcXYZ019 =/,')]) } } }),
    () => ({ kind: 'incomplete signature', call: { target, body: JSON.stringify(body), headers: { authorization: `AWS4-HMAC-SHA256 ${pick(random, ['Credential=AKID/20260101/us-east-1/dynamodb/aws4_request', 'SignedHeaders=host, Signature=00', ''])}` } } }),
    () => ({ kind: 'wrong method', call: { method: pick(random, ['PUT', 'DELETE', 'PATCH', 'GET']), target, body: JSON.stringify(body) } }),
    () => ({ kind: 'wrong path', call: { path: pick(random, ['/x', '/2012-08-10/', `/${text(random, 10, 'abc/')}`, '//']), target, body: JSON.stringify(body) } }),
    () => ({ kind: 'wrong content type', call: { target, body: JSON.stringify(body), headers: { 'content-type': pick(random, ['text/plain', 'application/xml', 'multipart/form-data', 'application/x-www-form-urlencoded']) } } }),
    () => {
      const member = ENUM_MEMBERS[operation]
      const [enumTarget, enumBody, enumMember] = member === undefined ? ['DynamoDB_20120810.PutItem', (VALID[0] as (typeof VALID)[number])[1](), 'ReturnValues'] : [target, body, member]
      return { kind: 'bad enum', call: { target: enumTarget, body: JSON.stringify({ ...enumBody, [enumMember]: text(random, 8, 'ABCXYZ_') }) } }
    },
    () => ({ kind: 'over the size limit', call: { target, body: JSON.stringify({ ...body, Pad: 'p'.repeat(MAX_REQUEST_BYTES + int(random, 1, 4_000)) }) } }),
  ]
  return pick(random, kinds)()
}

function snapshot(store: Store): string {
  const tables = store.listTables().map((name) => {
    const table = store.getTable(name)
    if (table === undefined) return [name]
    const shards = table.stream.describe().shards
    const records = shards.map((shard) => table.stream.getRecords(table.stream.getShardIterator({ shardId: shard.shardId, type: 'TRIM_HORIZON' }), { limit: 1000 }).records.map((r) => r.sequenceNumber))
    return [name, table.describe(), table.scan().items, shards, records]
  })
  return JSON.stringify(tables)
}

let server: StreamtableServer
let store: Store
beforeAll(async () => {
  store = createStore()
  const orders = store.createTable<{ pk: string; sk: string; n?: number }>()({ name: 'orders', partitionKey: 'pk', sortKey: 'sk', keyTypes: { partitionKey: 'string', sortKey: 'string' }, stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
  orders.put({ pk: 'c1', sk: 'o1', n: 1 })
  orders.put({ pk: 'c2', sk: 'o1', n: 2 })
  server = await startServer(store, { port: 0, maxRequestBytes: MAX_REQUEST_BYTES })
})
afterAll(() => server.close())

describe('fuzzing the server', () => {
  it(`answers ${REQUESTS} malformed requests with a 4xx and a named error, keeps serving, and leaves the store as it was`, async () => {
    const before = snapshot(store)
    const random = seededRandom(0x5eed)
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
    const failures: string[] = []
    const kinds = new Map<string, number>()
    let sent = 0
    async function worker(): Promise<void> {
      while (sent < REQUESTS) {
        sent++
        const { kind, call: request } = malformed(random)
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1)
        const answer = await send(server.url, { ...request, agent })
        const code = answer.text.startsWith('<') ? /^<(\w+)\/>$/.exec(answer.text)?.[1] : (JSON.parse(answer.text) as { __type?: string }).__type?.split('#')[1]
        if (answer.status < 400 || answer.status >= 500 || code === undefined || code === '') {
          failures.push(`${kind}: ${answer.status} ${answer.text.slice(0, 200)} for ${String(request.body).slice(0, 200)}`)
        }
      }
    }
    await Promise.all(Array.from({ length: CONCURRENCY }, worker))
    agent.destroy()
    expect(failures.slice(0, 5)).toEqual([])
    expect([...kinds.values()].reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(REQUESTS)
    expect(kinds.size).toBe(18)
    expect(snapshot(store)).toBe(before)
    const still = await call(server.url, 'GetItem', { TableName: 'orders', Key: { pk: { S: 'c1' }, sk: { S: 'o1' } } })
    expect(still.status).toBe(200)
  }, 120_000)
})
