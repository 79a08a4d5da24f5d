import { Agent } from 'node:http'
import { describe, expect, it } from 'vitest'
import { startServer } from '../../../src/aws/index.js'
import { createStore } from '../../../src/index.js'
import { call, rawSocket, readUntilClosed } from './http.js'

describe('closing a server', () => {
  it('stops accepting, finishes the request still arriving, closes idle connections, then resolves', async () => {
    const store = createStore()
    store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', keyTypes: { partitionKey: 'string' } })
    const server = await startServer(store, { port: 0 })
    const agent = new Agent({ keepAlive: true })
    await call(server.url, 'ListTables', {}, { agent })
    const body = JSON.stringify({ TableName: 'orders', Item: { id: { S: 'late' } } })
    const arriving = await rawSocket(server.url)
    const answer = readUntilClosed(arriving)
    arriving.write(`POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: DynamoDB_20120810.PutItem\r\nauthorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\nx-amz-date: 20260101T000000Z\r\ncontent-length: ${body.length}\r\n\r\n${body.slice(0, 10)}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
    let closed = false
    const closing = server.close().then(() => (closed = true))
    expect(server.close()).toBe(server.close())
    await expect(call(server.url, 'ListTables', {})).rejects.toThrow(/ECONNREFUSED/)
    expect(closed).toBe(false)
    arriving.write(body.slice(10))
    const text = await answer
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\n/)
    expect(text.toLowerCase()).toContain('\r\nconnection: close\r\n')
    await closing
    expect(store.getTable('orders')?.get({ id: 'late' })).toEqual({ id: 'late' })
    agent.destroy()
  })

  it('drops connections still open after closeTimeoutMs', async () => {
    const server = await startServer(createStore(), { port: 0, closeTimeoutMs: 100 })
    const stalled = await rawSocket(server.url)
    const gone = readUntilClosed(stalled)
    stalled.write('POST / HTTP/1.1\r\nhost: x\r\ncontent-length: 50\r\n\r\n{')
    await new Promise((resolve) => setTimeout(resolve, 20))
    const started = Date.now()
    await server.close()
    await gone
    expect(Date.now() - started).toBeLessThan(2000)
  })
})
