import { describe, expect, it } from 'vitest'
import { createStore } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { catchError } from '../helpers/write-side.js'

type Row = { pk: string; sk: number; data?: string }

function table(partitions: number, perPartition: number) {
  const store = createStore({ clock: new ManualClock() })
  const t = store.createTable<Row>()({ name: 'rows', partitionKey: 'pk', sortKey: 'sk' })
  for (let p = 0; p < partitions; p++) for (let s = 0; s < perPartition; s++) t.put({ pk: `p${p}`, sk: s })
  return t
}

function pages(t: ReturnType<typeof table>, limit?: number) {
  const seen: string[] = []
  const sizes: number[] = []
  let start: { pk: string; sk: number } | undefined
  for (let guard = 0; guard < 10_000; guard++) {
    const options = { ...(limit === undefined ? {} : { limit }), ...(start === undefined ? {} : { exclusiveStartKey: start }) }
    const page = t.scan(options)
    seen.push(...page.items.map((i) => `${i.pk}/${i.sk}`))
    sizes.push(page.items.length)
    if (page.lastEvaluatedKey === undefined) return { seen, sizes }
    const last = page.items[page.items.length - 1] as Row
    expect(page.lastEvaluatedKey).toEqual({ pk: last.pk, sk: last.sk })
    start = page.lastEvaluatedKey
  }
  throw new Error('paging did not end')
}

describe('scan', () => {
  it('returns every item once, each partition in sort key order', () => {
    const t = table(7, 5)
    const { items, lastEvaluatedKey } = t.scan()
    expect(lastEvaluatedKey).toBeUndefined()
    expect(items).toHaveLength(35)
    expect(new Set(items.map((i) => `${i.pk}/${i.sk}`)).size).toBe(35)
    const byPartition = new Map<string, number[]>()
    for (const i of items) byPartition.set(i.pk, [...(byPartition.get(i.pk) ?? []), i.sk])
    for (const sortKeys of byPartition.values()) expect(sortKeys).toEqual([0, 1, 2, 3, 4])
    // A partition's items are contiguous.
    const partitionOrder = items.map((i) => i.pk).filter((pk, idx, all) => idx === 0 || all[idx - 1] !== pk)
    expect(partitionOrder).toHaveLength(7)
  })

  it('is stable: the same order on every call', () => {
    const t = table(9, 3)
    expect(t.scan().items).toEqual(t.scan().items)
  })

  it('returns nothing for an empty table', () => {
    expect(table(0, 0).scan()).toEqual({ items: [] })
  })

  it.each([1, 2, 3, 4, 6, 11, 39, 40, 41, 1000])('limit %i: pages hold at most limit items and cover each item exactly once', (limit) => {
    const t = table(8, 5)
    const all = t.scan().items.map((i) => `${i.pk}/${i.sk}`)
    const { seen, sizes } = pages(t, limit)
    expect(seen).toEqual(all)
    for (const n of sizes) expect(n).toBeLessThanOrEqual(limit)
  })

  it('paging on a table without a sort key covers each item exactly once', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ id: number }>()({ name: 'ids', partitionKey: 'id' })
    for (let i = 0; i < 30; i++) t.put({ id: i })
    const seen: number[] = []
    let start: { id: number } | undefined
    for (;;) {
      const page = t.scan(start === undefined ? { limit: 4 } : { limit: 4, exclusiveStartKey: start })
      seen.push(...page.items.map((i) => i.id))
      if (page.lastEvaluatedKey === undefined) break
      start = page.lastEvaluatedKey
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i))
  })

  it('continues after a start key whose item was deleted between pages', () => {
    const t = table(5, 4)
    const all = t.scan().items.map((i) => `${i.pk}/${i.sk}`)
    const first = t.scan({ limit: 6 })
    const start = first.lastEvaluatedKey as { pk: string; sk: number }
    t.delete(start)
    const rest = t.scan({ exclusiveStartKey: start }).items.map((i) => `${i.pk}/${i.sk}`)
    expect([...first.items.map((i) => `${i.pk}/${i.sk}`), ...rest]).toEqual(all)
  })

  it('continues after a start key whose whole partition was deleted between pages', () => {
    const t = table(5, 2)
    const all = t.scan().items.map((i) => `${i.pk}/${i.sk}`)
    const first = t.scan({ limit: 4 })
    const start = first.lastEvaluatedKey as { pk: string; sk: number }
    t.delete({ pk: start.pk, sk: 0 })
    t.delete({ pk: start.pk, sk: 1 })
    const rest = t.scan({ exclusiveStartKey: start }).items.map((i) => `${i.pk}/${i.sk}`)
    expect([...first.items.map((i) => `${i.pk}/${i.sk}`), ...rest]).toEqual(all.filter((k) => !k.startsWith(`${start.pk}/`) || first.items.some((i) => `${i.pk}/${i.sk}` === k)))
  })

  it('caps a page at 1 MB of items and pages through the rest', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<Row>()({ name: 'big', partitionKey: 'pk', sortKey: 'sk' })
    const itemBytes = 250_000
    // pk(2+2) + sk(2+2) + data(4 + n)
    for (let i = 0; i < 12; i++) t.put({ pk: `p${i % 3}`, sk: i + 1, data: 'z'.repeat(itemBytes - 12) })
    expect(t.describe().sizeBytes).toBe(12 * itemBytes)
    const seen: string[] = []
    let start: { pk: string; sk: number } | undefined
    let count = 0
    for (;;) {
      const page = t.scan(start === undefined ? {} : { exclusiveStartKey: start })
      count++
      expect(page.items.length).toBeGreaterThanOrEqual(1)
      expect((page.items.length - 1) * itemBytes).toBeLessThan(1024 * 1024)
      seen.push(...page.items.map((i) => `${i.pk}/${i.sk}`))
      if (page.lastEvaluatedKey === undefined) break
      start = page.lastEvaluatedKey
    }
    expect(count).toBeGreaterThan(1)
    expect(new Set(seen).size).toBe(12)
    expect(seen).toHaveLength(12)
  })

  it('reflects writes made after the previous scan', () => {
    const t = table(2, 2)
    expect(t.scan().items).toHaveLength(4)
    t.put({ pk: 'new', sk: 1 })
    t.delete({ pk: 'p0', sk: 0 })
    const keys = t.scan().items.map((i) => `${i.pk}/${i.sk}`)
    expect(keys).toContain('new/1')
    expect(keys).not.toContain('p0/0')
    expect(keys).toHaveLength(4)
  })

  it('rejects a bad limit, options that are not an object, and a malformed start key', () => {
    const t = table(1, 1)
    expect(catchError(() => t.scan({ limit: 0 })).code).toBe('ValidationException')
    expect(catchError(() => t.scan(5 as never)).message).toContain('Invalid scan options')
    const e = catchError(() => t.scan({ exclusiveStartKey: { pk: 'p0' } as never }))
    expect(e.code).toBe('ValidationException')
    expect(e.message).toBe("Exclusive Start Key must have same size as table's key schema (exclusiveStartKey: expected the 2 key attributes pk, sk, received attributes pk) (ValidationException)")
  })
})

describe('parallel scan segments', () => {
  type Scan = (options: object) => { items: readonly Row[]; lastEvaluatedKey?: object }
  function segmentItems(scan: Scan, segment: number, totalSegments: number, limit: number, extra: object = {}): Row[] {
    const out: Row[] = []
    let start: object | undefined
    do {
      const page = scan({ ...extra, segment, totalSegments, limit, ...(start === undefined ? {} : { exclusiveStartKey: start }) })
      out.push(...page.items)
      start = page.lastEvaluatedKey
    } while (start !== undefined)
    return out
  }

  it.each([1, 2, 3, 7, 64, 1000])('%i segments, read in turn, give exactly the whole scan in its order', (total) => {
    const t = table(300, 3)
    const scan = t.scan as unknown as Scan
    const whole = t.scan().items
    const bySegment = Array.from({ length: total }, (_, s) => segmentItems(scan, s, total, 17))
    expect(bySegment.flat()).toEqual(whole)
    // Each segment holds whole partitions: no partition key is read by two segments.
    const owners = new Map<string, number>()
    bySegment.forEach((items, s) => {
      for (const item of items) {
        expect(owners.get(item.pk) ?? s).toBe(s)
        owners.set(item.pk, s)
      }
    })
    expect(owners.size).toBe(300)
  })

  it('splits an index the same way', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<Row & { g: string }>()({ name: 'rows', partitionKey: 'pk', sortKey: 'sk', globalIndexes: { byG: { partitionKey: 'g', sortKey: 'sk' } } })
    for (let i = 0; i < 500; i++) t.put({ pk: `p${i % 50}`, sk: i, g: `g${i % 37}` })
    const scan = t.scan as unknown as Scan
    const whole = t.scan({ index: 'byG' }).items
    expect(Array.from({ length: 5 }, (_, s) => segmentItems(scan, s, 5, 23, { index: 'byG' })).flat()).toEqual(whole)
  })

  it.each([
    [{ segment: 0 }, 'Invalid totalSegments: expected an integer from 1 to 1000000 (with segment), received undefined'],
    [{ totalSegments: 4 }, 'Invalid segment: expected an integer from 0 to totalSegments - 1 (3), received undefined'],
    [{ segment: 4, totalSegments: 4 }, 'Invalid segment: expected an integer from 0 to totalSegments - 1 (3), received number 4'],
    [{ segment: -1, totalSegments: 4 }, 'Invalid segment: expected an integer from 0 to totalSegments - 1 (3), received number -1'],
    [{ segment: 0.5, totalSegments: 4 }, 'Invalid segment: expected an integer from 0 to totalSegments - 1 (3), received number 0.5'],
    [{ segment: 0, totalSegments: 0 }, 'Invalid totalSegments: expected an integer from 1 to 1000000 (with segment), received number 0'],
    [{ segment: 0, totalSegments: 1_000_001 }, 'Invalid totalSegments: expected an integer from 1 to 1000000 (with segment), received number 1000001'],
  ])('refuses %o', (options, message) => {
    const t = table(3, 1)
    const error = catchError(() => (t.scan as unknown as Scan)(options))
    expect(error.code).toBe('ValidationException')
    expect(error.message).toBe(`${message} (ValidationException)`)
  })
})

describe('parallel scan start keys', () => {
  it('must lie in the segment read, as the service requires', () => {
    const t = table(20, 1)
    const start = t.scan({ limit: 1 }).lastEvaluatedKey
    const outcomes = [0, 1, 2, 3].map((segment) => {
      try {
        t.scan({ segment, totalSegments: 4, exclusiveStartKey: start })
        return 'read'
      } catch (error) {
        return (error as Error).message.slice(0, 'Exclusive start key must lie within the segment'.length)
      }
    })
    expect(outcomes.filter((o) => o === 'read')).toHaveLength(1)
    expect(new Set(outcomes.filter((o) => o !== 'read'))).toEqual(new Set(['Exclusive start key must lie within the segment']))
  })
})
