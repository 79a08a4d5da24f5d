import { afterEach, describe, expect, it } from 'vitest'
import '../../src/testing/vitest.js'
import { Decimal } from '../../src/index.js'
import { createRecordFactory, createTestStore, emittedRecords, markStream, recordsSince, streamtableMatchers, type TestStore } from '../../src/testing.js'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid'; tags?: Set<string>; blob?: Uint8Array }

let store: TestStore
afterEach(async () => {
  await store.stopConsumers()
})

function ordersTable(viewType: 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY' = 'NEW_AND_OLD_IMAGES') {
  store = createTestStore()
  return store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType } })
}

function failureOf(run: () => void): string {
  try {
    run()
  } catch (error) {
    return (error as Error).message
  }
  throw new Error('expected the assertion to fail')
}

describe('expect(table).toHaveEmitted(pattern)', () => {
  it('passes when a record matches the partial record, keys and images as subsets', () => {
    const orders = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 42, status: 'open' })
    orders.update({ customerId: 'c1', orderId: 'o1' }, (d) => void (d.status = 'paid'))
    expect(orders).toHaveEmitted()
    expect(orders).toHaveEmitted({ eventName: 'INSERT' })
    expect(orders).toHaveEmitted({ eventName: 'MODIFY', keys: { orderId: 'o1' }, newImage: { status: 'paid' }, oldImage: { status: 'open', total: 42 } })
    expect(orders).not.toHaveEmitted({ eventName: 'DELETE' })
    expect(orders).not.toHaveEmitted({ eventName: 'MODIFY', newImage: { status: 'open' } })
  })

  it('takes asymmetric matchers anywhere in the pattern, and undefined as "absent"', () => {
    const orders = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 42, status: 'open' })
    expect(orders).toHaveEmitted({ eventName: 'INSERT', sequenceNumber: expect.stringMatching(/^\d{21}$/), newImage: { total: expect.any(Number) } })
    expect(orders).toHaveEmitted({ eventName: 'INSERT', oldImage: undefined })
    expect(orders).not.toHaveEmitted({ eventName: 'INSERT', newImage: undefined })
    expect(orders).toHaveEmitted({ createdAt: store.clock.now(), userIdentity: undefined })
  })

  it('compares sets, binaries and big numbers by value', () => {
    store = createTestStore()
    const items = store.createTable<{ id: string; tags: Set<string>; blob: Uint8Array; big: number | Decimal }>()({ name: 'items', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
    items.put({ id: 'a', tags: new Set(['x', 'y']), blob: new Uint8Array([1, 2]), big: new Decimal('12345678901234567890.5') })
    expect(items).toHaveEmitted({ newImage: { tags: new Set(['y', 'x']), blob: new Uint8Array([1, 2]), big: new Decimal('12345678901234567890.50') } })
    expect(items).not.toHaveEmitted({ newImage: { tags: new Set(['x']) } })
    expect(items).not.toHaveEmitted({ newImage: { blob: new Uint8Array([1, 3]) } })
  })

  it('fails with the pattern and every record the stream holds', () => {
    const orders = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 42, status: 'open' })
    orders.delete({ customerId: 'c1', orderId: 'o1' })
    const message = failureOf(() => expect(orders).toHaveEmitted({ eventName: 'MODIFY', newImage: { status: 'paid' } }))
    expect(message.replace(/seq \d+/g, 'seq …')).toMatchInlineSnapshot(`
      "expected table orders to have emitted a record matching { eventName: "MODIFY", newImage: { status: "paid" } }, but none of its 2 records matches:
        1. INSERT { customerId: "c1", orderId: "o1" } new { customerId: "c1", orderId: "o1", total: 42, status: "open" } seq …
        2. DELETE { customerId: "c1", orderId: "o1" } old { customerId: "c1", orderId: "o1", total: 42, status: "open" } seq …"
    `)
    expect(failureOf(() => expect(ordersTable()).toHaveEmitted())).toBe('expected table orders to have emitted any record, but it emitted no records:\n  (no records)')
  })

  it('fails .not with the records that matched, marked', () => {
    const orders = ordersTable('KEYS_ONLY')
    orders.put({ customerId: 'c1', orderId: 'o1', total: 1, status: 'open' })
    orders.put({ customerId: 'c2', orderId: 'o1', total: 1, status: 'open' })
    const message = failureOf(() => expect(orders).not.toHaveEmitted({ keys: { customerId: 'c2' } }))
    expect(message.replace(/seq \d+/g, 'seq …')).toBe(
      'expected table orders not to have emitted a record matching { keys: { customerId: "c2" } }, but 1 of its 2 records did:\n' +
        '  1. INSERT { customerId: "c1", orderId: "o1" } seq …\n' +
        '  2. INSERT { customerId: "c2", orderId: "o1" } seq …  ← matches',
    )
  })

  it('shows matchers in the message by name, and lists at most 25 records', () => {
    const orders = ordersTable('KEYS_ONLY')
    for (let i = 0; i < 30; i++) orders.put({ customerId: 'c1', orderId: `o${i}`, total: i, status: 'open' })
    const message = failureOf(() => expect(orders).toHaveEmitted({ eventName: 'DELETE', keys: { orderId: expect.stringContaining('o') } }))
    expect(message.split('\n')[0]).toBe('expected table orders to have emitted a record matching { eventName: "DELETE", keys: { orderId: StringContaining "o" } }, but none of its 30 records matches:')
    expect(message.split('\n')).toHaveLength(27)
    expect(message.endsWith('  … and 5 more')).toBe(true)
  })

  it('refuses a source without records and a pattern that is not an object', () => {
    store = createTestStore()
    const plain = store.createTable<Order>()({ name: 'plain', partitionKey: 'customerId', sortKey: 'orderId' })
    expect(() => expect(plain).toHaveEmitted()).toThrow('Invalid record source: expected a table with a stream, received plain without one')
    expect(() => expect(42).toHaveEmitted()).toThrow('Invalid record source: expected a table with a stream, or a stream, received number 42')
    expect(() => expect([]).toHaveEmitted('INSERT' as never)).toThrow('Invalid record pattern: expected an object of record fields')
  })
})

describe('expect(source).toHaveEmittedTimes(n, pattern?)', () => {
  it('counts the matching records, or all of them without a pattern', () => {
    const orders = ordersTable()
    for (const orderId of ['o1', 'o2', 'o3']) orders.put({ customerId: 'c1', orderId, total: 1, status: 'open' })
    orders.update({ customerId: 'c1', orderId: 'o2' }, (d) => void (d.status = 'paid'))
    expect(orders).toHaveEmittedTimes(4)
    expect(orders).toHaveEmittedTimes(3, { eventName: 'INSERT' })
    expect(orders).toHaveEmittedTimes(0, { eventName: 'DELETE' })
    expect(orders).not.toHaveEmittedTimes(2, { eventName: 'INSERT' })
    const message = failureOf(() => expect(orders).toHaveEmittedTimes(2, { eventName: 'MODIFY' }))
    expect(message.replace(/ (new|old) \{[^}]*\}/g, '').replace(/seq \d+/g, 'seq …')).toBe(
      'expected table orders to have emitted 2 records matching { eventName: "MODIFY" }, but 1 of its 4 records match:\n' +
        '  1. INSERT { customerId: "c1", orderId: "o1" } seq …\n' +
        '  2. INSERT { customerId: "c1", orderId: "o2" } seq …\n' +
        '  3. INSERT { customerId: "c1", orderId: "o3" } seq …\n' +
        '  4. MODIFY { customerId: "c1", orderId: "o2" } seq …  ← matches',
    )
    expect(failureOf(() => expect(orders).toHaveEmittedTimes(1))).toMatch(/^expected table orders to have emitted 1 record, but 4 of its 4 records exist:/)
    expect(() => expect(orders).toHaveEmittedTimes(-1)).toThrow('Invalid times: expected an integer >= 0, received number -1')
  })
})

describe('marks: the records since a point in the test', () => {
  it('sees only what was written after the mark, across shard splits', () => {
    const orders = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 1, status: 'open' })
    const mark = markStream(orders)
    expect(mark).not.toHaveEmitted()
    expect(recordsSince(mark)).toEqual([])
    for (const shard of orders.stream.shards()) orders.stream.splitShard(shard.shardId)
    orders.update({ customerId: 'c1', orderId: 'o1' }, (d) => void (d.status = 'paid'))
    orders.put({ customerId: 'c9', orderId: 'o1', total: 9, status: 'open' })
    expect(mark).toHaveEmittedTimes(2)
    expect(mark).toHaveEmitted({ eventName: 'MODIFY', newImage: { status: 'paid' } })
    expect(mark).not.toHaveEmitted({ eventName: 'INSERT', keys: { customerId: 'c1' } })
    expect(recordsSince(mark).map((r) => r.eventName)).toEqual(['MODIFY', 'INSERT'])
    expect(emittedRecords(orders).map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'INSERT'])
    expect(failureOf(() => expect(mark).toHaveEmittedTimes(3))).toMatch(/^expected table orders since the mark to have emitted 3 records, but 2 of its 2 records exist:/)
  })

  it('reads a stream, a mark of a stream, and records in hand (what a consumer received)', async () => {
    const orders = ordersTable()
    const received: unknown[] = []
    store.consume(orders, (records) => void received.push(...records), { startingPosition: 'TRIM_HORIZON' })
    orders.put({ customerId: 'c1', orderId: 'o1', total: 1, status: 'open' })
    await store.settle()
    expect(orders.stream).toHaveEmittedTimes(1, { eventName: 'INSERT' })
    expect(received).toHaveEmitted({ eventName: 'INSERT', keys: { customerId: 'c1' } })
    expect(failureOf(() => expect(received).toHaveEmitted({ eventName: 'DELETE' }))).toMatch(/^expected the 1 records given to have emitted a record matching \{ eventName: "DELETE" \}, but its only record does not match:/)
    expect(markStream(orders.stream)).not.toHaveEmitted()
  })

  it('works on records a factory made, without a store', () => {
    store = createTestStore()
    const orders = createRecordFactory<Order>()({ table: 'orders', partitionKey: 'customerId', sortKey: 'orderId' })
    const batch = [orders.insert({ customerId: 'c1', orderId: 'o1', total: 1, status: 'open' }), orders.remove({ customerId: 'c1', orderId: 'o1', total: 1, status: 'open' }, { ttl: true })]
    expect(batch).toHaveEmitted({ eventName: 'DELETE', userIdentity: { type: 'Service' } })
  })
})

describe('streamtableMatchers, for any expect.extend', () => {
  it('returns pass and a message without a framework context', () => {
    const result = streamtableMatchers.toHaveEmitted.call(undefined, [], { eventName: 'INSERT' })
    expect(result.pass).toBe(false)
    expect(result.message()).toBe('expected the 0 records given to have emitted a record matching { eventName: "INSERT" }, but it emitted no records:\n  (no records)')
  })
})
