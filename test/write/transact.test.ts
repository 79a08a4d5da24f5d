import { describe, expect, it } from 'vitest'
import { createStore, type AttributeMap, type TransactionCanceledException } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { catchError, isDeepFrozen, readAll, snapshot } from '../helpers/write-side.js'

type Account = { id: string; balance: number; owner?: string }
type Audit = { id: string; at: number; note: string }

function setup() {
  const store = createStore({ clock: new ManualClock() })
  const accounts = store.createTable<Account>()({ name: 'accounts', partitionKey: 'id', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
  const audit = store.createTable<Audit>()({ name: 'audit', partitionKey: 'id', sortKey: 'at', stream: { viewType: 'KEYS_ONLY' } })
  const plain = store.createTable<Account>()({ name: 'plain', partitionKey: 'id' })
  accounts.put({ id: 'a', balance: 100 })
  accounts.put({ id: 'b', balance: 0 })
  return { store, accounts, audit, plain }
}

function state(t: ReturnType<typeof setup>) {
  return { accounts: snapshot(t.accounts), audit: snapshot(t.audit), plain: snapshot(t.plain) }
}

describe('transact', () => {
  it('applies every action and emits one record per changed item', () => {
    const t = setup()
    const result = t.store.transact((tx) => {
      tx.update(t.accounts, { id: 'a' }, (d) => void (d.balance -= 30), { condition: (c) => (c?.balance ?? 0) >= 30 })
      tx.update(t.accounts, { id: 'b' }, (d) => void (d.balance += 30))
      tx.put(t.audit, { id: 'a', at: 1, note: 'transfer' })
      tx.put(t.accounts, { id: 'c', balance: 1 })
    })
    expect(result).toEqual({ changedItems: 4 })
    expect(t.accounts.get({ id: 'a' })?.balance).toBe(70)
    expect(t.accounts.get({ id: 'b' })?.balance).toBe(30)
    expect(t.audit.get({ id: 'a', at: 1 })?.note).toBe('transfer')
    const records = readAll(t.accounts.stream).slice(2)
    expect(records.map((r) => [r.eventName, r.keys.id, r.oldImage?.balance, r.newImage?.balance])).toEqual([
      ['MODIFY', 'a', 100, 70],
      ['MODIFY', 'b', 0, 30],
      ['INSERT', 'c', undefined, 1],
    ])
    expect(readAll(t.audit.stream).map((r) => [r.eventName, r.keys])).toEqual([['INSERT', { id: 'a', at: 1 }]])
  })

  it('deletes and upserts like the single-item writes', () => {
    const t = setup()
    t.store.transact((tx) => {
      tx.delete(t.accounts, { id: 'b' })
      tx.update(t.accounts, { id: 'new' }, () => {})
      tx.delete(t.accounts, { id: 'missing' })
    })
    expect(t.accounts.get({ id: 'b' })).toBeUndefined()
    expect(t.accounts.get({ id: 'new' })).toEqual({ id: 'new' })
    expect(readAll(t.accounts.stream).slice(2).map((r) => [r.eventName, r.keys.id])).toEqual([
      ['DELETE', 'b'],
      ['INSERT', 'new'],
    ])
  })

  it('emits nothing for an identical put, a no-op update, a delete of a missing item or a condition check', () => {
    const t = setup()
    const before = state(t)
    const result = t.store.transact((tx) => {
      tx.put(t.accounts, { balance: 100, id: 'a' })
      tx.update(t.accounts, { id: 'b' }, (d) => void (d.balance = 0))
      tx.delete(t.audit, { id: 'nobody', at: 1 })
      tx.check(t.accounts, { id: 'c' }, (c) => c === undefined)
    })
    expect(result).toEqual({ changedItems: 0 })
    expect(state(t)).toEqual(before)
  })

  it('a condition check on a missing item sees undefined', () => {
    const t = setup()
    const seen: unknown[] = []
    t.store.transact((tx) => {
      tx.check(t.accounts, { id: 'ghost' }, (c) => {
        seen.push(c)
        return c === undefined
      })
      tx.put(t.accounts, { id: 'ghost-2', balance: 5 })
    })
    expect(seen).toEqual([undefined])
    expect(t.accounts.get({ id: 'ghost' })).toBeUndefined()
    expect(t.accounts.get({ id: 'ghost-2' })).toEqual({ id: 'ghost-2', balance: 5 })
  })

  it('records only the streamed table’s items in a transaction across streamed and unstreamed tables', () => {
    const t = setup()
    t.store.transact((tx) => {
      tx.put(t.plain, { id: 'x', balance: 1 })
      tx.put(t.accounts, { id: 'x', balance: 1 })
      tx.put(t.plain, { id: 'y', balance: 2 })
    })
    expect(t.plain.count()).toBe(2)
    expect(t.plain.stream).toBeUndefined()
    expect(readAll(t.accounts.stream).slice(2).map((r) => r.keys)).toEqual([{ id: 'x' }])
    expect(readAll(t.audit.stream)).toEqual([])
    expect(t.store.listStreams().streams.map((s) => s.tableName).sort()).toEqual(['accounts', 'audit'])
  })

  it('cancels as a whole when a condition fails: one reason per action, in order, and no records', () => {
    const t = setup()
    const before = state(t)
    const error = catchError(() =>
      t.store.transact((tx) => {
        tx.put(t.audit, { id: 'a', at: 2, note: 'x' })
        tx.update(t.accounts, { id: 'a' }, (d) => void (d.balance -= 500), { condition: (c) => (c?.balance ?? 0) >= 500 })
        tx.put(t.plain, { id: 'z', balance: 1 })
        tx.check(t.accounts, { id: 'b' }, (c) => c?.balance === 1)
        tx.delete(t.accounts, { id: 'missing' }, { condition: (c) => c !== undefined })
      }),
    ) as unknown as TransactionCanceledException
    expect(error.code).toBe('TransactionCanceledException')
    expect(error.name).toBe('TransactionCanceledException')
    expect(error.message).toContain('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed, None, ConditionalCheckFailed, ConditionalCheckFailed]')
    expect(error.cancellationReasons).toEqual([
      { code: 'None' },
      { code: 'ConditionalCheckFailed', message: 'The conditional request failed' },
      { code: 'None' },
      { code: 'ConditionalCheckFailed', message: 'The conditional request failed' },
      { code: 'ConditionalCheckFailed', message: 'The conditional request failed' },
    ])
    expect(isDeepFrozen(error.cancellationReasons)).toBe(true)
    expect(state(t)).toEqual(before)
  })

  it('puts the current item on a failed action’s reason when asked', () => {
    const t = setup()
    const error = catchError(() =>
      t.store.transact((tx) => {
        tx.put(t.accounts, { id: 'a', balance: 1 }, { condition: (c) => c === undefined, returnItemOnConditionFailure: true })
        tx.delete(t.accounts, { id: 'b' }, { condition: () => false })
        tx.update(t.accounts, { id: 'none' }, () => {}, { condition: (c) => c !== undefined, returnItemOnConditionFailure: true })
      }),
    ) as unknown as TransactionCanceledException
    expect(error.cancellationReasons).toEqual([
      { code: 'ConditionalCheckFailed', message: 'The conditional request failed', item: { id: 'a', balance: 100 } },
      { code: 'ConditionalCheckFailed', message: 'The conditional request failed' },
      { code: 'ConditionalCheckFailed', message: 'The conditional request failed' },
    ])
  })

  it('evaluates every condition against the state before the transaction', () => {
    const t = setup()
    t.store.transact((tx) => {
      tx.update(t.accounts, { id: 'a' }, (d) => void (d.balance = 0), { condition: (c) => c?.balance === 100 })
      tx.update(t.accounts, { id: 'b' }, (d) => void (d.balance = 100), { condition: (c) => c?.balance === 0 })
    })
    expect([t.accounts.get({ id: 'a' })?.balance, t.accounts.get({ id: 'b' })?.balance]).toEqual([0, 100])
  })

  it('rejects two actions on one item with a ValidationException and writes nothing', () => {
    const t = setup()
    const before = state(t)
    for (const build of [
      (tx: Parameters<Parameters<typeof t.store.transact>[0]>[0]) => {
        tx.put(t.accounts, { id: 'a', balance: 1 })
        tx.delete(t.accounts, { id: 'a' })
      },
      (tx: Parameters<Parameters<typeof t.store.transact>[0]>[0]) => {
        tx.check(t.accounts, { id: 'b' }, () => true)
        tx.update(t.accounts, { id: 'b' }, (d) => void (d.balance = 3))
      },
      (tx: Parameters<Parameters<typeof t.store.transact>[0]>[0]) => {
        tx.put(t.audit, { id: 'a', at: 1, note: '' })
        tx.put(t.audit, { id: 'a', at: 1, note: 'again' })
      },
    ]) {
      const error = catchError(() => t.store.transact(build))
      expect(error.code).toBe('ValidationException')
      expect(error.message).toContain('Transaction request cannot include multiple operations on one item')
    }
    expect(state(t)).toEqual(before)
  })

  it('allows the same key in two different tables', () => {
    const t = setup()
    t.store.transact((tx) => {
      tx.put(t.accounts, { id: 'same', balance: 1 })
      tx.put(t.plain, { id: 'same', balance: 2 })
    })
    expect(t.plain.get({ id: 'same' })?.balance).toBe(2)
  })

  it('accepts 100 actions and rejects 0 or 101 with a ValidationException', () => {
    const t = setup()
    const r = t.store.transact((tx) => {
      for (let i = 0; i < 100; i++) tx.put(t.plain, { id: `k${i}`, balance: i })
    })
    expect(r.changedItems).toBe(100)
    const before = state(t)
    const over = catchError(() =>
      t.store.transact((tx) => {
        for (let i = 0; i < 101; i++) tx.put(t.accounts, { id: `n${i}`, balance: i })
      }),
    )
    expect(over.code).toBe('ValidationException')
    expect(over.message).toContain('expected 1 to 100 actions')
    expect(over.message).toContain('received number 101')
    const none = catchError(() => t.store.transact(() => {}))
    expect(none.code).toBe('ValidationException')
    expect(none.message).toContain('received number 0')
    expect(state(t)).toEqual(before)
  })

  it('fails as a whole, writing nothing, when one action is invalid', () => {
    const t = setup()
    const before = state(t)
    const error = catchError(() =>
      t.store.transact((tx) => {
        tx.put(t.accounts, { id: 'ok', balance: 1 })
        tx.put(t.audit, { id: 'a', at: 1, note: undefined as unknown as string })
      }),
    )
    expect(error.code).toBe('ValidationException')
    expect(error.message).toContain('Invalid attribute "note"')
    const keyError = catchError(() =>
      t.store.transact((tx) => {
        tx.put(t.accounts, { id: 'ok', balance: 1 })
        tx.update(t.accounts, { id: 'b' }, (d) => void (d.id = 'c'))
      }),
    )
    expect(keyError.code).toBe('ValidationException')
    expect(state(t)).toEqual(before)
  })

  it('rejects an async callback and a table of another store', () => {
    const t = setup()
    const before = state(t)
    const asyncError = catchError(() =>
      t.store.transact((async (tx: Parameters<Parameters<typeof t.store.transact>[0]>[0]) => {
        tx.put(t.accounts, { id: 'async', balance: 1 })
      }) as never),
    )
    expect(asyncError.code).toBe('ValidationException')
    expect(asyncError.message).toContain('a synchronous function')
    const other = createStore({ clock: new ManualClock() }).createTable<AttributeMap>()({ name: 'accounts', partitionKey: 'id' })
    const foreign = catchError(() => t.store.transact((tx) => tx.put(other, { id: 'x' })))
    expect(foreign.code).toBe('ValidationException')
    expect(foreign.message).toContain('a table created by this store')
    expect(state(t)).toEqual(before)
  })

  it('rejects mixed key types for one table whose key types are not fixed yet', () => {
    const store = createStore({ clock: new ManualClock() })
    const loose = store.createTable<AttributeMap>()({ name: 'loose', partitionKey: 'id', stream: { viewType: 'KEYS_ONLY' } })
    const error = catchError(() =>
      store.transact((tx) => {
        tx.put(loose, { id: 'a' })
        tx.put(loose, { id: 1 })
      }),
    )
    expect(error.code).toBe('ValidationException')
    expect(loose.count()).toBe(0)
    expect(readAll(loose.stream)).toEqual([])
  })
})
