import { describe, expect, it } from 'vitest'
import { createStore, type AttributeMap, type ViewType } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { numberSize } from '../../src/values/number.js'
import { utf8Length } from '../../src/values/utf8.js'
import { readAll } from '../helpers/write-side.js'

/** DynamoDB size of one item, as the table measures it. */
function itemSize(item: AttributeMap, partitionKey = 'pk'): number {
  const store = createStore({ clock: new ManualClock() })
  const table = store.createTable<AttributeMap>()({ name: 'sizes', partitionKey })
  table.put(item)
  return table.describe().sizeBytes
}

describe('SizeBytes: the reference worked checks', () => {
  it('KEYS_ONLY, key Username="Fred" → 12', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ Username: string; Age: number }>()({ name: 'users', partitionKey: 'Username', stream: { viewType: 'KEYS_ONLY' } })
    t.put({ Username: 'Fred', Age: 30 })
    expect(readAll(t.stream).map((r) => r.sizeBytes)).toEqual([12])
  })

  it('KEYS_ONLY, keys ForumName="DynamoDB", Subject="DynamoDB Thread 3" → 41', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ ForumName: string; Subject: string; Views: number }>()({
      name: 'Thread',
      partitionKey: 'ForumName',
      sortKey: 'Subject',
      stream: { viewType: 'KEYS_ONLY' },
    })
    t.put({ ForumName: 'DynamoDB', Subject: 'DynamoDB Thread 3', Views: 7 })
    expect(readAll(t.stream).map((r) => r.sizeBytes)).toEqual([41])
  })

  it('NEW_AND_OLD_IMAGES {Id:1, Message:"New item!"}: INSERT 24, MODIFY 56, DELETE 36', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ Id: number; Message: string }>()({ name: 'TestTableForStreams', partitionKey: 'Id', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
    t.put({ Id: 1, Message: 'New item!' })
    t.update({ Id: 1 }, (d) => {
      d.Message = 'This item has changed'
    })
    t.delete({ Id: 1 })
    expect(readAll(t.stream).map((r) => [r.eventName, r.sizeBytes])).toEqual([
      ['INSERT', 24],
      ['MODIFY', 56],
      ['DELETE', 36],
    ])
  })

  it('the §1.7 example (status NEW → PAID, total 12.5) → 65', () => {
    const store = createStore({ clock: new ManualClock() })
    type Order = { pk: string; sk: string; status: string; total: number }
    const t = store.createTable<Order>()({ name: 'Orders', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
    t.put({ pk: 'u#1', sk: 'o#9', status: 'NEW', total: 12.5 })
    t.update({ pk: 'u#1', sk: 'o#9' }, (d) => {
      d.status = 'PAID'
    })
    const records = readAll(t.stream)
    expect(records[1]?.sizeBytes).toBe(65)
    expect(records[0]?.sizeBytes).toBe(10 + 27)
  })

  it('the TTL delete (uuid key, expired_at 1723213300) → 91', () => {
    const clock = new ManualClock(1723213300 * 1000 - 60_000)
    const store = createStore({ clock })
    const t = store.createTable<{ id: string; expired_at: number }>()({
      name: 'ttl-table',
      partitionKey: 'id',
      ttlAttribute: 'expired_at',
      stream: { viewType: 'NEW_AND_OLD_IMAGES' },
    })
    t.put({ id: '0b7a2a6e-6a3b-4c8f-9a53-8b1f1f3f2c10', expired_at: 1723213300 })
    clock.advance(120_000)
    const records = readAll(t.stream)
    expect(records.map((r) => [r.eventName, r.sizeBytes])).toEqual([
      ['INSERT', 38 + 53],
      ['DELETE', 91],
    ])
  })

  it('{"shirt-color":"R","shirt-size":"M"} = 23 bytes', () => {
    expect(itemSize({ 'shirt-color': 'R', 'shirt-size': 'M' }, 'shirt-color')).toBe(23)
  })
})

describe('SizeBytes per view type', () => {
  const sizes: Record<ViewType, [number, number, number]> = {
    // keys = 2+1 = 3; item {pk:'a', v:'xyz'} = 3 + 1+3 = 7; item {pk:'a', v:'xy'} = 6
    KEYS_ONLY: [3, 3, 3],
    NEW_IMAGE: [3 + 7, 3 + 6, 3],
    OLD_IMAGE: [3, 3 + 7, 3 + 6],
    NEW_AND_OLD_IMAGES: [3 + 7, 3 + 6 + 7, 3 + 6],
  }
  for (const [viewType, expected] of Object.entries(sizes) as [ViewType, [number, number, number]][]) {
    it(`${viewType}: keys plus the images present`, () => {
      const store = createStore({ clock: new ManualClock() })
      const t = store.createTable<{ pk: string; v: string }>()({ name: 'views', partitionKey: 'pk', stream: { viewType } })
      t.put({ pk: 'a', v: 'xyz' })
      t.put({ pk: 'a', v: 'xy' })
      t.delete({ pk: 'a' })
      expect(readAll(t.stream).map((r) => r.sizeBytes)).toEqual(expected)
    })
  }
})

describe('item size rules', () => {
  it('counts attribute names and strings in UTF-8 bytes', () => {
    expect(itemSize({ pk: 'a' })).toBe(3)
    expect(itemSize({ pk: 'a', 'ü': 'é' })).toBe(3 + 2 + 2)
    expect(itemSize({ pk: 'a', s: '€' })).toBe(3 + 1 + 3)
    expect(itemSize({ pk: 'a', s: '\u{1F600}' })).toBe(3 + 1 + 4)
    expect(itemSize({ pk: '\u{1F600}é' })).toBe(2 + 4 + 2)
    expect(itemSize({ pk: 'a', s: '' })).toBe(3 + 1)
  })

  it('counts binaries as raw bytes and booleans and null as 1', () => {
    expect(itemSize({ pk: 'a', b: new Uint8Array(5) })).toBe(3 + 1 + 5)
    expect(itemSize({ pk: 'a', b: new Uint8Array(0) })).toBe(3 + 1)
    expect(itemSize({ pk: 'a', t: true, f: false, n: null })).toBe(3 + 3 * 2)
  })

  it('counts sets as the sum of their elements', () => {
    expect(itemSize({ pk: 'a', ss: new Set(['ab', 'c', 'é']) })).toBe(3 + 2 + 2 + 1 + 2)
    expect(itemSize({ pk: 'a', ns: new Set([1, 100, 123.45]) })).toBe(3 + 2 + 2 + 2 + 4)
    expect(itemSize({ pk: 'a', bs: new Set([new Uint8Array(3), new Uint8Array([1])]) })).toBe(3 + 2 + 3 + 1)
  })

  it('adds 3 bytes per map or list and 1 byte per element (plus the key of map entries)', () => {
    expect(itemSize({ pk: 'a', m: {} })).toBe(3 + 1 + 3)
    expect(itemSize({ pk: 'a', l: [] })).toBe(3 + 1 + 3)
    expect(itemSize({ pk: 'a', m: { x: 1 } })).toBe(3 + 1 + 3 + (1 + 1 + 2))
    expect(itemSize({ pk: 'a', l: [1, 'ab'] })).toBe(3 + 1 + 3 + (1 + 2) + (1 + 2))
    // m: 3 + [1 + 'in'(2) + (3 + [1 + 2 (N 5)] + [1 + 1 (S 'z')])]
    expect(itemSize({ pk: 'a', m: { in: [5, 'z'] } })).toBe(3 + 1 + 3 + (1 + 2 + (3 + (1 + 2) + (1 + 1))))
    expect(itemSize({ pk: 'a', l: [{}, [], [[]]] })).toBe(3 + 1 + 3 + (1 + 3) + (1 + 3) + (1 + 3 + (1 + 3)))
  })

  it('measures numbers as ceil(significant digits / 2) + 1, leading and trailing zeros trimmed', () => {
    const cases: [number, number][] = [
      [0, 1],
      [1, 2],
      [7, 2],
      [12, 2],
      [123, 3],
      [100, 2],
      [1000000, 2],
      [1723213300, 5],
      [12345678901, 7],
      [0.001, 2],
      [0.5, 2],
      [12.5, 3],
      [123.45, 4],
      [100.5, 3],
      [1.5e-7, 2],
      [1e21, 2],
      [1.2345678901234567e25, 10],
      [9007199254740991, 9],
      [-1, 2],
      [-123.45, 4],
    ]
    for (const [n, size] of cases) expect([n, numberSize(n)]).toEqual([n, size])
    expect(itemSize({ pk: 'a', n: 1723213300 })).toBe(3 + 1 + 5)
    expect(itemSize({ pk: 'a', n: 0.001 })).toBe(3 + 1 + 2)
  })

  it('measures UTF-8 without allocating, as Buffer.byteLength does', () => {
    for (const s of ['', 'ascii', 'é', '€uro', '\u{1F600}', 'a\u{10FFFF}b', '\uFFFF', '日本語テキスト']) {
      expect([s, utf8Length(s)]).toEqual([s, Buffer.byteLength(s, 'utf8')])
    }
  })

  it('reports the table size as the sum of its items, updated by every write', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ pk: string; v?: string }>()({ name: 'total', partitionKey: 'pk' })
    t.put({ pk: 'a', v: 'xyz' })
    t.put({ pk: 'b' })
    expect(t.describe().sizeBytes).toBe(7 + 3)
    t.update({ pk: 'a' }, (d) => {
      d.v = 'x'
    })
    expect(t.describe().sizeBytes).toBe(5 + 3)
    t.delete({ pk: 'b' })
    expect(t.describe().sizeBytes).toBe(5)
    expect(t.describe().itemCount).toBe(1)
  })
})
