import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createStore, Decimal } from '../../src/index.js'

// A partition finds a sort key by scanning its column of sort values up to 16 entries, and through a map beyond:
// both must find exactly what is stored, as entries come and go across that size.
type Kind = 'string' | 'number' | 'decimal' | 'binary'

function sortValueOf(kind: Kind, n: number): string | number | Decimal | Uint8Array {
  switch (kind) {
    case 'string':
      return `k${n}`
    case 'number':
      return n
    case 'decimal':
      return new Decimal(`1234567890123456789${String(n).padStart(2, "0")}.5`)
    case 'binary':
      return new Uint8Array([n >> 8, n & 0xff])
  }
}

interface LookupTable {
  put(item: object): unknown
  delete(key: object): unknown
  get(key: object): { v: number } | undefined
}

function newTable(): LookupTable {
  return createStore().createTable<{ pk: string; sk: string; v: number }>()({ name: 'lookups', partitionKey: 'pk', sortKey: 'sk' }) as unknown as LookupTable
}

describe('partition lookups, scanned when small and mapped when large', () => {
  it.each<Kind>(['string', 'number', 'decimal', 'binary'])('finds every %s sort key as entries are written and deleted', (kind) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 40 })), { minLength: 1, maxLength: 120 }), (filled, ops) => {
        const table = newTable()
        const model = new Map<number, number>()
        // A first fill of up to 41 keys, so that the partition starts on either side of the size at which it maps.
        const fill: [boolean, number][] = Array.from({ length: filled }, (_, n) => [true, n])
        ;[...fill, ...ops].forEach(([write, n], step) => {
          // A fresh object each time: equal binaries and Decimals are other objects than the stored ones.
          if (write) {
            table.put({ pk: 'p', sk: sortValueOf(kind, n), v: step })
            model.set(n, step)
          } else {
            table.delete({ pk: 'p', sk: sortValueOf(kind, n) })
            model.delete(n)
          }
          for (let k = 0; k <= 40; k++) expect(table.get({ pk: 'p', sk: sortValueOf(kind, k) })?.v).toBe(model.get(k))
        })
      }),
      { numRuns: 40 },
    )
  })

  it('forgets a deleted entry of a partition too large to scan', () => {
    const table = newTable()
    for (let i = 0; i < 20; i++) table.put({ pk: 'p', sk: `k${i}`, v: i })
    table.delete({ pk: 'p', sk: 'k3' })
    expect(table.get({ pk: 'p', sk: 'k3' })).toBeUndefined()
    expect(table.get({ pk: 'p', sk: 'k19' })?.v).toBe(19)
    table.put({ pk: 'p', sk: 'k3', v: 33 })
    expect(table.get({ pk: 'p', sk: 'k3' })?.v).toBe(33)
  })

  it.each([5, 20])('finds a stored double by a Decimal of the same value, in a partition of %i entries', (size) => {
    const table = newTable()
    for (let i = 0; i < size; i++) table.put({ pk: 'p', sk: i, v: i })
    for (let i = 0; i < size; i++) expect(table.get({ pk: 'p', sk: Decimal.from(`${i}.0`) })?.v).toBe(i)
    expect(table.get({ pk: 'p', sk: Decimal.from('0.5') })).toBeUndefined()
  })
})
