import { describe, expect, it } from 'vitest'
import { createStore, SHARD_DEFAULTS, type ShardDescription, type ShardOptions } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { allRecords, allShards, DAY, expectError, HOUR, MINUTE, readShard, seq, T0 } from '../helpers/stream.js'

type Item = { pk: string; sk: number; v?: number }

function setup(shards: Partial<ShardOptions> = {}) {
  const clock = new ManualClock(T0)
  const store = createStore({ clock, shards: { splitAbovePerSecond: Number.POSITIVE_INFINITY, rolloverMs: Number.POSITIVE_INFINITY, ...shards } })
  const table = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'KEYS_ONLY' } })
  return { clock, store, table, stream: table.stream }
}

const SHARD_ID = /^shardId-\d{20}-[0-9a-f]{8}$/
const HASH_MAX = 0xffffffff

function open(shards: readonly ShardDescription[]): ShardDescription[] {
  return shards.filter((s) => s.sequenceNumberRange.endingSequenceNumber === undefined)
}

function expectCoverage(shards: readonly ShardDescription[]): void {
  const sorted = [...shards].sort((a, b) => a.hashKeyRange.start - b.hashKeyRange.start)
  expect(sorted[0]?.hashKeyRange.start).toBe(0)
  expect(sorted[sorted.length - 1]?.hashKeyRange.end).toBe(HASH_MAX)
  for (let i = 1; i < sorted.length; i++) {
    expect(sorted[i]?.hashKeyRange.start).toBe((sorted[i - 1]?.hashKeyRange.end as number) + 1)
  }
}

/** The shard id each key's records landed in, for keys pk0..pk{n-1}. */
function shardOfKeys(records: readonly { keys: { pk: string }; shardId: string }[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>()
  for (const r of records) {
    const set = map.get(r.keys.pk) ?? new Set<string>()
    set.add(r.shardId)
    map.set(r.keys.pk, set)
  }
  return map
}

describe('shard ids and the initial layout', () => {
  it('formats shard ids as shardId- + 20 digits of creation ms + - + 8 hex digits', () => {
    const { stream } = setup({ initial: 4 })
    const shards = stream.describe().shards
    for (const s of shards) {
      expect(s.shardId).toMatch(SHARD_ID)
      expect(s.shardId.length).toBeGreaterThanOrEqual(28)
      expect(s.shardId.length).toBeLessThanOrEqual(65)
      expect(s.shardId.slice(8, 28)).toBe(String(T0).padStart(20, '0'))
      expect(s.createdAt).toBe(T0)
    }
    expect(new Set(shards.map((s) => s.shardId)).size).toBe(shards.length)
  })

  it('starts with 4 shards by default (the documented on-demand start)', () => {
    expect(SHARD_DEFAULTS.initial).toBe(4)
    const store = createStore({ clock: new ManualClock(T0) })
    const t = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    expect(t.stream.describe().shards).toHaveLength(4)
  })

  it.each([1, 2, 3, 7, 16])('starts with %i open shards covering the whole 32-bit hash space', (initial) => {
    const { stream } = setup({ initial })
    const d = stream.describe()
    expect(d.shards).toHaveLength(initial)
    expect(open(d.shards)).toHaveLength(initial)
    expectCoverage(d.shards)
    for (const s of d.shards) {
      expect(s).not.toHaveProperty('parentShardId')
      expect(s.sequenceNumberRange.startingSequenceNumber).toMatch(/^\d{21,40}$/)
      expect(s.sequenceNumberRange).not.toHaveProperty('endingSequenceNumber')
    }
    expect(d).not.toHaveProperty('lastEvaluatedShardId')
  })

  it('lets a table override the store’s shard options for its stream', () => {
    const clock = new ManualClock(T0)
    const store = createStore({ clock, shards: { initial: 2 } })
    const t = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY', shards: { initial: 5 } } })
    expect(t.stream.describe().shards).toHaveLength(5)
    const u = store.createTable<Item>()({ name: 'other', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    expect(u.stream.describe().shards).toHaveLength(2)
  })

  it('rejects shard options out of range', () => {
    const clock = new ManualClock(T0)
    expectError(() => createStore({ clock, shards: { initial: 0 } }), 'ValidationException', 'shards.initial')
    expectError(() => createStore({ clock, shards: { initial: 1.5 } }), 'ValidationException', 'shards.initial')
    expectError(() => createStore({ clock, shards: { splitAbovePerSecond: 0 } }), 'ValidationException', 'shards.splitAbovePerSecond')
    expectError(() => createStore({ clock, shards: { rolloverMs: 10 } }), 'ValidationException', 'shards.rolloverMs')
    const store = createStore({ clock })
    expectError(
      () => store.createTable<Item>()({ name: 'items', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY', shards: { initial: 0 } } }),
      'ValidationException',
      'stream.shards.initial',
    )
  })
})

describe('routing records to shards', () => {
  it('keeps every record of one item in one shard, and spreads items over the shards', () => {
    const { table, stream } = setup({ initial: 4 })
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 40; i++) table.put({ pk: `pk${i}`, sk: 1, v: round })
    }
    const records = allRecords(stream)
    expect(records).toHaveLength(200)
    const byKey = shardOfKeys(records)
    for (const shards of byKey.values()) expect(shards.size).toBe(1)
    const used = new Set(records.map((r) => r.shardId))
    expect(used.size).toBeGreaterThan(1)
    for (const r of records) expect(stream.describe().shards.map((s) => s.shardId)).toContain(r.shardId)
  })

  it('spreads partition keys that differ only in their last characters over every shard', () => {
    const { table, stream } = setup({ initial: 4 })
    // With a well-mixed 32-bit hash, 40 keys leave a shard empty with probability about 4e-5.
    for (let i = 0; i < 40; i++) table.put({ pk: `k${i}`, sk: 0 })
    const counts = new Map(stream.describe().shards.map((s) => [s.shardId, 0]))
    for (const r of allRecords(stream)) counts.set(r.shardId, (counts.get(r.shardId) ?? 0) + 1)
    expect([...counts.values()].every((n) => n > 0), `records per shard: ${[...counts.values()].join(', ')}`).toBe(true)
  })

  it('gives each of 4 shards about a quarter of 1,000 sequential numeric partition keys', () => {
    const clock = new ManualClock(T0)
    const store = createStore({ clock, shards: { initial: 4, splitAbovePerSecond: Number.POSITIVE_INFINITY, rolloverMs: Number.POSITIVE_INFINITY } })
    const t = store.createTable<{ id: number }>()({ name: 'numbers', partitionKey: 'id', stream: { viewType: 'KEYS_ONLY' } })
    for (let id = 0; id < 1000; id++) t.put({ id })
    const counts = new Map(t.stream.describe().shards.map((s) => [s.shardId, 0]))
    for (const r of allRecords(t.stream)) counts.set(r.shardId, (counts.get(r.shardId) ?? 0) + 1)
    // Binomial(1000, 1/4) has a standard deviation of about 14: 175..325 is more than 5 of them.
    for (const n of counts.values()) {
      expect(n, `records per shard: ${[...counts.values()].join(', ')}`).toBeGreaterThanOrEqual(175)
      expect(n).toBeLessThanOrEqual(325)
    }
  })

  it('routes by partition key only: items sharing a partition key share a shard', () => {
    const { table, stream } = setup({ initial: 8 })
    for (let i = 0; i < 10; i++) for (let sk = 0; sk < 5; sk++) table.put({ pk: `p${i}`, sk })
    const byKey = shardOfKeys(allRecords(stream))
    expect(byKey.size).toBe(10)
    for (const shards of byKey.values()) expect(shards.size).toBe(1)
  })
})

describe('splitShard', () => {
  it('closes the parent and hands its range to two children', () => {
    const { clock, table, stream } = setup({ initial: 1 })
    for (let i = 0; i < 20; i++) table.put({ pk: `pk${i}`, sk: 1 })
    const [parent] = stream.describe().shards as [ShardDescription]
    clock.advance(1_000)
    const children = stream.splitShard(parent.shardId)
    expect(children).toHaveLength(2)
    const all = stream.describe().shards
    const closedParent = all.find((s) => s.shardId === parent.shardId) as ShardDescription
    const ending = closedParent.sequenceNumberRange.endingSequenceNumber
    expect(ending).toMatch(/^\d{21,40}$/)
    const parentRecords = readShard(stream, parent.shardId).records
    expect(seq(ending as string)).toBe(seq(parentRecords[parentRecords.length - 1] as { sequenceNumber: string }))
    for (const child of children) {
      expect(child.parentShardId).toBe(parent.shardId)
      expect(child.shardId).toMatch(SHARD_ID)
      expect(child.shardId > parent.shardId).toBe(true)
      expect(child.createdAt).toBe(T0 + 1_000)
      expect(seq(child.sequenceNumberRange.startingSequenceNumber)).toBeGreaterThan(seq(ending as string))
      expect(all.map((s) => s.shardId)).toContain(child.shardId)
    }
    expectCoverage(children)
    expect(children[0]?.hashKeyRange.start).toBe(parent.hashKeyRange.start)
    expect(children[1]?.hashKeyRange.end).toBe(parent.hashKeyRange.end)
    expect(open(all).map((s) => s.shardId).sort()).toEqual(children.map((c) => c.shardId).sort())
  })

  it('sends later writes of an item to the child owning its hash, with sequence numbers above the parent’s end', () => {
    const { table, stream } = setup({ initial: 1 })
    for (let i = 0; i < 40; i++) table.put({ pk: `pk${i}`, sk: 1, v: 0 })
    const parent = stream.describe().shards[0] as ShardDescription
    const children = stream.splitShard(parent.shardId)
    for (let i = 0; i < 40; i++) table.put({ pk: `pk${i}`, sk: 1, v: 1 })
    for (let i = 0; i < 40; i++) table.put({ pk: `pk${i}`, sk: 1, v: 2 })
    const ending = seq(stream.describe().shards.find((s) => s.shardId === parent.shardId)?.sequenceNumberRange.endingSequenceNumber as string)
    const childIds = children.map((c) => c.shardId)
    const later = children.flatMap((c) => readShard(stream, c.shardId).records)
    expect(later).toHaveLength(80)
    for (const r of later) expect(seq(r)).toBeGreaterThan(ending)
    const byKey = shardOfKeys(later)
    for (const shards of byKey.values()) {
      expect(shards.size).toBe(1)
      expect(childIds).toContain([...shards][0])
    }
    // Both halves of the hash space get items.
    expect(new Set(later.map((r) => r.shardId)).size).toBe(2)
    // The parent's records stay where they were, closed.
    expect(readShard(stream, parent.shardId)).toMatchObject({ closedAndDone: true })
    expect(readShard(stream, parent.shardId).records).toHaveLength(40)
  })

  it('keeps the key → shard mapping consistent with the children’s hash ranges after further splits', () => {
    const { table, stream } = setup({ initial: 1 })
    const keys = Array.from({ length: 60 }, (_, i) => `k${i}`)
    const [root] = stream.describe().shards as [ShardDescription]
    const [left, right] = stream.splitShard(root.shardId) as [ShardDescription, ShardDescription]
    for (const pk of keys) table.put({ pk, sk: 0 })
    const firstShard = new Map(allRecords(stream).map((r) => [r.keys.pk, r.shardId]))
    const [ll, lr] = stream.splitShard(left.shardId) as [ShardDescription, ShardDescription]
    for (const pk of keys) table.put({ pk, sk: 1 })
    const records = allRecords(stream).filter((r) => r.keys.sk === 1)
    for (const r of records) {
      const before = firstShard.get(r.keys.pk)
      // Keys of the right child stay there; keys of the left child move to one of its children.
      if (before === right.shardId) expect(r.shardId).toBe(right.shardId)
      else expect([ll.shardId, lr.shardId]).toContain(r.shardId)
    }
    expect(ll.hashKeyRange.start).toBe(left.hashKeyRange.start)
    expect(lr.hashKeyRange.end).toBe(left.hashKeyRange.end)
    expect(lr.hashKeyRange.start).toBe(ll.hashKeyRange.end + 1)
  })

  it('rejects a closed shard with ValidationException and an unknown one with ResourceNotFoundException', () => {
    const { stream } = setup({ initial: 1 })
    const [parent] = stream.describe().shards as [ShardDescription]
    stream.splitShard(parent.shardId)
    expectError(() => stream.splitShard(parent.shardId), 'ValidationException', parent.shardId)
    expectError(() => stream.rolloverShard(parent.shardId), 'ValidationException', parent.shardId)
    expectError(() => stream.splitShard('shardId-00000000000000000000-deadbeef'), 'ResourceNotFoundException', 'Shard does not exist')
    expectError(() => stream.splitShard('nope'), 'ValidationException')
  })
})

describe('rolloverShard', () => {
  it('closes the shard and hands its whole range to one child', () => {
    const { table, stream } = setup({ initial: 2 })
    for (let i = 0; i < 20; i++) table.put({ pk: `pk${i}`, sk: 0 })
    const before = stream.describe().shards
    const target = before[0] as ShardDescription
    const child = stream.rolloverShard(target.shardId)
    expect(child.parentShardId).toBe(target.shardId)
    expect(child.hashKeyRange).toEqual(target.hashKeyRange)
    const after = stream.describe().shards
    expect(after).toHaveLength(3)
    const closed = after.find((s) => s.shardId === target.shardId) as ShardDescription
    expect(closed.sequenceNumberRange.endingSequenceNumber).toBeDefined()
    expect(seq(child.sequenceNumberRange.startingSequenceNumber)).toBeGreaterThan(seq(closed.sequenceNumberRange.endingSequenceNumber as string))
    // The other shard is untouched.
    expect(after.find((s) => s.shardId === before[1]?.shardId)?.sequenceNumberRange).not.toHaveProperty('endingSequenceNumber')
    // Keys of the rolled shard now land in the child.
    const moved = new Set(readShard(stream, target.shardId).records.map((r) => r.keys.pk))
    for (const pk of moved) table.put({ pk, sk: 1 })
    const childRecords = readShard(stream, child.shardId).records
    expect(new Set(childRecords.map((r) => r.keys.pk))).toEqual(moved)
  })

  it('gives an empty closed shard an ending sequence number no lower than its start', () => {
    const { stream } = setup({ initial: 1 })
    const [s] = stream.describe().shards as [ShardDescription]
    const child = stream.rolloverShard(s.shardId)
    const closed = stream.describe().shards.find((x) => x.shardId === s.shardId) as ShardDescription
    const start = seq(closed.sequenceNumberRange.startingSequenceNumber)
    const end = seq(closed.sequenceNumberRange.endingSequenceNumber as string)
    expect(end >= start).toBe(true)
    expect(seq(child.sequenceNumberRange.startingSequenceNumber)).toBeGreaterThan(end)
    expect(readShard(stream, s.shardId)).toEqual({ records: [], closedAndDone: true })
  })
})

describe('periodic rollover on the clock', () => {
  it('rolls every open shard over once rolloverMs has passed', () => {
    const { clock, table, stream } = setup({ initial: 2, rolloverMs: 10 * MINUTE })
    table.put({ pk: 'a', sk: 0 })
    clock.advance(10 * MINUTE - 1)
    expect(stream.describe().shards).toHaveLength(2)
    clock.advance(1)
    table.put({ pk: 'a', sk: 1 })
    const shards = stream.describe().shards
    expect(shards).toHaveLength(4)
    const roots = shards.filter((s) => s.parentShardId === undefined)
    expect(roots.every((s) => s.sequenceNumberRange.endingSequenceNumber !== undefined)).toBe(true)
    const children = shards.filter((s) => s.parentShardId !== undefined)
    expect(children).toHaveLength(2)
    for (const c of children) {
      const parent = roots.find((r) => r.shardId === c.parentShardId) as ShardDescription
      expect(c.hashKeyRange).toEqual(parent.hashKeyRange)
      expect(c.createdAt).toBe(T0 + 10 * MINUTE)
    }
    const records = allRecords(stream)
    const [first, second] = [records.find((r) => r.keys.sk === 0), records.find((r) => r.keys.sk === 1)]
    expect(roots.map((s) => s.shardId)).toContain(first?.shardId)
    expect(children.map((s) => s.shardId)).toContain(second?.shardId)
  })

  it('sends a write made after the rollover time to the child, even when maintenance ran just before', () => {
    const { clock, table, stream } = setup({ initial: 1, rolloverMs: 10 * MINUTE })
    const [root] = stream.describe().shards as [ShardDescription]
    clock.advance(10 * MINUTE - 100)
    expect(stream.describe().shards).toHaveLength(1)
    clock.advance(600)
    table.put({ pk: 'late', sk: 0 })
    const child = stream.describe().shards.find((s) => s.parentShardId === root.shardId) as ShardDescription
    expect(child.createdAt).toBe(T0 + 10 * MINUTE)
    const [record] = allRecords(stream)
    // Written 500 ms after the root's rollover time: it belongs to the child, not to the closed root.
    expect(record?.createdAt).toBe(T0 + 10 * MINUTE + 500)
    expect(record?.shardId).toBe(child.shardId)
  })

  it('rolls over when only describe() is called, without writes', () => {
    const { clock, stream } = setup({ initial: 1, rolloverMs: HOUR })
    clock.advance(HOUR)
    const shards = stream.describe().shards
    expect(shards).toHaveLength(2)
    expect(open(shards)).toHaveLength(1)
    expect(open(shards)[0]?.parentShardId).toBe(shards.find((s) => s.parentShardId === undefined)?.shardId)
  })

  it('rolls a long jump of the clock over once, not once per period', () => {
    const { clock, stream } = setup({ initial: 1, rolloverMs: HOUR })
    clock.advance(5 * HOUR + 30 * MINUTE)
    const shards = stream.describe().shards
    expect(shards).toHaveLength(2)
    expect(open(shards)[0]?.createdAt).toBe(T0 + 5 * HOUR)
    clock.advance(30 * MINUTE)
    expect(stream.describe().shards).toHaveLength(3)
  })

  it('uses the 4 hour default period', () => {
    expect(SHARD_DEFAULTS.rolloverMs).toBe(4 * HOUR)
    const clock = new ManualClock(T0)
    const store = createStore({ clock, shards: { initial: 1 } })
    const t = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    clock.advance(4 * HOUR - 1)
    expect(t.stream.describe().shards).toHaveLength(1)
    clock.advance(1)
    expect(t.stream.describe().shards).toHaveLength(2)
  })
})

describe('hot-shard split', () => {
  it('splits a shard that takes more than splitAbovePerSecond records within one second', () => {
    const { clock, table, stream } = setup({ initial: 1, splitAbovePerSecond: 10 })
    clock.advance(500)
    for (let i = 0; i < 10; i++) table.put({ pk: `pk${i}`, sk: 0 })
    expect(stream.describe().shards).toHaveLength(1)
    table.put({ pk: 'pk10', sk: 0 })
    const shards = stream.describe().shards
    expect(shards).toHaveLength(3)
    const [parent] = shards.filter((s) => s.parentShardId === undefined) as [ShardDescription]
    expect(parent.sequenceNumberRange.endingSequenceNumber).toBeDefined()
    // The record that made the shard hot is the parent's last.
    expect(readShard(stream, parent.shardId).records).toHaveLength(11)
    const children = shards.filter((s) => s.parentShardId === parent.shardId)
    expect(children).toHaveLength(2)
    expectCoverage(children)
  })

  it('does not split when the records are spread over seconds', () => {
    const { clock, table, stream } = setup({ initial: 1, splitAbovePerSecond: 10 })
    for (let second = 0; second < 5; second++) {
      for (let i = 0; i < 10; i++) table.put({ pk: `pk${i}`, sk: second })
      clock.advance(1_000)
    }
    expect(stream.describe().shards).toHaveLength(1)
  })

  it('counts per shard: a busy neighbour does not split a quiet shard', () => {
    const { table, stream } = setup({ initial: 2, splitAbovePerSecond: 5 })
    for (let i = 0; i < 6; i++) table.put({ pk: 'hot', sk: i })
    const shards = stream.describe().shards
    expect(shards).toHaveLength(4)
    expect(open(shards)).toHaveLength(3)
    const hotShard = allRecords(stream)[0]?.shardId
    expect(shards.find((s) => s.shardId === hotShard)?.sequenceNumberRange.endingSequenceNumber).toBeDefined()
  })
})

describe('describe() paging', () => {
  function manyShards() {
    const ctx = setup({ initial: 7 })
    const first = ctx.stream.describe().shards
    ctx.clock.advance(1)
    ctx.stream.splitShard((first[2] as ShardDescription).shardId)
    ctx.stream.rolloverShard((first[5] as ShardDescription).shardId)
    return ctx // 7 + 2 + 1 = 10 shards
  }

  it('lists shards in ascending shard id order, with parents before children', () => {
    const { stream } = manyShards()
    const shards = stream.describe().shards
    expect(shards).toHaveLength(10)
    const ids = shards.map((s) => s.shardId)
    expect(ids).toEqual([...ids].sort())
    const index = new Map(ids.map((id, i) => [id, i]))
    for (const s of shards) if (s.parentShardId !== undefined) expect(index.get(s.parentShardId) as number).toBeLessThan(index.get(s.shardId) as number)
    expect(stream.shards().map((s) => s.shardId)).toEqual(ids)
  })

  it.each([1, 2, 3, 4, 9, 10, 100])('pages with limit %i, each shard exactly once, lastEvaluatedShardId = last of the page', (limit) => {
    const { stream } = manyShards()
    const expected = stream.describe().shards.map((s) => s.shardId)
    const seen: string[] = []
    let start: string | undefined
    for (let pages = 0; pages < 20; pages++) {
      const page = stream.describe(start === undefined ? { limit } : { limit, exclusiveStartShardId: start })
      expect(page.shards.length).toBeLessThanOrEqual(limit)
      seen.push(...page.shards.map((s) => s.shardId))
      if (page.lastEvaluatedShardId === undefined) break
      expect(page.lastEvaluatedShardId).toBe(page.shards[page.shards.length - 1]?.shardId)
      start = page.lastEvaluatedShardId
    }
    expect(seen).toEqual(expected)
  })

  it('pages 100 shards at a time by default', () => {
    const { stream } = setup({ initial: 150 })
    const first = stream.describe()
    expect(first.shards).toHaveLength(100)
    expect(first.lastEvaluatedShardId).toBe(first.shards[99]?.shardId)
    const second = stream.describe({ exclusiveStartShardId: first.lastEvaluatedShardId as string })
    expect(second.shards).toHaveLength(50)
    expect(second).not.toHaveProperty('lastEvaluatedShardId')
    expect(stream.shards()).toHaveLength(150)
  })

  it('returns no shards after the last one, or after an unknown id sorting after all', () => {
    const { stream } = manyShards()
    const ids = stream.describe().shards.map((s) => s.shardId)
    const afterLast = stream.describe({ exclusiveStartShardId: ids[ids.length - 1] as string })
    expect(afterLast.shards).toEqual([])
    expect(afterLast).not.toHaveProperty('lastEvaluatedShardId')
    expect(stream.describe({ exclusiveStartShardId: 'shardId-99999999999999999999-ffffffff' }).shards).toEqual([])
    expect(stream.describe({ exclusiveStartShardId: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }).shards).toEqual([])
    // An unknown id sorting before all lists everything.
    expect(stream.describe({ exclusiveStartShardId: 'shardId-00000000000000000000-00000000' }).shards.map((s) => s.shardId)).toEqual(ids)
  })

  it('rejects limit 0, 101, -1 and 1.5, and a malformed exclusiveStartShardId', () => {
    const { stream } = setup({ initial: 1 })
    for (const limit of [0, 101, -1, 1.5]) expectError(() => stream.describe({ limit }), 'ValidationException', 'limit')
    expect(stream.describe({ limit: 100 }).shards).toHaveLength(1)
    expect(stream.describe({ limit: 1 }).shards).toHaveLength(1)
    expectError(() => stream.describe({ exclusiveStartShardId: 'short' }), 'ValidationException', 'exclusiveStartShardId')
    expectError(() => stream.describe({ childrenOf: 'short' }), 'ValidationException', 'childrenOf')
  })

  it('filters to the children of one shard with childrenOf', () => {
    const { stream } = manyShards()
    const all = stream.describe().shards
    const parents = [...new Set(all.flatMap((s) => (s.parentShardId === undefined ? [] : [s.parentShardId])))]
    expect(parents).toHaveLength(2)
    for (const parent of parents) {
      const children = stream.describe({ childrenOf: parent }).shards
      expect(children.length).toBeGreaterThanOrEqual(1)
      expect(children.map((c) => c.shardId)).toEqual(all.filter((s) => s.parentShardId === parent).map((s) => s.shardId))
    }
    const paged = stream.describe({ childrenOf: parents.find((p) => all.filter((s) => s.parentShardId === p).length === 2) as string, limit: 1 })
    expect(paged.shards).toHaveLength(1)
    expect(paged.lastEvaluatedShardId).toBe(paged.shards[0]?.shardId)
    const leaf = all.find((s) => s.parentShardId !== undefined) as ShardDescription
    expect(stream.describe({ childrenOf: leaf.shardId }).shards).toEqual([])
    expect(stream.describe({ childrenOf: 'shardId-00000000000000000000-deadbeef' }).shards).toEqual([])
  })
})

describe('closed shards and retention', () => {
  it('drops a closed shard from describe() once all its records are older than 24 hours', () => {
    const { clock, table, stream } = setup({ initial: 1 })
    table.put({ pk: 'a', sk: 0 })
    const [parent] = stream.describe().shards as [ShardDescription]
    clock.advance(HOUR)
    const child = stream.rolloverShard(parent.shardId)
    table.put({ pk: 'a', sk: 1 })
    clock.advance(DAY - HOUR)
    // The parent's record is exactly 24 h old: still retained, still listed.
    expect(stream.describe().shards.map((s) => s.shardId)).toEqual([parent.shardId, child.shardId])
    clock.advance(HOUR)
    const listed = stream.describe().shards
    expect(listed.map((s) => s.shardId)).toEqual([child.shardId])
    // The child still names its vanished parent.
    expect(listed[0]?.parentShardId).toBe(parent.shardId)
    expectError(() => stream.getShardIterator({ shardId: parent.shardId, type: 'TRIM_HORIZON' }), 'ResourceNotFoundException', 'Shard does not exist')
    expect(readShard(stream, child.shardId).records.map((r) => r.keys)).toEqual([{ pk: 'a', sk: 1 }])
  })

  it('keeps an open shard listed after its records have aged out', () => {
    const { clock, table, stream } = setup({ initial: 1 })
    table.put({ pk: 'a', sk: 0 })
    clock.advance(2 * DAY)
    const shards = stream.describe().shards
    expect(shards).toHaveLength(1)
    expect(readShard(stream, (shards[0] as ShardDescription).shardId).records).toEqual([])
  })

  it('keeps a closed shard listed while it still has retained records', () => {
    const { clock, table, stream } = setup({ initial: 1 })
    const [parent] = stream.describe().shards as [ShardDescription]
    clock.advance(12 * HOUR)
    table.put({ pk: 'a', sk: 0 })
    stream.rolloverShard(parent.shardId)
    clock.advance(23 * HOUR)
    expect(stream.describe().shards.map((s) => s.shardId)).toContain(parent.shardId)
    expect(readShard(stream, parent.shardId).records).toHaveLength(1)
  })
})
