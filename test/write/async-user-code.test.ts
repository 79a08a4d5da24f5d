import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createStore } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { expectError } from '../helpers/errors.js'
import { allRecords } from '../helpers/stream.js'

type Item = { pk: string; n: number }

// Plain JavaScript callers get no type error for an async recipe or condition: the store must refuse it at once,
// and what the refused promise does afterwards must never reach the process as an unhandled rejection.
describe('async recipes and conditions', () => {
  const escaped: unknown[] = []
  const onUnhandled = (reason: unknown): void => void escaped.push(reason)
  beforeEach(() => {
    escaped.length = 0
    process.on('unhandledRejection', onUnhandled)
  })
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled)
  })
  // Unhandled rejections are reported after the microtask queue drains; two macrotask turns are past that.
  const turns = async (): Promise<void> => {
    for (let i = 0; i < 2; i++) await new Promise<void>((resolve) => setTimeout(resolve, 5))
  }

  function setup() {
    const store = createStore({ clock: new ManualClock(), shards: { initial: 1 } })
    const items = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
    items.put({ pk: 'a', n: 1 })
    return { store, items }
  }
  // Typed as JavaScript would call them: nothing stops an async function there.
  type AnyRecipe = (draft: Item) => void
  type AnyCondition = (current: unknown) => boolean
  const asRecipe = (f: (draft: Item) => Promise<unknown>): AnyRecipe => f as unknown as AnyRecipe
  const asCondition = (f: () => Promise<unknown>): AnyCondition => f as unknown as AnyCondition

  it('refuses an async update recipe with a ValidationException, and its continuation escapes nowhere', async () => {
    const { items } = setup()
    const recipes = [
      asRecipe(async (draft) => {
        await null
        draft.n = 2
      }),
      asRecipe(async (draft) => {
        draft.n = 3
        await null
        draft.n = 4
      }),
      asRecipe(async () => {
        throw new Error('failed inside the recipe')
      }),
    ]
    for (const recipe of recipes) {
      expectError(() => items.update({ pk: 'a' }, recipe), 'ValidationException', 'Invalid update recipe: expected a synchronous function')
      expectError(() => items.update({ pk: 'new' }, recipe), 'ValidationException', 'Invalid update recipe')
    }
    await turns()
    expect(escaped).toEqual([])
    expect(items.get({ pk: 'a' })).toEqual({ pk: 'a', n: 1 })
    expect(items.count()).toBe(1)
    expect(allRecords(items.stream)).toHaveLength(1)
  })

  it('refuses an async condition on every write, and its rejection escapes nowhere', async () => {
    const { store, items } = setup()
    const conditions = [asCondition(async () => true), asCondition(async () => Promise.reject(new Error('failed inside the condition')))]
    for (const condition of conditions) {
      const message = 'Invalid condition: expected a synchronous function returning a boolean'
      expectError(() => items.put({ pk: 'a', n: 9 }, { condition }), 'ValidationException', message)
      expectError(() => items.update({ pk: 'a' }, (d) => void (d.n = 9), { condition }), 'ValidationException', message)
      expectError(() => items.delete({ pk: 'a' }, { condition }), 'ValidationException', message)
      expectError(() => store.transact((tx) => tx.check(items, { pk: 'a' }, condition)), 'ValidationException', message)
      expectError(() => store.transact((tx) => tx.put(items, { pk: 'b', n: 1 }, { condition })), 'ValidationException', message)
    }
    await turns()
    expect(escaped).toEqual([])
    expect(items.get({ pk: 'a' })).toEqual({ pk: 'a', n: 1 })
    expect(items.count()).toBe(1)
  })

  it('refuses an async transaction or batch callback whose promise rejects, and the rejection escapes nowhere', async () => {
    const { store, items } = setup()
    const failing = async (): Promise<void> => {
      await null
      throw new Error('failed inside the callback')
    }
    expectError(() => store.transact(failing as unknown as () => void), 'ValidationException', 'Invalid transact callback: expected a synchronous function')
    expectError(() => store.batchWrite(failing as unknown as () => void), 'ValidationException', 'Invalid batchWrite callback')
    await turns()
    expect(escaped).toEqual([])
    expect(items.put({ pk: 'a', n: 2 }).changed).toBe(true)
  })
})
