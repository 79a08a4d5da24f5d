// startServer's auth option: signed requests over HTTP, checked by the auth module's guard.
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'
import { afterEach, describe, expect, it } from 'vitest'
import { startServer, type AccessLogEntry, type ServerOptions, type StreamtableServer } from '../../../src/aws/index.js'
import { createStore } from '../../../src/index.js'
import { sdkError } from '../clients.js'
import { call, json } from './http.js'

const running: StreamtableServer[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})

const AUTH: NonNullable<ServerOptions['auth']> = {
  credentials: { AKIAORDERS: { secretAccessKey: 'orders-secret', principal: 'orders-app' } },
  policies: {
    AKIAORDERS: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem'], Resource: 'arn:aws:dynamodb:*:*:table/orders' }] },
  },
}

async function serve(options: ServerOptions) {
  const store = createStore()
  store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', keyTypes: { partitionKey: 'string' } })
  const server = await startServer(store, { port: 0, ...options })
  running.push(server)
  const client = (accessKeyId: string, secretAccessKey: string) => new DynamoDBClient({ endpoint: server.url, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1 })
  return { store, server, client }
}

describe('a server with auth', () => {
  it('answers requests signed with a configured key, within its policy', async () => {
    const entries: AccessLogEntry[] = []
    const { client, store } = await serve({ auth: AUTH, accessLog: (entry) => entries.push(entry) })
    const db = client('AKIAORDERS', 'orders-secret')
    await db.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'a' } } }))
    expect((await db.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'a' } } }))).Item).toEqual({ id: { S: 'a' } })
    expect(store.getTable('orders')?.get({ id: 'a' })).toEqual({ id: 'a' })
    expect(entries.map((e) => [e.operation, e.accessKeyId, e.status])).toEqual([
      ['PutItem', 'AKIAORDERS', 200],
      ['GetItem', 'AKIAORDERS', 200],
    ])
    db.destroy()
  })

  it('refuses a wrong secret, an unknown key, an unsigned request and an action outside the policy, as the service', async () => {
    const { client, store } = await serve({ auth: AUTH })
    const put = new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'b' } } })
    const wrongSecret = await sdkError(client('AKIAORDERS', 'guessed').send(put))
    expect([wrongSecret.name, wrongSecret.status]).toEqual(['InvalidSignatureException', 400])
    const unknownKey = await sdkError(client('AKIAOTHER', 'orders-secret').send(put))
    expect([unknownKey.name, unknownKey.message]).toEqual(['UnrecognizedClientException', 'The security token included in the request is invalid.'])
    const denied = await sdkError(client('AKIAORDERS', 'orders-secret').send(new DeleteItemCommand({ TableName: 'orders', Key: { id: { S: 'a' } } })))
    expect(denied.name).toBe('AccessDeniedException')
    expect(denied.message).toBe(
      'User: arn:aws:iam::000000000000:user/orders-app is not authorized to perform: dynamodb:DeleteItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table/orders because no identity-based policy allows the dynamodb:DeleteItem action',
    )
    expect(store.getTable('orders')?.get({ id: 'b' })).toBeUndefined()
  })

  it('takes either auth or a guard of its own, not both', async () => {
    await expect(startServer(createStore(), { port: 0, auth: AUTH, guard: () => ({ accessKeyId: undefined }) })).rejects.toThrow('Invalid auth: expected either auth or guard, not both')
  })

  it('without auth, takes any signature shape, as DynamoDB Local does', async () => {
    const { server } = await serve({})
    expect(json(await call(server.url, 'ListTables', {}))).toEqual({ TableNames: ['orders'] })
  })
})
