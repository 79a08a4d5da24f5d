import { describe, expect, it } from 'vitest'
import { createStore } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { expectError } from '../helpers/stream.js'
import { catchError, readAll, scanAll, snapshot } from '../helpers/write-side.js'

type Order = { customerId: string; orderId: string; total: number; status?: string; note?: string; tags?: string[] }

function ordersTable() {
  const store = createStore({ clock: new ManualClock() })
  const orders = store.createTable<Order>()({
    name: 'orders',
    partitionKey: 'customerId',
    sortKey: 'orderId',
    stream: { viewType: 'NEW_AND_OLD_IMAGES' },
    globalIndexes: {
      byStatus: { partitionKey: 'status', sortKey: 'total' },
      byTotal: { partitionKey: 'total', projection: 'KEYS_ONLY' },
      notes: { partitionKey: 'status', projection: { include: ['note'] } },
    },
    localIndexes: { byTotalLocal: { sortKey: 'total' } },
  })
  return { store, orders }
}

describe('secondary indexes: queries', () => {
  it('queries a global index in index sort key order, with sort key conditions and reverse', () => {
    const { orders } = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 30, status: 'open' })
    orders.put({ customerId: 'c2', orderId: 'o1', total: 10, status: 'open' })
    orders.put({ customerId: 'c1', orderId: 'o2', total: 20, status: 'open' })
    orders.put({ customerId: 'c3', orderId: 'o1', total: 15, status: 'paid' })
    const open = orders.query('open', { index: 'byStatus' })
    expect(open.items.map((i) => i.total)).toEqual([10, 20, 30])
    expect(orders.query('open', { index: 'byStatus', reverse: true }).items.map((i) => i.total)).toEqual([30, 20, 10])
    expect(orders.query('open', { index: 'byStatus', greaterThan: 10 }).items.map((i) => i.total)).toEqual([20, 30])
    expect(orders.query('open', { index: 'byStatus', between: [15, 25] }).items.map((i) => i.orderId)).toEqual(['o2'])
    expect(orders.query('paid', { index: 'byStatus' }).items).toEqual([{ customerId: 'c3', orderId: 'o1', total: 15, status: 'paid' }])
    expect(orders.query('none', { index: 'byStatus' }).items).toEqual([])
  })

  it('keeps items out of an index that lack its key attributes (sparse)', () => {
    const { orders } = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 30 })
    orders.put({ customerId: 'c1', orderId: 'o2', total: 30, status: 'open' })
    expect(orders.scan({ index: 'byStatus' }).items.map((i) => i.orderId)).toEqual(['o2'])
    expect(orders.scan({ index: 'byTotal' }).items).toHaveLength(2)
    expect(orders.describe().globalIndexes?.find((i) => i.name === 'byStatus')?.itemCount).toBe(1)
  })

  it('holds non-unique index keys, ordered by primary key, and pages through them with index key plus primary key', () => {
    const { orders } = ordersTable()
    for (const c of ['c3', 'c1', 'c2']) for (const o of ['o2', 'o1']) orders.put({ customerId: c, orderId: o, total: 5, status: 'open' })
    const all = orders.query(5, { index: 'byTotal' }).items.map((i) => `${i.customerId}/${i.orderId}`)
    expect(all).toEqual(['c1/o1', 'c1/o2', 'c2/o1', 'c2/o2', 'c3/o1', 'c3/o2'])
    const first = orders.query(5, { index: 'byTotal', limit: 4 })
    expect(first.lastEvaluatedKey).toEqual({ customerId: 'c2', orderId: 'o2', total: 5 })
    const second = orders.query(5, { index: 'byTotal', limit: 4, exclusiveStartKey: first.lastEvaluatedKey! })
    expect(second.items.map((i) => `${i.customerId}/${i.orderId}`)).toEqual(['c3/o1', 'c3/o2'])
    expect(second.lastEvaluatedKey).toBeUndefined()
    const back = orders.query(5, { index: 'byTotal', reverse: true, exclusiveStartKey: first.lastEvaluatedKey! })
    expect(back.items.map((i) => `${i.customerId}/${i.orderId}`)).toEqual(['c2/o1', 'c1/o2', 'c1/o1'])
    const page = orders.query('open', { index: 'byStatus', limit: 1 })
    expect(page.lastEvaluatedKey).toEqual({ customerId: 'c1', orderId: 'o1', status: 'open', total: 5 })
  })

  it('projects keys only, or keys and the included attributes', () => {
    const { orders } = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 7, status: 'open', note: 'n', tags: ['a'] })
    expect(orders.query(7, { index: 'byTotal' }).items).toEqual([{ customerId: 'c1', orderId: 'o1', total: 7 }])
    expect(orders.query('open', { index: 'notes' }).items).toEqual([{ customerId: 'c1', orderId: 'o1', status: 'open', note: 'n' }])
    orders.update({ customerId: 'c1', orderId: 'o1' }, (d) => {
      d.note = 'changed'
    })
    expect(orders.query('open', { index: 'notes' }).items[0]?.note).toBe('changed')
    orders.update({ customerId: 'c1', orderId: 'o1' }, (d) => {
      delete d.note
    })
    expect(orders.query('open', { index: 'notes' }).items).toEqual([{ customerId: 'c1', orderId: 'o1', status: 'open' }])
    expect(Object.isFrozen(orders.query(7, { index: 'byTotal' }).items[0])).toBe(true)
  })

  it('queries a local index within the table partition', () => {
    const { orders } = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 30 })
    orders.put({ customerId: 'c1', orderId: 'o2', total: 10 })
    orders.put({ customerId: 'c2', orderId: 'o3', total: 20 })
    expect(orders.query('c1', { index: 'byTotalLocal' }).items.map((i) => i.orderId)).toEqual(['o2', 'o1'])
    expect(orders.query('c1', { index: 'byTotalLocal', lessThan: 20 }).items.map((i) => i.orderId)).toEqual(['o2'])
  })

  it('follows moves, updates and deletes, and scans an index in pages', () => {
    const { orders } = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 30, status: 'open' })
    orders.update({ customerId: 'c1', orderId: 'o1' }, (d) => {
      d.status = 'paid'
      d.total = 31
    })
    expect(orders.query('open', { index: 'byStatus' }).items).toEqual([])
    expect(orders.query('paid', { index: 'byStatus' }).items.map((i) => i.total)).toEqual([31])
    expect(orders.query(30, { index: 'byTotal' }).items).toEqual([])
    orders.delete({ customerId: 'c1', orderId: 'o1' })
    expect(orders.scan({ index: 'byStatus' }).items).toEqual([])
    for (let i = 0; i < 9; i++) orders.put({ customerId: `c${i}`, orderId: 'o', total: i % 3, status: 'open' })
    const seen: string[] = []
    let start: unknown
    do {
      const page = orders.scan({ index: 'byTotal', limit: 2, ...(start === undefined ? {} : { exclusiveStartKey: start as never }) })
      seen.push(...page.items.map((i) => i.customerId))
      start = page.lastEvaluatedKey
    } while (start !== undefined)
    expect(seen.sort()).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8'])
  })
})

describe('secondary indexes: validation', () => {
  it('fails a write whose index key has the wrong type or is empty, with the service text, and changes nothing', () => {
    const { orders } = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 30, status: 'open' })
    const before = snapshot(orders)
    expectError(
      () => orders.put({ customerId: 'c1', orderId: 'o2', total: 1, status: 5 as unknown as string }),
      'ValidationException',
      'One or more parameter values were invalid: Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus',
    )
    expectError(
      () => orders.put({ customerId: 'c1', orderId: 'o2', total: 1, status: '' }),
      'ValidationException',
      'One or more parameter values are not valid. A value specified for a secondary index key is not supported. The AttributeValue for a key attribute cannot contain an empty string value. IndexName: byStatus, IndexKey: status',
    )
    expectError(
      () =>
        orders.update({ customerId: 'c1', orderId: 'o1' }, (d) => {
          d.total = 'x' as unknown as number
        }),
      'ValidationException',
      'Type mismatch for Index Key total Expected: N Actual: S IndexName: byStatus',
    )
    expectError(
      () =>
        orders.update({ customerId: 'c1', orderId: 'o1' }, (d) => {
          ;(d as Record<string, unknown>).status = { nested: true }
        }),
      'ValidationException',
      'Actual: M IndexName: byStatus',
    )
    expect(snapshot(orders)).toEqual(before)
    expect(orders.query('open', { index: 'byStatus' }).items).toHaveLength(1)
  })

  it('keeps every index as it was when a transaction or batch fails, and updates them all when it succeeds', () => {
    const { store, orders } = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 30, status: 'open' })
    const scans = () => ['byStatus', 'byTotal', 'notes', 'byTotalLocal'].map((index) => scanAll({ scan: (o?: object) => orders.scan({ ...o, index } as never) }))
    const before = scans()
    expectError(
      () =>
        store.transact((tx) => {
          tx.put(orders, { customerId: 'c2', orderId: 'o1', total: 5, status: 'open' })
          tx.put(orders, { customerId: 'c3', orderId: 'o1', total: 5, status: 7 as unknown as string })
        }),
      'ValidationException',
      'Type mismatch for Index Key status',
    )
    expectError(
      () =>
        store.transact((tx) => {
          tx.delete(orders, { customerId: 'c1', orderId: 'o1' })
          tx.put(orders, { customerId: 'c2', orderId: 'o1', total: 5 }, { condition: () => false })
        }),
      'TransactionCanceledException',
    )
    expectError(
      () =>
        store.batchWrite((b) => {
          b.delete(orders, { customerId: 'c1', orderId: 'o1' })
          b.put(orders, { customerId: 'c2', orderId: 'o1', total: 5, status: '' })
        }),
      'ValidationException',
    )
    expect(scans()).toEqual(before)
    store.batchWrite((b) => {
      b.delete(orders, { customerId: 'c1', orderId: 'o1' })
      b.put(orders, { customerId: 'c2', orderId: 'o1', total: 5, status: 'paid' })
    })
    expect(orders.query('paid', { index: 'byStatus' }).items.map((i) => i.customerId)).toEqual(['c2'])
    expect(orders.query('open', { index: 'byStatus' }).items).toEqual([])
  })

  it('fixes an undeclared index key type with the first item, and refuses a request whose items disagree on it', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ id: string; g?: string | number }>()({ name: 'loose', partitionKey: 'id', globalIndexes: { byG: { partitionKey: 'g' } } })
    expectError(
      () =>
        store.batchWrite((b) => {
          b.put(t, { id: 'a', g: 'x' })
          b.put(t, { id: 'b', g: 1 })
        }),
      'ValidationException',
      'Type mismatch for Index Key g Expected: S Actual: N IndexName: byG',
    )
    expect(t.count()).toBe(0)
    t.put({ id: 'a', g: 1 })
    expectError(() => t.put({ id: 'b', g: 'x' }), 'ValidationException', 'Expected: N Actual: S')
    const declared = store.createTable<{ id: string; g?: string | number }>()({ name: 'declared', partitionKey: 'id', globalIndexes: { byG: { partitionKey: 'g', keyTypes: { partitionKey: 'number' } } } })
    expectError(() => declared.put({ id: 'a', g: 'x' }), 'ValidationException', 'Expected: N Actual: S IndexName: byG')
  })

  it('checks definitions and DynamoDB limits with the service messages', () => {
    const store = createStore({ clock: new ManualClock() })
    type Wide = { pk: string; sk: string; [k: string]: string }
    const make = (options: object) => () => store.createTable<Wide>()({ name: 'wide', partitionKey: 'pk', ...options } as never)
    const globals = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`g${String(i).padStart(2, '0')}`, { partitionKey: `a${i}` }]))
    expectError(make({ globalIndexes: globals }), 'ValidationException', 'One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20')
    const locals = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`l${String(i).padStart(2, '0')}`, { sortKey: `a${i}` }]))
    expectError(make({ sortKey: 'sk', localIndexes: locals }), 'ValidationException', 'One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5')
    expectError(make({ localIndexes: { local: { sortKey: 'a' } } }), 'ValidationException', 'Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex')
    const include = (n: number, from: number) => ({ partitionKey: 'x', projection: { include: Array.from({ length: n }, (_, i) => `p${from + i}`) } })
    expectError(make({ globalIndexes: { one: include(60, 0), two: include(41, 0) } }), 'ValidationException', 'One or more parameter values were invalid: Number of projected attributes in all indexes exceeds limit of 100')
    expect(make({ globalIndexes: { one: include(60, 0), two: include(40, 0) } })()).toBeDefined()
    expectError(make({ name: 'dup', sortKey: 'sk', globalIndexes: { same: { partitionKey: 'x' } }, localIndexes: { same: { sortKey: 'y' } } }), 'ValidationException', 'Duplicate index name: same')
    expectError(make({ name: 'bad', globalIndexes: { ab: { partitionKey: 'x' } } }), 'ValidationException', 'index name')
    expectError(make({ name: 'bad2', globalIndexes: { abc: { partitionKey: 'x', projection: { include: [] } } } }), 'ValidationException', 'ProjectionType is INCLUDE, but NonKeyAttributes is not specified')
    expectError(make({ name: 'bad3', globalIndexes: { abc: { partitionKey: 'x', projection: 'SOME' } } }), 'ValidationException', 'projection')
    expectError(make({ name: 'bad4', globalIndexes: { abc: { sortKey: 'x' } } }), 'ValidationException', 'partitionKey')
    const typed = { partitionKey: 'pk', sortKey: 'sk', keyTypes: { partitionKey: 'string', sortKey: 'string' } }
    expectError(make({ ...typed, name: 'bad5', globalIndexes: { abc: { partitionKey: 'pk', keyTypes: { partitionKey: 'number' } } } }), 'ValidationException', 'attribute pk is declared as string and as number (index abc)')
    expectError(make({ ...typed, name: 'bad6', globalIndexes: { abc: { partitionKey: 'x', sortKey: 'sk', keyTypes: { sortKey: 'binary' } } } }), 'ValidationException', 'attribute sk is declared as string and as binary (index abc)')
    expect(make({ ...typed, name: 'good', globalIndexes: { abc: { partitionKey: 'sk', keyTypes: { partitionKey: 'string' } } } })().describe().globalIndexes).toHaveLength(1)
  })

  it('refuses an unknown index and a malformed start key', () => {
    const { orders } = ordersTable()
    expectError(() => orders.query('x', { index: 'nope' as 'byStatus' }), 'ValidationException', 'The table does not have the specified index: nope')
    expectError(() => orders.scan({ index: 'nope' as 'byStatus' }), 'ValidationException', 'The table does not have the specified index: nope')
    orders.put({ customerId: 'c', orderId: 'o', total: 1, status: 'open' })
    expectError(() => orders.query('open', { index: 'byStatus', exclusiveStartKey: { customerId: 'c', orderId: 'o' } as never }), 'ValidationException', 'The provided starting key is invalid')
    expectError(() => orders.query(1 as unknown as string, { index: 'byStatus' }), 'ValidationException', 'query partition key value of status')
    expectError(() => orders.query('open', { index: 'byTotal' as 'byStatus', greaterThan: 1 }), 'ValidationException')
  })
})

describe('secondary indexes: life cycle', () => {
  it('backfills a new global index from the items there, skipping items whose key has another type, and deletes it', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ id: string; g?: string | number; v?: number }>()({ name: 'things', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
    t.put({ id: 'a', g: 'x', v: 1 })
    t.put({ id: 'b', g: 'x', v: 2 })
    t.put({ id: 'c', g: 3 })
    t.put({ id: 'd' })
    const records = readAll(t.stream).length
    const indexed = t.createGlobalIndex('byG', { partitionKey: 'g', sortKey: 'v', keyTypes: { partitionKey: 'string' } })
    expect(indexed).toBe(t)
    expect(indexed.query('x', { index: 'byG' }).items.map((i) => i.id)).toEqual(['a', 'b'])
    expect(indexed.describe().globalIndexes).toEqual([
      { name: 'byG', kind: 'GLOBAL', keySchema: { partitionKey: 'g', sortKey: 'v' }, projection: { type: 'ALL' }, status: 'ACTIVE', itemCount: 2, sizeBytes: 16, arn: `${t.arn}/index/byG` },
    ])
    expectError(() => indexed.createGlobalIndex('byG', { partitionKey: 'v' }), 'ValidationException', 'One or more parameter values were invalid: Index already exists: byG')
    expectError(() => indexed.put({ id: 'c', g: 3, v: 1 }), 'ValidationException', 'Type mismatch for Index Key g Expected: S Actual: N IndexName: byG')
    indexed.put({ id: 'e', g: 'x', v: 0 })
    expect(indexed.query('x', { index: 'byG' }).items.map((i) => i.id)).toEqual(['e', 'a', 'b'])
    // Index changes never make records of their own.
    expect(readAll(t.stream).length).toBe(records + 1)
    indexed.deleteGlobalIndex('byG')
    expect(t.describe().globalIndexes).toBeUndefined()
    expectError(() => t.query('x', { index: 'byG' } as never), 'ValidationException', 'The table does not have the specified index: byG')
    t.put({ id: 'c', g: 3, v: 1 })
  })

  it('refuses to delete a local index, and reports both kinds in describe()', () => {
    const { orders } = ordersTable()
    orders.put({ customerId: 'c1', orderId: 'o1', total: 7, status: 'open', note: 'hello' })
    expectError(() => orders.deleteGlobalIndex('byTotalLocal'), 'ValidationException', 'local index byTotalLocal')
    const d = orders.describe()
    expect(d.globalIndexes?.map((i) => [i.name, i.itemCount, i.projection.type])).toEqual([
      ['byStatus', 1, 'ALL'],
      ['byTotal', 1, 'KEYS_ONLY'],
      ['notes', 1, 'INCLUDE'],
    ])
    expect(d.localIndexes?.map((i) => [i.name, i.kind, i.keySchema])).toEqual([['byTotalLocal', 'LOCAL', { partitionKey: 'customerId', sortKey: 'total' }]])
    expect(d.globalIndexes?.[0]?.sizeBytes).toBe(d.sizeBytes)
    // KEYS_ONLY: "customerId" + "c1", "orderId" + "o1", "total" + a 1-digit number.
    expect(d.globalIndexes?.[1]?.sizeBytes).toBe(10 + 2 + 7 + 2 + 5 + 2)
  })

  it('deletes expired items from the indexes too', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1))
    const store = createStore({ clock })
    const t = store.createTable<{ id: string; g: string; expiresAt: number }>()({ name: 'ttl', partitionKey: 'id', ttlAttribute: 'expiresAt', globalIndexes: { byG: { partitionKey: 'g' } } })
    t.put({ id: 'a', g: 'x', expiresAt: clock.now() / 1000 + 60 })
    expect(t.query('x', { index: 'byG' }).items).toHaveLength(1)
    clock.advance(61_000)
    expect(t.count()).toBe(0)
    expect(t.query('x', { index: 'byG' }).items).toEqual([])
  })
})

describe('index key sizes', () => {
  it('refuses an index key value past the service limits, leaving table and index as they were', () => {
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<{ pk: string; g?: string; s?: string }>()({
      name: 'sized',
      partitionKey: 'pk',
      globalIndexes: { byG: { partitionKey: 'g', sortKey: 's', projection: 'ALL' } },
    })
    table.put({ pk: 'a', g: 'g', s: 's' })
    expect(catchError(() => table.put({ pk: 'b', g: 'x'.repeat(2049), s: 's' })).message).toContain('Size of hashkey has exceeded the maximum size limit of2048 bytes')
    expect(catchError(() => table.put({ pk: 'b', g: 'g', s: 'é'.repeat(513) })).message).toContain('Aggregated size of all range keys has exceeded the size limit of 1024 bytes')
    table.put({ pk: 'c', g: 'x'.repeat(2048), s: 'y'.repeat(1024) })
    expect(table.count()).toBe(2)
    expect(table.query('g', { index: 'byG' }).items.map((i) => i.pk)).toEqual(['a'])
  })
})

describe('an index added over items it cannot hold', () => {
  it('leaves them out, and their later delete leaves the index as it was', () => {
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<{ pk: string; sk: number; a?: string }>()({ name: 'backfilled', partitionKey: 'pk', sortKey: 'sk' })
    // A boolean where the index will want a key value: written before the index exists, so it is accepted.
    table.put({ pk: 'p', sk: 0, a: true as never })
    table.put({ pk: 'p', sk: 1, a: 'x' })
    const indexed = table.createGlobalIndex('added', { partitionKey: 'a', projection: 'KEYS_ONLY' })
    table.delete({ pk: 'p', sk: 0 })
    expect(indexed.query('x', { index: 'added' }).items).toEqual([{ pk: 'p', sk: 1, a: 'x' }])
    expect(indexed.scan({ index: 'added' }).items).toHaveLength(1)
  })
})

describe('secondary indexes: moves within a partition', () => {
  // Small partitions find a moved entry by its item, large ones by a search: both must keep the index order.
  for (const size of [5, 32, 33, 80]) {
    it(`keeps an ALL index in order as items of a partition of ${size} move, ties on the sort key included`, () => {
      const { orders } = ordersTable()
      const totals = new Map<string, number>()
      let seed = size
      const next = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648)
      for (let round = 0; round < 4; round++) {
        for (let i = 0; i < size; i++) {
          const orderId = `o${String(i).padStart(3, '0')}`
          const total = next() % 7
          totals.set(orderId, total)
          orders.put({ customerId: 'c', orderId, total, status: 'open' })
        }
      }
      const expected = [...totals].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1)).map(([orderId]) => orderId)
      expect(orders.query('open', { index: 'byStatus', limit: 1000 }).items.map((item) => item.orderId)).toEqual(expected)
    })
  }
})

describe('index query conditions on a partition without entries', () => {
  it('are checked as on one with entries: a wrong type, two conditions, a reversed between, beginsWith on a number', () => {
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<{ pk: string; sk: number; g: string; n: number }>()({
      name: 'things',
      partitionKey: 'pk',
      sortKey: 'sk',
      globalIndexes: { byG: { partitionKey: 'g', sortKey: 'n', keyTypes: { partitionKey: 'string', sortKey: 'number' } } },
      localIndexes: { byL: { sortKey: 'n', keyTypes: { sortKey: 'number' } } },
    })
    table.put({ pk: 'a', sk: 1, g: 'G', n: 3 })
    for (const partition of ['G', 'no-such-partition']) {
      expectError(() => table.query(partition, { index: 'byG', greaterThan: 'x' as never }), 'ValidationException', /expected a number/)
      expectError(() => table.query(partition, { index: 'byG', between: [5, 1] }), 'ValidationException')
      expectError(() => table.query(partition, { index: 'byG', beginsWith: 1 as never }), 'ValidationException')
      expectError(() => table.query(partition, { index: 'byL', lessThan: 1, greaterThan: 0 as never }), 'ValidationException', /at most one of/)
    }
    expect(table.query('no-such-partition', { index: 'byG', greaterThan: 1 }).items).toEqual([])
  })
})

describe('index start keys', () => {
  it('are checked as the service checks them: a global index compares the attribute set, a local one counts it, both test the condition', () => {
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<{ pk: string; sk: string; g: string; n: number; ls: string }>()({
      name: 'paged',
      partitionKey: 'pk',
      sortKey: 'sk',
      keyTypes: { partitionKey: 'string', sortKey: 'string' },
      globalIndexes: { byG: { partitionKey: 'g', sortKey: 'n', keyTypes: { partitionKey: 'string', sortKey: 'number' } } },
      localIndexes: { byLs: { sortKey: 'ls', keyTypes: { sortKey: 'string' } } },
    })
    table.put({ pk: 'a', sk: 'm', g: 'G', n: 5, ls: 'm' })
    const start = { pk: 'a', sk: 'm', g: 'G', n: 5 }
    expectError(() => table.query('G', { index: 'byG', exclusiveStartKey: { pk: 'a', sk: 'm', g: 'G' } as never }), 'ValidationException', 'The provided starting key is invalid (exclusiveStartKey of index byG: expected exactly the key attributes pk, sk, g, n, received attributes pk, sk, g)')
    expectError(() => table.query('a', { index: 'byLs', exclusiveStartKey: { pk: 'a', sk: 'm' } as never }), 'ValidationException', "Exclusive Start Key must have same size as table's key schema (exclusiveStartKey of index byLs")
    expectError(() => table.query('G', { index: 'byG', exclusiveStartKey: { ...start, n: 'x' } as never }), 'ValidationException', 'Type mismatch for attribute to update (exclusiveStartKey of index byG: n: expected a number value, received string "x")')
    expectError(() => table.query('G', { index: 'byG', exclusiveStartKey: { ...start, g: '' } }), 'ValidationException', 'IndexName: byG, IndexKey: g')
    expectError(() => table.query('H', { index: 'byG', exclusiveStartKey: start }), 'ValidationException', 'The provided starting key does not match the range key predicate (exclusiveStartKey of index byG: expected a key in index partition H')
    expectError(() => table.query('G', { index: 'byG', greaterThan: 5, exclusiveStartKey: start }), 'ValidationException', 'does not match the range key predicate')
    // An index sort key is followed by the table's key: a page may resume on the bound itself, either way.
    expect(table.query('G', { index: 'byG', greaterThanOrEqual: 5, reverse: true, exclusiveStartKey: { ...start, sk: 'z' } }).items.map((i) => i.sk)).toEqual(['m'])
    expect(table.query('G', { index: 'byG', lessThanOrEqual: 5, exclusiveStartKey: { ...start, sk: 'a' } }).items.map((i) => i.sk)).toEqual(['m'])
    const segments = [0, 1, 2, 3].map((segment) => () => table.scan({ index: 'byG', segment, totalSegments: 4, exclusiveStartKey: start }))
    const outside = segments.filter((read) => {
      try {
        read()
        return false
      } catch (error) {
        expect((error as Error).message).toContain('Exclusive start key must lie within the segment')
        return true
      }
    })
    expect(outside).toHaveLength(3)
  })
})
