import { describe, expect, it } from 'vitest'
import { createStore, type AttributeMap } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { compareUtf8 } from '../../src/values/utf8.js'
import { catchError } from '../helpers/write-side.js'

function stringTable(sortKeys: readonly string[]) {
  const store = createStore({ clock: new ManualClock() })
  const t = store.createTable<{ pk: string; sk: string; n?: number }>()({ name: 'strings', partitionKey: 'pk', sortKey: 'sk' })
  sortKeys.forEach((sk, i) => t.put({ pk: 'p', sk, n: i }))
  t.put({ pk: 'other', sk: 'a' })
  return t
}

function numberTable(sortKeys: readonly number[]) {
  const store = createStore({ clock: new ManualClock() })
  const t = store.createTable<{ pk: string; at: number }>()({ name: 'numbers', partitionKey: 'pk', sortKey: 'at' })
  for (const at of sortKeys) t.put({ pk: 'p', at })
  return t
}

function binaryTable(sortKeys: readonly number[][]) {
  const store = createStore({ clock: new ManualClock() })
  const t = store.createTable<{ pk: string; b: Uint8Array }>()({ name: 'binaries', partitionKey: 'pk', sortKey: 'b' })
  for (const b of sortKeys) t.put({ pk: 'p', b: new Uint8Array(b) })
  return t
}

const letters = ['e', 'a', 'c', 'b', 'd', 'ab', 'abc', 'b0']
const sorted = ['a', 'ab', 'abc', 'b', 'b0', 'c', 'd', 'e']
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)
function byteOrder(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number)
  return a.length - b.length
}
const sks = (items: readonly { sk: string }[]) => items.map((i) => i.sk)

describe('query: sort key conditions on strings', () => {
  const t = stringTable(letters)
  it.each([
    ['no condition', {}, sorted],
    ['equals', { equals: 'b' }, ['b']],
    ['equals (absent)', { equals: 'bb' }, []],
    ['lessThan', { lessThan: 'b' }, ['a', 'ab', 'abc']],
    ['lessThanOrEqual', { lessThanOrEqual: 'b' }, ['a', 'ab', 'abc', 'b']],
    ['greaterThan', { greaterThan: 'b' }, ['b0', 'c', 'd', 'e']],
    ['greaterThanOrEqual', { greaterThanOrEqual: 'b' }, ['b', 'b0', 'c', 'd', 'e']],
    ['between (inclusive)', { between: ['ab', 'c'] as const }, ['ab', 'abc', 'b', 'b0', 'c']],
    ['between equal bounds', { between: ['c', 'c'] as const }, ['c']],
    ['between bounds not present', { between: ['aa', 'bz'] as const }, ['ab', 'abc', 'b', 'b0']],
    ['beginsWith', { beginsWith: 'ab' }, ['ab', 'abc']],
    ['beginsWith a single character', { beginsWith: 'b' }, ['b', 'b0']],
    ['beginsWith nothing matching', { beginsWith: 'x' }, []],
    ['lessThan below everything', { lessThan: 'a' }, []],
    ['greaterThan above everything', { greaterThan: 'z' }, []],
  ])('%s', (_label, options, expected) => {
    expect(sks(t.query('p', options).items)).toEqual(expected)
    expect(sks(t.query('p', { ...options, reverse: true }).items)).toEqual([...expected].reverse())
  })

  it('returns only the queried partition, and nothing for a missing one', () => {
    expect(t.query('other').items).toEqual([{ pk: 'other', sk: 'a' }])
    expect(t.query('missing')).toEqual({ items: [] })
    expect(t.query('missing', { beginsWith: 'a' })).toEqual({ items: [] })
  })

  it('beginsWith matches by UTF-8 bytes, multibyte characters included', () => {
    const u = stringTable(['é', 'éa', 'e', 'ê', '\u{1F600}x', '\u{1F600}', '\u{1F601}'])
    expect(sks(u.query('p', { beginsWith: 'é' }).items)).toEqual(['é', 'éa'])
    expect(sks(u.query('p', { beginsWith: '\u{1F600}' }).items)).toEqual(['\u{1F600}', '\u{1F600}x'])
  })
})

describe('query: ordering', () => {
  it('orders strings by UTF-8 bytes, not UTF-16 units', () => {
    const keys = ['z', '¿', 'a', 'A', '\uFFFF', '\u{1F600}', '\uE000', 'Z', 'é', '\u{10FFFF}', 'aa']
    const t = stringTable(keys)
    const expected = ['A', 'Z', 'a', 'aa', 'z', '¿', 'é', '\uE000', '\uFFFF', '\u{1F600}', '\u{10FFFF}']
    expect(sks(t.query('p').items)).toEqual(expected)
    // Same as comparing the encoded bytes; JavaScript's own sort puts the emoji before U+E000.
    expect([...keys].sort((a, b) => byteOrder(utf8(a), utf8(b)))).toEqual(expected)
    expect([...keys].sort()).not.toEqual(expected)
    expect(sks(t.query('p', { greaterThan: '\uFFFF' }).items)).toEqual(['\u{1F600}', '\u{10FFFF}'])
    expect(sks(t.query('p', { lessThan: '\uE000' }).items)).toEqual(['A', 'Z', 'a', 'aa', 'z', '¿', 'é'])
    expect(sks(t.query('p', { between: ['z', '\u{1F600}'] }).items)).toEqual(['z', '¿', 'é', '\uE000', '\uFFFF', '\u{1F600}'])
  })

  it('compareUtf8 agrees with comparing encoded bytes', () => {
    const samples = ['', 'a', 'ab', 'b', '¿', 'é', '\u07FF', '\u0800', '\uD7FF', '\uE000', '\uFFFF', '\u{10000}', '\u{1F600}', '\u{10FFFF}', 'a\u{1F600}', 'a\uFFFF']
    for (const a of samples) {
      for (const b of samples) {
        expect([a, b, Math.sign(compareUtf8(a, b))]).toEqual([a, b, Math.sign(byteOrder(utf8(a), utf8(b)))])
      }
    }
  })

  it('orders numbers numerically', () => {
    const t = numberTable([10, 2, -1, 1.5, 100, -20, 0, 1e-10, 3e20])
    expect(t.query('p').items.map((i) => i.at)).toEqual([-20, -1, 0, 1e-10, 1.5, 2, 10, 100, 3e20])
    expect(t.query('p', { lessThan: 2 }).items.map((i) => i.at)).toEqual([-20, -1, 0, 1e-10, 1.5])
    expect(t.query('p', { between: [2, 100] }).items.map((i) => i.at)).toEqual([2, 10, 100])
    expect(t.query('p', { greaterThanOrEqual: 10, reverse: true }).items.map((i) => i.at)).toEqual([3e20, 100, 10])
    expect(t.query('p', { equals: 1.5 }).items.map((i) => i.at)).toEqual([1.5])
    expect(t.query('p', { greaterThan: -1, lessThan: undefined }).items.map((i) => i.at)).toEqual([0, 1e-10, 1.5, 2, 10, 100, 3e20])
  })

  it('orders binaries as unsigned bytes, a prefix first', () => {
    const t = binaryTable([[1, 2], [0xff], [1], [0x80], [0], [1, 0], [0x7f, 0xff]])
    const order = t.query('p').items.map((i) => [...i.b])
    expect(order).toEqual([[0], [1], [1, 0], [1, 2], [0x7f, 0xff], [0x80], [0xff]])
    expect(t.query('p', { beginsWith: new Uint8Array([1]) }).items.map((i) => [...i.b])).toEqual([[1], [1, 0], [1, 2]])
    expect(t.query('p', { greaterThan: new Uint8Array([1]) }).items.map((i) => [...i.b])).toEqual([[1, 0], [1, 2], [0x7f, 0xff], [0x80], [0xff]])
    expect(t.query('p', { lessThanOrEqual: new Uint8Array([0x7f, 0xff]) }).items).toHaveLength(5)
    expect(t.query('p', { between: [new Uint8Array([1, 0]), new Uint8Array([0x80])] }).items.map((i) => [...i.b])).toEqual([[1, 0], [1, 2], [0x7f, 0xff], [0x80]])
    expect(t.query('p', { equals: new Uint8Array([0xff]) }).items).toHaveLength(1)
  })

  it('queries number and binary partition keys', () => {
    const store = createStore({ clock: new ManualClock() })
    const n = store.createTable<{ id: number; sk: string }>()({ name: 'npk', partitionKey: 'id', sortKey: 'sk' })
    n.put({ id: 1, sk: 'a' })
    n.put({ id: 10, sk: 'b' })
    expect(n.query(1).items).toEqual([{ id: 1, sk: 'a' }])
    const b = store.createTable<{ id: Uint8Array; sk: string }>()({ name: 'bpk', partitionKey: 'id', sortKey: 'sk' })
    b.put({ id: new Uint8Array([1]), sk: 'a' })
    expect(b.query(new Uint8Array([1])).items).toHaveLength(1)
    expect(b.query(new Uint8Array([1, 0])).items).toHaveLength(0)
  })
})

describe('query: limit and paging', () => {
  const keys = Array.from({ length: 23 }, (_, i) => `k${String(i).padStart(2, '0')}`)

  function pages(t: ReturnType<typeof stringTable>, options: { limit: number; reverse?: boolean; beginsWith?: string; greaterThan?: string }) {
    const seen: string[] = []
    const sizes: number[] = []
    let start: { pk: string; sk: string } | undefined
    for (let guard = 0; guard < 100; guard++) {
      const page = t.query('p', start === undefined ? options : { ...options, exclusiveStartKey: start })
      seen.push(...sks(page.items))
      sizes.push(page.items.length)
      if (page.lastEvaluatedKey === undefined) return { seen, sizes }
      expect(page.lastEvaluatedKey).toEqual({ pk: 'p', sk: page.items[page.items.length - 1]?.sk })
      start = page.lastEvaluatedKey
    }
    throw new Error('paging did not end')
  }

  it.each([1, 2, 5, 7, 22, 23, 24, 100])('limit %i: pages hold at most limit items and cover each item exactly once', (limit) => {
    const t = stringTable(keys)
    const forward = pages(t, { limit })
    expect(forward.seen).toEqual(keys)
    for (const n of forward.sizes) expect(n).toBeLessThanOrEqual(limit)
    const backward = pages(t, { limit, reverse: true })
    expect(backward.seen).toEqual([...keys].reverse())
  })

  it('pages within a sort key condition', () => {
    const t = stringTable(keys)
    expect(pages(t, { limit: 3, beginsWith: 'k1' }).seen).toEqual(keys.filter((k) => k.startsWith('k1')))
    expect(pages(t, { limit: 4, greaterThan: 'k15', reverse: true }).seen).toEqual(keys.filter((k) => k > 'k15').reverse())
  })

  it('exclusiveStartKey need not be a stored item', () => {
    const t = stringTable(keys)
    expect(sks(t.query('p', { exclusiveStartKey: { pk: 'p', sk: 'k10a' } }).items)).toEqual(keys.slice(11))
    expect(sks(t.query('p', { exclusiveStartKey: { pk: 'p', sk: 'k10a' }, reverse: true }).items)).toEqual(keys.slice(0, 11).reverse())
  })

  it('a page that ends exactly at the last item has no lastEvaluatedKey or one that leads to an empty page', () => {
    const t = stringTable(['a', 'b'])
    const page = t.query('p', { limit: 2 })
    expect(sks(page.items)).toEqual(['a', 'b'])
    if (page.lastEvaluatedKey !== undefined) expect(t.query('p', { exclusiveStartKey: page.lastEvaluatedKey }).items).toEqual([])
  })

  it('on a table without a sort key, exclusiveStartKey of the only item ends the query both ways', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ id: string; v: number }>()({ name: 'hash-only', partitionKey: 'id' })
    t.put({ id: 'a', v: 1 })
    expect(t.query('a').items).toEqual([{ id: 'a', v: 1 }])
    expect(t.query('a', { exclusiveStartKey: { id: 'a' } }).items).toEqual([])
    expect(t.query('a', { exclusiveStartKey: { id: 'a' }, reverse: true }).items).toEqual([])
  })

  it('caps a page at 1 MB of items (at least one item) and pages through the rest', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ pk: string; sk: string; data: string }>()({ name: 'big', partitionKey: 'pk', sortKey: 'sk' })
    const itemBytes = 300_000
    // pk(2+1) + sk(2+3) + data(4 + n)
    for (let i = 0; i < 10; i++) t.put({ pk: 'p', sk: `s${String(i).padStart(2, '0')}`, data: 'x'.repeat(itemBytes - 12) })
    expect(t.describe().sizeBytes).toBe(10 * itemBytes)
    const seen: string[] = []
    let start: { pk: string; sk: string } | undefined
    let pagesRead = 0
    for (;;) {
      const page = t.query('p', start === undefined ? {} : { exclusiveStartKey: start })
      pagesRead++
      expect(page.items.length).toBeGreaterThanOrEqual(1)
      // Every item but the last of a page was read before the page reached 1 MB.
      expect((page.items.length - 1) * itemBytes).toBeLessThan(1024 * 1024)
      seen.push(...page.items.map((i) => i.sk))
      if (page.lastEvaluatedKey === undefined) break
      start = page.lastEvaluatedKey
    }
    expect(pagesRead).toBeGreaterThan(1)
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `s${String(i).padStart(2, '0')}`))
  })

  it('returns at least one item even when that item alone is near the item limit', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ pk: string; sk: string; data: string }>()({ name: 'big', partitionKey: 'pk', sortKey: 'sk' })
    for (let i = 0; i < 4; i++) t.put({ pk: 'p', sk: `s${i}`, data: 'y'.repeat(400_000) })
    const first = t.query('p', { limit: 1 })
    expect(first.items).toHaveLength(1)
    expect(first.lastEvaluatedKey).toEqual({ pk: 'p', sk: 's0' })
  })
})

describe('query: invalid calls', () => {
  const t = stringTable(letters)
  it.each([
    ['two sort key conditions', { lessThan: 'b', greaterThan: 'a' }, 'at most one of'],
    ['a number bound on a string sort key', { lessThan: 1 as never }, 'a string sort key value'],
    ['beginsWith with a number', { beginsWith: 1 as never }, 'beginsWith'],
    ['between with lower above upper', { between: ['c', 'a'] as const }, 'a lower bound less than or equal to the upper bound'],
    ['between that is not a pair', { between: ['a'] as never }, 'a [lower, upper] pair'],
    ['limit 0', { limit: 0 }, 'an integer >= 1'],
    ['an exclusiveStartKey of another partition', { exclusiveStartKey: { pk: 'other', sk: 'a' } }, 'a key in partition p'],
    ['an exclusiveStartKey without its sort key', { exclusiveStartKey: { pk: 'p' } as never }, "Exclusive Start Key must have same size as table's key schema (exclusiveStartKey: expected the 2 key attributes pk, sk, received attributes pk)"],
    ['an exclusiveStartKey of the wrong type', { exclusiveStartKey: { pk: 'p', sk: 1 } as never }, 'Type mismatch for attribute to update (exclusiveStartKey: sk: expected a string value, received number 1)'],
    ['a reverse that is not a boolean', { reverse: 'yes' as never }, 'Invalid query reverse: expected true or false, received string "yes"'],
  ])('rejects %s', (_label, options, fragment) => {
    const error = catchError(() => t.query('p', options))
    expect(error.code).toBe('ValidationException')
    expect(error.message).toContain(fragment)
  })

  it('rejects a partition value of the wrong type and a sort key condition on a table without a sort key', () => {
    expect(catchError(() => t.query(1 as never)).message).toContain('Type mismatch for key pk')
    const store = createStore({ clock: new ManualClock() })
    const h = store.createTable<AttributeMap>()({ name: 'hash', partitionKey: 'id' })
    h.put({ id: 'a' })
    const error = catchError(() => h.query('a', { beginsWith: 'x' } as never))
    expect(error.code).toBe('ValidationException')
    expect(error.message).toContain('none on a table without a sort key')
  })

  it('checks the start key and the options on a partition without items as on one with items', () => {
    for (const partition of ['p', 'no-such-partition']) {
      expect(catchError(() => t.query(partition, { exclusiveStartKey: { pk: partition } as never })).message).toContain("Exclusive Start Key must have same size as table's key schema")
      expect(catchError(() => t.query(partition, { exclusiveStartKey: { pk: 'elsewhere', sk: 'a' } })).message).toContain(`a key in partition ${partition}`)
      expect(catchError(() => t.query(partition, { reverse: 1 as never })).message).toContain('Invalid query reverse')
    }
    expect(t.query('no-such-partition', { exclusiveStartKey: { pk: 'no-such-partition', sk: 'a' }, reverse: true }).items).toEqual([])
  })

  it('rejects beginsWith on a number sort key', () => {
    const n = numberTable([1, 2])
    const error = catchError(() => n.query('p', { beginsWith: 1 as never }))
    expect(error.code).toBe('ValidationException')
    expect(error.message).toContain('begins with does not apply to numbers')
  })
})
