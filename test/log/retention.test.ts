import { describe, expect, it } from 'vitest'
import { createStore, RETENTION_MS, type ShardDescription } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { DAY, expectError, HOUR, MINUTE, readShard, T0 } from '../helpers/stream.js'

type Item = { pk: string; sk: number }

function setup() {
  const clock = new ManualClock(T0)
  const store = createStore({ clock, shards: { initial: 1, splitAbovePerSecond: Number.POSITIVE_INFINITY, rolloverMs: Number.POSITIVE_INFINITY } })
  const table = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'KEYS_ONLY' } })
  const stream = table.stream
  const shardId = (stream.describe().shards[0] as ShardDescription).shardId
  return { clock, store, table, stream, shardId }
}

function horizon(stream: ReturnType<typeof setup>['stream'], shardId: string): number[] {
  return stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })).records.map((r) => r.keys.sk)
}

describe('retention', () => {
  it('keeps records for 24 hours', () => {
    expect(RETENTION_MS).toBe(DAY)
  })

  it('never returns a record older than 24 hours, and TRIM_HORIZON moves forward', () => {
    const { clock, table, stream, shardId } = setup()
    table.put({ pk: 'p', sk: 0 }) // T0
    clock.advance(6 * HOUR)
    table.put({ pk: 'p', sk: 1 }) // T0 + 6 h
    clock.advance(6 * HOUR)
    table.put({ pk: 'p', sk: 2 }) // T0 + 12 h
    clock.set(T0 + DAY)
    expect(horizon(stream, shardId)).toEqual([0, 1, 2])
    clock.advance(1)
    expect(horizon(stream, shardId)).toEqual([1, 2])
    clock.set(T0 + 6 * HOUR + DAY + 1)
    expect(horizon(stream, shardId)).toEqual([2])
    clock.set(T0 + 12 * HOUR + DAY + 1)
    expect(horizon(stream, shardId)).toEqual([])
    table.put({ pk: 'p', sk: 3 })
    expect(horizon(stream, shardId)).toEqual([3])
  })

  it('fails a TRIM_HORIZON iterator whose first record was trimmed after it was issued, rather than skipping it', () => {
    const { clock, table, stream, shardId } = setup()
    table.put({ pk: 'p', sk: 0 }) // T0
    clock.advance(HOUR)
    table.put({ pk: 'p', sk: 1 }) // T0 + 1 h
    clock.set(T0 + DAY - 5 * MINUTE)
    // Issued while sk 0 is the oldest retained record: that record is the iterator's target.
    const token = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    clock.advance(10 * MINUTE)
    expectError(() => stream.getRecords(token), 'TrimmedDataAccessException')
  })

  it('rejects AT/AFTER_SEQUENCE_NUMBER of a trimmed record with TrimmedDataAccessException', () => {
    const { clock, table, stream, shardId } = setup()
    table.put({ pk: 'p', sk: 0 })
    table.put({ pk: 'p', sk: 1 })
    clock.advance(HOUR)
    table.put({ pk: 'p', sk: 2 })
    const [r0, r1, r2] = readShard(stream, shardId).records.map((r) => ({ sequenceNumber: r.sequenceNumber })) as [{ sequenceNumber: string }, { sequenceNumber: string }, { sequenceNumber: string }]
    clock.set(T0 + DAY + 1)
    for (const sequenceNumber of [r0.sequenceNumber, r1.sequenceNumber]) {
      expectError(() => stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber }), 'TrimmedDataAccessException', 'trimmed')
    }
    expectError(() => stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: r0.sequenceNumber }), 'TrimmedDataAccessException')
    // The service refuses AFTER the newest trimmed record too, although the record after it is retained.
    expectError(() => stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: r1.sequenceNumber }), 'TrimmedDataAccessException')
    expect(stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })).records.map((r) => r.keys.sk)).toEqual([2])
    const at = stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: r2.sequenceNumber })
    expect(stream.getRecords(at).records.map((r) => r.keys.sk)).toEqual([2])
  })

  it('rejects AT_SEQUENCE_NUMBER with the shard start once the shard’s first records are trimmed', () => {
    const { clock, table, stream, shardId } = setup()
    const start = stream.describe().shards[0]?.sequenceNumberRange.startingSequenceNumber as string
    table.put({ pk: 'p', sk: 0 })
    clock.advance(HOUR)
    table.put({ pk: 'p', sk: 1 })
    clock.set(T0 + DAY + 1)
    expectError(() => stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: start }), 'TrimmedDataAccessException')
    expectError(() => stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: start }), 'TrimmedDataAccessException')
  })

  it('fails getRecords with TrimmedDataAccessException when the iterator’s target was trimmed after it was issued', () => {
    const { clock, table, stream, shardId } = setup()
    table.put({ pk: 'p', sk: 0 })
    table.put({ pk: 'p', sk: 1 })
    clock.advance(HOUR)
    table.put({ pk: 'p', sk: 2 })
    const [r0] = readShard(stream, shardId).records.map((r) => ({ sequenceNumber: r.sequenceNumber })) as [{ sequenceNumber: string }]
    clock.set(T0 + DAY - 5 * MINUTE)
    const at = stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: r0.sequenceNumber })
    const after = stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: r0.sequenceNumber })
    clock.advance(10 * MINUTE)
    expectError(() => stream.getRecords(at), 'TrimmedDataAccessException')
    // The record after r0 (sk 1) was trimmed too: reading it must not silently skip to sk 2.
    expectError(() => stream.getRecords(after), 'TrimmedDataAccessException')
  })

  it('fails a nextIterator whose next record was trimmed, rather than skipping it', () => {
    const { clock, table, stream, shardId } = setup()
    table.put({ pk: 'p', sk: 0 })
    table.put({ pk: 'p', sk: 1 })
    clock.advance(HOUR)
    table.put({ pk: 'p', sk: 2 })
    clock.set(T0 + DAY - 5 * MINUTE)
    const page = stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' }), { limit: 1 })
    expect(page.records.map((r) => r.keys.sk)).toEqual([0])
    clock.advance(10 * MINUTE)
    expectError(() => stream.getRecords(page.nextIterator as string), 'TrimmedDataAccessException', 'trimmed')
  })

  it('keeps a LATEST iterator valid when every record before it was trimmed (nothing was skipped)', () => {
    const { clock, table, stream, shardId } = setup()
    table.put({ pk: 'p', sk: 0 })
    clock.set(T0 + DAY - MINUTE)
    const latest = stream.getShardIterator({ shardId, type: 'LATEST' })
    clock.advance(2 * MINUTE)
    const page = stream.getRecords(latest)
    expect(page.records).toEqual([])
    table.put({ pk: 'p', sk: 1 })
    expect(stream.getRecords(page.nextIterator as string).records.map((r) => r.keys.sk)).toEqual([1])
  })

  it('stays correct after trimming thousands of records (seek, horizon and trimmed positions)', () => {
    const { clock, table, stream, shardId } = setup()
    for (let i = 0; i < 5000; i++) table.put({ pk: 'p', sk: i })
    clock.advance(HOUR)
    for (let i = 5000; i < 10_000; i++) table.put({ pk: 'p', sk: i })
    const all = readShard(stream, shardId).records.map((r) => ({ sk: r.keys.sk, sequenceNumber: r.sequenceNumber }))
    expect(all).toHaveLength(10_000)
    clock.set(T0 + DAY + 1)
    const retained = readShard(stream, shardId, 777).records.map((r) => r.keys.sk)
    expect(retained).toEqual(Array.from({ length: 5000 }, (_, i) => 5000 + i))
    for (const i of [5000, 5001, 7777, 9999]) {
      const target = all[i] as { sequenceNumber: string }
      const at = stream.getRecords(stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: target.sequenceNumber }), { limit: 1 })
      expect(at.records.map((r) => r.keys.sk)).toEqual([i])
    }
    const lastTrimmed = all[4999] as { sequenceNumber: string }
    expectError(() => stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: lastTrimmed.sequenceNumber }), 'TrimmedDataAccessException')
    const horizon = stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' }), { limit: 1 })
    expect(horizon.records.map((r) => r.keys.sk)).toEqual([5000])
    for (const i of [0, 4095, 4096, 4999]) {
      const target = all[i] as { sequenceNumber: string }
      expectError(() => stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: target.sequenceNumber }), 'TrimmedDataAccessException')
    }
    // A LATEST iterator still sees the next write.
    const latest = stream.getShardIterator({ shardId, type: 'LATEST' })
    table.put({ pk: 'p', sk: 10_000 })
    expect(stream.getRecords(latest).records.map((r) => r.keys.sk)).toEqual([10_000])
  })

  it('trims a closed shard and a disabled stream the same way', () => {
    const { clock, table, stream, shardId } = setup()
    table.put({ pk: 'p', sk: 0 })
    clock.advance(2 * HOUR)
    table.put({ pk: 'p', sk: 1 })
    table.disableStream()
    clock.set(T0 + DAY + 1)
    expect(horizon(stream, shardId)).toEqual([1])
    const page = stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' }))
    expect(page.nextIterator).toBeNull()
  })
})
