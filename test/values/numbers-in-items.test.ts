import { describe, expect, it } from 'vitest'
import { createStore, Decimal, type AttributeMap, type NumberValue } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { marshallItem } from '../../src/codec/attribute-value-json.js'
import { unmarshallItem } from '../../src/codec/attribute-value-read.js'
import { catchError, readAll, scanAll } from '../helpers/write-side.js'

const BIG = '12345678901234567890.123456789'
const MAX = '9.9999999999999999999999999999999999999E+125'

/** The normalised text of a number read back, double or Decimal. */
function text(n: unknown): string {
  return Decimal.from(String(n)).value
}

function setup() {
  const clock = new ManualClock()
  const store = createStore({ clock })
  const table = store.createTable<AttributeMap>()({ name: 'numbers', partitionKey: 'pk', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
  return { clock, store, table }
}

describe('numbers a double cannot hold, in items', () => {
  it('read back exactly as Decimal, wherever they are', () => {
    const { table } = setup()
    table.put({ pk: 'a', n: Decimal.from(BIG), m: { list: [Decimal.from(MAX), 1] }, ns: new Set<NumberValue>([1, Decimal.from('9007199254740993')]) })
    const item = table.get({ pk: 'a' }) as AttributeMap
    expect(item['n']).toBeInstanceOf(Decimal)
    expect(String(item['n'])).toBe(BIG)
    expect(String((item['m'] as { list: unknown[] }).list[0])).toBe('9'.repeat(38) + '0'.repeat(88))
    expect([...(item['ns'] as Set<NumberValue>)].map(String).sort()).toEqual(['1', '9007199254740993'])
    expect(readAll(table.stream)[0]?.newImage?.['n']).toEqual(Decimal.from(BIG))
  })

  it('read back as a double when a double holds them exactly', () => {
    const { table } = setup()
    table.put({ pk: 'a', n: Decimal.from('1.50'), ns: new Set([Decimal.from('2'), Decimal.from('0.25')]) })
    expect(table.get({ pk: 'a' })).toEqual({ pk: 'a', n: 1.5, ns: new Set([2, 0.25]) })
  })

  it('size by significant digits', () => {
    const { table } = setup()
    table.put({ pk: 'a', n: Decimal.from(MAX) })
    // "pk" + "a" + "n" + ceil(38 / 2) + 1
    expect(table.describe().sizeBytes).toBe(2 + 1 + 1 + 20)
  })

  it('number sets are sets of values: numerically equal members are duplicates', () => {
    const { table } = setup()
    for (const set of [new Set<NumberValue>([1, Decimal.from('1.0')]), new Set([Decimal.from(BIG), Decimal.from(`${BIG}000`)])]) {
      const error = catchError(() => table.put({ pk: 'a', ns: set }))
      expect(error.message).toContain('Input collection contains duplicates')
    }
  })

  it('an update that rebuilds equal values changes nothing and writes no record', () => {
    const { table } = setup()
    table.put({ pk: 'a', n: Decimal.from(BIG), ns: new Set([Decimal.from(BIG), Decimal.from(MAX)]) })
    const result = table.update({ pk: 'a' }, (d) => {
      d['n'] = Decimal.from(`${BIG}0`)
      d['ns'] = new Set([Decimal.from(MAX), Decimal.from(BIG)])
    })
    expect(result.changed).toBe(false)
    expect(readAll(table.stream)).toHaveLength(1)
    expect(table.update({ pk: 'a' }, (d) => void (d['n'] = Decimal.from('12345678901234567890.123456788'))).changed).toBe(true)
  })

  it('marshal to their exact text and back', () => {
    const { table } = setup()
    table.put(unmarshallItem({ pk: { S: 'a' }, n: { N: `00${BIG}00` }, ns: { NS: ['1.0', '9007199254740993'] }, d: { N: '1.5' } }))
    const item = table.get({ pk: 'a' }) as AttributeMap
    expect(item['d']).toBe(1.5)
    expect(marshallItem(item)).toEqual({ pk: { S: 'a' }, n: { N: BIG }, ns: { NS: ['1', '9007199254740993'] }, d: { N: '1.5' } })
  })

  it('expire by TTL when the expiry time is a Decimal', () => {
    const clock = new ManualClock(0)
    const store = createStore({ clock })
    const table = store.createTable<AttributeMap>()({ name: 'ttl', partitionKey: 'pk', ttlAttribute: 'expires' })
    table.put({ pk: 'a', expires: Decimal.from('100.5000000000000000000000000001') })
    clock.advance(100_000)
    expect(table.get({ pk: 'a' })).toBeDefined()
    clock.advance(1_000)
    expect(table.get({ pk: 'a' })).toBeUndefined()
  })
})

describe('Decimal keys', () => {
  type Row = { id: NumberValue; at: NumberValue; v?: number }

  function keyed() {
    const store = createStore({ clock: new ManualClock() })
    return store.createTable<Row>()({ name: 'keyed', partitionKey: 'id', sortKey: 'at', stream: { viewType: 'KEYS_ONLY' } })
  }

  it('find an item by any Decimal or double of the same value', () => {
    const table = keyed()
    table.put({ id: Decimal.from(BIG), at: Decimal.from('2.0'), v: 1 })
    expect(table.get({ id: Decimal.from(`${BIG}0`), at: 2 })?.v).toBe(1)
    expect(table.get({ id: Decimal.from(BIG), at: Decimal.from('2') })?.v).toBe(1)
    table.put({ id: Decimal.from(BIG), at: 2, v: 2 })
    expect(table.count()).toBe(1)
    expect(table.get({ id: Decimal.from(BIG), at: 2 })?.v).toBe(2)
    expect(table.get({ id: Decimal.from('12345678901234567890.123456788'), at: 2 })).toBeUndefined()
  })

  it('sort numerically and exactly, Decimals among doubles', () => {
    const table = keyed()
    const order = ['-1E+100', '-1.5', '0', '0.1', '9007199254740992', '9007199254740993', '9007199254740993.0000001', '1E+100', MAX]
    for (const at of [...order].reverse()) table.put({ id: 1, at: Decimal.from(at) })
    const expected = order.map(text)
    expect(table.query(1).items.map((i) => text(i.at))).toEqual(expected)
    expect(table.query(1, { reverse: true }).items.map((i) => text(i.at))).toEqual([...expected].reverse())
    expect(table.query(1, { between: [9007199254740992, Decimal.from('9007199254740993')] }).items.map((i) => text(i.at))).toEqual([
      '9007199254740992',
      '9007199254740993',
    ])
    expect(table.query(1, { greaterThan: Decimal.from('9007199254740993') }).items).toHaveLength(3)
    expect(table.query(1, { lessThan: Decimal.from('-1.4999999999999999999999') }).items).toHaveLength(2)
    expect(catchError(() => table.query(1, { beginsWith: Decimal.from(BIG) as never })).message).toContain('begins with does not apply to numbers')
  })

  it('page with a Decimal start key', () => {
    const table = keyed()
    for (const at of ['1.00000000000000000001', '1.00000000000000000002', '1.00000000000000000003']) table.put({ id: Decimal.from(MAX), at: Decimal.from(at) })
    const first = table.query(Decimal.from(MAX), { limit: 2 })
    expect(String(first.lastEvaluatedKey?.at)).toBe('1.00000000000000000002')
    const rest = table.query(Decimal.from(MAX), { exclusiveStartKey: first.lastEvaluatedKey as never })
    expect(rest.items.map((i) => String(i.at))).toEqual(['1.00000000000000000003'])
    expect(scanAll<unknown>(table)).toHaveLength(3)
    const page = table.scan({ limit: 1 })
    expect(table.scan({ exclusiveStartKey: page.lastEvaluatedKey as never }).items).toHaveLength(2)
  })

  it('refuse a key update that changes its value, and accept one that keeps it', () => {
    const table = keyed()
    table.put({ id: 1, at: Decimal.from(BIG) })
    expect(table.update({ id: 1, at: Decimal.from(BIG) }, (d) => void (d.at = Decimal.from(`${BIG}00`))).changed).toBe(false)
    const error = catchError(() => table.update({ id: 1, at: Decimal.from(BIG) }, (d) => void (d.at = Decimal.from('1'))))
    expect(error.message).toContain('This attribute is part of the key')
  })
})
