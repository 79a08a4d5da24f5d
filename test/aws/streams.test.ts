import {
  DescribeStreamCommand,
  DynamoDBStreamsServiceException,
  ExpiredIteratorException,
  GetRecordsCommand,
  GetShardIteratorCommand,
  ListStreamsCommand,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  type DynamoDBStreamsClient,
  type _Record,
} from '@aws-sdk/client-dynamodb-streams'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import { describe, expect, it } from 'vitest'
import { DAY, HOUR, MINUTE, T0 } from '../helpers/time.js'
import { sdkError, sdkSetup } from './clients.js'

type Order = { pk: string; sk: string; n?: number; b?: Uint8Array; tags?: Set<string>; ttl?: number }

function withTable(viewType: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' = 'NEW_AND_OLD_IMAGES', initial = 1) {
  const setup = sdkSetup({ shards: { initial } })
  const orders = setup.store.createTable<Order>()({ name: 'orders', partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl', stream: { viewType } })
  return { ...setup, orders, arn: orders.stream.arn }
}

async function shardIds(streams: DynamoDBStreamsClient, arn: string): Promise<string[]> {
  const d = await streams.send(new DescribeStreamCommand({ StreamArn: arn }))
  return (d.StreamDescription?.Shards ?? []).map((s) => s.ShardId as string)
}

async function trimHorizon(streams: DynamoDBStreamsClient, arn: string, shardId?: string): Promise<string> {
  const id = shardId ?? ((await shardIds(streams, arn))[0] as string)
  const out = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: id, ShardIteratorType: 'TRIM_HORIZON' }))
  return out.ShardIterator as string
}

async function readAllRecords(streams: DynamoDBStreamsClient, arn: string): Promise<_Record[]> {
  const out: _Record[] = []
  for (const shardId of await shardIds(streams, arn)) {
    let iterator: string | undefined = await trimHorizon(streams, arn, shardId)
    while (iterator !== undefined) {
      const page: { Records?: _Record[]; NextShardIterator?: string } = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }))
      out.push(...(page.Records ?? []))
      if ((page.Records ?? []).length === 0) break
      iterator = page.NextShardIterator
    }
  }
  return out
}

describe('ListStreams through DynamoDBStreamsClient', () => {
  it('lists each stream with exactly StreamArn, TableName and StreamLabel; the ARN ends with the label', async () => {
    const { streams, arn } = withTable()
    const out = await streams.send(new ListStreamsCommand({}))
    expect(out.Streams).toHaveLength(1)
    const [summary] = out.Streams ?? []
    expect(Object.keys(summary ?? {}).sort()).toEqual(['StreamArn', 'StreamLabel', 'TableName'])
    expect(summary?.StreamArn).toBe(arn)
    expect(summary?.TableName).toBe('orders')
    expect(summary?.StreamArn).toMatch(/^arn:aws:dynamodb:us-east-1:\d{12}:table\/orders\/stream\/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}$/)
    expect(summary?.StreamArn?.endsWith(`/stream/${summary.StreamLabel}`)).toBe(true)
    expect(out.LastEvaluatedStreamArn).toBeUndefined()
  })

  it('filters by TableName; a table without a stream, or no such table, gives an empty list', async () => {
    const { store, streams } = withTable()
    store.createTable<{ id: string }>()({ name: 'plain', partitionKey: 'id' })
    expect((await streams.send(new ListStreamsCommand({ TableName: 'orders' }))).Streams).toHaveLength(1)
    expect((await streams.send(new ListStreamsCommand({ TableName: 'plain' }))).Streams).toEqual([])
    expect((await streams.send(new ListStreamsCommand({ TableName: 'nothing' }))).Streams).toEqual([])
  })

  it('pages with Limit and LastEvaluatedStreamArn, each stream exactly once, the last page without the key', async () => {
    const { store, streams, clock } = withTable()
    for (const name of ['tab1', 'tab2']) {
      clock.advance(1)
      store.createTable<{ id: string }>()({ name, partitionKey: 'id', stream: { viewType: 'KEYS_ONLY' } })
    }
    const seen: string[] = []
    let start: string | undefined
    let pages = 0
    do {
      const page = await streams.send(new ListStreamsCommand({ Limit: 1, ...(start === undefined ? {} : { ExclusiveStartStreamArn: start }) }))
      pages++
      seen.push(...(page.Streams ?? []).map((s) => s.TableName as string))
      start = page.LastEvaluatedStreamArn
    } while (start !== undefined)
    expect(seen.sort()).toEqual(['orders', 'tab1', 'tab2'])
    expect(pages).toBe(3)
  })

  it('still lists a disabled stream next to the table’s new one', async () => {
    const { orders, streams, clock } = withTable()
    orders.disableStream()
    clock.advance(1)
    orders.enableStream({ viewType: 'KEYS_ONLY' })
    const out = await streams.send(new ListStreamsCommand({ TableName: 'orders' }))
    expect(out.Streams).toHaveLength(2)
    expect(new Set(out.Streams?.map((s) => s.StreamArn)).size).toBe(2)
  })

  it.each([
    [{ Limit: 0 }, "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [{ Limit: 101 }, "Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"],
    [{ TableName: 'a!' }, "Value 'a!' at 'tableName' failed to satisfy constraint"],
    [{ ExclusiveStartStreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:not-a-stream-arn' }, 'Invalid StreamArn'],
    [{ ExclusiveStartStreamArn: 'short' }, "at 'exclusiveStartStreamArn' failed to satisfy constraint: Member must have length greater than or equal to 37"],
  ])('refuses %j with ValidationException', async (input, message) => {
    const { streams } = withTable()
    const error = await sdkError(streams.send(new ListStreamsCommand(input)))
    expect(error.name).toBe('ValidationException')
    expect(error.message).toContain(message)
    expect(error.status).toBe(400)
    expect(error.fault).toBe('client')
    expect(error.error).toBeInstanceOf(DynamoDBStreamsServiceException)
  })
})

describe('DescribeStream through DynamoDBStreamsClient', () => {
  it('describes the stream: ARN, label, status, view type, creation time as a Date, table, key schema, shards', async () => {
    const { streams, arn } = withTable('NEW_IMAGE', 2)
    const d = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription
    expect(d?.StreamArn).toBe(arn)
    expect(arn.endsWith(d?.StreamLabel as string)).toBe(true)
    expect(d?.StreamStatus).toBe('ENABLED')
    expect(d?.StreamViewType).toBe('NEW_IMAGE')
    expect(d?.CreationRequestDateTime).toBeInstanceOf(Date)
    expect(d?.CreationRequestDateTime?.getTime()).toBe(T0)
    expect(d?.TableName).toBe('orders')
    expect(d?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ])
    expect(d?.Shards).toHaveLength(2)
    for (const shard of d?.Shards ?? []) {
      expect(shard.ShardId).toMatch(/^shardId-\d{20}-[0-9a-f]{8}$/)
      expect(shard.ShardId?.length).toBeGreaterThanOrEqual(28)
      expect(shard.SequenceNumberRange?.StartingSequenceNumber).toMatch(/^\d{21,40}$/)
      expect(shard.SequenceNumberRange?.EndingSequenceNumber).toBeUndefined()
      expect(shard.ParentShardId).toBeUndefined()
    }
    expect(d?.LastEvaluatedShardId).toBeUndefined()
  })

  it('pages shards in ascending id order with Limit and ExclusiveStartShardId', async () => {
    const { streams, arn } = withTable('KEYS_ONLY', 5)
    const all = await shardIds(streams, arn)
    expect(all).toEqual([...all].sort())
    const seen: string[] = []
    let start: string | undefined
    do {
      const d = (await streams.send(new DescribeStreamCommand({ StreamArn: arn, Limit: 2, ...(start === undefined ? {} : { ExclusiveStartShardId: start }) }))).StreamDescription
      expect((d?.Shards ?? []).length).toBeLessThanOrEqual(2)
      seen.push(...(d?.Shards ?? []).map((s) => s.ShardId as string))
      if (d?.LastEvaluatedShardId !== undefined) expect(d.LastEvaluatedShardId).toBe(seen[seen.length - 1])
      start = d?.LastEvaluatedShardId
    } while (start !== undefined)
    expect(seen).toEqual(all)
    const after = async (id: string) => (await streams.send(new DescribeStreamCommand({ StreamArn: arn, ExclusiveStartShardId: id }))).StreamDescription?.Shards
    expect(await after(all[all.length - 1] as string)).toEqual([])
    expect(await after(`shardId-${'9'.repeat(20)}-ffffffff`)).toEqual([])
  })

  it('lists only the children of a shard with ShardFilter CHILD_SHARDS; closed parents carry EndingSequenceNumber', async () => {
    const { streams, arn, orders } = withTable('KEYS_ONLY', 1)
    const [parent] = await shardIds(streams, arn)
    orders.put({ pk: 'a', sk: '1' })
    orders.stream.splitShard(parent as string)
    const d = (await streams.send(new DescribeStreamCommand({ StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: parent } }))).StreamDescription
    expect(d?.Shards).toHaveLength(2)
    const all = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription?.Shards ?? []
    const closed = all.find((s) => s.ShardId === parent)
    expect(closed?.SequenceNumberRange?.EndingSequenceNumber).toMatch(/^\d+$/)
    for (const child of d?.Shards ?? []) {
      expect(child.ParentShardId).toBe(parent)
      expect(BigInt(child.SequenceNumberRange?.StartingSequenceNumber as string)).toBeGreaterThan(BigInt(closed?.SequenceNumberRange?.EndingSequenceNumber as string))
    }
    const leaf = (d?.Shards?.[0]?.ShardId) as string
    expect((await streams.send(new DescribeStreamCommand({ StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS', ShardId: leaf } }))).StreamDescription?.Shards).toEqual([])
    // A CHILD_SHARDS filter naming no shard matches none.
    expect((await streams.send(new DescribeStreamCommand({ StreamArn: arn, ShardFilter: { Type: 'CHILD_SHARDS' } }))).StreamDescription?.Shards).toEqual([])
  })

  it('reports a disabled stream as DISABLED with its view type and every shard closed; the stream of a deleted table too', async () => {
    const { store, streams, arn, orders } = withTable('OLD_IMAGE', 2)
    orders.put({ pk: 'a', sk: '1' })
    orders.disableStream()
    const d = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription
    expect(d?.StreamStatus).toBe('DISABLED')
    expect(d?.StreamViewType).toBe('OLD_IMAGE')
    expect(d?.Shards?.every((s) => s.SequenceNumberRange?.EndingSequenceNumber !== undefined)).toBe(true)
    const other = store.createTable<{ id: string }>()({ name: 'other', partitionKey: 'id', stream: { viewType: 'KEYS_ONLY' } })
    store.deleteTable('other')
    expect((await streams.send(new DescribeStreamCommand({ StreamArn: other.stream.arn }))).StreamDescription?.StreamStatus).toBe('DISABLED')
  })

  it('drops a closed shard from the description once its records have aged out', async () => {
    const { streams, arn, orders, clock } = withTable('KEYS_ONLY', 1)
    orders.put({ pk: 'a', sk: '1' })
    const [parent] = await shardIds(streams, arn)
    orders.stream.rolloverShard(parent as string)
    expect(await shardIds(streams, arn)).toContain(parent)
    clock.advance(DAY + 1)
    const after = await shardIds(streams, arn)
    expect(after).not.toContain(parent)
    expect(after.length).toBeGreaterThan(0)
  })

  it('answers a stream gone 24 hours after disabling, or never known, with ResourceNotFoundException', async () => {
    const { streams, arn, orders, clock } = withTable()
    orders.disableStream()
    clock.advance(DAY)
    const gone = await sdkError(streams.send(new DescribeStreamCommand({ StreamArn: arn })))
    expect(gone.error).toBeInstanceOf(ResourceNotFoundException)
    expect(gone.message).toBe(`Requested resource not found: Stream: ${arn} not found`)
    expect(gone.status).toBe(400)
    const unknown = arn.replace('orders', 'unknown')
    expect((await sdkError(streams.send(new DescribeStreamCommand({ StreamArn: unknown })))).message).toBe(`Requested resource not found: Stream: ${unknown} not found`)
  })

  it.each([
    [{ StreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/no-stream-here' }, 'Invalid StreamArn'],
    [{ Limit: 0 }, "at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1"],
    [{ Limit: 101 }, "at 'limit' failed to satisfy constraint: Member must have value less than or equal to 100"],
    [{ ExclusiveStartShardId: 'shardId-1' }, "at 'exclusiveStartShardId' failed to satisfy constraint: Member must have length greater than or equal to 28"],
    [{ ShardFilter: { Type: 'PARENT' as never, ShardId: `shardId-${'0'.repeat(20)}-00000000` } }, 'Member must satisfy enum value set: [CHILD_SHARDS]'],
  ])('refuses %j with ValidationException', async (input, message) => {
    const { streams, arn } = withTable()
    const error = await sdkError(streams.send(new DescribeStreamCommand({ StreamArn: arn, ...input })))
    expect(error.name).toBe('ValidationException')
    expect(error.message).toContain(message)
  })
})

describe('GetShardIterator and GetRecords through DynamoDBStreamsClient', () => {
  it('reads records in the service shape: whole-second Dates, base64 binaries as bytes, images per view type', async () => {
    const { streams, arn, orders, clock } = withTable('NEW_AND_OLD_IMAGES')
    clock.advance(1_500)
    orders.put({ pk: 'a', sk: '1', n: 1, b: new Uint8Array([1, 2, 3]), tags: new Set(['x']) })
    orders.put({ pk: 'a', sk: '1', n: 2 })
    orders.delete({ pk: 'a', sk: '1' })
    const records = await readAllRecords(streams, arn)
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE'])
    const [insert, modify, remove] = records
    for (const r of records) {
      expect(r.eventID).toMatch(/^[0-9a-f]{32}$/)
      expect(r.eventVersion).toBe('1.1')
      expect(r.eventSource).toBe('aws:dynamodb')
      expect(r.awsRegion).toBe('us-east-1')
      expect(r.userIdentity).toBeUndefined()
      expect(r.dynamodb?.ApproximateCreationDateTime).toBeInstanceOf(Date)
      expect(r.dynamodb?.ApproximateCreationDateTime?.getTime()).toBe(T0 + 1_000)
      expect(r.dynamodb?.Keys).toEqual({ pk: { S: 'a' }, sk: { S: '1' } })
      expect(r.dynamodb?.StreamViewType).toBe('NEW_AND_OLD_IMAGES')
      expect(r.dynamodb?.SequenceNumber).toMatch(/^\d{21,40}$/)
    }
    expect(new Set(records.map((r) => r.eventID)).size).toBe(3)
    expect(insert?.dynamodb?.NewImage).toEqual({ pk: { S: 'a' }, sk: { S: '1' }, n: { N: '1' }, b: { B: new Uint8Array([1, 2, 3]) }, tags: { SS: ['x'] } })
    expect(insert?.dynamodb?.OldImage).toBeUndefined()
    expect(modify?.dynamodb?.OldImage?.n).toEqual({ N: '1' })
    expect(modify?.dynamodb?.NewImage).toEqual({ pk: { S: 'a' }, sk: { S: '1' }, n: { N: '2' } })
    expect(remove?.dynamodb?.NewImage).toBeUndefined()
    expect(remove?.dynamodb?.OldImage).toEqual({ pk: { S: 'a' }, sk: { S: '1' }, n: { N: '2' } })
    const seqs = records.map((r) => BigInt(r.dynamodb?.SequenceNumber as string))
    expect(seqs).toEqual([...seqs].sort((x, y) => (x < y ? -1 : 1)))
  })

  it('hands out images that util-dynamodb unmarshalls back to the items written', async () => {
    const { streams, arn, orders } = withTable('NEW_IMAGE')
    const item = { pk: 'a', sk: '1', n: 1.25, b: new Uint8Array([5]), tags: new Set(['x', 'y']) }
    orders.put(item)
    const [record] = await readAllRecords(streams, arn)
    expect(unmarshall(record?.dynamodb?.NewImage ?? {})).toEqual(item)
    expect(unmarshall(record?.dynamodb?.Keys ?? {})).toEqual({ pk: 'a', sk: '1' })
  })

  it('sizes a KEYS_ONLY record of Username="Fred" at 12 bytes and carries no image', async () => {
    const { store, streams } = sdkSetup()
    const users = store.createTable<{ Username: string; age: number }>()({ name: 'users', partitionKey: 'Username', stream: { viewType: 'KEYS_ONLY' } })
    users.put({ Username: 'Fred', age: 3 })
    const [record] = await readAllRecords(streams, users.stream.arn)
    expect(record?.dynamodb?.SizeBytes).toBe(12)
    expect(Object.keys(record?.dynamodb ?? {}).sort()).toEqual(['ApproximateCreationDateTime', 'Keys', 'SequenceNumber', 'SizeBytes', 'StreamViewType'])
  })

  it('puts userIdentity on TTL deletes only', async () => {
    const { streams, arn, orders, clock } = withTable('KEYS_ONLY')
    orders.put({ pk: 'a', sk: '1', ttl: Math.floor(T0 / 1000) + 60 })
    clock.advance(2 * MINUTE)
    const records = await readAllRecords(streams, arn)
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'REMOVE'])
    expect(records[0]?.userIdentity).toBeUndefined()
    expect(records[1]?.userIdentity).toEqual({ PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' })
  })

  it('gives iterators that start with the stream ARN, fit 2048 characters, and read from the same place each time', async () => {
    const { streams, arn, orders } = withTable()
    orders.put({ pk: 'a', sk: '1' })
    const iterator = await trimHorizon(streams, arn)
    expect(iterator.startsWith(`${arn}|1|`)).toBe(true)
    expect(iterator.length).toBeLessThanOrEqual(2048)
    const first = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }))
    const again = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }))
    expect(again.Records?.map((r) => r.dynamodb?.SequenceNumber)).toEqual(first.Records?.map((r) => r.dynamodb?.SequenceNumber))
  })

  it('returns [] and a next iterator on an open shard with nothing new, then the next write from the same chain', async () => {
    const { streams, arn, orders } = withTable()
    orders.put({ pk: 'a', sk: '1' })
    const first = await streams.send(new GetRecordsCommand({ ShardIterator: await trimHorizon(streams, arn) }))
    expect(first.Records).toHaveLength(1)
    const empty = await streams.send(new GetRecordsCommand({ ShardIterator: first.NextShardIterator }))
    expect(empty.Records).toEqual([])
    expect(empty.NextShardIterator).toBeDefined()
    orders.put({ pk: 'a', sk: '2' })
    const next = await streams.send(new GetRecordsCommand({ ShardIterator: empty.NextShardIterator }))
    expect(next.Records?.map((r) => r.dynamodb?.Keys?.sk?.S)).toEqual(['2'])
  })

  it('omits NextShardIterator once a closed shard is read to its end', async () => {
    const { streams, arn, orders } = withTable()
    orders.put({ pk: 'a', sk: '1' })
    orders.disableStream()
    const out = await streams.send(new GetRecordsCommand({ ShardIterator: await trimHorizon(streams, arn) }))
    expect(out.Records).toHaveLength(1)
    expect(out.NextShardIterator).toBeUndefined()
    expect('NextShardIterator' in out).toBe(false)
  })

  it('honours Limit up to 1000 and starts a stream after the shard StartingSequenceNumber', async () => {
    const { streams, arn, orders } = withTable('KEYS_ONLY')
    for (let i = 0; i < 1005; i++) orders.put({ pk: 'a', sk: String(i) })
    const iterator = await trimHorizon(streams, arn)
    expect((await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 3 }))).Records).toHaveLength(3)
    const full = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }))
    expect(full.Records).toHaveLength(1000)
    expect((await streams.send(new GetRecordsCommand({ ShardIterator: iterator }))).Records).toHaveLength(1000)
    const d = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription
    const start = BigInt(d?.Shards?.[0]?.SequenceNumberRange?.StartingSequenceNumber as string)
    expect(BigInt(full.Records?.[0]?.dynamodb?.SequenceNumber as string)).toBeGreaterThan(start)
  })

  it.each([0, -1, 1001])('refuses GetRecords Limit %d with ValidationException', async (limit) => {
    const { streams, arn } = withTable()
    const error = await sdkError(streams.send(new GetRecordsCommand({ ShardIterator: await trimHorizon(streams, arn), Limit: limit })))
    expect(error.name).toBe('ValidationException')
    expect(error.message).toContain("at 'limit' failed to satisfy constraint")
  })

  it.each(['garbage', 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2026-01-01T00:00:00.000|1|bm90IGEgdG9rZW4'])(
    'refuses the iterator %j with ValidationException',
    async (iterator) => {
      const { streams } = withTable()
      const error = await sdkError(streams.send(new GetRecordsCommand({ ShardIterator: iterator })))
      expect(error.name).toBe('ValidationException')
      expect(error.message).toBe('Invalid ShardIterator')
    },
  )

  it('starts AT a sequence number with that record and AFTER it with the next; AT the StartingSequenceNumber reads from the start', async () => {
    const { streams, arn, orders } = withTable('KEYS_ONLY')
    for (const sk of ['1', '2', '3']) orders.put({ pk: 'a', sk })
    const [shardId] = await shardIds(streams, arn)
    const records = await readAllRecords(streams, arn)
    const second = records[1]?.dynamodb?.SequenceNumber as string
    const from = async (type: 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER', seq: string) => {
      const it = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: seq }))
      return (await streams.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator }))).Records?.map((r) => r.dynamodb?.Keys?.sk?.S)
    }
    expect(await from('AT_SEQUENCE_NUMBER', second)).toEqual(['2', '3'])
    expect(await from('AFTER_SEQUENCE_NUMBER', second)).toEqual(['3'])
    const d = (await streams.send(new DescribeStreamCommand({ StreamArn: arn }))).StreamDescription
    expect(await from('AT_SEQUENCE_NUMBER', d?.Shards?.[0]?.SequenceNumberRange?.StartingSequenceNumber as string)).toEqual(['1', '2', '3'])
  })

  it('gives LATEST the writes after it and not those before', async () => {
    const { streams, arn, orders } = withTable('KEYS_ONLY')
    orders.put({ pk: 'a', sk: 'before' })
    const [shardId] = await shardIds(streams, arn)
    const latest = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'LATEST' }))
    orders.put({ pk: 'a', sk: 'after' })
    const out = await streams.send(new GetRecordsCommand({ ShardIterator: latest.ShardIterator }))
    expect(out.Records?.map((r) => r.dynamodb?.Keys?.sk?.S)).toEqual(['after'])
  })

  it.each([
    [{ ShardIteratorType: 'AT_SEQUENCE_NUMBER' as const }, 'One or more parameter values were invalid: Invalid SequenceNumber'],
    [{ ShardIteratorType: 'AFTER_SEQUENCE_NUMBER' as const }, 'One or more parameter values were invalid: Invalid SequenceNumber'],
    [{ ShardIteratorType: 'TRIM_HORIZON' as const, SequenceNumber: '1'.repeat(21) }, 'One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type'],
    [{ ShardIteratorType: 'LATEST' as const, SequenceNumber: '1'.repeat(21) }, 'One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type'],
    [{ ShardIteratorType: 'OLDEST' as never }, "Member must satisfy enum value set: [TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]"],
    [{ ShardIteratorType: 'AT_SEQUENCE_NUMBER' as const, SequenceNumber: 'x'.repeat(21) }, 'One or more parameter values were invalid: Invalid SequenceNumber'],
    [{ ShardIteratorType: 'AT_SEQUENCE_NUMBER' as const, SequenceNumber: '12' }, "at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21"],
    [{ ShardIteratorType: 'TRIM_HORIZON' as const, StreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/yesterday' }, 'Invalid StreamArn'],
  ])('refuses GetShardIterator %j with ValidationException', async (input, message) => {
    const { streams, arn } = withTable()
    const [shardId] = await shardIds(streams, arn)
    const error = await sdkError(streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ...input })))
    expect(error.name).toBe('ValidationException')
    expect(error.message).toContain(message)
  })

  it('answers an unknown shard id with ResourceNotFoundException', async () => {
    const { streams, arn } = withTable()
    const error = await sdkError(streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: `shardId-${'0'.repeat(20)}-deadbeef`, ShardIteratorType: 'TRIM_HORIZON' })))
    expect(error.error).toBeInstanceOf(ResourceNotFoundException)
    expect(error.message).toBe('Requested resource not found: Shard does not exist')
  })

  it('refuses a sequence number that is not in the shard', async () => {
    const { streams, arn, orders } = withTable('KEYS_ONLY', 1)
    orders.put({ pk: 'a', sk: '1' })
    const [parent] = await shardIds(streams, arn)
    const [child] = orders.stream.splitShard(parent as string)
    orders.put({ pk: 'a', sk: '2' })
    const records = await readAllRecords(streams, arn)
    const later = records.find((r) => r.dynamodb?.Keys?.sk?.S === '2')?.dynamodb?.SequenceNumber as string
    const error = await sdkError(streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: parent, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: later })))
    expect(error.name).toBe('ValidationException')
    expect(error.message).toBe(`Invalid SequenceNumber: ${later} is not in shard ${parent}`)
    expect(child).toBeDefined()
  })

  it('answers an iterator used after 15 minutes with ExpiredIteratorException', async () => {
    const { streams, arn, clock } = withTable()
    const iterator = await trimHorizon(streams, arn)
    clock.advance(15 * MINUTE + 1)
    const error = await sdkError(streams.send(new GetRecordsCommand({ ShardIterator: iterator })))
    expect(error.error).toBeInstanceOf(ExpiredIteratorException)
    expect(error.message).toBe('Shard iterator has expired')
    expect(error.status).toBe(400)
  })

  it('refuses AT and AFTER a trimmed sequence number, the newest trimmed one included, with TrimmedDataAccessException', async () => {
    const { streams, arn, orders, clock } = withTable('KEYS_ONLY')
    orders.put({ pk: 'a', sk: 'old1' })
    orders.put({ pk: 'a', sk: 'old2' })
    clock.advance(HOUR)
    orders.put({ pk: 'a', sk: 'kept' })
    const [shardId] = await shardIds(streams, arn)
    const [old1, old2, kept] = (await readAllRecords(streams, arn)).map((r) => r.dynamodb?.SequenceNumber as string)
    clock.advance(DAY - HOUR + 1)
    for (const seq of [old1, old2]) {
      for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const) {
        const error = await sdkError(streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: type, SequenceNumber: seq })))
        expect(error.error, `${type} ${seq}`).toBeInstanceOf(TrimmedDataAccessException)
        expect(error.message).toBe('The data you are trying to access has been trimmed')
      }
    }
    const at = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: shardId, ShardIteratorType: 'AT_SEQUENCE_NUMBER', SequenceNumber: kept }))
    expect((await streams.send(new GetRecordsCommand({ ShardIterator: at.ShardIterator }))).Records?.map((r) => r.dynamodb?.Keys?.sk?.S)).toEqual(['kept'])
    expect((await readAllRecords(streams, arn)).map((r) => r.dynamodb?.Keys?.sk?.S)).toEqual(['kept'])
  })

  it('answers an iterator whose record was trimmed after it was issued with TrimmedDataAccessException', async () => {
    const { streams, arn, orders, clock } = withTable('KEYS_ONLY')
    orders.put({ pk: 'a', sk: '1' })
    clock.advance(DAY - 5 * MINUTE)
    const iterator = await trimHorizon(streams, arn)
    clock.advance(10 * MINUTE)
    const error = await sdkError(streams.send(new GetRecordsCommand({ ShardIterator: iterator })))
    expect(error.error).toBeInstanceOf(TrimmedDataAccessException)
  })

  it('answers an iterator of a stream gone after retention with ResourceNotFoundException', async () => {
    const { streams, arn, orders, clock } = withTable('KEYS_ONLY')
    orders.disableStream()
    const iterator = await trimHorizon(streams, arn)
    clock.advance(DAY)
    const error = await sdkError(streams.send(new GetRecordsCommand({ ShardIterator: iterator })))
    expect(error.error).toBeInstanceOf(ResourceNotFoundException)
  })
})
