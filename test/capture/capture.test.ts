import { describe, expect, it } from 'vitest'
import { createStore, VIEW_TYPES, type AnyChangeRecord, type ViewType } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { applyWrite, CHANGE_CASES, FIXTURE_TABLE, keyOf, type ChangeCase, type Item } from '../helpers/changes.js'
import { catchError, readAll } from '../helpers/write-side.js'

function run(c: ChangeCase, viewType: ViewType, shards: number) {
  const store = createStore({ clock: new ManualClock() })
  const table = store.createTable<Item>()({ name: 'fixture', ...FIXTURE_TABLE, stream: { viewType, shards: { initial: shards } } })
  for (const w of c.setup) applyWrite(table, w)
  const before = readAll(table.stream).length
  let error: (Error & { code?: string }) | undefined
  if (c.throws === undefined) applyWrite(table, c.write)
  else error = catchError(() => applyWrite(table, c.write))
  const all = readAll(table.stream) as AnyChangeRecord[]
  return { table, records: all.slice(before), all, error }
}

describe('change capture: fixture × view type × shard count', () => {
  for (const c of CHANGE_CASES) {
    for (const viewType of VIEW_TYPES) {
      for (const shards of [1, 4]) {
        it(`${c.name} [${viewType}, ${shards} shard${shards === 1 ? '' : 's'}]`, () => {
          const { table, records, error } = run(c, viewType, shards)
          if (c.throws !== undefined) expect(error?.code).toBe(c.throws)
          const key = keyOf(c.write)
          if (c.after === undefined) expect(table.get(key)).toBeUndefined()
          else expect(table.get(key)).toEqual(c.after)
          const expected = c.expected[viewType]
          if (expected === 'no record') {
            expect(records).toEqual([])
            return
          }
          expect(records).toHaveLength(1)
          const record = records[0] as AnyChangeRecord
          expect(record.eventName).toBe(expected.eventName)
          expect(record.viewType).toBe(viewType)
          expect(record.table).toBe('fixture')
          expect(record.streamArn).toBe(table.stream.arn)
          expect(record.keys).toEqual(key)
          expect(Object.keys(record.keys).sort()).toEqual(['pk', 'sk'])
          expect('newImage' in record).toBe(expected.newImage)
          expect('oldImage' in record).toBe(expected.oldImage)
          if (expected.newImage) expect(record.newImage).toEqual(c.after)
          if (expected.oldImage) expect(record.oldImage).toEqual(c.before)
          expect('userIdentity' in record).toBe(false)
          expect(record.sizeBytes).toBeGreaterThan(0)
        })
      }
    }
  }
})

describe('change capture across writes', () => {
  it('gives each record an id of 32 hex digits, unique, and increasing sequence numbers for one item', () => {
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<Item>()({ name: 'seq', ...FIXTURE_TABLE, stream: { viewType: 'NEW_AND_OLD_IMAGES', shards: { initial: 4 } } })
    const key = { pk: 'a', sk: 'b' }
    table.put({ ...key, n: 1 })
    table.update(key, (d) => {
      d['n'] = 2
    })
    table.put({ ...key, n: 3 })
    table.delete(key)
    const records = readAll(table.stream)
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'MODIFY', 'DELETE'])
    expect(new Set(records.map((r) => r.shardId)).size).toBe(1)
    for (const r of records) expect(r.eventId).toMatch(/^[0-9a-f]{32}$/)
    expect(new Set(records.map((r) => r.eventId)).size).toBe(4)
    for (let i = 1; i < records.length; i++) {
      expect(BigInt((records[i] as AnyChangeRecord).sequenceNumber)).toBeGreaterThan(BigInt((records[i - 1] as AnyChangeRecord).sequenceNumber))
    }
    expect(records.map((r) => r.newImage?.['n'])).toEqual([1, 2, 3, undefined])
    expect(records.map((r) => r.oldImage?.['n'])).toEqual([undefined, 1, 2, 3])
  })

  it('keeps every record of one item in one shard across many items and 4 shards', () => {
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<Item>()({ name: 'routing', ...FIXTURE_TABLE, stream: { viewType: 'KEYS_ONLY', shards: { initial: 4 } } })
    for (let i = 0; i < 400; i++) table.put({ pk: `customer-${i % 100}`, sk: `s${i}`, n: i })
    for (let i = 0; i < 400; i++) table.put({ pk: `customer-${i % 100}`, sk: `s${i}`, n: i + 1 })
    const records = readAll(table.stream)
    expect(records).toHaveLength(800)
    const shardOf = new Map<string, string>()
    for (const r of records) {
      const pk = r.keys.pk as string
      expect(shardOf.get(pk) ?? r.shardId).toBe(r.shardId)
      shardOf.set(pk, r.shardId)
    }
    expect(new Set(shardOf.values()).size).toBeGreaterThan(1)
  })

  it('spreads 10 partition keys that differ only in their last character over more than one of 4 shards', () => {
    // With a well-mixed 32-bit hash, all ten landing in one of four equal ranges has probability 4 × 4^-10.
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<Item>()({ name: 'spread', ...FIXTURE_TABLE, stream: { viewType: 'KEYS_ONLY', shards: { initial: 4 } } })
    for (let i = 0; i < 10; i++) table.put({ pk: `p${i}`, sk: 's' })
    expect(new Set(readAll(table.stream).map((r) => r.shardId)).size).toBeGreaterThan(1)
  })

  it('delivers the same records through stream.read() as through getRecords', async () => {
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<Item>()({ name: 'reader', ...FIXTURE_TABLE, stream: { viewType: 'NEW_IMAGE', shards: { initial: 4 } } })
    for (const c of CHANGE_CASES.filter((x) => x.throws === undefined).slice(0, 10)) {
      for (const w of c.setup) applyWrite(table, w)
      applyWrite(table, c.write)
      table.delete(keyOf(c.write))
    }
    const viaIterators = readAll(table.stream).map((r) => r.sequenceNumber)
    const viaRead: string[] = []
    const controller = new AbortController()
    const done = (async () => {
      for await (const r of table.stream.read({ signal: controller.signal })) viaRead.push(r.sequenceNumber)
    })()
    await store.settle()
    controller.abort()
    await done
    expect(viaRead.sort()).toEqual(viaIterators)
    expect(viaIterators.length).toBeGreaterThan(10)
  })

  it('writes nothing to any stream for a table without one', () => {
    const store = createStore({ clock: new ManualClock() })
    const table = store.createTable<Item>()({ name: 'nostream', ...FIXTURE_TABLE })
    table.put({ pk: 'a', sk: 'b' })
    table.delete({ pk: 'a', sk: 'b' })
    expect(table.stream).toBeUndefined()
    expect(store.listStreams().streams).toEqual([])
  })
})
