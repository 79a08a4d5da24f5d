import { describe, expect, it } from 'vitest'
import { createStore } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'

type Item = { pk: string; n: number }

function setup() {
  const store = createStore({ clock: new ManualClock(), shards: { initial: 4, splitAbovePerSecond: Number.POSITIVE_INFINITY } })
  const table = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
  const calls: string[][] = []
  table.stream.onRecords((ids) => calls.push([...ids].sort()))
  return { store, table, calls }
}

describe('onRecords', () => {
  it('names, once per microtask, exactly the shards that took records', async () => {
    const { store, table, calls } = setup()
    table.put({ pk: 'a', n: 1 })
    table.put({ pk: 'a', n: 2 })
    const shardsWithRecords = table.stream
      .shards()
      .map((s) => table.stream.getRecords(table.stream.getShardIterator({ shardId: s.shardId, type: 'TRIM_HORIZON' })).records)
      .filter((records) => records.length > 0)
    expect(shardsWithRecords).toHaveLength(1)
    const shardOfA = shardsWithRecords[0]?.[0]?.shardId
    await store.settle()
    expect(calls).toEqual([[shardOfA]])
  })

  it('names a shard that closes, so a reader waiting on it learns it has ended', async () => {
    const { store, table, calls } = setup()
    const [first] = table.stream.shards()
    const children = table.stream.splitShard(first?.shardId as string)
    await store.settle()
    expect(calls).toEqual([[first?.shardId]])
    table.disableStream()
    await store.settle()
    const stillOpen = table.stream.shards().filter((s) => s.shardId !== first?.shardId)
    expect(calls[1]).toEqual(stillOpen.map((s) => s.shardId).sort())
    expect(calls[1]).toEqual(expect.arrayContaining(children.map((c) => c.shardId)))
  })
})
