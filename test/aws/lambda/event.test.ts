import { DynamoDBStreamRecord, DynamoDBStreamSchema } from '@aws-lambda-powertools/parser/schemas/dynamodb'
import { describe, expect, it } from 'vitest'
import { createStore, VIEW_TYPES, type ViewType } from '../../../src/index.js'
import { createEventSourceMapping, type LambdaStreamEvent, type LambdaStreamRecord } from '../../../src/aws/index.js'
import { ManualClock } from '../../../src/testing.js'
import { seconds, T0 } from '../../helpers/time.js'
import { recorder } from './fixtures.js'

type Doc = { id: string; n?: number; blob?: Uint8Array; tags?: Set<string>; nested?: { list: unknown[] }; expiresAt?: number }

function setup(viewType: ViewType = 'NEW_AND_OLD_IMAGES') {
  const clock = new ManualClock(T0)
  const store = createStore({ clock, region: 'eu-west-1', accountId: '123456789012' })
  const docs = store.createTable<Doc>()({ name: 'docs', partitionKey: 'id', ttlAttribute: 'expiresAt', stream: { viewType } })
  const { events, handler } = recorder()
  createEventSourceMapping(store, { EventSourceArn: docs.stream.arn, StartingPosition: 'TRIM_HORIZON', BatchSize: 10 }, handler)
  return { clock, store, docs, events, records: (): LambdaStreamRecord[] => events.flatMap((e) => e.Records) }
}

/** Every event and record passes the DynamoDB stream schema of the Powertools parser. */
function expectPowertoolsValid(events: readonly LambdaStreamEvent[]): void {
  for (const event of events) {
    if (event.Records.length > 0) expect(DynamoDBStreamSchema.safeParse(event).error).toBeUndefined()
    for (const record of event.Records) expect(DynamoDBStreamRecord.safeParse(record).error).toBeUndefined()
  }
}

describe('the event Lambda sends (checklist 38-40)', () => {
  it('has exactly the service members, field by field, with whole-second times and the stream ARN on each record (38)', async () => {
    const { clock, store, docs, events } = setup()
    clock.advance(750)
    docs.put({ id: 'a', n: 1.5 })
    await store.settle()
    const [event] = events as [LambdaStreamEvent]
    expect(Object.keys(event)).toEqual(['Records'])
    const [record] = event.Records as [LambdaStreamRecord]
    const native = docs.stream.getRecords(docs.stream.getShardIterator({ shardId: docs.stream.shards()[0]!.shardId, type: 'TRIM_HORIZON' })).records[0]!
    expect(record).toStrictEqual({
      eventID: native.eventId,
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      dynamodb: {
        ApproximateCreationDateTime: seconds(T0),
        Keys: { id: { S: 'a' } },
        NewImage: { id: { S: 'a' }, n: { N: '1.5' } },
        SequenceNumber: native.sequenceNumber,
        SizeBytes: native.sizeBytes,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
      eventSourceARN: docs.stream.arn,
    })
    expect(record.eventSourceARN).toMatch(/^arn:aws:dynamodb:eu-west-1:123456789012:table\/docs\/stream\/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/)
    expect(Number.isInteger(record.dynamodb.ApproximateCreationDateTime)).toBe(true)
    // The service's member order, which JSON text and snapshots show.
    expect(Object.keys(record)).toEqual(['eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'dynamodb', 'eventSourceARN'])
    expectPowertoolsValid(events)
  })

  it('writes binaries as base64 strings, sets as lists, numbers as strings, maps and lists nested, as in Lambda JSON', async () => {
    const { store, docs, records } = setup()
    docs.put({ id: 'b', blob: new Uint8Array([0, 1, 254, 255]), tags: new Set(['x', 'y']), nested: { list: [1, 'two', null, true, new Uint8Array([7])] } })
    await store.settle()
    expect(records()[0]!.dynamodb.NewImage).toEqual({
      id: { S: 'b' },
      blob: { B: 'AAH+/w==' },
      tags: { SS: ['x', 'y'] },
      nested: { M: { list: { L: [{ N: '1' }, { S: 'two' }, { NULL: true }, { BOOL: true }, { B: 'Bw==' }] } } },
    })
  })

  for (const viewType of VIEW_TYPES) {
    it(`carries the images of its view type: INSERT no OldImage, REMOVE no NewImage [${viewType}] (39)`, async () => {
      const { store, docs, records, events } = setup(viewType)
      docs.put({ id: 'a', n: 1 })
      docs.put({ id: 'a', n: 2 })
      docs.delete({ id: 'a' })
      await store.settle()
      const withNew = viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES'
      const withOld = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES'
      for (const r of records()) {
        expect(Object.keys(r.dynamodb)).toEqual(
          ['ApproximateCreationDateTime', 'Keys', 'NewImage', 'OldImage', 'SequenceNumber', 'SizeBytes', 'StreamViewType'].filter((k) => k in r.dynamodb),
        )
      }
      expect(records().map((r) => [r.eventName, 'NewImage' in r.dynamodb, 'OldImage' in r.dynamodb, r.dynamodb.StreamViewType])).toEqual([
        ['INSERT', withNew, false, viewType],
        ['MODIFY', withNew, withOld, viewType],
        ['REMOVE', false, withOld, viewType],
      ])
      expectPowertoolsValid(events)
    })
  }

  it('puts userIdentity, in camelCase, on TTL deletes only (40)', async () => {
    const { clock, store, docs, records, events } = setup()
    docs.put({ id: 'ttl', expiresAt: seconds(T0) + 60 })
    docs.put({ id: 'user' })
    docs.delete({ id: 'user' })
    clock.advance(61_000)
    await store.settle()
    const byKind = records().map((r) => [r.eventName, r.dynamodb.Keys.id, r.userIdentity])
    expect(byKind).toEqual([
      ['INSERT', { S: 'ttl' }, undefined],
      ['INSERT', { S: 'user' }, undefined],
      ['REMOVE', { S: 'user' }, undefined],
      ['REMOVE', { S: 'ttl' }, { type: 'Service', principalId: 'dynamodb.amazonaws.com' }],
    ])
    expect(records().filter((r) => 'userIdentity' in r)).toHaveLength(1)
    expectPowertoolsValid(events)
  })
})
