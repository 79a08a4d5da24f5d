import { describe, expect, it } from 'vitest'
import { createMemoryCheckpointStore, type Checkpoint, type CheckpointKey, type CheckpointStore } from '../../src/index.js'
import { drain, ids, setup, writeOrders, type OrderRecord } from './fixtures.js'

describe('starting positions (7)', () => {
  it('TRIM_HORIZON delivers every record still in the stream, oldest first', async () => {
    const { store, orders } = setup()
    writeOrders(orders, 3)
    const seen: string[] = []
    store.consume(orders, (records) => void seen.push(...ids(records)), { startingPosition: 'TRIM_HORIZON' })
    writeOrders(orders, 2, 'c1', 3)
    await store.settle()
    expect(seen).toEqual(['o0', 'o1', 'o2', 'o3', 'o4'])
  })

  it('LATEST delivers only records written after the consumer started', async () => {
    const { store, orders } = setup({ shards: 3 })
    writeOrders(orders, 3, 'a')
    writeOrders(orders, 3, 'b')
    const seen: string[] = []
    store.consume(orders, (records) => void seen.push(...records.map((r) => `${r.keys.customerId}/${r.keys.orderId}`)), { startingPosition: 'LATEST' })
    await store.settle()
    writeOrders(orders, 1, 'a', 10)
    writeOrders(orders, 1, 'c', 10)
    await store.settle()
    expect(seen.sort()).toEqual(['a/o10', 'c/o10'])
  })

  it('LATEST skips shards that were closed before the start but reads their later children from the start', async () => {
    const { store, orders } = setup()
    writeOrders(orders, 2)
    const [shard] = orders.stream.shards()
    orders.stream.splitShard(shard!.shardId)
    writeOrders(orders, 1, 'c1', 2)
    const seen: string[] = []
    store.consume(orders, (records) => void seen.push(...ids(records)), { startingPosition: 'LATEST' })
    writeOrders(orders, 1, 'c1', 3)
    await store.settle()
    expect(seen).toEqual(['o3'])
  })
})

describe('batching (8-11, 15)', () => {
  it('never exceeds batchSize, never mixes shards, and keeps sequence order within a shard', async () => {
    const { store, orders } = setup({ shards: 4 })
    const batches: OrderRecord[][] = []
    store.consume(orders, (records) => void batches.push([...records]), { startingPosition: 'TRIM_HORIZON', batchSize: 7 })
    for (let c = 0; c < 8; c++) writeOrders(orders, 20, `c${c}`)
    await store.settle()
    expect(batches.flat()).toHaveLength(160)
    for (const batch of batches) {
      expect(batch.length).toBeLessThanOrEqual(7)
      expect(new Set(batch.map((r) => r.shardId)).size).toBe(1)
      const seqs = batch.map((r) => r.sequenceNumber)
      expect(seqs).toEqual([...seqs].sort())
    }
  })

  it('never puts more than 6 MB of records in one batch (9)', async () => {
    const { store, orders } = setup()
    const batches: number[][] = []
    store.consume(orders, (records) => void batches.push(records.map((r) => r.sizeBytes)), { startingPosition: 'TRIM_HORIZON', batchSize: 100 })
    const big = 'x'.repeat(190_000)
    for (let i = 0; i < 40; i++) orders.put({ customerId: 'c1', orderId: `o${i}`, total: i, status: big })
    await store.settle()
    expect(batches.flat()).toHaveLength(40)
    expect(batches.length).toBeGreaterThan(1)
    for (const sizes of batches) expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(6 * 1024 * 1024)
  })

  it('with window 0 a single available record is a 1-record batch (10)', async () => {
    const { store, orders } = setup()
    const sizes: number[] = []
    store.consume(orders, (records) => void sizes.push(records.length), { startingPosition: 'TRIM_HORIZON' })
    writeOrders(orders, 1)
    await store.settle()
    writeOrders(orders, 1, 'c1', 1)
    await store.settle()
    expect(sizes).toEqual([1, 1])
  })

  it('with a batching window, waits for the window or a full batch, whichever comes first (11)', async () => {
    const { store, orders, clock } = setup()
    const sizes: number[] = []
    store.consume(orders, (records) => void sizes.push(records.length), { startingPosition: 'TRIM_HORIZON', batchSize: 3, maximumBatchingWindowMs: 5000 })
    writeOrders(orders, 2)
    await store.settle()
    expect(sizes).toEqual([])
    clock.advance(4999)
    await store.settle()
    expect(sizes).toEqual([])
    clock.advance(1)
    await store.settle()
    expect(sizes).toEqual([2])
    writeOrders(orders, 4, 'c1', 2)
    await store.settle()
    expect(sizes).toEqual([2, 3])
    clock.advance(5000)
    await store.settle()
    expect(sizes).toEqual([2, 3, 1])
  })

  it('checkpoints past each successful batch: the next batch starts at the following record (15)', async () => {
    const { store, orders } = setup()
    const checkpoints = createMemoryCheckpointStore()
    const first: string[][] = []
    store.consume(orders, (records) => void first.push(ids(records)), { startingPosition: 'TRIM_HORIZON', batchSize: 2, checkpointStore: checkpoints })
    writeOrders(orders, 3)
    await store.settle()
    expect(first).toEqual([['o0', 'o1'], ['o2']])
    const shardId = orders.stream.shards()[0]!.shardId
    const saved = await checkpoints.get({ consumer: 'consumer', streamArn: orders.stream.arn, shardId })
    expect(saved).toEqual({ sequenceNumber: orders.stream.getRecords(orders.stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })).records[2]!.sequenceNumber, shardEnded: false })
  })
})

describe('lineage (14)', () => {
  it('reads a parent to its end before its children, so per-key order holds across splits', async () => {
    const { store, orders } = setup({ shards: 1 })
    const seen: string[] = []
    const consumer = store.consume(orders, (records) => void seen.push(...ids(records)), { startingPosition: 'TRIM_HORIZON', enabled: false })
    writeOrders(orders, 5)
    const [parent] = orders.stream.shards()
    const children = orders.stream.splitShard(parent!.shardId)
    writeOrders(orders, 5, 'c1', 5)
    orders.stream.splitShard(orders.stream.shards().find((s) => s.parentShardId === parent!.shardId && s.sequenceNumberRange.endingSequenceNumber === undefined && children.some((c) => c.shardId === s.shardId) && orders.stream.getRecords(orders.stream.getShardIterator({ shardId: s.shardId, type: 'TRIM_HORIZON' })).records.length > 0)!.shardId)
    writeOrders(orders, 5, 'c1', 10)
    consumer.start()
    await store.settle()
    expect(seen).toEqual(Array.from({ length: 15 }, (_, i) => `o${i}`))
  })

  it('follows rollovers on the clock', async () => {
    const { store, orders, clock } = setup({ shards: 2, rolloverMs: 60_000 })
    const seen: string[] = []
    store.consume(orders, (records) => void seen.push(...ids(records)), { startingPosition: 'TRIM_HORIZON' })
    for (let i = 0; i < 5; i++) {
      writeOrders(orders, 2, 'k', i * 2)
      clock.advance(61_000)
      await store.settle()
    }
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `o${i}`))
    expect(orders.stream.shards().length).toBeGreaterThan(2)
  })

  it('reads a disabled stream to its end and then idles', async () => {
    const { store, orders } = setup({ shards: 2 })
    const seen: string[] = []
    const consumer = store.consume(orders, (records) => void seen.push(...ids(records)), { startingPosition: 'TRIM_HORIZON', enabled: false })
    writeOrders(orders, 4)
    orders.disableStream()
    consumer.start()
    await store.settle()
    expect(seen).toEqual(['o0', 'o1', 'o2', 'o3'])
    expect(consumer.metrics().shards).toEqual([])
  })

  it('survives the clock moving hours ahead: expired iterators are re-acquired from the last position', async () => {
    const { store, orders, clock } = setup()
    const seen: string[] = []
    store.consume(orders, (records) => void seen.push(...ids(records)), { startingPosition: 'TRIM_HORIZON' })
    writeOrders(orders, 1)
    await store.settle()
    clock.advance(3 * 60 * 60 * 1000)
    writeOrders(orders, 1, 'c1', 1)
    await store.settle()
    clock.advance(20 * 60 * 1000)
    writeOrders(orders, 1, 'c1', 2)
    await store.settle()
    expect(seen).toEqual(['o0', 'o1', 'o2'])
  })
})

describe('life cycle (56, 57)', () => {
  it('pause stops invocations and keeps the position; resume continues with the next record (56)', async () => {
    const { store, orders } = setup()
    const seen: string[] = []
    const consumer = store.consume(orders, (records) => void seen.push(...ids(records)), { startingPosition: 'TRIM_HORIZON' })
    writeOrders(orders, 1)
    await store.settle()
    const resume = consumer.pause()
    writeOrders(orders, 2, 'c1', 1)
    await store.settle()
    expect(seen).toEqual(['o0'])
    expect(consumer.metrics().state).toBe('paused')
    resume()
    await store.settle()
    expect(seen).toEqual(['o0', 'o1', 'o2'])
  })

  it('enabled: false creates the consumer stopped until start()', async () => {
    const { store, orders } = setup()
    const seen: string[] = []
    const consumer = store.consume(orders, (records) => void seen.push(...ids(records)), { startingPosition: 'TRIM_HORIZON', enabled: false })
    writeOrders(orders, 2)
    await store.settle()
    expect(seen).toEqual([])
    consumer.start()
    await store.settle()
    expect(seen).toEqual(['o0', 'o1'])
  })

  it('stop lets the in-flight batch finish, then resolves; a restart resumes after the checkpoint, not at the starting position', async () => {
    const { store, orders } = setup()
    const seen: string[] = []
    let release: () => void = () => undefined
    let finished = false
    const consumer = store.consume(
      orders,
      async (records) => {
        seen.push(...ids(records))
        if (records[0]!.keys.orderId === 'o0') {
          await new Promise<void>((resolve) => (release = resolve))
          finished = true
        }
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 1 },
    )
    writeOrders(orders, 3)
    await new Promise((r) => setImmediate(r))
    const stopped = consumer.stop()
    let resolved = false
    void stopped.then(() => (resolved = true))
    await new Promise((r) => setImmediate(r))
    expect(resolved).toBe(false)
    release()
    await stopped
    expect(finished).toBe(true)
    expect(seen).toEqual(['o0'])
    expect(consumer.metrics().state).toBe('stopped')
    consumer.start()
    await store.settle()
    expect(seen).toEqual(['o0', 'o1', 'o2'])
  })

  it('a new consumer with the same name and checkpoint store resumes where the old one stopped', async () => {
    const { store, orders } = setup()
    const checkpointStore = createMemoryCheckpointStore()
    const first: string[] = []
    const a = store.consume(orders, (records) => void first.push(...ids(records)), { startingPosition: 'LATEST', checkpointStore, name: 'billing' })
    writeOrders(orders, 2)
    await store.settle()
    await a.stop()
    writeOrders(orders, 2, 'c1', 2)
    const second: string[] = []
    store.consume(orders, (records) => void second.push(...ids(records)), { startingPosition: 'LATEST', checkpointStore, name: 'billing' })
    await store.settle()
    expect(first).toEqual(['o0', 'o1'])
    expect(second).toEqual(['o2', 'o3'])
  })

  it('an asynchronous checkpoint store is awaited, and saves arrive in order', async () => {
    const { store, orders } = setup()
    const log: string[] = []
    const inner = createMemoryCheckpointStore()
    const slow: CheckpointStore = {
      get: async (key: CheckpointKey) => inner.get(key),
      set: async (key: CheckpointKey, cp: Checkpoint) => {
        // A macrotask turn stands for I/O: settle must wait for it, not just for microtasks.
        await new Promise((r) => setImmediate(r))
        log.push(cp.sequenceNumber ?? 'horizon')
        await inner.set(key, cp)
      },
    }
    store.consume(orders, () => undefined, { startingPosition: 'TRIM_HORIZON', batchSize: 1, checkpointStore: slow })
    writeOrders(orders, 3)
    await store.settle()
    expect(log.length).toBeGreaterThan(0)
    expect(log).toEqual([...log].sort())
    expect(log[log.length - 1]).toBe(orders.stream.getRecords(orders.stream.getShardIterator({ shardId: orders.stream.shards()[0]!.shardId, type: 'TRIM_HORIZON' })).records[2]!.sequenceNumber)
  })

  it('a failing checkpoint store is reported and retried; records still arrive', async () => {
    const { store, orders, clock, errors } = setup()
    const inner = createMemoryCheckpointStore()
    let getFailures = 1
    let setFailures = 1
    const flaky: CheckpointStore = {
      get: (key) => {
        if (getFailures-- > 0) throw new Error('get down')
        return inner.get(key)
      },
      set: (key, cp) => {
        if (setFailures-- > 0) throw new Error('set down')
        return inner.set(key, cp)
      },
    }
    const seen: string[] = []
    store.consume(orders, (records) => void seen.push(...ids(records)), { startingPosition: 'TRIM_HORIZON', batchSize: 1, checkpointStore: flaky })
    writeOrders(orders, 2)
    await drain(store, clock)
    expect(seen).toEqual(['o0', 'o1'])
    expect(errors.map((e) => (e as Error).message)).toEqual(['get down', 'set down'])
    const shardId = orders.stream.shards()[0]!.shardId
    expect((await inner.get({ consumer: 'consumer', streamArn: orders.stream.arn, shardId }))?.sequenceNumber).toBeDefined()
  })

  it('two consumers of one stream each receive every record, with their own checkpoints and filters (57)', async () => {
    const { store, orders } = setup()
    const a: string[] = []
    const b: string[] = []
    store.consume(orders, (records) => void a.push(...ids(records)), { startingPosition: 'TRIM_HORIZON', name: 'a' })
    store.consume(orders, (records) => void b.push(...ids(records)), { startingPosition: 'TRIM_HORIZON', name: 'b', filters: [{ dynamodb: { NewImage: { total: { N: ['1'] } } } }] })
    writeOrders(orders, 3)
    await store.settle()
    expect(a).toEqual(['o0', 'o1', 'o2'])
    expect(b).toEqual(['o1'])
  })

  it('settle waits for handlers doing asynchronous work across macrotask turns', async () => {
    const { store, orders } = setup()
    const seen: string[] = []
    store.consume(
      orders,
      async (records) => {
        for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r))
        seen.push(...ids(records))
      },
      { startingPosition: 'TRIM_HORIZON', batchSize: 1 },
    )
    writeOrders(orders, 3)
    await store.settle()
    expect(seen).toEqual(['o0', 'o1', 'o2'])
  })

  it('delivers nothing more once the records pass retention before being read', async () => {
    const { store, orders, clock } = setup()
    const consumer = store.consume(orders, () => undefined, { startingPosition: 'TRIM_HORIZON', enabled: false })
    writeOrders(orders, 2)
    clock.advance(25 * 60 * 60 * 1000)
    const seen: string[] = []
    const late = store.consume(orders, (records) => void seen.push(...ids(records)), { startingPosition: 'TRIM_HORIZON', name: 'late' })
    writeOrders(orders, 1, 'c1', 5)
    await drain(store, clock, 1000)
    expect(seen).toEqual(['o5'])
    await late.stop()
    await consumer.stop()
  })
})
