import { describe, expect, it } from 'vitest'
import { createStore, type AttributeMap, type TransactionCanceledException } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { catchError, readAll } from '../helpers/write-side.js'

// Nothing a caller receives may let it change stored state or a record already written. A Uint8Array cannot be
// frozen, so every binary handed out must be the caller's own copy.

type Doc = { pk: string; sk: number; data?: Uint8Array; bs?: ReadonlySet<Uint8Array>; meta?: { readonly tags: readonly string[] }; deep?: { readonly inner: readonly Uint8Array[] } }

function setup() {
  const store = createStore({ clock: new ManualClock() })
  const docs = store.createTable<Doc>()({ name: 'docs', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
  docs.put({ pk: 'a', sk: 1, data: new Uint8Array([1, 2, 3]), bs: new Set([new Uint8Array([7])]), meta: { tags: ['t'] }, deep: { inner: [new Uint8Array([5])] } })
  docs.put({ pk: 'a', sk: 2, meta: { tags: ['u'] } })
  return { store, docs }
}

/** Writes 99 into every byte array reachable from `value`. */
function scribble(value: unknown): void {
  if (value instanceof Uint8Array) value.fill(99)
  else if (value instanceof Set) for (const v of value) scribble(v)
  else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) scribble(v)
}

const original = { data: [1, 2, 3], bs: [[7]], inner: [[5]] }

function bytesOf(item: Doc | undefined) {
  return { data: [...(item?.data ?? [])], bs: [...(item?.bs ?? [])].map((b) => [...b]), inner: (item?.deep?.inner ?? []).map((b) => [...b]) }
}

describe('binaries handed out are copies', () => {
  it('get: writing to the bytes changes neither the item nor its records', () => {
    const { docs } = setup()
    scribble(docs.get({ pk: 'a', sk: 1 }))
    expect(bytesOf(docs.get({ pk: 'a', sk: 1 }))).toEqual(original)
    expect(bytesOf(readAll(docs.stream)[0]?.newImage)).toEqual(original)
  })

  it('query, scan and write results', () => {
    const { docs } = setup()
    scribble(docs.query('a').items)
    scribble(docs.scan().items)
    scribble(docs.put({ pk: 'a', sk: 3, data: new Uint8Array([1, 2, 3]) }).item)
    scribble(docs.update({ pk: 'a', sk: 1 }, (d) => void (d.meta = { tags: ['v'] }), { returnOld: true }))
    expect(bytesOf(docs.get({ pk: 'a', sk: 1 }))).toEqual(original)
    expect(bytesOf(docs.get({ pk: 'a', sk: 3 })).data).toEqual([1, 2, 3])
    scribble(docs.delete({ pk: 'a', sk: 3 }, { returnOld: true }))
    expect(bytesOf(readAll(docs.stream)[2]?.newImage).data).toEqual([1, 2, 3])
  })

  it('records: a record read once and changed reads the same again', () => {
    const { docs } = setup()
    docs.update({ pk: 'a', sk: 1 }, (d) => void (d.meta = { tags: ['v'] }))
    for (const record of readAll(docs.stream)) scribble(record)
    const records = readAll(docs.stream)
    expect(bytesOf(records[0]?.newImage)).toEqual(original)
    expect(bytesOf(records[2]?.oldImage)).toEqual(original)
    expect(bytesOf(records[2]?.newImage)).toEqual(original)
    expect(bytesOf(docs.get({ pk: 'a', sk: 1 }))).toEqual(original)
  })

  it('conditions and the item of a failed condition', () => {
    const { store, docs } = setup()
    docs.put({ pk: 'a', sk: 1, data: new Uint8Array([1, 2, 3]) }, { condition: (current) => (scribble(current), true) })
    expect(bytesOf(docs.get({ pk: 'a', sk: 1 })).data).toEqual([1, 2, 3])
    const failed = catchError(() => docs.delete({ pk: 'a', sk: 1 }, { condition: () => false, returnItemOnConditionFailure: true }))
    scribble((failed as { item?: unknown }).item)
    const cancelled = catchError(() =>
      store.transact((tx) => tx.delete(docs, { pk: 'a', sk: 1 }, { condition: () => false, returnItemOnConditionFailure: true })),
    ) as unknown as TransactionCanceledException
    scribble(cancelled.cancellationReasons[0]?.item)
    expect(bytesOf(docs.get({ pk: 'a', sk: 1 })).data).toEqual([1, 2, 3])
  })

  it('update recipes: bytes changed in the draft make a new version, the stored one stays as it was', () => {
    const { docs } = setup()
    docs.update({ pk: 'a', sk: 1 }, (d) => {
      ;(d.data as Uint8Array)[0] = 42
    })
    const records = readAll(docs.stream)
    expect(records).toHaveLength(3)
    expect(records[2]?.eventName).toBe('MODIFY')
    expect(bytesOf(records[2]?.oldImage).data).toEqual([1, 2, 3])
    expect(bytesOf(records[2]?.newImage).data).toEqual([42, 2, 3])
    expect(bytesOf(records[0]?.newImage).data).toEqual([1, 2, 3])
  })

  it('binary keys: changing the bytes of a key read back keeps the item where it is', () => {
    const store = createStore({ clock: new ManualClock() })
    const blobs = store.createTable<{ id: Uint8Array; part: Uint8Array; n: number }>()({ name: 'blobs', partitionKey: 'id', sortKey: 'part', stream: { viewType: 'KEYS_ONLY' } })
    blobs.put({ id: new Uint8Array([1]), part: new Uint8Array([1]), n: 1 })
    blobs.put({ id: new Uint8Array([1]), part: new Uint8Array([2]), n: 2 })
    const got = blobs.get({ id: new Uint8Array([1]), part: new Uint8Array([1]) })
    scribble(got)
    const page = blobs.query(new Uint8Array([1]), { limit: 1 })
    scribble(page)
    scribble(blobs.scan().items)
    scribble(readAll(blobs.stream))
    expect(blobs.get({ id: new Uint8Array([1]), part: new Uint8Array([1]) })?.n).toBe(1)
    expect(blobs.query(new Uint8Array([1])).items.map((i) => [[...i.id], [...i.part]])).toEqual([
      [[1], [1]],
      [[1], [2]],
    ])
    expect(readAll(blobs.stream).map((r) => [...r.keys.part])).toEqual([[1], [2]])
    expect(page.lastEvaluatedKey).toBeDefined()
  })

  it('items without binaries are handed out as they are stored, and subtrees without binaries are shared', () => {
    const { docs } = setup()
    const plain = docs.get({ pk: 'a', sk: 2 })
    expect(docs.get({ pk: 'a', sk: 2 })).toBe(plain)
    expect(docs.query('a').items[1]).toBe(plain)
    const first = docs.get({ pk: 'a', sk: 1 })
    const second = docs.get({ pk: 'a', sk: 1 })
    expect(second).not.toBe(first)
    expect(second).toEqual(first)
    expect(second?.meta).toBe(first?.meta)
    expect(Object.isFrozen(second)).toBe(true)
    expect(Object.isFrozen(second?.deep?.inner)).toBe(true)
    expect(() => (second?.bs as Set<Uint8Array>).add(new Uint8Array([8]))).toThrow()
  })

  it('a copy put back is copied again, not taken as stored', () => {
    const { docs } = setup()
    const copy = docs.get({ pk: 'a', sk: 1 }) as Doc
    docs.put({ ...copy, sk: 9 } as Doc)
    scribble(copy)
    expect(bytesOf(docs.get({ pk: 'a', sk: 9 }))).toEqual(original)
    const nested = { pk: 'a', sk: 10, deep: docs.get({ pk: 'a', sk: 1 })?.deep } as AttributeMap
    docs.put(nested as Doc)
    scribble(nested)
    expect(bytesOf(docs.get({ pk: 'a', sk: 10 })).inner).toEqual([[5]])
  })
})

describe('binaries read through a secondary index', () => {
  it('are copies, on tables whose items came to hold binaries after the index was read', () => {
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<{ pk: string; g: string; data?: Uint8Array }>()({
      name: 'indexed',
      partitionKey: 'pk',
      globalIndexes: { byG: { partitionKey: 'g', projection: 'ALL' }, keysOnly: { partitionKey: 'g', projection: 'KEYS_ONLY' } },
    })
    table.put({ pk: 'a', g: 'x' })
    expect(table.query('x', { index: 'byG' }).items).toHaveLength(1)
    table.put({ pk: 'b', g: 'x', data: new Uint8Array([1, 2, 3]) })
    for (const page of [table.query('x', { index: 'byG' }), table.scan({ index: 'byG' })]) {
      const held = page.items.find((i) => i.pk === 'b') as { data: Uint8Array }
      held.data[0] = 99
    }
    expect([...(table.get({ pk: 'b' })?.data as Uint8Array)]).toEqual([1, 2, 3])
    expect(table.query('x', { index: 'keysOnly' }).items.map((i) => i.pk).sort()).toEqual(['a', 'b'])
  })
})

describe('binary keys read through a secondary index', () => {
  it('page keys and keys-only items are copies: writing into them leaves the table, its indexes and paging as they were', () => {
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<{ pk: string; sk: Uint8Array; g: string }>()({
      name: 'bins',
      partitionKey: 'pk',
      sortKey: 'sk',
      globalIndexes: { byAll: { partitionKey: 'g' }, byKeys: { partitionKey: 'g', projection: 'KEYS_ONLY' } },
    })
    table.put({ pk: 'a', sk: new Uint8Array([1]), g: 'G' })
    table.put({ pk: 'a', sk: new Uint8Array([2]), g: 'G' })
    const pageKeys = [
      table.query('G', { index: 'byAll', limit: 1 }).lastEvaluatedKey,
      table.query('G', { index: 'byKeys', limit: 1 }).lastEvaluatedKey,
      table.scan({ index: 'byAll', limit: 1 }).lastEvaluatedKey,
    ]
    for (const key of pageKeys) (key?.sk as Uint8Array)[0] = 7
    for (const item of table.query('G', { index: 'byKeys' }).items) item.sk[0] = 8
    expect(table.scan().items.map((i) => [...i.sk])).toEqual([[1], [2]])
    expect(table.get({ pk: 'a', sk: new Uint8Array([1]) })?.g).toBe('G')
    const first = table.query('G', { index: 'byKeys', limit: 1 })
    expect(table.query('G', { index: 'byKeys', exclusiveStartKey: first.lastEvaluatedKey }).items.map((i) => [...i.sk])).toEqual([[2]])
  })
})
