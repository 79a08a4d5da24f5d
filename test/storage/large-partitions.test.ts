import { describe, expect, it } from 'vitest'
import { createStore } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { seededRandom } from '../../src/testing.js'
import { Storage } from '../../src/storage/storage.js'
import { compareUtf8 } from '../../src/values/utf8.js'

// A partition turns into blocks (storage/blocks.ts) when a write would move more than 1,024 of its entries; one that
// grows at its end stays one array. Either way every read (lookups, sort key conditions, pages forwards and
// backwards, scans, index queries) must give what the items say, while writes insert, move and remove entries.
type Order = { pk: string; sk: string; status: string; total: number; note?: string }
const N = 4000

function orderedBy<T>(items: readonly T[], ...keys: ((x: T) => string | number)[]): T[] {
  return [...items].sort((x, y) => {
    for (const key of keys) {
      const a = key(x)
      const b = key(y)
      const c = typeof a === 'string' ? compareUtf8(a, b as string) : (a as number) - (b as number)
      if (c !== 0) return c
    }
    return 0
  })
}

/** Every page of a query, each of `limit` items, following lastEvaluatedKey. */
function allPages<T>(read: (start: object | undefined) => { items: readonly T[]; lastEvaluatedKey?: object }): { items: T[]; pages: number } {
  const items: T[] = []
  let start: object | undefined
  let pages = 0
  do {
    const page = read(start)
    items.push(...page.items)
    start = page.lastEvaluatedKey
    pages++
  } while (start !== undefined)
  return { items, pages }
}

function filledTable() {
  const random = seededRandom(42)
  const store = createStore({ clock: new ManualClock() })
  const table = store.createTable<Order>()({
    name: 'orders',
    partitionKey: 'pk',
    sortKey: 'sk',
    globalIndexes: {
      byStatus: { partitionKey: 'status', sortKey: 'total' },
      statusKeys: { partitionKey: 'status', projection: 'KEYS_ONLY' },
    },
  })
  const model = new Map<string, Order>()
  const sks = Array.from({ length: N }, (_, i) => `order-${String(i).padStart(5, '0')}`)
  for (let i = sks.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[sks[i], sks[j]] = [sks[j] as string, sks[i] as string]
  }
  for (const sk of sks) {
    const item: Order = { pk: 'hot', sk, status: random() < 0.9 ? 'open' : 'paid', total: Math.floor(random() * 500) }
    table.put(item)
    model.set(sk, item)
  }
  // Moves inside the index partitions, removals from everywhere, rewrites that change nothing but a note.
  for (let i = 0; i < 1500; i++) {
    const sk = sks[Math.floor(random() * sks.length)] as string
    const r = random()
    if (r < 0.4) {
      const item = { ...(model.get(sk) ?? { pk: 'hot', sk, status: 'open' }), total: Math.floor(random() * 500) }
      table.put(item)
      model.set(sk, item)
    } else if (r < 0.7) {
      table.delete({ pk: 'hot', sk })
      model.delete(sk)
    } else if (r < 0.85) {
      const item = { ...(model.get(sk) ?? { pk: 'hot', sk, status: 'paid', total: 1 }), status: random() < 0.5 ? 'open' : 'paid' }
      table.put(item)
      model.set(sk, item)
    } else if (model.has(sk)) {
      table.update({ pk: 'hot', sk }, (d) => {
        d.note = `n${i}`
      })
      model.set(sk, { ...(model.get(sk) as Order), note: `n${i}` })
    }
  }
  return { table, items: [...model.values()] }
}

describe('partitions past a thousand entries', () => {
  const { table, items } = filledTable()
  const bySk = orderedBy(items, (o) => o.sk)

  it('finds every item and misses the deleted ones', () => {
    for (const item of items) expect(table.get({ pk: 'hot', sk: item.sk })).toEqual(item)
    const present = new Set(items.map((o) => o.sk))
    for (let i = 0; i < N; i++) {
      const sk = `order-${String(i).padStart(5, '0')}`
      if (!present.has(sk)) expect(table.get({ pk: 'hot', sk })).toBeUndefined()
    }
    expect(table.describe().itemCount).toBe(items.length)
  })

  it('queries the table partition in sort key order, forwards and backwards, page by page', () => {
    expect(table.query('hot').items).toEqual(bySk)
    expect(table.query('hot', { reverse: true }).items).toEqual([...bySk].reverse())
    const forwards = allPages((start) => table.query('hot', { limit: 333, ...(start === undefined ? {} : { exclusiveStartKey: start as { pk: string; sk: string } }) }))
    expect(forwards.items).toEqual(bySk)
    expect(forwards.pages).toBe(Math.ceil(bySk.length / 333) + (bySk.length % 333 === 0 ? 1 : 0))
    const backwards = allPages((start) => table.query('hot', { reverse: true, limit: 250, ...(start === undefined ? {} : { exclusiveStartKey: start as { pk: string; sk: string } }) }))
    expect(backwards.items).toEqual([...bySk].reverse())
  })

  it('applies sort key conditions inside and across blocks', () => {
    const between = table.query('hot', { between: ['order-01000', 'order-02999'] }).items
    expect(between).toEqual(bySk.filter((o) => o.sk >= 'order-01000' && o.sk <= 'order-02999'))
    expect(table.query('hot', { beginsWith: 'order-02' }).items).toEqual(bySk.filter((o) => o.sk.startsWith('order-02')))
    expect(table.query('hot', { greaterThan: 'order-03500', reverse: true, limit: 10 }).items).toEqual(bySk.filter((o) => o.sk > 'order-03500').reverse().slice(0, 10))
    expect(table.query('hot', { lessThanOrEqual: 'order-00700' }).items).toEqual(bySk.filter((o) => o.sk <= 'order-00700'))
  })

  it('scans the table in pages that resume inside the large partition', () => {
    expect(allPages((start) => table.scan({ limit: 777, ...(start === undefined ? {} : { exclusiveStartKey: start as { pk: string; sk: string } }) })).items).toEqual(bySk)
  })

  it('queries a large index partition in index order (sort key, then table key), page by page both ways', () => {
    for (const status of ['open', 'paid']) {
      const expected = orderedBy(
        items.filter((o) => o.status === status),
        (o) => o.total,
        (o) => o.sk,
      )
      expect(table.query(status, { index: 'byStatus' }).items).toEqual(expected)
      const forwards = allPages((start) => table.query(status, { index: 'byStatus', limit: 200, ...(start === undefined ? {} : { exclusiveStartKey: start as never }) }))
      expect(forwards.items).toEqual(expected)
      const backwards = allPages((start) => table.query(status, { index: 'byStatus', reverse: true, limit: 301, ...(start === undefined ? {} : { exclusiveStartKey: start as never }) }))
      expect(backwards.items).toEqual([...expected].reverse())
      expect(table.query(status, { index: 'byStatus', between: [100, 199] }).items).toEqual(expected.filter((o) => o.total >= 100 && o.total <= 199))
    }
  })

  it('keeps a keys-only index of equal keys ordered by table key, and its count and size exact', () => {
    const open = orderedBy(
      items.filter((o) => o.status === 'open'),
      (o) => o.sk,
    ).map((o) => ({ pk: o.pk, sk: o.sk, status: o.status }))
    expect(open.length).toBeGreaterThan(2048)
    expect(table.query('open', { index: 'statusKeys' }).items).toEqual(open)
    expect(allPages((start) => table.scan({ index: 'statusKeys', limit: 500, ...(start === undefined ? {} : { exclusiveStartKey: start as never }) })).items).toHaveLength(items.length)
    const described = table.describe()
    const indexes = described.globalIndexes ?? []
    expect(indexes.map((i) => i.name)).toEqual(['byStatus', 'statusKeys'])
    for (const index of indexes) expect(index.itemCount).toBe(items.length)
    // An index that projects every attribute holds exactly the table's bytes, after every move and removal.
    expect(indexes[0]?.sizeBytes).toBe(described.sizeBytes)
  })

  it('empties a large partition entry by entry, and fills it again', () => {
    const { table: t, items: all } = filledTable()
    for (const item of orderedBy(all, (o) => o.total)) t.delete({ pk: item.pk, sk: item.sk })
    expect(t.query('hot').items).toEqual([])
    expect(t.query('open', { index: 'byStatus' }).items).toEqual([])
    expect(t.describe().itemCount).toBe(0)
    for (const item of all) t.put(item)
    expect(t.query('hot').items).toEqual(bySk)
  })
})

describe('partitions that grow at their end', () => {
  type Slot = { sortValue: number; item: object; sizeBytes: number }
  const layoutOf = (storage: Storage<{ sortValue: number }, Slot>): 'flat' | 'blocks' =>
    (storage.partition('p') as unknown as { blocks?: unknown }).blocks === undefined ? 'flat' : 'blocks'

  it('stay one array while writes land near their end, and turn into blocks at a write that would move many', () => {
    const storage = new Storage<{ sortValue: number }, Slot>({ sorted: true })
    for (let n = 0; n < 5000; n++) storage.insert('p', 'p', { sortValue: n, item: { n }, sizeBytes: 1 })
    for (let n = 4999; n > 4000; n -= 2) storage.remove(storage.partition('p')!, 'p', { sortValue: n })
    expect(layoutOf(storage)).toBe('flat')
    storage.insert('p', 'p', { sortValue: -1, item: { n: -1 }, sizeBytes: 1 })
    expect(layoutOf(storage)).toBe('blocks')
    const partition = storage.partition('p')!
    const read = [...storage.range(partition, 0, storage.sizeOf(partition), false)].map((slot) => slot.sortValue)
    expect(read).toEqual([-1, ...Array.from({ length: 5000 }, (_, n) => n).filter((n) => n <= 4000 || n % 2 === 0)])
    expect(storage.lookup(partition, 2500)?.item).toEqual({ n: 2500 })
    expect(storage.count).toBe(read.length)
  })

  it('read the same through a table and its index as a queue: appended at one end, taken from the other', () => {
    const store = createStore({ clock: new ManualClock() })
    const queue = store.createTable<{ pk: string; at: number; kind: string }>()({
      name: 'queue',
      partitionKey: 'pk',
      sortKey: 'at',
      globalIndexes: { byKind: { partitionKey: 'kind', sortKey: 'at' } },
    })
    for (let at = 0; at < 3000; at++) queue.put({ pk: 'jobs', at, kind: 'job' })
    for (let at = 3000; at < 6000; at++) {
      queue.put({ pk: 'jobs', at, kind: 'job' })
      queue.delete({ pk: 'jobs', at: at - 3000 })
    }
    const expected = Array.from({ length: 3000 }, (_, i) => 3000 + i)
    expect(queue.query('jobs').items.map((i) => i.at)).toEqual(expected)
    expect(queue.query('job', { index: 'byKind' }).items.map((i) => i.at)).toEqual(expected)
    expect(queue.query('job', { index: 'byKind', reverse: true, limit: 5 }).items.map((i) => i.at)).toEqual([5999, 5998, 5997, 5996, 5995])
    expect(queue.query('jobs', { between: [4500, 4502] }).items.map((i) => i.at)).toEqual([4500, 4501, 4502])
  })
})

