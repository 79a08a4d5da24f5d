import { describe, expect, it } from 'vitest'
import { createStore, TTL_IDENTITY, VIEW_TYPES, type ViewType } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { readAll } from '../helpers/write-side.js'
import { TtlSweeper } from '../../src/write/ttl.js'

type Session = { id: string; user: string; expiresAt?: number | string | Set<number> }

import { seconds as sec, T0 as START } from '../helpers/time.js'


function setup(viewType: ViewType = 'NEW_AND_OLD_IMAGES') {
  const clock = new ManualClock(START)
  const store = createStore({ clock })
  const sessions = store.createTable<Session>()({ name: 'sessions', partitionKey: 'id', ttlAttribute: 'expiresAt', stream: { viewType } })
  return { clock, store, sessions }
}

describe('TTL expiry', () => {
  for (const viewType of VIEW_TYPES) {
    it(`deletes an expired item with a DELETE record carrying the service identity [${viewType}]`, () => {
      const { clock, sessions } = setup(viewType)
      const item = { id: 's1', user: 'u1', expiresAt: sec(START) + 60 }
      sessions.put(item)
      clock.advance(61_000)
      expect(sessions.get({ id: 's1' })).toBeUndefined()
      const records = readAll(sessions.stream)
      expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'DELETE'])
      const del = records[1]
      expect(del?.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' })
      expect(del?.userIdentity).toEqual(TTL_IDENTITY)
      expect(del?.keys).toEqual({ id: 's1' })
      expect('newImage' in (del ?? {})).toBe(false)
      expect('oldImage' in (del ?? {})).toBe(viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES')
      if (viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES') expect(del?.oldImage).toEqual(item)
      expect(del?.createdAt).toBe((sec(START) + 60) * 1000)
      expect('userIdentity' in (records[0] ?? {})).toBe(false)
    })
  }

  it('keeps the item readable until the clock passes its expiry', () => {
    const { clock, sessions } = setup()
    sessions.put({ id: 's1', user: 'u1', expiresAt: sec(START) + 60 })
    clock.advance(59_000)
    expect(sessions.get({ id: 's1' })?.user).toBe('u1')
    expect(readAll(sessions.stream)).toHaveLength(1)
    clock.advance(2_000)
    expect(sessions.get({ id: 's1' })).toBeUndefined()
  })

  it('keeps an already expired item readable (and updatable) until it is swept; store.settle() sweeps it', async () => {
    const { store, sessions } = setup()
    sessions.put({ id: 'old', user: 'u1', expiresAt: sec(START) - 3600 })
    expect(sessions.get({ id: 'old' })?.user).toBe('u1')
    expect(sessions.query('old').items).toHaveLength(1)
    await store.settle()
    expect(sessions.get({ id: 'old' })).toBeUndefined()
    const records = readAll(sessions.stream)
    expect(records.map((r) => [r.eventName, r.userIdentity])).toEqual([
      ['INSERT', undefined],
      ['DELETE', TTL_IDENTITY],
    ])
  })

  it('does not delete an item whose TTL was moved later before it was swept, until the new time', () => {
    const { clock, sessions } = setup()
    sessions.put({ id: 's1', user: 'u1', expiresAt: sec(START) + 60 })
    clock.advance(30_000)
    sessions.update({ id: 's1' }, (d) => void (d.expiresAt = sec(START) + 600))
    clock.advance(100_000)
    expect(sessions.get({ id: 's1' })?.expiresAt).toBe(sec(START) + 600)
    clock.advance(500_000)
    expect(sessions.get({ id: 's1' })).toBeUndefined()
    expect(readAll(sessions.stream).map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'DELETE'])
  })

  it('deletes at the earlier time when the TTL is moved earlier', () => {
    const { clock, sessions } = setup()
    sessions.put({ id: 's1', user: 'u1', expiresAt: sec(START) + 600 })
    sessions.update({ id: 's1' }, (d) => void (d.expiresAt = sec(START) + 10))
    clock.advance(11_000)
    expect(sessions.get({ id: 's1' })).toBeUndefined()
  })

  it('never deletes an item whose TTL attribute was removed, even if it had already expired', async () => {
    const { clock, store, sessions } = setup()
    sessions.put({ id: 'late', user: 'u1', expiresAt: sec(START) - 10 })
    sessions.update({ id: 'late' }, (d) => void delete d.expiresAt)
    sessions.put({ id: 'later', user: 'u2', expiresAt: sec(START) + 10 })
    sessions.put({ id: 'later', user: 'u2' })
    await store.settle()
    clock.advance(24 * 3600_000)
    expect(sessions.get({ id: 'late' })).toEqual({ id: 'late', user: 'u1' })
    expect(sessions.get({ id: 'later' })).toEqual({ id: 'later', user: 'u2' })
    expect(readAll(sessions.stream).filter((r) => r.eventName === 'DELETE')).toEqual([])
  })

  it('never expires non-number TTL values', () => {
    const { clock, sessions } = setup()
    sessions.put({ id: 'str', user: 'u', expiresAt: String(sec(START) - 10) })
    sessions.put({ id: 'set', user: 'u', expiresAt: new Set([sec(START) - 10]) })
    sessions.put({ id: 'none', user: 'u' })
    clock.advance(365 * 24 * 3600_000)
    expect(sessions.count()).toBe(3)
  })

  it('never expires values more than 5 years in the past, but does expire ones within 5 years', async () => {
    const { store, sessions } = setup()
    const year = 365 * 24 * 3600
    sessions.put({ id: 'ancient', user: 'u', expiresAt: sec(START) - 6 * year })
    sessions.put({ id: 'millis', user: 'u', expiresAt: 0 })
    sessions.put({ id: 'recent', user: 'u', expiresAt: sec(START) - 4 * year })
    await store.settle()
    expect(sessions.scan().items.map((i) => i.id).sort()).toEqual(['ancient', 'millis'])
  })

  it('deletes nothing when the item was deleted by the user first, and a re-created item with no TTL stays', () => {
    const { clock, sessions } = setup()
    sessions.put({ id: 's1', user: 'u1', expiresAt: sec(START) + 60 })
    sessions.delete({ id: 's1' })
    sessions.put({ id: 's1', user: 'u2' })
    clock.advance(120_000)
    expect(sessions.get({ id: 's1' })).toEqual({ id: 's1', user: 'u2' })
    const records = readAll(sessions.stream)
    expect(records.map((r) => [r.eventName, r.userIdentity])).toEqual([
      ['INSERT', undefined],
      ['DELETE', undefined],
      ['INSERT', undefined],
    ])
  })

  it('expires many items in expiry order, each once', () => {
    const { clock, sessions } = setup('KEYS_ONLY')
    const offsets = [50, 10, 30, 20, 40, 10]
    offsets.forEach((o, i) => sessions.put({ id: `s${i}`, user: 'u', expiresAt: sec(START) + o }))
    clock.advance(25_000)
    expect(sessions.count()).toBe(3)
    clock.advance(60_000)
    expect(sessions.count()).toBe(0)
    const deletes = readAll(sessions.stream).filter((r) => r.eventName === 'DELETE')
    expect(deletes.map((r) => r.keys.id)).toEqual(['s1', 's5', 's3', 's2', 's4', 's0'])
    for (const d of deletes) expect(d.userIdentity).toEqual(TTL_IDENTITY)
  })

  it('applies to items written by transactions and batches, and to tables without a stream', () => {
    const clock = new ManualClock(START)
    const store = createStore({ clock })
    const quiet = store.createTable<Session>()({ name: 'quiet', partitionKey: 'id', ttlAttribute: 'expiresAt' })
    store.transact((tx) => tx.put(quiet, { id: 't', user: 'u', expiresAt: sec(START) + 5 }))
    store.batchWrite((b) => b.put(quiet, { id: 'b', user: 'u', expiresAt: sec(START) + 5 }))
    clock.advance(6_000)
    expect(quiet.count()).toBe(0)
  })

  it('stops expiring items of a deleted table', () => {
    const { clock, store, sessions } = setup()
    sessions.put({ id: 's1', user: 'u1', expiresAt: sec(START) + 60 })
    const stream = sessions.stream
    store.deleteTable('sessions')
    clock.advance(120_000)
    expect(readAll(stream).map((r) => r.eventName)).toEqual(['INSERT'])
  })
})

describe('TTL queue of rewritten items', () => {
  it('keeps about one entry per item however often items are rewritten or deleted, and expires each at its latest time', () => {
    const clock = new ManualClock(START)
    const stored = new Map<string, { id: string; expiresAt: number }>()
    const expired: string[] = []
    const sweeper = new TtlSweeper<string>(
      clock,
      'expiresAt',
      // As the table's does, expiry re-checks the item: an entry left from an earlier version deletes nothing.
      (key, now) => {
        const item = stored.get(key)
        if (item === undefined || item.expiresAt * 1000 > now) return
        expired.push(key)
        stored.delete(key)
      },
      (key) => stored.get(key),
    )
    const write = (id: string, expiresAt: number | undefined): void => {
      sweeper.replaced(stored.get(id))
      if (expiresAt === undefined) stored.delete(id)
      else {
        stored.set(id, Object.freeze({ id, expiresAt }))
        sweeper.track(expiresAt * 1000, id)
      }
    }
    let most = 0
    for (let n = 0; n < 50_000; n++) {
      // Ten items rewritten in turn, a month ahead each time (some with the same time twice); every 7th write deletes.
      const id = `s${n % 10}`
      write(id, n % 7 === 6 ? undefined : sec(START) + 30 * 24 * 3600 + Math.floor(n / 20))
      most = Math.max(most, sweeper.queued)
    }
    expect(most).toBeLessThan(2 * 1024 + 100)
    const latest = new Map([...stored].map(([id, item]) => [id, item.expiresAt]))
    clock.advance(40 * 24 * 3600 * 1000)
    expect(expired.sort()).toEqual([...latest.keys()].sort())
    expect(sweeper.queued).toBe(0)
  })

  it('through a table: items rewritten thousands of times expire once, at the time their last version says', () => {
    const { clock, sessions } = setup('KEYS_ONLY')
    for (let n = 0; n < 5000; n++) sessions.put({ id: `s${n % 3}`, user: `u${n}`, expiresAt: sec(START) + 3600 + (n % 3) * 60 })
    sessions.delete({ id: 's2' })
    clock.advance(3600_000 + 1000)
    expect(sessions.get({ id: 's0' })).toBeUndefined()
    expect(sessions.get({ id: 's1' })?.user).toBe('u4999')
    clock.advance(60_000)
    expect(sessions.get({ id: 's1' })).toBeUndefined()
    const deletes = readAll(sessions.stream).filter((r) => r.eventName === 'DELETE')
    expect(deletes.map((r) => [r.keys, r.userIdentity === undefined ? 'user' : 'ttl'])).toEqual([
      [{ id: 's2' }, 'user'],
      [{ id: 's0' }, 'ttl'],
      [{ id: 's1' }, 'ttl'],
    ])
  })
})
