import { Agent } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type ServerOptions, type StreamtableServer } from '../../../src/aws/index.js'
import { tableCrc32 } from '../../../src/aws/protocol/crc32.js'
import { createStore } from '../../../src/index.js'
import { call, codeOf, json, rawSocket, readUntilClosed, send } from './http.js'

const running: StreamtableServer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

async function serve(options: ServerOptions = {}) {
  const store = createStore()
  store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', keyTypes: { partitionKey: 'string' }, stream: { viewType: 'NEW_IMAGE' } })
  const server = await startServer(store, { port: 0, ...options })
  running.push(server)
  return { store, server, url: server.url }
}

describe('the HTTP transport, as the service', () => {
  it('answers POST / with the operation the target names, a checksum of the exact body and a request id', async () => {
    const { url, store } = await serve()
    const put = await call(url, 'PutItem', { TableName: 'orders', Item: { id: { S: 'a' } } })
    expect(put.status).toBe(200)
    expect(json(put)).toEqual({})
    expect(store.getTable('orders')?.get({ id: 'a' })).toEqual({ id: 'a' })
    const get = await call(url, 'GetItem', { TableName: 'orders', Key: { id: { S: 'a' } } })
    expect(json(get)).toEqual({ Item: { id: { S: 'a' } } })
    for (const answer of [put, get]) {
      expect(answer.headers['content-type']).toBe('application/x-amz-json-1.0')
      expect(answer.headers['x-amz-crc32']).toBe(String(tableCrc32(answer.body)))
      expect(answer.headers['x-amzn-requestid']).toMatch(/^[A-Z0-9]{52}$/)
    }
    expect(put.headers['x-amzn-requestid']).not.toBe(get.headers['x-amzn-requestid'])
  })

  it('serves DynamoDB Streams on the same endpoint', async () => {
    const { url } = await serve()
    const answer = await call(url, 'DynamoDBStreams_20120810.ListStreams', {})
    expect(answer.status).toBe(200)
    expect((json(answer).Streams as unknown[]).length).toBe(1)
  })

  it('keeps the connection alive between requests', async () => {
    const { url } = await serve()
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    try {
      const first = await call(url, 'ListTables', {}, { agent })
      const second = await call(url, 'ListTables', {}, { agent })
      expect([first.status, second.status]).toEqual([200, 200])
      expect(first.headers.connection).toBe('keep-alive')
      expect(second.reusedSocket).toBe(true)
    } finally {
      agent.destroy()
    }
  })

  it.each([
    ['a GET of another path', 'GET', '/tables'],
    ['a PUT of /', 'PUT', '/'],
    ['a POST of another path', 'POST', '/2012-08-10/tables'],
  ])('answers %s as a wrong method: 404 <UnknownOperationException/>', async (_name, method, path) => {
    const { url } = await serve()
    const answer = await send(url, { method, path, target: 'DynamoDB_20120810.ListTables', body: '{}' })
    expect(answer.status).toBe(404)
    expect(answer.text).toBe('<UnknownOperationException/>')
    expect(answer.headers['x-amzn-requestid']).toMatch(/^[A-Z0-9]{52}$/)
    expect(answer.headers['x-amz-crc32']).toBe(String(tableCrc32(answer.body)))
  })

  it('answers GET / as the service health check', async () => {
    const { url } = await serve()
    const answer = await send(url, { method: 'GET' })
    expect(answer.status).toBe(200)
    expect(answer.text).toBe('healthy: dynamodb.us-east-1.amazonaws.com ')
  })

  it.each([
    ['no target', undefined],
    ['an unknown target', 'DynamoDB_20120810.Frobnicate'],
  ])('answers %s with UnknownOperationException', async (_name, target) => {
    const { url } = await serve()
    const answer = await send(url, { ...(target === undefined ? {} : { target }), body: '{}' })
    expect(answer.status).toBe(400)
    expect(json(answer)).toEqual({ __type: 'com.amazon.coral.service#UnknownOperationException' })
  })

  it('answers malformed JSON with SerializationException', async () => {
    const { url } = await serve()
    const answer = await send(url, { target: 'DynamoDB_20120810.PutItem', body: '{"TableName": "orders", ' })
    expect(answer.status).toBe(400)
    expect(json(answer)).toEqual({ __type: 'com.amazon.coral.service#SerializationException' })
  })

  it('answers a body over the limit with 413, declared or streamed, and goes on serving', async () => {
    const { url, store } = await serve({ maxRequestBytes: 1024 })
    const item = JSON.stringify({ TableName: 'orders', Item: { id: { S: 'big' }, pad: { S: 'x'.repeat(2000) } } })
    const declared = await send(url, { target: 'DynamoDB_20120810.PutItem', body: item })
    expect(declared.status).toBe(413)
    expect(codeOf(declared)).toBe('RequestEntityTooLargeException')
    expect(json(declared).message).toBe(`Request body too large: expected at most 1024 bytes, received ${Buffer.byteLength(item)}`)
    const chunked = await send(url, { target: 'DynamoDB_20120810.PutItem', body: item, headers: { 'transfer-encoding': 'chunked' } })
    expect(chunked.status).toBe(413)
    expect(json(chunked).message).toBe('Request body too large: expected at most 1024 bytes, received more than 1024')
    expect(store.getTable('orders')?.get({ id: 'big' })).toBeUndefined()
    expect((await call(url, 'ListTables', {})).status).toBe(200)
  })

  it('takes a body up to the service limit of 16 MiB, and refuses one byte more', async () => {
    const { url } = await serve()
    const limit = 16 * 1024 * 1024
    const atLimit = Buffer.alloc(limit, ' ')
    atLimit.write('{}')
    expect((await send(url, { target: 'DynamoDB_20120810.ListTables', body: atLimit })).status).toBe(200)
    const over = await send(url, { target: 'DynamoDB_20120810.ListTables', body: Buffer.concat([atLimit, Buffer.from(' ')]) })
    expect(over.status).toBe(413)
  })

  it('times out a client that stalls in its body or its headers, while serving others', async () => {
    const { url } = await serve({ requestTimeoutMs: 300 })
    const inBody = await rawSocket(url)
    const inHeaders = await rawSocket(url)
    const bodyAnswer = readUntilClosed(inBody)
    const headersAnswer = readUntilClosed(inHeaders)
    inBody.write('POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: DynamoDB_20120810.ListTables\r\ncontent-length: 100\r\n\r\n{"Tab')
    inHeaders.write('POST / HTTP/1.1\r\nhost: x\r\ncontent-')
    const started = Date.now()
    expect((await call(url, 'ListTables', {})).status).toBe(200)
    for (const text of [await bodyAnswer, await headersAnswer]) {
      expect(text).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/)
      expect(text).toMatch(/\r\nx-amzn-requestid: [A-Z0-9]{52}\r\n/)
      expect(text).toContain('"__type":"com.amazon.coral.service#RequestTimeoutException"')
    }
    expect(Date.now() - started).toBeLessThan(5000)
    expect((await call(url, 'ListTables', {})).status).toBe(200)
  })

  it('answers bytes that are not HTTP with a named 400 and closes that connection only', async () => {
    const { url } = await serve()
    const socket = await rawSocket(url)
    const answer = readUntilClosed(socket)
    socket.write('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 not http\r\n\r\n')
    const text = await answer
    expect(text).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/)
    expect(text).toContain('com.amazon.coral.service#SerializationException')
    expect((await call(url, 'ListTables', {})).status).toBe(200)
  })
})

describe('CORS', () => {
  it('is off by default: no CORS headers, and a preflight is a wrong method', async () => {
    const { url } = await serve()
    const answer = await call(url, 'ListTables', {}, { headers: { origin: 'http://localhost:3000' } })
    expect(answer.headers['access-control-allow-origin']).toBeUndefined()
    const preflight = await send(url, { method: 'OPTIONS', headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' } })
    expect(preflight.status).toBe(404)
  })

  it('with any origin allowed, answers preflights and exposes the request id and checksum', async () => {
    const { url } = await serve({ cors: true })
    const preflight = await send(url, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-amz-target,authorization' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers['access-control-allow-origin']).toBe('*')
    expect(preflight.headers['access-control-allow-methods']).toContain('POST')
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type,x-amz-target,authorization')
    const answer = await call(url, 'ListTables', {}, { headers: { origin: 'http://localhost:3000' } })
    expect(answer.headers['access-control-allow-origin']).toBe('*')
    expect(answer.headers['access-control-expose-headers']).toBe('x-amzn-RequestId, x-amz-crc32')
  })

  it('with a list of origins, allows those only', async () => {
    const { url } = await serve({ cors: 'http://localhost:3000, https://admin.example' })
    const allowed = await call(url, 'ListTables', {}, { headers: { origin: 'https://admin.example' } })
    expect(allowed.headers['access-control-allow-origin']).toBe('https://admin.example')
    expect(allowed.headers.vary).toBe('Origin')
    const other = await call(url, 'ListTables', {}, { headers: { origin: 'https://evil.example' } })
    expect(other.status).toBe(200)
    expect(other.headers['access-control-allow-origin']).toBeUndefined()
  })
})

describe('a guard', () => {
  it('sees each well-formed request and its fault is the answer', async () => {
    const seen: string[] = []
    const { url, store } = await serve({
      guard: (request) => {
        seen.push(request.target)
        return request.target.endsWith('.PutItem') ? { fault: { status: 400, code: 'AccessDeniedException', message: 'not this one' } } : { accessKeyId: 'AKIDEXAMPLE' }
      },
    })
    const denied = await call(url, 'PutItem', { TableName: 'orders', Item: { id: { S: 'a' } } })
    expect(denied.status).toBe(400)
    expect(json(denied)).toEqual({ __type: 'com.amazon.coral.service#AccessDeniedException', message: 'not this one' })
    expect((await call(url, 'ListTables', {})).status).toBe(200)
    expect(seen).toEqual(['DynamoDB_20120810.PutItem', 'DynamoDB_20120810.ListTables'])
    expect(store.getTable('orders')?.get({ id: 'a' })).toBeUndefined()
  })
})

describe('startServer options', () => {
  it.each([
    [{ port: 70000 }, 'Invalid port: expected an integer from 0 to 65535, received number 70000 (ValidationException)'],
    [{ host: '' }, 'Invalid host'],
    [{ maxRequestBytes: 0 }, 'Invalid maxRequestBytes: expected a positive integer, received number 0 (ValidationException)'],
    [{ cors: [] }, 'Invalid cors'],
    [{ prot: 1 } as ServerOptions, 'Unknown server option "prot"'],
  ])('refuses %j', async (options, message) => {
    await expect(startServer(createStore(), options)).rejects.toThrow(message)
  })

  it('says which address is taken when the port is in use', async () => {
    const { server } = await serve()
    await expect(startServer(createStore(), { port: server.port })).rejects.toThrow(`Cannot listen on http://127.0.0.1:${server.port}: listen EADDRINUSE`)
  })
})
