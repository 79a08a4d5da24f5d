import { describe, expect, it, vi } from 'vitest'
import { createStore, type ShardDescription } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { expectError, readShard, T0 } from '../helpers/stream.js'

type Item = { pk: string; v: number }

// Two stores in one process are two separate services: each names its streams by its own clock (a stream ARN is
// unique within its store, as a label is unique only within its account), and an iterator opens only the store that
// issued it.
function twin(region?: string) {
  const store = createStore({ clock: new ManualClock(T0), shards: { initial: 1 }, ...(region === undefined ? {} : { region }) })
  const table = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
  const shardId = (table.stream.describe().shards[0] as ShardDescription).shardId
  return { store, table, stream: table.stream, shardId }
}

describe('iterators of two stores', () => {
  it('name streams by each store alone: same table, clock and account give the same ARN', () => {
    const a = twin()
    const b = twin()
    expect(a.stream.arn).toBe(b.stream.arn)
    expect(twin('eu-west-1').stream.arn).not.toBe(a.stream.arn)
  })

  it('stay apart when a test stubs Math.random: store ids draw from the one taken when the package loaded', () => {
    const stub = vi.spyOn(Math, 'random').mockReturnValue(0.5)
    try {
      const a = twin()
      const b = twin()
      const fromA = a.stream.getShardIterator({ shardId: a.shardId, type: 'TRIM_HORIZON' })
      expectError(() => b.stream.getRecords(fromA), 'ValidationException', 'Invalid ShardIterator: expected an iterator issued by this store')
    } finally {
      stub.mockRestore()
    }
  })

  it('open only in the store that issued them, even where the stream ARN and shard id are the same', () => {
    const a = twin()
    const b = twin()
    a.table.put({ pk: 'a-only', v: 1 })
    b.table.put({ pk: 'b-only', v: 2 })
    expect(a.shardId).toBe(b.shardId)
    const fromA = a.stream.getShardIterator({ shardId: a.shardId, type: 'TRIM_HORIZON' })
    expectError(() => b.stream.getRecords(fromA), 'ValidationException', 'Invalid ShardIterator: expected an iterator issued by this store')
    expectError(() => b.store.getStream(a.stream.arn).getRecords(fromA), 'ValidationException', 'Invalid ShardIterator')
    const page = a.stream.getRecords(fromA)
    expect(page.records.map((r) => r.newImage)).toEqual([{ pk: 'a-only', v: 1 }])
    expectError(() => b.stream.getRecords(page.nextIterator as string), 'ValidationException', 'Invalid ShardIterator')
    expect(readShard(b.stream, b.shardId).records.map((r) => r.newImage)).toEqual([{ pk: 'b-only', v: 2 }])
  })

  it('refuse a token whose store part was rewritten', () => {
    const a = twin()
    const token = a.stream.getShardIterator({ shardId: a.shardId, type: 'TRIM_HORIZON' })
    const bar = token.lastIndexOf('|1|')
    const body = Buffer.from(token.slice(bar + 3), 'base64url').toString('utf8').split('~')
    const forge = (storeId: string): string => `${token.slice(0, bar)}|1|${Buffer.from([...body.slice(0, 4), storeId, body[5]].join('~')).toString('base64url')}`
    expect(a.stream.getRecords(forge(body[4] as string)).records).toEqual([])
    expectError(() => a.stream.getRecords(forge('0'.repeat(16))), 'ValidationException', 'Invalid ShardIterator')
    expectError(() => a.stream.getRecords(forge('not-a-store')), 'ValidationException', 'Invalid ShardIterator')
  })
})
