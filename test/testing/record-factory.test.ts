import { describe, expect, it } from 'vitest'
import { VIEW_TYPES, type AnyChangeRecord, type AttributeMap } from '../../src/index.js'
import { createRecordFactory, createTestStore } from '../../src/testing.js'
import { applyWrite, CHANGE_CASES, FIXTURE_TABLE, type Item } from '../helpers/changes.js'
import { expectError } from '../helpers/errors.js'
import { T0 } from '../helpers/time.js'
import { readAll } from '../helpers/write-side.js'

// What a record says about the change, leaving out where the stream put it.
const content = ({ eventId, sequenceNumber, shardId, ...rest }: AnyChangeRecord) => rest

describe('createRecordFactory: the records a table would emit, without a store', () => {
  for (const viewType of VIEW_TYPES) {
    it(`makes the records of every change case as a ${viewType} table emits them`, () => {
      for (const change of CHANGE_CASES.filter((c) => c.expected[viewType] !== 'no record')) {
        const store = createTestStore()
        const table = store.createTable<Item>()({ name: 'fixture', ...FIXTURE_TABLE, stream: { viewType } })
        for (const write of change.setup) applyWrite(table, write)
        applyWrite(table, change.write)
        const emitted = readAll(table.stream).at(-1) as AnyChangeRecord
        const records = createRecordFactory(table)
        const made =
          change.before === undefined
            ? records.insert(change.after as Item)
            : change.after === undefined
              ? records.remove(change.before)
              : records.modify(change.before, change.after)
        expect(content(made), change.name).toEqual(content(emitted))
        expect(Object.keys(made), change.name).toEqual(Object.keys(emitted))
        expect(Object.isFrozen(made)).toBe(true)
      }
    })
  }

  it('makes a TTL delete as the sweeper does: a DELETE with the service identity', async () => {
    const store = createTestStore()
    const table = store.createTable<{ id: string; expiresAt: number }>()({ name: 'sessions', partitionKey: 'id', ttlAttribute: 'expiresAt', stream: { viewType: 'OLD_IMAGE' } })
    const item = { id: 's1', expiresAt: T0 / 1000 + 60 }
    table.put(item)
    await store.runFor(60 * 60 * 1000)
    const swept = readAll(table.stream).at(-1) as AnyChangeRecord
    const made = createRecordFactory(table).remove(item, { ttl: true, createdAt: swept.createdAt })
    expect(content(made)).toEqual(content(swept))
    expect(made.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' })
  })

  it('counts sequence numbers and event ids up, and takes times, shards and sequence numbers given', () => {
    const clock = { now: () => T0 + 1_500 }
    const orders = createRecordFactory<{ id: string; n: number }>()({ table: 'orders', partitionKey: 'id', viewType: 'NEW_IMAGE', region: 'eu-west-1', accountId: '123456789012', clock })
    const a = orders.insert({ id: 'a', n: 1 })
    const b = orders.insert({ id: 'b', n: 1 }, { createdAt: T0 + 9_000, shardId: 'shardId-00000001767225600000-0000000a', sequenceNumber: '4'.repeat(30) })
    expect(a).toMatchObject({ table: 'orders', streamArn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000', createdAt: T0 + 1_500, sequenceNumber: '100000000000000000001', shardId: 'shardId-00000001767225600000-00000000', viewType: 'NEW_IMAGE', sizeBytes: 3 + 6 })
    expect(b).toMatchObject({ createdAt: T0 + 9_000, sequenceNumber: '4'.repeat(30), shardId: 'shardId-00000001767225600000-0000000a' })
    expect(a.eventId).toMatch(/^[0-9a-f]{32}$/)
    expect(b.eventId > a.eventId).toBe(true)
    const again = createRecordFactory<{ id: string; n: number }>()({ table: 'orders', partitionKey: 'id', viewType: 'NEW_IMAGE', region: 'eu-west-1', accountId: '123456789012', clock })
    expect(again.insert({ id: 'a', n: 1 })).toEqual(a)
    expect(createRecordFactory()({ table: 'orders', partitionKey: 'id' }).insert({ id: 'a' }).viewType).toBe('NEW_AND_OLD_IMAGES')
  })

  it('validates items as a write would, and refuses changes a table would never record', () => {
    const orders = createRecordFactory<AttributeMap>()({ table: 'orders', partitionKey: 'customerId', sortKey: 'orderId' })
    expectError(() => orders.insert({ customerId: 'c1' }), 'ValidationException', 'Invalid item for orders: Missing the key orderId in the item')
    expectError(() => orders.insert({ customerId: 'c1', orderId: 'o1', bad: (() => 1) as never }), 'ValidationException')
    expectError(() => orders.modify({ customerId: 'c1', orderId: 'o1', n: 1 }, { customerId: 'c1', orderId: 'o1', n: 1 }), 'ValidationException', 'expected images that differ, received equal items')
    expectError(() => orders.modify({ customerId: 'c1', orderId: 'o1' }, { customerId: 'c1', orderId: 'o2' }), 'ValidationException', 'expected both images to have one key')
    expectError(() => orders.remove({ customerId: 'c1', orderId: 'o1' }, { ttl: 'yes' } as never), 'ValidationException', 'Invalid ttl: expected true or false')
    expectError(() => orders.insert({ customerId: 'c1', orderId: 'o1' }, { shardId: 'shard-1' }), 'ValidationException', 'Invalid shardId')
    expectError(() => orders.insert({ customerId: 'c1', orderId: 'o1' }, { sequenceNumber: '12' }), 'ValidationException', 'Invalid sequenceNumber: expected a string of 21 to 40 digits')
    expectError(() => orders.insert({ customerId: 'c1', orderId: 'o1' }, { at: 1 } as never), 'ValidationException', 'Unknown record option "at"')
    expectError(() => createRecordFactory()({ table: 'x', partitionKey: 'id' }), 'ValidationException', 'Invalid table: expected 3 to 255 characters')
    expectError(() => createRecordFactory()({ table: 'orders', partitionKey: 'id', sortKey: 'id' }), 'ValidationException', 'Invalid sortKey')
    expectError(() => createRecordFactory()({ table: 'orders', partitionKey: 'id', viewType: 'ALL' as never }), 'ValidationException', 'Invalid viewType')
    const store = createTestStore()
    const plain = store.createTable<{ id: string }>()({ name: 'plain', partitionKey: 'id' })
    expectError(() => createRecordFactory(plain), 'ValidationException', 'expected a table with a stream, received plain without one')
  })
})
