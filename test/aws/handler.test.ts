import { DescribeEndpointsCommand, DescribeLimitsCommand, DynamoDBClient, DynamoDBServiceException, ExecuteStatementCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb'
import { DynamoDBStreamsClient, ListStreamsCommand } from '@aws-sdk/client-dynamodb-streams'
import { AwsSmithyRpcV2CborProtocol } from '@aws-sdk/core/protocols'
import { describe, expect, it } from 'vitest'
import { awsClientConfig, awsRequestHandler, createAuthGuard } from '../../src/aws/index.js'
import { tableCrc32 } from '../../src/aws/protocol/crc32.js'
import { createStore } from '../../src/index.js'
import { sdkError, sdkSetup } from './clients.js'

const signed = { authorization: 'AWS4-HMAC-SHA256 Credential=K/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0', 'X-Amz-Date': '20260101T000000Z' }

describe('awsRequestHandler', () => {
  it('resolves { response } with a status, lower-case headers and a Uint8Array body whose CRC-32 is in x-amz-crc32', async () => {
    const handler = awsRequestHandler(createStore())
    const { response } = await handler.handle({
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.ListTables', ...signed },
      body: '{}',
    })
    expect(response.statusCode).toBe(200)
    expect(response.body).toBeInstanceOf(Uint8Array)
    expect(Object.keys(response.headers).every((name) => name === name.toLowerCase())).toBe(true)
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.0')
    expect(response.headers['x-amzn-requestid']).toMatch(/^[A-Z0-9]{52}$/)
    expect(response.headers['x-amz-crc32']).toBe(String(tableCrc32(response.body)))
    expect(JSON.parse(new TextDecoder().decode(response.body))).toEqual({ TableNames: [] })
  })

  it('answers service errors as 4xx responses, never as a rejection', async () => {
    const handler = awsRequestHandler(createStore())
    const { response } = await handler.handle({ method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'Nope', ...signed }, body: '{' })
    expect(response.statusCode).toBe(400)
  })

  it('rejects only a request already aborted', async () => {
    const handler = awsRequestHandler(createStore())
    await expect(handler.handle({ method: 'POST', headers: {}, body: '{}' }, { abortSignal: { aborted: true } })).rejects.toThrow('aborted')
  })

  it('has the rest of the HttpHandler contract: metadata, updateHttpClientConfig, httpHandlerConfigs, destroy', () => {
    const handler = awsRequestHandler(createStore())
    expect(handler.metadata.handlerProtocol).toBeTypeOf('string')
    handler.updateHttpClientConfig('requestTimeout', 5)
    expect(handler.httpHandlerConfigs()).toEqual({ requestTimeout: 5 })
    expect(() => handler.destroy()).not.toThrow()
  })

  it('plugs into the real clients, either as requestHandler or through awsClientConfig', async () => {
    const store = createStore()
    store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', stream: { viewType: 'KEYS_ONLY' } })
    const viaHandler = new DynamoDBClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' }, requestHandler: awsRequestHandler(store) })
    expect((await viaHandler.send(new ListTablesCommand({}))).TableNames).toEqual(['orders'])
    const viaConfig = new DynamoDBStreamsClient({ ...awsClientConfig(store) })
    const out = await viaConfig.send(new ListStreamsCommand({}))
    expect(out.Streams).toHaveLength(1)
    expect(out.$metadata.httpStatusCode).toBe(200)
    expect(out.$metadata.requestId).toMatch(/^[A-Z0-9]{52}$/)
  })
})

describe('awsClientConfig', () => {
  // What a client built from the config sends: the handler's requests, as the SDK hands them over.
  function recording(config: ReturnType<typeof awsClientConfig>) {
    const seen: { [name: string]: string | undefined }[] = []
    const requestHandler = { ...config.requestHandler, handle: (request: Parameters<typeof config.requestHandler.handle>[0]) => (seen.push(request.headers), config.requestHandler.handle(request)) }
    return { seen, config: { ...config, requestHandler } }
  }

  it('names the credential scope of the caller without computing a signature, where nothing checks one', async () => {
    const store = createStore({ region: 'eu-west-1' })
    const { seen, config } = recording(awsClientConfig(store))
    const client = new DynamoDBClient({ ...config, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } })
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([])
    const headers = seen[0] ?? {}
    expect(headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/eu-west-1\/dynamodb\/aws4_request, SignedHeaders=host;x-amz-date, Signature=unsigned$/)
    expect(headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/)
    expect(headers.authorization?.slice(37, 45)).toBe(headers['x-amz-date']?.slice(0, 8))
  })

  it('lets the SDK sign as for the service when a guard checks signatures', async () => {
    const store = createStore()
    const guard = createAuthGuard({ credentials: { AKIDTEST: { secretAccessKey: 'secret' } }, accountId: store.accountId })
    const { seen, config } = recording(awsClientConfig(store, { guard }))
    const client = new DynamoDBClient({ ...config, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'secret' } })
    expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([])
    expect(seen[0]?.authorization).toMatch(/, Signature=[0-9a-f]{64}$/)
    const forged = new DynamoDBClient({ ...config, credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'wrong' } })
    await expect(forged.send(new ListTablesCommand({}))).rejects.toMatchObject({ name: 'InvalidSignatureException' })
  })
})

describe('a client switched to the Smithy RPC v2 CBOR protocol', () => {
  it('gets an error it can read, saying which protocol is spoken', async () => {
    const store = createStore()
    const client = new DynamoDBStreamsClient({
      ...awsClientConfig(store),
      maxAttempts: 1,
      protocol: AwsSmithyRpcV2CborProtocol as never,
      protocolSettings: { defaultNamespace: 'com.amazonaws.dynamodbstreams' } as never,
    })
    const error = await sdkError(client.send(new ListStreamsCommand({})))
    expect(error.name).toBe('UnknownOperationException')
    expect(error.message).toContain('awsJson1_0')
    expect(error.status).toBe(400)
  })
})

describe('the stateless DynamoDB operations through DynamoDBClient', () => {
  it('lists tables in ascending order, a page at a time', async () => {
    const { store, dynamodb } = sdkSetup()
    for (const name of ['delta', 'alpha', 'charlie', 'bravo']) store.createTable<{ id: string }>()({ name, partitionKey: 'id' })
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(['alpha', 'bravo', 'charlie', 'delta'])
    const first = await dynamodb.send(new ListTablesCommand({ Limit: 1 }))
    expect(first.TableNames).toEqual(['alpha'])
    expect(first.LastEvaluatedTableName).toBe('alpha')
    const seen = [...(first.TableNames ?? [])]
    let start = first.LastEvaluatedTableName
    while (start !== undefined) {
      const page = await dynamodb.send(new ListTablesCommand({ Limit: 3, ExclusiveStartTableName: start }))
      seen.push(...(page.TableNames ?? []))
      start = page.LastEvaluatedTableName
    }
    expect(seen).toEqual(['alpha', 'bravo', 'charlie', 'delta'])
    const exact = await dynamodb.send(new ListTablesCommand({ Limit: 4 }))
    expect(exact.LastEvaluatedTableName).toBeUndefined()
    expect((await dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: 'bz_' }))).TableNames).toEqual(['charlie', 'delta'])
  })

  it.each([
    [{ Limit: 0 }, "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [{ Limit: 101 }, "1 validation error detected: Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"],
    [{ ExclusiveStartTableName: 'ab' }, "1 validation error detected: Value 'ab' at 'exclusiveStartTableName' failed to satisfy constraint: Member must have length greater than or equal to 3"],
  ])('refuses ListTables %j with a ValidationException the SDK raises by its code', async (input, message) => {
    const { dynamodb } = sdkSetup()
    const error = await sdkError(dynamodb.send(new ListTablesCommand(input)))
    expect(error.error).toBeInstanceOf(DynamoDBServiceException)
    expect(error.name).toBe('ValidationException')
    expect(error.message).toBe(message)
    expect(error.status).toBe(400)
    expect(error.fault).toBe('client')
  })

  it('describes the default account and table limits', async () => {
    const { dynamodb } = sdkSetup()
    const out = await dynamodb.send(new DescribeLimitsCommand({}))
    expect(out).toMatchObject({ AccountMaxReadCapacityUnits: 80000, AccountMaxWriteCapacityUnits: 80000, TableMaxReadCapacityUnits: 40000, TableMaxWriteCapacityUnits: 40000 })
  })

  it('describes the endpoint of the region the client signs for', async () => {
    const store = createStore({ region: 'eu-west-1' })
    const client = new DynamoDBClient({ ...awsClientConfig(store), region: 'ap-southeast-2' })
    const out = await client.send(new DescribeEndpointsCommand({}))
    expect(out.Endpoints).toEqual([{ Address: 'dynamodb.ap-southeast-2.amazonaws.com', CachePeriodInMinutes: 1440 }])
  })

  it('answers an operation not built with UnknownOperationException, as for an unknown target', async () => {
    const { store, dynamodb } = sdkSetup()
    store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id' })
    const error = await sdkError(dynamodb.send(new ExecuteStatementCommand({ Statement: `INSERT INTO orders VALUE {'id': 'x'}` })))
    expect(error.name).toBe('UnknownOperationException')
    expect(error.status).toBe(400)
    expect(store.getTable('orders').count()).toBe(0)
  })

  it('gives a client settings that no environment variable or ~/.aws file changes', async () => {
    const saved = { ...process.env }
    Object.assign(process.env, { AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true', AWS_RETRY_MODE: 'adaptive', AWS_SDK_UA_APP_ID: 'someone-else' })
    try {
      const store = createStore()
      const client = new DynamoDBClient({ ...awsClientConfig(store), maxAttempts: 1 })
      expect(await client.config.useFipsEndpoint()).toBe(false)
      expect(await client.config.useDualstackEndpoint()).toBe(false)
      expect(client.config.retryMode).toBe('standard')
      expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([])
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name]
      Object.assign(process.env, saved)
    }
  })
})
