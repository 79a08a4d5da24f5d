import { describe, expect, it } from 'vitest'
import { createStore, type ShardDescription, type ShardOptions } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { allShards, collectRead, expectError, MINUTE, seq, T0 } from '../helpers/stream.js'

type Item = { pk: string; sk: number; v: number }

function setup(shards: Partial<ShardOptions> = {}) {
  const clock = new ManualClock(T0)
  const store = createStore({ clock, shards: { initial: 2, splitAbovePerSecond: Number.POSITIVE_INFINITY, rolloverMs: Number.POSITIVE_INFINITY, ...shards } })
  const table = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'NEW_IMAGE' } })
  return { clock, store, table, stream: table.stream }
}

type Ctx = ReturnType<typeof setup>

/** Writes over several shards, with splits, rollovers (explicit and on the clock) and a hot-shard split. */
function busyHistory(ctx: Ctx): number {
  const { clock, table, stream } = ctx
  let writes = 0
  const put = (pk: string, v: number): void => {
    table.put({ pk, sk: 0, v })
    writes++
  }
  for (let round = 0; round < 12; round++) {
    for (let k = 0; k < 15; k++) put(`key-${k}`, round)
    const open = stream.describe().shards.filter((s) => s.sequenceNumberRange.endingSequenceNumber === undefined)
    if (round % 3 === 0) stream.splitShard((open[round % open.length] as ShardDescription).shardId)
    if (round % 4 === 1) stream.rolloverShard((open[0] as ShardDescription).shardId)
    if (round === 5) for (let i = 0; i < 25; i++) put('hot', i) // more than splitAbovePerSecond in one second
    clock.advance(2 * MINUTE)
  }
  return writes
}

function expectLineage(records: readonly { shardId: string; sequenceNumber: string; keys: { pk: string } }[], shards: readonly ShardDescription[]): void {
  const parentOf = new Map(shards.map((s) => [s.shardId, s.parentShardId]))
  const lastIndexOf = new Map<string, number>()
  const firstIndexOf = new Map<string, number>()
  records.forEach((r, i) => {
    lastIndexOf.set(r.shardId, i)
    if (!firstIndexOf.has(r.shardId)) firstIndexOf.set(r.shardId, i)
  })
  // Every record of a parent comes before every record of its children.
  for (const [shardId, first] of firstIndexOf) {
    const parent = parentOf.get(shardId)
    if (parent !== undefined && lastIndexOf.has(parent)) expect(lastIndexOf.get(parent) as number).toBeLessThan(first)
  }
  // Per key, records come in sequence number order.
  const lastSeq = new Map<string, bigint>()
  for (const r of records) {
    const previous = lastSeq.get(r.keys.pk)
    if (previous !== undefined) expect(seq(r)).toBeGreaterThan(previous)
    lastSeq.set(r.keys.pk, seq(r))
  }
}

describe('stream.read()', () => {
  it('yields every record exactly once over splits and rollovers, parents before children, per-key order', async () => {
    const ctx = setup({ rolloverMs: 7 * MINUTE, splitAbovePerSecond: 20 })
    const writes = busyHistory(ctx)
    const shards = allShards(ctx.stream)
    expect(shards.length).toBeGreaterThan(6)
    expect(shards.some((s) => s.parentShardId !== undefined)).toBe(true)
    // Explicit splits and rollovers happen at whole 2-minute steps; the hot split and clock rollovers do too, but
    // their count shows: 4 explicit splits (2 children each) + 3 explicit rollovers would give 2 + 8 + 3 shards.
    expect(shards.length).toBeGreaterThan(2 + 8 + 3)
    const records = await collectRead(ctx.stream, 'TRIM_HORIZON', () => ctx.store.settle())
    expect(records).toHaveLength(writes)
    expect(new Set(records.map((r) => r.eventId)).size).toBe(writes)
    expect(new Set(records.map((r) => r.sequenceNumber)).size).toBe(writes)
    expectLineage(records, shards)
    // Per key, the values come in write order.
    for (let k = 0; k < 15; k++) {
      const values = records.filter((r) => r.keys.pk === `key-${k}`).map((r) => (r.eventName === 'DELETE' ? -1 : r.newImage.v))
      expect(values).toEqual(Array.from({ length: 12 }, (_, i) => i))
    }
  })

  it('waits for records written after the loop started', async () => {
    const { store, table, stream } = setup()
    table.put({ pk: 'a', sk: 0, v: 0 })
    const records = await collectRead(stream, 'TRIM_HORIZON', () => store.settle(), () => {
      table.put({ pk: 'b', sk: 0, v: 1 })
      table.put({ pk: 'a', sk: 0, v: 2 })
    })
    expect(records.map((r) => [r.keys.pk, r.eventName === 'DELETE' ? undefined : r.newImage.v])).toEqual(
      expect.arrayContaining([
        ['a', 0],
        ['b', 1],
        ['a', 2],
      ]),
    )
    expect(records).toHaveLength(3)
    const a = records.filter((r) => r.keys.pk === 'a')
    expect(a.map((r) => (r.eventName === 'DELETE' ? undefined : r.newImage.v))).toEqual([0, 2])
  })

  it('follows a split that happens while the loop waits', async () => {
    const { store, table, stream } = setup({ initial: 1 })
    for (let k = 0; k < 10; k++) table.put({ pk: `k${k}`, sk: 0, v: 0 })
    const records = await collectRead(stream, 'TRIM_HORIZON', () => store.settle(), () => {
      const [only] = stream.describe().shards as [ShardDescription]
      stream.splitShard(only.shardId)
      for (let k = 0; k < 10; k++) table.put({ pk: `k${k}`, sk: 0, v: 1 })
    })
    expect(records).toHaveLength(20)
    expectLineage(records, allShards(stream))
  })

  it('with LATEST skips the records written before the call', async () => {
    const { store, table, stream } = setup()
    for (let k = 0; k < 5; k++) table.put({ pk: `k${k}`, sk: 0, v: 0 })
    const controller = new AbortController()
    const iterator = stream.read({ from: 'LATEST', signal: controller.signal })
    // Written after read() returned but before the first next(): LATEST means after the call.
    table.put({ pk: 'k0', sk: 0, v: 1 })
    const got: number[] = []
    const done = (async () => {
      for await (const r of iterator) got.push(r.eventName === 'DELETE' ? -1 : r.newImage.v)
    })()
    await store.settle()
    table.put({ pk: 'k1', sk: 0, v: 2 })
    await store.settle()
    controller.abort()
    await done
    expect(got.sort()).toEqual([1, 2])
  })

  it('with LATEST follows shards created after the call', async () => {
    const { store, table, stream } = setup({ initial: 1 })
    table.put({ pk: 'old', sk: 0, v: 0 })
    const records = await collectRead(stream, 'LATEST', () => store.settle(), () => {
      const [only] = stream.describe().shards as [ShardDescription]
      table.put({ pk: 'k0', sk: 0, v: 1 })
      stream.rolloverShard(only.shardId)
      table.put({ pk: 'k0', sk: 0, v: 2 })
    })
    expect(records.map((r) => (r.eventName === 'DELETE' ? -1 : r.newImage.v))).toEqual([1, 2])
  })

  it('stops cleanly when the signal aborts while it waits', async () => {
    const { store, table, stream } = setup()
    table.put({ pk: 'a', sk: 0, v: 0 })
    const controller = new AbortController()
    const got: string[] = []
    let finished = false
    const done = (async () => {
      for await (const r of stream.read({ signal: controller.signal })) got.push(r.keys.pk)
      finished = true
    })()
    await store.settle()
    expect(got).toEqual(['a'])
    expect(finished).toBe(false)
    controller.abort()
    await done
    expect(finished).toBe(true)
    // Records written after the abort are not delivered.
    table.put({ pk: 'b', sk: 0, v: 0 })
    await store.settle()
    expect(got).toEqual(['a'])
  })

  it('stops when the signal aborts mid-way through a batch', async () => {
    const { table, stream } = setup({ initial: 1 })
    for (let k = 0; k < 10; k++) table.put({ pk: `k${k}`, sk: 0, v: k })
    const controller = new AbortController()
    const got: number[] = []
    for await (const r of stream.read({ signal: controller.signal })) {
      got.push(r.eventName === 'DELETE' ? -1 : r.newImage.v)
      if (got.length === 3) controller.abort()
    }
    expect(got).toEqual([0, 1, 2])
  })

  it('yields nothing for an already aborted signal', async () => {
    const { table, stream } = setup()
    table.put({ pk: 'a', sk: 0, v: 0 })
    const got: unknown[] = []
    for await (const r of stream.read({ signal: AbortSignal.abort() })) got.push(r)
    expect(got).toEqual([])
  })

  it('ends by itself once the stream is disabled and fully read', async () => {
    const { store, table, stream } = setup({ initial: 3 })
    for (let k = 0; k < 12; k++) table.put({ pk: `k${k}`, sk: 0, v: k })
    const got: string[] = []
    let finished = false
    const done = (async () => {
      for await (const r of stream.read()) got.push(r.keys.pk)
      finished = true
    })()
    await store.settle()
    expect(finished).toBe(false)
    table.put({ pk: 'last', sk: 0, v: 99 })
    table.disableStream()
    await store.settle()
    await done
    expect(finished).toBe(true)
    expect(got).toHaveLength(13)
    expect(got).toContain('last')
  })

  it('ends at once on a disabled stream read to its end, and LATEST on it yields nothing', async () => {
    const { table, stream } = setup()
    table.put({ pk: 'a', sk: 0, v: 0 })
    stream.splitShard((stream.describe().shards[0] as ShardDescription).shardId)
    table.put({ pk: 'a', sk: 0, v: 1 })
    table.disableStream()
    const all: number[] = []
    for await (const r of stream.read()) all.push(r.eventName === 'DELETE' ? -1 : r.newImage.v)
    expect(all).toEqual([0, 1])
    const latest: unknown[] = []
    for await (const r of stream.read({ from: 'LATEST' })) latest.push(r)
    expect(latest).toEqual([])
  })

  it('lets two readers read the same records independently', async () => {
    const { store, table, stream } = setup()
    for (let k = 0; k < 6; k++) table.put({ pk: `k${k}`, sk: 0, v: k })
    const [one, two] = await Promise.all([collectRead(stream, 'TRIM_HORIZON', () => store.settle()), collectRead(stream, 'TRIM_HORIZON', () => store.settle())])
    expect(one.map((r) => r.eventId).sort()).toEqual(two.map((r) => r.eventId).sort())
    expect(one).toHaveLength(6)
  })

  it('reads shards whose parent has aged out, from their own start', async () => {
    const { clock, store, table, stream } = setup({ initial: 1 })
    table.put({ pk: 'a', sk: 0, v: 0 })
    const [root] = stream.describe().shards as [ShardDescription]
    stream.rolloverShard(root.shardId)
    clock.advance(12 * 60 * MINUTE)
    table.put({ pk: 'a', sk: 0, v: 1 })
    clock.advance(12 * 60 * MINUTE + 1)
    expect(allShards(stream).map((s) => s.shardId)).not.toContain(root.shardId)
    const records = await collectRead(stream, 'TRIM_HORIZON', () => store.settle())
    expect(records.map((r) => (r.eventName === 'DELETE' ? -1 : r.newImage.v))).toEqual([1])
  })

  it('rejects an unknown starting position', () => {
    const { stream } = setup()
    expectError(() => stream.read({ from: 'AT_SEQUENCE_NUMBER' as 'LATEST' }), 'ValidationException', 'read from')
  })
})

describe('stream.onRecords()', () => {
  it('calls the listener in a microtask after writes, once for writes made together', async () => {
    const { table, stream } = setup()
    let calls = 0
    stream.onRecords(() => {
      calls++
    })
    table.put({ pk: 'a', sk: 0, v: 0 })
    table.put({ pk: 'b', sk: 0, v: 0 })
    // Not inside the write: the writer has returned before any listener runs.
    expect(calls).toBe(0)
    await Promise.resolve()
    expect(calls).toBe(1)
    table.put({ pk: 'c', sk: 0, v: 0 })
    await Promise.resolve()
    expect(calls).toBe(2)
  })

  it('is not called for writes that change nothing', async () => {
    const { table, stream } = setup()
    table.put({ pk: 'a', sk: 0, v: 0 })
    await Promise.resolve()
    let calls = 0
    stream.onRecords(() => {
      calls++
    })
    table.put({ pk: 'a', sk: 0, v: 0 })
    table.delete({ pk: 'missing', sk: 0 })
    await Promise.resolve()
    expect(calls).toBe(0)
  })

  it('stops calling after unsubscribe; subscribing one function twice needs two unsubscribes', async () => {
    const { table, stream } = setup()
    let calls = 0
    const listener = (): void => {
      calls++
    }
    const off1 = stream.onRecords(listener)
    const off2 = stream.onRecords(listener)
    table.put({ pk: 'a', sk: 0, v: 0 })
    await Promise.resolve()
    expect(calls).toBe(2)
    off1()
    table.put({ pk: 'a', sk: 0, v: 1 })
    await Promise.resolve()
    expect(calls).toBe(3)
    off2()
    off2()
    table.put({ pk: 'a', sk: 0, v: 2 })
    await Promise.resolve()
    expect(calls).toBe(3)
  })

  it('routes a throwing listener’s error to the store’s onError, never to the writer or other listeners', async () => {
    const errors: unknown[] = []
    const clock = new ManualClock(T0)
    const store = createStore({ clock, onError: (e) => errors.push(e) })
    const table = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'KEYS_ONLY' } })
    const boom = new Error('boom')
    let other = 0
    table.stream.onRecords(() => {
      throw boom
    })
    table.stream.onRecords(() => {
      other++
    })
    expect(() => table.put({ pk: 'a', sk: 0, v: 0 })).not.toThrow()
    await Promise.resolve()
    expect(errors).toEqual([boom])
    expect(other).toBe(1)
    expect(table.get({ pk: 'a', sk: 0 })).toEqual({ pk: 'a', sk: 0, v: 0 })
  })

  it('wakes listeners when the stream is disabled', async () => {
    const { table, stream } = setup()
    let calls = 0
    stream.onRecords(() => {
      calls++
    })
    table.disableStream()
    await Promise.resolve()
    expect(calls).toBe(1)
  })

  it('rejects a listener that is not a function', () => {
    const { stream } = setup()
    expectError(() => stream.onRecords('nope' as unknown as () => void), 'ValidationException', 'onRecords listener')
  })
})
