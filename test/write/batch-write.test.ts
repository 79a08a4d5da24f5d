import { describe, expect, it } from 'vitest'
import { createStore, type AttributeMap } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { catchError, readAll, snapshot } from '../helpers/write-side.js'

type Item = { id: string; n: number; tags?: Set<string> }

function setup() {
  const store = createStore({ clock: new ManualClock() })
  const items = store.createTable<Item>()({ name: 'items', partitionKey: 'id', stream: { viewType: 'NEW_AND_OLD_IMAGES', shards: { initial: 4 } } })
  const plain = store.createTable<Item>()({ name: 'plain', partitionKey: 'id' })
  items.put({ id: 'a', n: 1, tags: new Set(['x', 'y']) })
  items.put({ id: 'b', n: 2 })
  return { store, items, plain }
}

describe('batchWrite', () => {
  it('puts and deletes across tables, one record per changed item', () => {
    const t = setup()
    const result = t.store.batchWrite((batch) => {
      batch.put(t.items, { id: 'c', n: 3 })
      batch.put(t.items, { id: 'b', n: 20 })
      batch.delete(t.items, { id: 'a' })
      batch.put(t.plain, { id: 'a', n: 9 })
    })
    expect(result).toEqual({ changedItems: 4 })
    expect(t.items.scan().items.map((i) => i.id).sort()).toEqual(['b', 'c'])
    expect(t.plain.get({ id: 'a' })).toEqual({ id: 'a', n: 9 })
    const records = readAll(t.items.stream).slice(2)
    expect(records.map((r) => [r.eventName, r.keys.id]).sort()).toEqual([
      ['DELETE', 'a'],
      ['INSERT', 'c'],
      ['MODIFY', 'b'],
    ])
    const modify = records.find((r) => r.eventName === 'MODIFY')
    expect([modify?.oldImage, modify?.newImage]).toEqual([
      { id: 'b', n: 2 },
      { id: 'b', n: 20 },
    ])
  })

  it('emits nothing for identical puts and deletes of missing keys', () => {
    const t = setup()
    const before = snapshot(t.items)
    const result = t.store.batchWrite((batch) => {
      batch.put(t.items, { tags: new Set(['y', 'x']), n: 1, id: 'a' })
      batch.put(t.items, { id: 'b', n: 2 })
      batch.delete(t.items, { id: 'zzz' })
    })
    expect(result).toEqual({ changedItems: 0 })
    expect(snapshot(t.items)).toEqual(before)
  })

  it('counts only changed items when some are no-ops', () => {
    const t = setup()
    const result = t.store.batchWrite((batch) => {
      batch.put(t.items, { id: 'b', n: 2 })
      batch.put(t.items, { id: 'd', n: 4 })
    })
    expect(result.changedItems).toBe(1)
    expect(readAll(t.items.stream).slice(2).map((r) => r.keys)).toEqual([{ id: 'd' }])
  })

  it('accepts 25 requests and rejects 0 or 26, writing nothing', () => {
    const t = setup()
    expect(
      t.store.batchWrite((batch) => {
        for (let i = 0; i < 25; i++) batch.put(t.plain, { id: `k${i}`, n: i })
      }).changedItems,
    ).toBe(25)
    const before = snapshot(t.items)
    const over = catchError(() =>
      t.store.batchWrite((batch) => {
        for (let i = 0; i < 26; i++) batch.put(t.items, { id: `n${i}`, n: i })
      }),
    )
    expect(over.code).toBe('ValidationException')
    expect(over.message).toContain('expected 1 to 25 requests')
    expect(over.message).toContain('received number 26')
    const none = catchError(() => t.store.batchWrite(() => {}))
    expect(none.code).toBe('ValidationException')
    expect(none.message).toContain('received number 0')
    expect(snapshot(t.items)).toEqual(before)
  })

  it('rejects two requests for one item (put+put or put+delete) and writes nothing', () => {
    const t = setup()
    const before = snapshot(t.items)
    for (const build of [
      (b: Parameters<Parameters<typeof t.store.batchWrite>[0]>[0]) => {
        b.put(t.items, { id: 'new', n: 1 })
        b.put(t.items, { id: 'new', n: 2 })
      },
      (b: Parameters<Parameters<typeof t.store.batchWrite>[0]>[0]) => {
        b.put(t.items, { id: 'x', n: 1 })
        b.put(t.items, { id: 'a', n: 5 })
        b.delete(t.items, { id: 'a' })
      },
    ]) {
      const error = catchError(() => t.store.batchWrite(build))
      expect(error.code).toBe('ValidationException')
      expect(error.message).toContain('Provided list of item keys contains duplicates')
    }
    expect(snapshot(t.items)).toEqual(before)
  })

  it('writes nothing when one request is invalid', () => {
    const t = setup()
    const before = snapshot(t.items)
    const error = catchError(() =>
      t.store.batchWrite((batch) => {
        batch.put(t.items, { id: 'ok', n: 1 })
        batch.put(t.items, { id: 'bad', n: Number.NaN })
      }),
    )
    expect(error.code).toBe('ValidationException')
    expect(error.message).toContain('Invalid attribute "n"')
    const keyError = catchError(() =>
      t.store.batchWrite((batch) => {
        batch.put(t.items, { id: 'ok', n: 1 })
        batch.delete(t.items, { id: 'a', n: 1 } as never)
      }),
    )
    expect(keyError.code).toBe('ValidationException')
    expect(keyError.message).toContain('The provided key element does not match the schema')
    expect(snapshot(t.items)).toEqual(before)
  })

  it('rejects an async callback and a deleted table', () => {
    const t = setup()
    const asyncError = catchError(() =>
      t.store.batchWrite((async (b: Parameters<Parameters<typeof t.store.batchWrite>[0]>[0]) => {
        b.put(t.items, { id: 'x', n: 1 })
      }) as never),
    )
    expect(asyncError.code).toBe('ValidationException')
    expect(t.items.get({ id: 'x' })).toBeUndefined()
    t.store.deleteTable('plain')
    expect(catchError(() => t.store.batchWrite((b) => b.put(t.plain, { id: 'x', n: 1 }))).code).toBe('ResourceNotFoundException')
  })

  it('works on tables with number and binary keys', () => {
    const store = createStore({ clock: new ManualClock() })
    const n = store.createTable<AttributeMap>()({ name: 'num', partitionKey: 'id', sortKey: 'b', stream: { viewType: 'KEYS_ONLY' } })
    store.batchWrite((batch) => {
      batch.put(n, { id: 1, b: new Uint8Array([1]) })
      batch.put(n, { id: 1, b: new Uint8Array([1, 0]) })
      batch.put(n, { id: 2, b: new Uint8Array([1]) })
    })
    expect(n.count()).toBe(3)
    expect(readAll(n.stream)).toHaveLength(3)
    const dup = catchError(() =>
      store.batchWrite((batch) => {
        batch.put(n, { id: 3, b: new Uint8Array([7]) })
        batch.delete(n, { id: 3, b: new Uint8Array([7]) })
      }),
    )
    expect(dup.message).toContain('Provided list of item keys contains duplicates')
  })
})
