import { describe, expect, it } from 'vitest'
import { createDispatcher, createOperationRegistry, DEFAULT_OPERATIONS, operationsOf, type DispatchReport, type GuardedRequest, type RequestGuard, type WireRequest, type WireResponse } from '../../src/aws/index.js'
import { wireError } from '../../src/aws/protocol/wire-error.js'
import { ManualClock } from '../../src/testing.js'
import { T0 } from '../helpers/time.js'
import { tableCrc32 } from '../../src/aws/protocol/crc32.js'
import { createStore, TransactionCanceledException, ValidationException, type AttributeMap } from '../../src/index.js'

const AUTH = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/eu-west-2/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc'

function request(target: string | undefined, body: string | Uint8Array = '{}', headers: Record<string, string> = {}): WireRequest {
  return {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      authorization: AUTH,
      'x-amz-date': '20260101T000000Z',
      ...(target === undefined ? {} : { 'x-amz-target': target }),
      ...headers,
    },
    body,
  }
}

function bodyOf(response: WireResponse): Record<string, unknown> {
  return JSON.parse(new TextDecoder().decode(response.body)) as Record<string, unknown>
}

function setup() {
  const store = createStore()
  store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', stream: { viewType: 'KEYS_ONLY' } })
  return { store, dispatch: createDispatcher(store, DEFAULT_OPERATIONS) }
}

describe('the dispatcher, raw JSON in and out', () => {
  it('dispatches DynamoDB_20120810 targets to DynamoDB operations', () => {
    const { dispatch } = setup()
    const response = dispatch(request('DynamoDB_20120810.ListTables'))
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('application/x-amz-json-1.0')
    expect(bodyOf(response)).toEqual({ TableNames: ['orders'] })
  })

  it('dispatches DynamoDBStreams_20120810 targets on the same endpoint to Streams', () => {
    const { dispatch } = setup()
    const body = bodyOf(dispatch(request('DynamoDBStreams_20120810.ListStreams')))
    expect((body.Streams as unknown[]).length).toBe(1)
  })

  it.each([
    ['an unknown operation', 'DynamoDB_20120810.Frobnicate'],
    ['an operation not built yet', 'DynamoDB_20120810.ExecuteStatement'],
    ['a Streams name under the DynamoDB prefix', 'DynamoDB_20120810.GetRecords'],
    ['an unknown service', 'Kinesis_20131202.GetRecords'],
    ['no target at all', undefined],
  ])('answers %s with UnknownOperationException and no message', (_name, target) => {
    const { dispatch } = setup()
    const response = dispatch(request(target))
    expect(response.status).toBe(400)
    expect(bodyOf(response)).toEqual({ __type: 'com.amazon.coral.service#UnknownOperationException' })
  })

  it.each(['{', 'not json', '{"a":1,}'])('answers the malformed body %j with SerializationException and no message', (text) => {
    const { dispatch } = setup()
    const response = dispatch(request('DynamoDB_20120810.ListTables', text))
    expect(response.status).toBe(400)
    expect(bodyOf(response)).toEqual({ __type: 'com.amazon.coral.service#SerializationException' })
  })

  it('checks the JSON before the target, as the service does', () => {
    const { dispatch } = setup()
    expect(bodyOf(dispatch(request('Nope.Nope', '{')))).toEqual({ __type: 'com.amazon.coral.service#SerializationException' })
  })

  it('answers a member of the wrong JSON type with SerializationException and a capital-M Message', () => {
    const { dispatch } = setup()
    expect(bodyOf(dispatch(request('DynamoDB_20120810.ListTables', '{"Limit":"5"}')))).toEqual({
      __type: 'com.amazon.coral.service#SerializationException',
      Message: 'STRING_VALUE cannot be converted to Integer',
    })
    expect(bodyOf(dispatch(request('DynamoDBStreams_20120810.DescribeStream', '{"StreamArn":5}')))).toEqual({
      __type: 'com.amazon.coral.service#SerializationException',
      Message: 'NUMBER_VALUE cannot be converted to String',
    })
    expect(bodyOf(dispatch(request('DynamoDBStreams_20120810.DescribeStream', '{"StreamArn":{}}'))).Message).toBe('Start of structure or map found where not expected')
    expect(bodyOf(dispatch(request('DynamoDBStreams_20120810.DescribeStream', '{"StreamArn":"x","ShardFilter":"y"}'))).Message).toBe('Unexpected field type')
  })

  it('reports every constraint violation in one ValidationException, under coral.validate with lower-case message', () => {
    const { dispatch } = setup()
    const response = dispatch(request('DynamoDBStreams_20120810.GetShardIterator', JSON.stringify({ ShardId: 'short', ShardIteratorType: 'OLDEST' })))
    expect(response.status).toBe(400)
    expect(bodyOf(response)).toEqual({
      __type: 'com.amazon.coral.validate#ValidationException',
      message:
        "3 validation errors detected: Value null at 'streamArn' failed to satisfy constraint: Member must not be null; " +
        "Value 'short' at 'shardId' failed to satisfy constraint: Member must have length greater than or equal to 28; " +
        "Value 'OLDEST' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]",
    })
  })

  it('names nested members by their path', () => {
    const { dispatch } = setup()
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-01-01T00:00:00.000'
    const body = bodyOf(dispatch(request('DynamoDBStreams_20120810.DescribeStream', JSON.stringify({ StreamArn: arn, ShardFilter: { Type: 'PARENT_SHARDS' } }))))
    expect(body.message).toBe("1 validation error detected: Value 'PARENT_SHARDS' at 'shardFilter.type' failed to satisfy constraint: Member must satisfy enum value set: [CHILD_SHARDS]")
  })

  it('puts modelled errors under the DynamoDB namespace with lower-case message', () => {
    const { dispatch } = setup()
    const arn = 'arn:aws:dynamodb:us-east-1:000000000000:table/missing/stream/2026-01-01T00:00:00.000'
    const response = dispatch(request('DynamoDBStreams_20120810.DescribeStream', JSON.stringify({ StreamArn: arn })))
    expect(response.status).toBe(400)
    expect(bodyOf(response)).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException',
      message: `Requested resource not found: Stream: ${arn} not found`,
    })
  })

  it('sends TransactionCanceledException with Message and CancellationReasons, and a fault of ours as a 500', () => {
    const { store } = setup()
    const operations = createOperationRegistry(
      operationsOf('DynamoDB_20120810', {
        TransactWriteItems: () => {
          throw new TransactionCanceledException([{ code: 'None' }, { code: 'ConditionalCheckFailed', message: 'The conditional request failed', item: { id: 'x' } }])
        },
        Broken: () => {
          throw new TypeError('a bug')
        },
      }),
    )
    const dispatch = createDispatcher(store, operations)
    const cancelled = dispatch(request('DynamoDB_20120810.TransactWriteItems'))
    expect(cancelled.status).toBe(400)
    expect(bodyOf(cancelled)).toEqual({
      __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
      Message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { id: { S: 'x' } } }],
    })
    const broken = dispatch(request('DynamoDB_20120810.Broken'))
    expect(broken.status).toBe(500)
    expect(bodyOf(broken)).toEqual({ __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' })
  })

  it('refuses a registry naming one target twice', () => {
    const op = () => ({})
    expect(() => createOperationRegistry({ 'DynamoDB_20120810.X': op }, { 'DynamoDB_20120810.X': op })).toThrow('registered twice')
  })

  it('strips the native suffix from streamtable errors an operation lets through', () => {
    const { store } = setup()
    const dispatch = createDispatcher(store, createOperationRegistry({ 'DynamoDB_20120810.Check': () => { throw new ValidationException('The exact text') } }))
    expect(bodyOf(dispatch(request('DynamoDB_20120810.Check')))).toEqual({ __type: 'com.amazon.coral.validate#ValidationException', message: 'The exact text' })
  })

  it('puts a request id, the content type and the CRC-32 of the exact body on every response, errors included', () => {
    const { dispatch } = setup()
    const ids = new Set<string>()
    for (const response of [dispatch(request('DynamoDB_20120810.ListTables')), dispatch(request('Nope')), dispatch(request('DynamoDB_20120810.ListTables', '{'))]) {
      expect(response.headers['x-amzn-requestid']).toMatch(/^[A-Z0-9]{52}$/)
      ids.add(response.headers['x-amzn-requestid'] as string)
      expect(response.headers['x-amz-crc32']).toBe(String(tableCrc32(response.body)))
      expect(response.headers['content-length']).toBe(String(response.body.byteLength))
    }
    expect(ids.size).toBe(3)
  })

  it('numbers its request ids on across the ids whose last two digits come from a table', () => {
    const { dispatch } = setup()
    const counters: string[] = []
    for (let i = 0; i < 1300; i++) {
      const id = dispatch(request('DynamoDB_20120810.ListTables')).headers['x-amzn-requestid'] as string
      expect(id).toMatch(/^[A-Z0-9]{52}$/)
      counters.push(id.slice(40))
    }
    expect(counters.map((c) => parseInt(c, 36))).toEqual(counters.map((_, i) => i))
    expect(counters[1296]).toBe('000000000100')
  })

  it('reads the shape of each Authorization header, whatever the header read before it', () => {
    const { dispatch } = setup()
    const scoped = (key: string, region: string, signature: string) => `AWS4-HMAC-SHA256 Credential=${key}/20260101/${region}/dynamodb/aws4_request, SignedHeaders=host, Signature=${signature}`
    const regionOf = (authorization: string) => (bodyOf(dispatch(request('DynamoDB_20120810.DescribeEndpoints', '{}', { authorization }))) as { Endpoints?: { Address: string }[] }).Endpoints?.[0]?.Address
    expect(regionOf(scoped('K1', 'eu-west-1', 'aaa'))).toBe('dynamodb.eu-west-1.amazonaws.com')
    // Another signature on the same scope, then another scope: each read for itself.
    expect(regionOf(scoped('K1', 'eu-west-1', 'bbb'))).toBe('dynamodb.eu-west-1.amazonaws.com')
    expect(regionOf(scoped('K1', 'ap-east-1', 'bbb'))).toBe('dynamodb.ap-east-1.amazonaws.com')
    // A header that extends the last one's unsigned part with a credential after its signature keeps that scope...
    const first = 'AWS4-HMAC-SHA256 SignedHeaders=host, Credential=K2/20260101/us-west-2/dynamodb/aws4_request, Signature='
    expect(regionOf(`${first}x`)).toBe('dynamodb.us-west-2.amazonaws.com')
    expect(regionOf(`${first}y, Credential=K3/20260101/sa-east-1/dynamodb/aws4_request`)).toBe('dynamodb.us-west-2.amazonaws.com')
    // ...and one whose only credential comes after its last signature is read whole every time.
    const late = 'AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc, Credential='
    expect(regionOf(`${late}K4/20260101/eu-north-1/dynamodb/aws4_request`)).toBe('dynamodb.eu-north-1.amazonaws.com')
    expect(regionOf(`${late}K4/20260101/me-south-1/dynamodb/aws4_request`)).toBe('dynamodb.me-south-1.amazonaws.com')
    // A scope read across the signature mark is not kept either.
    const across = 'AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc, Credential=K5Signature=/20260101/'
    expect(regionOf(`${across}us-east-2/dynamodb/aws4_request`)).toBe('dynamodb.us-east-2.amazonaws.com')
    expect(regionOf(`${across}ca-central-1/dynamodb/aws4_request`)).toBe('dynamodb.ca-central-1.amazonaws.com')
    const incomplete = bodyOf(dispatch(request('DynamoDB_20120810.ListTables', '{}', { authorization: 'AWS4-HMAC-SHA256 Signature=abc' })))
    expect(incomplete.message).toBe("Authorization header requires 'Credential' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Signature=abc")
  })

  it('computes the CRC-32 of zlib', () => {
    expect(tableCrc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926)
    expect(tableCrc32(new Uint8Array())).toBe(0)
  })

  it('answers a request without Authorization with MissingAuthenticationTokenException', () => {
    const { dispatch } = setup()
    const { authorization: _drop, ...headers } = request('DynamoDB_20120810.ListTables').headers as Record<string, string>
    const response = dispatch({ method: 'POST', headers, body: '{}' })
    expect(response.status).toBe(400)
    expect(bodyOf(response)).toEqual({ __type: 'com.amazon.coral.service#MissingAuthenticationTokenException', message: 'Request is missing Authentication Token' })
  })

  it('answers an incomplete signature with IncompleteSignatureException naming what is missing', () => {
    const { dispatch } = setup()
    const body = bodyOf(dispatch(request('DynamoDB_20120810.ListTables', '{}', { authorization: 'AWS4-HMAC-SHA256 Signature=abc', 'x-amz-date': '' })))
    expect(body.__type).toBe('com.amazon.coral.service#IncompleteSignatureException')
    expect(body.message).toBe(
      "Authorization header requires 'Credential' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization=AWS4-HMAC-SHA256 Signature=abc",
    )
  })

  it('accepts any well-formed signature, whatever the key, secret or region, and takes the region from its scope', () => {
    const { dispatch } = setup()
    const auth = 'AWS4-HMAC-SHA256 Credential=ANYKEY/20991231/ap-south-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0000'
    const response = dispatch(request('DynamoDB_20120810.DescribeEndpoints', '{}', { authorization: auth }))
    expect(response.status).toBe(200)
    expect(bodyOf(response)).toEqual({ Endpoints: [{ Address: 'dynamodb.ap-south-1.amazonaws.com', CachePeriodInMinutes: 1440 }] })
  })

  it('answers a body of another content type with 404 and <UnknownOperationException/>, and GET / as a health check', () => {
    const { dispatch } = setup()
    const xml = dispatch(request('DynamoDB_20120810.ListTables', '{}', { 'content-type': 'text/plain' }))
    expect(xml.status).toBe(404)
    expect(new TextDecoder().decode(xml.body)).toBe('<UnknownOperationException/>')
    const put = dispatch({ ...request('DynamoDB_20120810.ListTables'), method: 'PUT' })
    expect(put.status).toBe(404)
    const health = dispatch({ method: 'GET', headers: {}, body: '' })
    expect(health.status).toBe(200)
    expect(new TextDecoder().decode(health.body)).toBe('healthy: dynamodb.us-east-1.amazonaws.com ')
  })

  it('accepts application/json and answers in it', () => {
    const { dispatch } = setup()
    const response = dispatch(request('DynamoDB_20120810.ListTables', new TextEncoder().encode('{"Limit":1}'), { 'content-type': 'application/json; charset=utf-8' }))
    expect(response.status).toBe(200)
    expect(response.headers['content-type']).toBe('application/json')
  })

  it.each([
    ['the rpc-v2-cbor protocol header', { 'smithy-protocol': 'rpc-v2-cbor' }],
    ['a CBOR content type', { 'content-type': 'application/cbor' }],
  ])('answers a request in %s with a CBOR error that says why', (_name, headers) => {
    const { dispatch } = setup()
    const response = dispatch({ method: 'POST', headers: { authorization: AUTH, ...headers }, body: new Uint8Array([0xa0]) })
    expect(response.status).toBe(400)
    expect(response.headers['content-type']).toBe('application/cbor')
    expect(response.headers['smithy-protocol']).toBe('rpc-v2-cbor')
    // A CBOR map of two text pairs: the code, then a message naming the protocol spoken.
    expect(response.body[0]).toBe(0xa2)
    const text = new TextDecoder().decode(response.body)
    expect(text).toContain('com.amazon.coral.service#UnknownOperationException')
    expect(text).toContain('awsJson1_0')
  })

  it('never answers input with a 500', () => {
    const { dispatch } = setup()
    const bodies = ['[]', '"x"', 'null', '1', '{"Limit":1e300}', '{"Limit":-1}', '{"ShardIterator":"a|b|c"}', '{"StreamArn":"' + 'x'.repeat(2000) + '"}']
    const targets = [...DEFAULT_OPERATIONS.keys()]
    for (const target of targets) {
      for (const body of bodies) expect(dispatch(request(target, body)).status, `${target} ${body}`).toBeLessThan(500)
    }
  })

  it('omits absent optional members rather than sending null', () => {
    const { dispatch } = setup()
    const text = new TextDecoder().decode(dispatch(request('DynamoDBStreams_20120810.ListStreams')).body)
    expect(text).not.toContain('null')
    expect(text).not.toContain('LastEvaluatedStreamArn')
  })

  it('keeps an attribute named __proto__ an attribute, and a missing one missing: in writes, updates, projections and index pages', () => {
    const store = createStore()
    store.createTable<AttributeMap>()({ name: 'protos', partitionKey: 'id', globalIndexes: { byProto: { partitionKey: '__proto__', projection: 'KEYS_ONLY' } } })
    const dispatch = createDispatcher(store, DEFAULT_OPERATIONS)
    const call = (operation: string, body: string): Record<string, unknown> => {
      const response = dispatch(request(`DynamoDB_20120810.${operation}`, body))
      expect(response.status).toBe(200)
      return bodyOf(response)
    }
    for (const id of ['a', 'b', 'c']) call('PutItem', `{"TableName":"protos","Item":{"id":{"S":"${id}"},"__proto__":{"S":"x"},"m":{"M":{}}}}`)
    call('UpdateItem', '{"TableName":"protos","Key":{"id":{"S":"a"}},"UpdateExpression":"SET m.#p = :v, #p = :w","ExpressionAttributeNames":{"#p":"__proto__"},"ExpressionAttributeValues":{":v":{"N":"1"},":w":{"S":"y"}}}')
    const names = (o: unknown): string[] => Object.keys(o as object).sort()
    const projected = call('GetItem', '{"TableName":"protos","Key":{"id":{"S":"a"}},"ProjectionExpression":"#p, m.#p","ExpressionAttributeNames":{"#p":"__proto__"}}')
    expect(JSON.stringify(projected)).toBe('{"Item":{"__proto__":{"S":"y"},"m":{"M":{"__proto__":{"N":"1"}}}}}')
    const picked = call('GetItem', '{"TableName":"protos","Key":{"id":{"S":"b"}},"AttributesToGet":["__proto__"]}')
    expect(JSON.stringify(picked)).toBe('{"Item":{"__proto__":{"S":"x"}}}')
    call('PutItem', '{"TableName":"protos","Item":{"id":{"S":"d"}}}')
    expect(JSON.stringify(call('GetItem', '{"TableName":"protos","Key":{"id":{"S":"d"}},"AttributesToGet":["__proto__"]}'))).toBe('{"Item":{}}')
    const page = call('Query', '{"TableName":"protos","IndexName":"byProto","KeyConditionExpression":"#p = :x","ExpressionAttributeNames":{"#p":"__proto__"},"ExpressionAttributeValues":{":x":{"S":"x"}},"Limit":1}')
    expect(names((page['Items'] as unknown[])[0])).toEqual(['__proto__', 'id'])
    expect(names(page['LastEvaluatedKey'])).toEqual(['__proto__', 'id'])
  })
})

describe('the dispatcher seams a server uses', () => {
  it('asks the guard after the signature-shape checks, and answers with its fault', () => {
    const store = createStore({ clock: new ManualClock(T0) })
    store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id' })
    const seen: GuardedRequest[] = []
    const guard: RequestGuard = (guarded) => {
      seen.push(guarded)
      return guarded.input.TableName === 'orders' ? { accessKeyId: 'AKIDEXAMPLE' } : { fault: wireError('AccessDeniedException', 'not this table') }
    }
    const dispatch = createDispatcher(store, DEFAULT_OPERATIONS, { guard })
    expect(dispatch({ ...request('DynamoDB_20120810.DescribeTable', '{"TableName":"orders"}'), path: '/?x=1' }).status).toBe(200)
    const denied = dispatch(request('DynamoDB_20120810.DescribeTable', '{"TableName":"other"}'))
    expect(denied.status).toBe(400)
    expect(bodyOf(denied)).toEqual({ __type: 'com.amazon.coral.service#AccessDeniedException', message: 'not this table' })
    expect(dispatch(request('DynamoDB_20120810.DescribeTable', '{"TableName":"orders"}', { authorization: '' })).status).toBe(400)
    expect(seen.map((guarded) => [guarded.path, guarded.target, guarded.input.TableName, guarded.body, guarded.nowMs])).toEqual([
      ['/?x=1', 'DynamoDB_20120810.DescribeTable', 'orders', '{"TableName":"orders"}', T0],
      ['/', 'DynamoDB_20120810.DescribeTable', 'other', '{"TableName":"other"}', T0],
    ])
  })

  it('reports each answer: operation, table, access key, status and error code', () => {
    const store = createStore()
    const orders = store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id', stream: { viewType: 'KEYS_ONLY' } })
    const reports: DispatchReport[] = []
    const dispatch = createDispatcher(store, DEFAULT_OPERATIONS, { report: (entry) => reports.push(entry) })
    const streamArn = orders.describe().latestStreamArn
    dispatch(request('DynamoDB_20120810.PutItem', '{"TableName":"orders","Item":{"id":{"S":"a"}}}'))
    dispatch(request('DynamoDBStreams_20120810.DescribeStream', JSON.stringify({ StreamArn: streamArn })))
    dispatch(request('DynamoDB_20120810.GetItem', '{"TableName":"nope","Key":{"id":{"S":"a"}}}'))
    dispatch(request('Nope.Nothing'))
    dispatch(request('DynamoDB_20120810.ListTables', '{'))
    expect(reports.map(({ operation, tableName, accessKeyId, status, errorCode }) => [operation, tableName, accessKeyId, status, errorCode])).toEqual([
      ['PutItem', 'orders', 'AKIDEXAMPLE', 200, undefined],
      ['DescribeStream', 'orders', 'AKIDEXAMPLE', 200, undefined],
      ['GetItem', 'nope', 'AKIDEXAMPLE', 400, 'ResourceNotFoundException'],
      [undefined, undefined, 'AKIDEXAMPLE', 400, 'UnknownOperationException'],
      ['ListTables', undefined, 'AKIDEXAMPLE', 400, 'SerializationException'],
    ])
    expect(new Set(reports.map((entry) => entry.requestId)).size).toBe(5)
  })
})
