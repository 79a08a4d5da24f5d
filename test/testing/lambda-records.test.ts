import { DynamoDBStreamSchema } from '@aws-lambda-powertools/parser/schemas/dynamodb'
import { describe, expect, it } from 'vitest'
import { VIEW_TYPES, type AnyChangeRecord } from '../../src/index.js'
import { createRecordFactory, createTestStore, toLambdaEvent, toLambdaRecord, toLambdaWindowEvent } from '../../src/testing.js'
import { expectError } from '../helpers/errors.js'
import { T0 } from '../helpers/time.js'

type Doc = { pk: string; sk: number; body?: string; blob?: Uint8Array; tags?: Set<string>; nested?: { list: (number | null)[] } }
const before: Doc = { pk: 'p', sk: 1, body: 'old', blob: new Uint8Array([0, 255]), tags: new Set(['a']), nested: { list: [1, null] } }
const after: Doc = { ...before, body: 'new' }

function recordsOf(viewType: (typeof VIEW_TYPES)[number]) {
  const docs = createRecordFactory<Doc>()({ table: 'docs', partitionKey: 'pk', sortKey: 'sk', viewType, region: 'eu-west-1', startMs: T0 + 750 })
  return [docs.insert(before), docs.modify(before, after), docs.remove(after), docs.remove(after, { ttl: true })] as AnyChangeRecord[]
}

describe('toLambdaRecord: a native record as Lambda delivers it', () => {
  it('has the fields of the reference, in its order, and nothing else', () => {
    const docs = createRecordFactory<Doc>()({ table: 'docs', partitionKey: 'pk', sortKey: 'sk', region: 'eu-west-1', startMs: T0 + 750 })
    const record = docs.modify(before, after)
    expect(toLambdaRecord(record)).toStrictEqual({
      eventID: record.eventId,
      eventName: 'MODIFY',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        ApproximateCreationDateTime: T0 / 1000,
        Keys: { pk: { S: 'p' }, sk: { N: '1' } },
        NewImage: { pk: { S: 'p' }, sk: { N: '1' }, body: { S: 'new' }, blob: { B: 'AP8=' }, tags: { SS: ['a'] }, nested: { M: { list: { L: [{ N: '1' }, { NULL: true }] } } } },
        OldImage: { pk: { S: 'p' }, sk: { N: '1' }, body: { S: 'old' }, blob: { B: 'AP8=' }, tags: { SS: ['a'] }, nested: { M: { list: { L: [{ N: '1' }, { NULL: true }] } } } },
        SequenceNumber: record.sequenceNumber,
        SizeBytes: record.sizeBytes,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: 'arn:aws:dynamodb:eu-west-1:000000000000:table/docs/stream/2026-01-01T00:00:00.750',
    })
    expect(Object.keys(toLambdaRecord(record))).toEqual(['eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'dynamodb', 'eventSourceARN'])
  })

  it('names a delete REMOVE, and puts the TTL identity in camelCase on TTL deletes only', () => {
    const [, , removed, expired] = recordsOf('KEYS_ONLY').map(toLambdaRecord)
    expect(removed).toMatchObject({ eventName: 'REMOVE', dynamodb: { Keys: { pk: { S: 'p' }, sk: { N: '1' } } } })
    expect(removed).not.toHaveProperty('userIdentity')
    expect(removed?.dynamodb).not.toHaveProperty('NewImage')
    expect(removed?.dynamodb).not.toHaveProperty('OldImage')
    expect(expired?.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' })
  })

  it('is plain JSON that shares nothing with the record', () => {
    const store = createTestStore()
    const table = store.createTable<Doc>()({ name: 'docs', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'NEW_IMAGE' } })
    table.put(before)
    const native = createRecordFactory(table).insert(before)
    const lambda = toLambdaRecord(native)
    expect(JSON.parse(JSON.stringify(lambda))).toStrictEqual(lambda)
    lambda.dynamodb.Keys['pk'] = { S: 'changed' }
    expect(native.keys.pk).toBe('p')
    expect(lambda.eventSourceARN).toBe(table.stream.arn)
  })

  it('refuses what is not a native record', () => {
    expectError(() => toLambdaRecord({} as never), 'ValidationException', 'Invalid record: expected a native change record with a stream ARN')
    expectError(() => toLambdaEvent('x' as never), 'ValidationException', 'Invalid records: expected an array of change records')
  })
})

describe('every event the factories make passes the DynamoDB stream schema of Powertools', () => {
  for (const viewType of VIEW_TYPES) {
    it(`${viewType}: insert, modify, remove and TTL remove`, () => {
      const event = toLambdaEvent(recordsOf(viewType))
      const parsed = DynamoDBStreamSchema.parse(event)
      expect(parsed.Records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE', 'REMOVE'])
      expect(parsed.Records[0]?.dynamodb.Keys).toEqual({ pk: 'p', sk: 1 })
      if (viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES') expect(parsed.Records[1]?.dynamodb.NewImage).toMatchObject({ body: 'new', tags: new Set(['a']) })
    })
  }

  it('the records a store emits, and a tumbling-window event', () => {
    const store = createTestStore({ shards: { initial: 1 } })
    const table = store.createTable<Doc>()({ name: 'docs', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
    table.put(before)
    table.put(after)
    table.delete({ pk: 'p', sk: 1 })
    const shardId = table.stream.shards()[0]!.shardId
    const records = table.stream.getRecords(table.stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })).records
    expect(DynamoDBStreamSchema.parse(toLambdaEvent(records)).Records).toHaveLength(3)
    const window = toLambdaWindowEvent(records, { tumblingWindowInSeconds: 300, state: { count: '2' }, isFinalInvokeForWindow: true })
    expect(DynamoDBStreamSchema.parse(window)).toMatchObject({ window: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:05:00Z' }, shardId, isFinalInvokeForWindow: true })
  })
})

describe('toLambdaWindowEvent', () => {
  it('adds the window of the first record, the state, the shard and the flags', () => {
    const docs = createRecordFactory<Doc>()({ table: 'docs', partitionKey: 'pk', sortKey: 'sk' })
    const record = docs.insert(before, { createdAt: T0 + 7 * 60_000 + 5 })
    const event = toLambdaWindowEvent([record], { tumblingWindowInSeconds: 300 })
    expect(event).toStrictEqual({
      Records: [toLambdaRecord(record)],
      window: { start: '2026-01-01T00:05:00Z', end: '2026-01-01T00:10:00Z' },
      state: {},
      shardId: record.shardId,
      eventSourceARN: record.streamArn,
      isFinalInvokeForWindow: false,
      isWindowTerminatedEarly: false,
    })
    const closing = toLambdaWindowEvent([], { tumblingWindowInSeconds: 60, windowStartMs: T0, shardId: record.shardId, eventSourceARN: record.streamArn, isFinalInvokeForWindow: true, state: { n: 3 } })
    expect(closing).toMatchObject({ Records: [], window: { start: '2026-01-01T00:00:00Z', end: '2026-01-01T00:01:00Z' }, state: { n: 3 } })
    expectError(() => toLambdaWindowEvent([], { tumblingWindowInSeconds: 60 }), 'ValidationException', 'Invalid windowStartMs')
    expectError(() => toLambdaWindowEvent([record], { tumblingWindowInSeconds: 901 }), 'ValidationException', 'Invalid tumblingWindowInSeconds: expected an integer from 1 to 900')
  })
})
