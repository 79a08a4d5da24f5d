import { describe, expect, it } from 'vitest'
import { createShardReader, shardsToStart, type ListedShard } from '../../src/consume/shard-reader.js'
import { setup, writeOrders } from './fixtures.js'
import { MINUTE } from '../helpers/time.js'

const shard = (shardId: string, parentShardId?: string): ListedShard => ({ shardId, closed: false, ...(parentShardId === undefined ? {} : { parentShardId }) })

describe('shardsToStart (lineage)', () => {
  it('starts roots and children of ended or unlisted parents, never a child of a parent still reading', () => {
    const listed = [shard('a'), shard('b', 'a'), shard('c', 'gone'), shard('d', 'x'), shard('x')]
    const progress = new Map<string, 'reading' | 'ended'>([['x', 'reading']])
    expect(shardsToStart(listed, (id) => progress.get(id)).map((s) => s.shardId)).toEqual(['a', 'c'])
    progress.set('a', 'ended')
    progress.set('c', 'reading')
    progress.set('x', 'ended')
    expect(shardsToStart(listed, (id) => progress.get(id)).map((s) => s.shardId)).toEqual(['b', 'd'])
  })
})

describe('createShardReader', () => {
  it('reads a shard in pages after a position, and knows where LATEST starts without decoding iterators', () => {
    const { orders } = setup()
    const stream = orders.stream
    writeOrders(orders, 3)
    const errors: unknown[] = []
    const reader = createShardReader(stream, (e) => errors.push(e))
    const [only] = reader.list()
    const cursor = reader.cursor(only!.shardId)
    reader.open(cursor, undefined)
    const first = reader.read(cursor)!
    expect(first.map((r) => r.keys.orderId)).toEqual(['o0', 'o1', 'o2'])
    expect(reader.latest(only!.shardId)).toBe(first[2]!.sequenceNumber)
    const after = reader.cursor(only!.shardId)
    reader.open(after, first[0]!.sequenceNumber)
    expect(reader.read(after)!.map((r) => r.keys.orderId)).toEqual(['o1', 'o2'])
    expect(errors).toEqual([])
  })

  it('reads no more than a page limit asks for, and the next read carries on after it', () => {
    const { orders } = setup()
    writeOrders(orders, 5)
    const reader = createShardReader(orders.stream, () => undefined)
    const cursor = reader.cursor(reader.list()[0]!.shardId)
    reader.open(cursor, undefined)
    expect(reader.read(cursor, 2)!.map((r) => r.keys.orderId)).toEqual(['o0', 'o1'])
    expect(reader.read(cursor, 2)!.map((r) => r.keys.orderId)).toEqual(['o2', 'o3'])
    expect(reader.read(cursor)!.map((r) => r.keys.orderId)).toEqual(['o4'])
  })

  it('takes a new iterator after the last record read when one expires', () => {
    const { orders, clock } = setup()
    writeOrders(orders, 2)
    const reader = createShardReader(orders.stream, () => undefined)
    const cursor = reader.cursor(reader.list()[0]!.shardId)
    reader.open(cursor, undefined)
    const records = reader.read(cursor)!
    cursor.resumeAfter = records[1]!.sequenceNumber
    clock.advance(16 * MINUTE)
    writeOrders(orders, 1, 'c1', 2)
    expect(reader.read(cursor)!.map((r) => r.keys.orderId)).toEqual(['o2'])
  })

  it('lists nothing and reports nothing once the stream is gone', () => {
    const { orders, clock, store } = setup()
    const reader = createShardReader(orders.stream, (e) => {
      throw e
    })
    store.deleteTable('orders')
    clock.advance(25 * 60 * MINUTE)
    expect(reader.list()).toEqual([])
  })
})
