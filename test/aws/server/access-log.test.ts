import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type AccessLogEntry, type StreamtableServer } from '../../../src/aws/index.js'
import { createStore } from '../../../src/index.js'
import { ManualClock } from '../../../src/testing.js'
import { T0 } from '../../helpers/time.js'
import { call, send } from './http.js'

const running: StreamtableServer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

function store() {
  const s = createStore({ clock: new ManualClock(T0) })
  s.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', keyTypes: { partitionKey: 'string' }, stream: { viewType: 'KEYS_ONLY' } })
  return s
}

describe('the access log', () => {
  it('records each request: time, request id, access key, operation, table, status, error code, duration', async () => {
    const entries: AccessLogEntry[] = []
    const server = await startServer(store(), { port: 0, accessLog: (entry) => entries.push(entry) })
    running.push(server)
    const put = await call(server.url, 'PutItem', { TableName: 'orders', Item: { id: { S: 'a' } } })
    await call(server.url, 'PutItem', { TableName: 'orders', Item: { id: { N: '1' } } })
    await call(server.url, 'DynamoDBStreams_20120810.DescribeStream', { StreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2020-01-01T00:00:00.000' })
    await send(server.url, { method: 'GET', path: '/nowhere' })
    await send(server.url, { target: 'DynamoDB_20120810.PutItem', body: '{', headers: { authorization: '' } })
    expect(entries).toHaveLength(5)
    expect(entries[0]).toEqual({
      time: new Date(T0).toISOString(),
      requestId: put.headers['x-amzn-requestid'],
      accessKeyId: 'AKIDEXAMPLE',
      operation: 'PutItem',
      table: 'orders',
      status: 200,
      errorCode: null,
      durationMs: expect.any(Number),
    })
    expect(entries[0]?.durationMs).toBeGreaterThan(0)
    expect(entries.slice(1).map(({ operation, table, status, errorCode }) => ({ operation, table, status, errorCode }))).toEqual([
      { operation: 'PutItem', table: 'orders', status: 400, errorCode: 'ValidationException' },
      { operation: 'DescribeStream', table: 'orders', status: 400, errorCode: 'ResourceNotFoundException' },
      { operation: null, table: null, status: 404, errorCode: 'UnknownOperationException' },
      { operation: 'PutItem', table: null, status: 400, errorCode: 'SerializationException' },
    ])
    expect(new Set(entries.map((e) => e.requestId)).size).toBe(5)
  })

  it('appends one JSON line per request to a file, flushed when the server closes', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'streamtable-log-')), 'access.log')
    const server = await startServer(store(), { port: 0, accessLog: path })
    await call(server.url, 'ListTables', {})
    await call(server.url, 'GetItem', { TableName: 'missing', Key: { id: { S: 'a' } } })
    await server.close()
    const lines = readFileSync(path, 'utf8').trimEnd().split('\n')
    expect(lines).toHaveLength(2)
    const [first, second] = lines.map((line) => JSON.parse(line) as AccessLogEntry)
    expect(Object.keys(first as object)).toEqual(['time', 'requestId', 'accessKeyId', 'operation', 'table', 'status', 'errorCode', 'durationMs'])
    expect(first).toMatchObject({ operation: 'ListTables', table: null, status: 200, errorCode: null })
    expect(second).toMatchObject({ operation: 'GetItem', table: 'missing', status: 400, errorCode: 'ResourceNotFoundException' })
  })

  it('refuses to start with a log it cannot open', async () => {
    await expect(startServer(store(), { port: 0, accessLog: join(tmpdir(), 'no-such-dir', 'x', 'access.log') })).rejects.toThrow(/^Cannot open the access log: expected a writable file path, received ".*access\.log" \(ENOENT/)
  })
})
