import { describe, expect, it } from 'vitest'
import { createStore, isStreamtableError } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'

type Item = { pk: string; n: number }

describe('conditions and recipes', () => {
  it('may read the store but not write to it, and a refused write leaves the store as it was', () => {
    const store = createStore({ clock: new ManualClock(), shards: { initial: 1 } })
    const items = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    const other = store.createTable<Item>()({ name: 'other', partitionKey: 'pk' })
    items.put({ pk: 'a', n: 1 })
    const attempt = (run: () => unknown): string | undefined => {
      try {
        run()
      } catch (error) {
        return isStreamtableError(error) ? error.code : String(error)
      }
      return undefined
    }
    expect(attempt(() => items.put({ pk: 'a', n: 2 }, { condition: () => (items.delete({ pk: 'a' }), true) }))).toBe('ValidationException')
    expect(attempt(() => items.update({ pk: 'a' }, (d) => void other.put({ pk: 'x', n: d.n })))).toBe('ValidationException')
    expect(attempt(() => store.transact((tx) => tx.update(items, { pk: 'a' }, (d) => void items.put({ pk: 'b', n: d.n }))))).toBe('ValidationException')
    expect(items.put({ pk: 'a', n: 3 }, { condition: (current) => items.get({ pk: 'a' })?.n === current?.n }).changed).toBe(true)
    expect(items.get({ pk: 'a' })).toEqual({ pk: 'a', n: 3 })
    expect(other.count()).toBe(0)
    expect(items.count()).toBe(1)
  })
})
