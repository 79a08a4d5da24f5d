import { describe, expect, it } from 'vitest'
import { JsonWriter } from '../../src/codec/json-writer.js'
import { recordFromJson, recordToJson, writeRecordJson } from '../../src/codec/stream-record-json.js'
import { createStore, VIEW_TYPES, type ViewType } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { expectError } from '../helpers/errors.js'
import { seconds, T0 } from '../helpers/time.js'
import { readAll } from '../helpers/write-side.js'

type Item = { pk: string; sk: string; n?: number; b?: Uint8Array; ttl?: number }

function recordsOf(viewType: ViewType) {
  const clock = new ManualClock(T0 + 1_234)
  const store = createStore({ clock, region: 'eu-west-1' })
  const table = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'ttl', stream: { viewType } })
  table.put({ pk: 'u#1', sk: 'o#9', n: 1 })
  table.put({ pk: 'u#1', sk: 'o#9', n: 2, b: new Uint8Array([1, 2]) })
  table.delete({ pk: 'u#1', sk: 'o#9' })
  table.put({ pk: 'u#2', sk: 'x', ttl: seconds(T0) + 10 })
  clock.advance(20_000)
  return { store, records: readAll(table.stream) }
}

const IMAGES: Readonly<Record<ViewType, readonly [string, string, string]>> = {
  KEYS_ONLY: ['', '', ''],
  NEW_IMAGE: ['N', 'N', ''],
  OLD_IMAGE: ['', 'O', 'O'],
  NEW_AND_OLD_IMAGES: ['N', 'NO', 'O'],
}

describe('writeRecordJson', () => {
  for (const viewType of VIEW_TYPES) {
    it(`writes exactly the UTF-8 of JSON.stringify(recordToJson(record)), for ${viewType} records with a TTL delete`, () => {
      const { records } = recordsOf(viewType)
      const out = new JsonWriter(0)
      for (const record of records) writeRecordJson(out, record, 'eu-west-1')
      expect(new TextDecoder().decode(out.finish())).toBe(records.map((r) => JSON.stringify(recordToJson(r, 'eu-west-1'))).join(''))
    })
  }
})

describe('recordToJson', () => {
  for (const viewType of VIEW_TYPES) {
    it(`writes the service's record shape, with the images of ${viewType} only`, () => {
      const { records } = recordsOf(viewType)
      const json = records.map((r) => recordToJson(r, 'eu-west-1'))
      expect(json.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE', 'INSERT', 'REMOVE'])
      json.forEach((r, i) => {
        const native = records[i] as (typeof records)[number]
        expect(Object.keys(r).sort()).toEqual(i === 4 ? ['awsRegion', 'dynamodb', 'eventID', 'eventName', 'eventSource', 'eventVersion', 'userIdentity'] : ['awsRegion', 'dynamodb', 'eventID', 'eventName', 'eventSource', 'eventVersion'])
        expect(r.eventID).toMatch(/^[0-9a-f]{32}$/)
        expect(r.eventID).toBe(native.eventId)
        expect(r.eventVersion).toBe('1.1')
        expect(r.eventSource).toBe('aws:dynamodb')
        expect(r.awsRegion).toBe('eu-west-1')
        expect(Number.isInteger(r.dynamodb.ApproximateCreationDateTime)).toBe(true)
        expect(r.dynamodb.ApproximateCreationDateTime).toBe(Math.floor(native.createdAt / 1000))
        expect(r.dynamodb.SequenceNumber).toBe(native.sequenceNumber)
        expect(r.dynamodb.SizeBytes).toBe(native.sizeBytes)
        expect(r.dynamodb.StreamViewType).toBe(viewType)
        const shape = IMAGES[viewType][Math.min(i, 2)] as string
        const expectedShape = i === 3 ? (IMAGES[viewType][0] as string) : i === 4 ? (IMAGES[viewType][2] as string) : shape
        expect(Object.keys(r.dynamodb).filter((k) => k.endsWith('Image')).map((k) => k[0]).join('')).toBe(expectedShape)
      })
      expect(json[0]?.dynamodb.Keys).toEqual({ pk: { S: 'u#1' }, sk: { S: 'o#9' } })
      if (viewType === 'NEW_AND_OLD_IMAGES') {
        expect(json[1]?.dynamodb.NewImage).toEqual({ pk: { S: 'u#1' }, sk: { S: 'o#9' }, n: { N: '2' }, b: { B: 'AQI=' } })
        expect(json[1]?.dynamodb.OldImage).toEqual({ pk: { S: 'u#1' }, sk: { S: 'o#9' }, n: { N: '1' } })
      }
    })
  }

  it('puts userIdentity only on TTL deletes, in the model casing', () => {
    const { records } = recordsOf('KEYS_ONLY')
    const json = records.map((r) => recordToJson(r, 'eu-west-1'))
    expect(json[4]?.userIdentity).toEqual({ PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' })
    expect(json.slice(0, 4).every((r) => !('userIdentity' in r))).toBe(true)
  })
})

describe('recordFromJson', () => {
  it('reads back what recordToJson writes, to whole seconds', () => {
    const { records } = recordsOf('NEW_AND_OLD_IMAGES')
    for (const native of records) {
      const back = recordFromJson(JSON.parse(JSON.stringify(recordToJson(native, 'eu-west-1'))), native)
      expect(back).toEqual({ ...native, createdAt: Math.floor(native.createdAt / 1000) * 1000 })
    }
  })

  it('refuses a record that is not in the service shape', () => {
    const { records } = recordsOf('KEYS_ONLY')
    const json = recordToJson(records[0] as (typeof records)[number], 'eu-west-1')
    const origin = records[0] as (typeof records)[number]
    expectError(() => recordFromJson({ ...json, eventName: 'DELETE' as never }, origin), 'ValidationException', 'eventName')
    expectError(() => recordFromJson({ ...json, dynamodb: { ...json.dynamodb, SequenceNumber: '12' } }, origin), 'ValidationException', 'SequenceNumber')
    expectError(() => recordFromJson({ ...json, userIdentity: { Type: 'User', PrincipalId: 'me' } }, origin), 'ValidationException', 'userIdentity')
  })
})
