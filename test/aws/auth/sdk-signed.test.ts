// Requests signed by the real SDK: captured before they reach the dispatcher and checked by the verifier, then
// answered through the in-process handler with the auth guard in front of the operations.
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb'
import { DescribeStreamCommand, DynamoDBStreamsClient, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { awsRequestHandler, createAuthGuard, type CredentialSet } from '../../../src/aws/index.js'
import { createSignatureVerifier, type SignedRequest } from '../../../src/aws/auth/signature-verifier.js'
import { createStore } from '../../../src/index.js'
import { ManualClock } from '../../../src/testing.js'
import { MINUTE } from '../../helpers/time.js'
import { sdkError } from '../clients.js'

const KEYS: CredentialSet = {
  AKIAORDERS: { secretAccessKey: 'orders-secret' },
  ASIATEMPORARY: { secretAccessKey: 'temporary-secret', sessionToken: 'session-token-1' },
}
const ENDPOINT = 'http://localhost:8000'
const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.'

interface CapturedRequest {
  method: string
  path: string
  headers: { [name: string]: string }
  body: Uint8Array
}

/** A request handler that keeps what the SDK signed and answers `{}`. */
function capturingHandler(captured: CapturedRequest[]) {
  return {
    metadata: { handlerProtocol: 'capture' },
    handle(request: { method: string; path: string; headers: { [name: string]: string }; body?: unknown }) {
      const body = request.body instanceof Uint8Array ? request.body : new TextEncoder().encode(String(request.body ?? ''))
      captured.push({ method: request.method, path: request.path, headers: { ...request.headers }, body })
      return Promise.resolve({ response: { statusCode: 200, headers: {}, body: new TextEncoder().encode('{}') } })
    },
    updateHttpClientConfig() {},
    httpHandlerConfigs: () => ({}),
    destroy() {},
  }
}

function sha256Hex(body: Uint8Array): string {
  return createHash('sha256').update(body).digest('hex')
}

async function signedByTheSdk(credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }, config: { systemClockOffset?: number } = {}): Promise<SignedRequest & { body: Uint8Array }> {
  const captured: CapturedRequest[] = []
  const client = new DynamoDBClient({ region: 'eu-west-1', endpoint: ENDPOINT, credentials, requestHandler: capturingHandler(captured), maxAttempts: 1, ...config })
  await client.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'o-1' }, note: { S: 'crème brûlée' } } }))
  const request = captured[0]
  if (request === undefined) throw new Error('the SDK sent no request')
  const headers: { [name: string]: string } = {}
  for (const [name, value] of Object.entries(request.headers)) headers[name.toLowerCase()] = value
  return { method: request.method, path: request.path, headers, body: request.body }
}

describe('requests the SDK signed, checked by the verifier', () => {
  const verify = createSignatureVerifier({ credentials: KEYS })

  it('accepts them, with and without a session token', async () => {
    const plain = await signedByTheSdk({ accessKeyId: 'AKIAORDERS', secretAccessKey: 'orders-secret' })
    expect(verify(plain, Date.now())).toMatchObject({ accessKeyId: 'AKIAORDERS', region: 'eu-west-1' })
    const temporary = await signedByTheSdk({ accessKeyId: 'ASIATEMPORARY', secretAccessKey: 'temporary-secret', sessionToken: 'session-token-1' })
    expect(temporary.headers['x-amz-security-token']).toBe('session-token-1')
    expect(verify(temporary, Date.now())).toMatchObject({ accessKeyId: 'ASIATEMPORARY' })
  })

  it('refuses a wrong secret, an unknown key and a missing or wrong session token', async () => {
    const wrongSecret = await signedByTheSdk({ accessKeyId: 'AKIAORDERS', secretAccessKey: 'guessed' })
    expect(verify(wrongSecret, Date.now())).toEqual({ fault: { status: 400, code: 'InvalidSignatureException', message: MISMATCH } })
    const invalidToken = { fault: { status: 400, code: 'UnrecognizedClientException', message: 'The security token included in the request is invalid.' } }
    expect(verify(await signedByTheSdk({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'orders-secret' }), Date.now())).toEqual(invalidToken)
    expect(verify(await signedByTheSdk({ accessKeyId: 'ASIATEMPORARY', secretAccessKey: 'temporary-secret' }), Date.now())).toEqual(invalidToken)
    const wrongToken = await signedByTheSdk({ accessKeyId: 'ASIATEMPORARY', secretAccessKey: 'temporary-secret', sessionToken: 'session-token-0' })
    expect(verify(wrongToken, Date.now())).toEqual(invalidToken)
    const unexpectedToken = await signedByTheSdk({ accessKeyId: 'AKIAORDERS', secretAccessKey: 'orders-secret', sessionToken: 'session-token-1' })
    expect(verify(unexpectedToken, Date.now())).toEqual(invalidToken)
  })

  it('refuses a tampered body, signed header or path', async () => {
    const signed = await signedByTheSdk({ accessKeyId: 'AKIAORDERS', secretAccessKey: 'orders-secret' })
    const mismatch = { fault: { status: 400, code: 'InvalidSignatureException', message: MISMATCH } }
    const body = new TextEncoder().encode(new TextDecoder().decode(signed.body).replace('o-1', 'o-2'))
    expect(verify({ ...signed, body }, Date.now())).toEqual(mismatch)
    // With the body's hash header changed to match, the signature over that header still fails.
    const rehashed = { ...signed, body, headers: { ...signed.headers, 'x-amz-content-sha256': sha256Hex(body) } }
    expect(verify(rehashed, Date.now())).toEqual(mismatch)
    expect(verify({ ...signed, headers: { ...signed.headers, 'x-amz-target': 'DynamoDB_20120810.DeleteItem' } }, Date.now())).toEqual(mismatch)
    expect(verify({ ...signed, path: '/other' }, Date.now())).toEqual(mismatch)
    // A header the signer did not sign may change freely.
    expect(verify({ ...signed, headers: { ...signed.headers, 'x-forwarded-for': '10.0.0.1' } }, Date.now())).toMatchObject({ accessKeyId: 'AKIAORDERS' })
  })

  it('refuses a signature more than 15 minutes away from the server clock, either way', async () => {
    const now = Date.UTC(2026, 0, 15, 12, 0, 0)
    const at = (ms: number) => signedByTheSdk({ accessKeyId: 'AKIAORDERS', secretAccessKey: 'orders-secret' }, { systemClockOffset: ms - Date.now() })
    expect(verify(await at(now - 14 * MINUTE), now)).toMatchObject({ accessKeyId: 'AKIAORDERS' })
    expect(verify(await at(now + 14 * MINUTE), now)).toMatchObject({ accessKeyId: 'AKIAORDERS' })
    expect(verify(await at(now - 16 * MINUTE), now)).toEqual({
      fault: { status: 400, code: 'InvalidSignatureException', message: 'Signature expired: 20260115T114400Z is now earlier than 20260115T114500Z (20260115T120000Z - 15 min.)' },
    })
    expect(verify(await at(now + 16 * MINUTE), now)).toEqual({
      fault: { status: 400, code: 'InvalidSignatureException', message: 'Signature not yet current: 20260115T121600Z is still later than 20260115T121500Z (20260115T120000Z + 15 min.)' },
    })
  })

  it('refuses a credential scoped to another region when the server names its region', async () => {
    const signed = await signedByTheSdk({ accessKeyId: 'AKIAORDERS', secretAccessKey: 'orders-secret' })
    const regional = createSignatureVerifier({ credentials: KEYS, region: 'us-east-1' })
    expect(regional(signed, Date.now())).toEqual({ fault: { status: 400, code: 'InvalidSignatureException', message: 'Credential should be scoped to a valid region. ' } })
    expect(createSignatureVerifier({ credentials: KEYS, region: 'eu-west-1' })(signed, Date.now())).toMatchObject({ accessKeyId: 'AKIAORDERS' })
  })
})

describe('the auth guard in front of the in-process handler', () => {
  function setup() {
    const store = createStore({ clock: new ManualClock(Date.now()), region: 'eu-west-1', shards: { initial: 1 } })
    store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
    const requestHandler = awsRequestHandler(store, { guard: createAuthGuard({ credentials: KEYS, accountId: store.accountId }) })
    const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => ({ region: 'eu-west-1', endpoint: ENDPOINT, credentials, requestHandler, maxAttempts: 1 })
    return { store, client }
  }

  it('answers signed requests of both services', async () => {
    const { client } = setup()
    const config = client({ accessKeyId: 'AKIAORDERS', secretAccessKey: 'orders-secret' })
    const dynamodb = new DynamoDBClient(config)
    await dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'o-1' } } }))
    expect((await dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { id: { S: 'o-1' } } }))).Item).toEqual({ id: { S: 'o-1' } })
    const streams = new DynamoDBStreamsClient(config)
    const [summary] = (await streams.send(new ListStreamsCommand({}))).Streams ?? []
    expect((await streams.send(new DescribeStreamCommand({ StreamArn: summary?.StreamArn }))).StreamDescription?.TableName).toBe('orders')
    const temporary = new DynamoDBClient(client({ accessKeyId: 'ASIATEMPORARY', secretAccessKey: 'temporary-secret', sessionToken: 'session-token-1' }))
    expect((await temporary.send(new ListTablesCommand({}))).TableNames).toEqual(['orders'])
  })

  it('answers bad signatures with the service errors the SDK raises, and writes nothing', async () => {
    const { store, client } = setup()
    const wrongSecret = new DynamoDBClient(client({ accessKeyId: 'AKIAORDERS', secretAccessKey: 'guessed' }))
    const rejected = await sdkError(wrongSecret.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'o-1' } } })))
    expect([rejected.name, rejected.message, rejected.status]).toEqual(['InvalidSignatureException', MISMATCH, 400])
    const unknown = new DynamoDBClient(client({ accessKeyId: 'AKIAUNKNOWN', secretAccessKey: 'x' }))
    const unrecognized = await sdkError(unknown.send(new PutItemCommand({ TableName: 'orders', Item: { id: { S: 'o-1' } } })))
    expect([unrecognized.name, unrecognized.message, unrecognized.status]).toEqual(['UnrecognizedClientException', 'The security token included in the request is invalid.', 400])
    expect(store.getTable('orders').scan().items).toEqual([])
  })
})
