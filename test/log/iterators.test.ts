import { describe, expect, it } from 'vitest'
import { createStore, ITERATOR_LIFETIME_MS, SHARD_ITERATOR_TYPES, type ShardDescription, type ShardIteratorType, type ViewType } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { allShards, expectError, MINUTE, readShard, seq, T0 } from '../helpers/stream.js'

type Item = { pk: string; sk: number; v?: number; blob?: string }

function setup(viewType: ViewType = 'KEYS_ONLY', initial = 1) {
  const clock = new ManualClock(T0)
  const store = createStore({ clock, shards: { initial, splitAbovePerSecond: Number.POSITIVE_INFINITY, rolloverMs: Number.POSITIVE_INFINITY } })
  const table = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', sortKey: 'sk', stream: { viewType } })
  const stream = table.stream
  const shard = stream.describe().shards[0] as ShardDescription
  return { clock, store, table, stream, shard, shardId: shard.shardId }
}

function writeN(table: { put(item: Item): unknown }, n: number, from = 0): void {
  for (let i = from; i < from + n; i++) table.put({ pk: 'p', sk: i })
}

describe('getShardIterator validation', () => {
  it('accepts TRIM_HORIZON and LATEST without a sequence number', () => {
    const { stream, shardId } = setup()
    expect(typeof stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })).toBe('string')
    expect(typeof stream.getShardIterator({ shardId, type: 'LATEST' })).toBe('string')
    expect(SHARD_ITERATOR_TYPES).toEqual(['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'])
  })

  it('requires a sequence number for AT_SEQUENCE_NUMBER and AFTER_SEQUENCE_NUMBER', () => {
    const { stream, shardId } = setup()
    expectError(() => stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER' }), 'ValidationException', 'sequenceNumber')
    expectError(() => stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER' }), 'ValidationException', 'sequenceNumber')
  })

  it('refuses a sequence number for TRIM_HORIZON and LATEST', () => {
    const { stream, shard, shardId } = setup()
    const sequenceNumber = shard.sequenceNumberRange.startingSequenceNumber
    expectError(() => stream.getShardIterator({ shardId, type: 'TRIM_HORIZON', sequenceNumber }), 'ValidationException', 'sequenceNumber')
    expectError(() => stream.getShardIterator({ shardId, type: 'LATEST', sequenceNumber }), 'ValidationException', 'sequenceNumber')
  })

  it('rejects an unknown iterator type', () => {
    const { stream, shardId } = setup()
    for (const type of ['OLDEST', 'trim_horizon', '', undefined]) {
      expectError(() => stream.getShardIterator({ shardId, type: type as ShardIteratorType }), 'ValidationException', 'ShardIteratorType')
    }
  })

  it('rejects a sequence number that is not 21 to 40 decimal digits', () => {
    const { stream, shardId } = setup()
    for (const sequenceNumber of ['abc', '12', '1'.repeat(41), '1000000000000000000x1', '-100000000000000000001', ' 100000000000000000001', '1e+100000000000000000']) {
      for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const) {
        expectError(() => stream.getShardIterator({ shardId, type, sequenceNumber }), 'ValidationException', 'sequenceNumber')
      }
    }
  })

  it('rejects an unknown shard with ResourceNotFoundException and a malformed one with ValidationException', () => {
    const { stream } = setup()
    expectError(
      () => stream.getShardIterator({ shardId: 'shardId-00000000000000000000-deadbeef', type: 'TRIM_HORIZON' }),
      'ResourceNotFoundException',
      'Requested resource not found: Shard does not exist',
    )
    expectError(() => stream.getShardIterator({ shardId: 'shard-1', type: 'TRIM_HORIZON' }), 'ValidationException', 'shardId')
    expectError(() => stream.getShardIterator({ shardId: 'x'.repeat(66), type: 'TRIM_HORIZON' }), 'ValidationException', 'shardId')
  })

  it('rejects a sequence number outside the shard', () => {
    const { stream, table, clock } = setup('KEYS_ONLY', 1)
    writeN(table, 3)
    const [first] = stream.describe().shards as [ShardDescription]
    clock.advance(1)
    const child = stream.rolloverShard(first.shardId)
    writeN(table, 2, 10)
    const childRecords = readShard(stream, child.shardId).records
    // A sequence number of the child, asked of the closed parent: beyond its end.
    expectError(
      () => stream.getShardIterator({ shardId: first.shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: childRecords[0]?.sequenceNumber as string }),
      'ValidationException',
    )
    // A sequence number of the parent, asked of the child: before its start.
    const parentRecords = readShard(stream, first.shardId).records
    expectError(
      () => stream.getShardIterator({ shardId: child.shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: parentRecords[0]?.sequenceNumber as string }),
      'ValidationException',
    )
  })
})

describe('iterator positions', () => {
  it('AT_SEQUENCE_NUMBER starts at the record, AFTER_SEQUENCE_NUMBER just after it', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 5)
    const records = stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })).records
    expect(records).toHaveLength(5)
    for (let i = 0; i < 5; i++) {
      const sequenceNumber = records[i]?.sequenceNumber as string
      const at = stream.getRecords(stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber })).records
      expect(at.map((r) => r.sequenceNumber)).toEqual(records.slice(i).map((r) => r.sequenceNumber))
      const after = stream.getRecords(stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber })).records
      expect(after.map((r) => r.sequenceNumber)).toEqual(records.slice(i + 1).map((r) => r.sequenceNumber))
    }
  })

  it('AT_SEQUENCE_NUMBER with the shard’s startingSequenceNumber reads from the start of the shard', () => {
    const { stream, table, shard, shardId } = setup()
    writeN(table, 3)
    const sequenceNumber = shard.sequenceNumberRange.startingSequenceNumber
    const at = stream.getRecords(stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber })).records
    expect(at.map((r) => r.keys.sk)).toEqual([0, 1, 2])
    const after = stream.getRecords(stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber })).records
    expect(after.map((r) => r.keys.sk)).toEqual([0, 1, 2])
  })

  it('seeks a sequence number that falls between two records of the shard (one of another shard)', () => {
    const { stream, table } = setup('KEYS_ONLY', 4)
    // Two rounds over the same keys interleave the sequence numbers of the shards.
    for (let round = 0; round < 2; round++) for (let i = 0; i < 40; i++) table.put({ pk: `k${i}`, sk: round })
    const shards = allShards(stream)
    const byShard = shards.map((s) => ({ shardId: s.shardId, records: readShard(stream, s.shardId).records }))
    const [a, b] = byShard.filter((s) => s.records.length >= 2) as [(typeof byShard)[number], (typeof byShard)[number]]
    expect(b).toBeDefined()
    // A sequence number of shard b that lies strictly within shard a's records.
    const inside = b.records.find((r) => seq(r) > seq(a.records[0] as { sequenceNumber: string }) && seq(r) < seq(a.records[a.records.length - 1] as { sequenceNumber: string }))
    if (inside === undefined) {
      // The other way round: one of a within b.
      const swapped = a.records.find((r) => seq(r) > seq(b.records[0] as { sequenceNumber: string }) && seq(r) < seq(b.records[b.records.length - 1] as { sequenceNumber: string }))
      expect(swapped).toBeDefined()
      const got = stream.getRecords(stream.getShardIterator({ shardId: b.shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: swapped?.sequenceNumber as string })).records
      expect(got.map((r) => r.sequenceNumber)).toEqual(b.records.filter((r) => seq(r) > seq(swapped as { sequenceNumber: string })).map((r) => r.sequenceNumber))
      return
    }
    for (const type of ['AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const) {
      const got = stream.getRecords(stream.getShardIterator({ shardId: a.shardId, type, sequenceNumber: inside.sequenceNumber })).records
      expect(got.map((r) => r.sequenceNumber)).toEqual(a.records.filter((r) => seq(r) > seq(inside)).map((r) => r.sequenceNumber))
    }
  })

  it('compares sequence numbers numerically: leading zeros do not change the position', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 4)
    const records = stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })).records
    const target = records[2]?.sequenceNumber as string
    const padded = `000${target}`
    expect(BigInt(padded)).toBe(BigInt(target))
    const at = stream.getRecords(stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: padded })).records
    expect(at.map((r) => r.sequenceNumber)).toEqual([target, records[3]?.sequenceNumber])
    const after = stream.getRecords(stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: padded })).records
    expect(after.map((r) => r.sequenceNumber)).toEqual([records[3]?.sequenceNumber])
  })

  it('TRIM_HORIZON returns all records in order, and re-reading returns the same ones', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 6)
    const once = stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })).records
    const twice = stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })).records
    expect(once.map((r) => r.keys.sk)).toEqual([0, 1, 2, 3, 4, 5])
    expect(twice).toEqual(once)
  })

  it('LATEST taken before a write returns that write; LATEST taken after it does not', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 2)
    const before = stream.getShardIterator({ shardId, type: 'LATEST' })
    table.put({ pk: 'p', sk: 100 })
    const after = stream.getShardIterator({ shardId, type: 'LATEST' })
    expect(stream.getRecords(before).records.map((r) => r.keys.sk)).toEqual([100])
    const fromAfter = stream.getRecords(after)
    expect(fromAfter.records).toEqual([])
    expect(fromAfter.nextIterator).not.toBeNull()
    table.put({ pk: 'p', sk: 101 })
    expect(stream.getRecords(after).records.map((r) => r.keys.sk)).toEqual([101])
  })

  it('LATEST on an empty shard returns the first write', () => {
    const { stream, table, shardId } = setup()
    const latest = stream.getShardIterator({ shardId, type: 'LATEST' })
    table.put({ pk: 'p', sk: 0 })
    expect(stream.getRecords(latest).records.map((r) => r.keys.sk)).toEqual([0])
  })

  it('AT/AFTER the ending sequence number of a closed shard read its last record, then nothing', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 3)
    stream.rolloverShard(shardId)
    const ending = stream.describe().shards.find((s) => s.shardId === shardId)?.sequenceNumberRange.endingSequenceNumber as string
    const at = stream.getRecords(stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: ending }))
    expect(at.records.map((r) => r.keys.sk)).toEqual([2])
    expect(at.nextIterator).toBeNull()
    expect(stream.getRecords(stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: ending }))).toEqual({ records: [], nextIterator: null })
  })

  it('LATEST on a closed shard returns nothing and no next iterator', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 2)
    stream.rolloverShard(shardId)
    const result = stream.getRecords(stream.getShardIterator({ shardId, type: 'LATEST' }))
    expect(result).toEqual({ records: [], nextIterator: null })
  })
})

describe('iterator tokens', () => {
  it('look like {streamArn}|1|… and are at most 2048 characters', () => {
    const { stream, table, shard, shardId } = setup()
    writeN(table, 2)
    const tokens = [
      stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' }),
      stream.getShardIterator({ shardId, type: 'LATEST' }),
      stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: shard.sequenceNumberRange.startingSequenceNumber }),
      stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: shard.sequenceNumberRange.startingSequenceNumber }),
    ]
    tokens.push(stream.getRecords(tokens[0] as string, { limit: 1 }).nextIterator as string)
    for (const token of tokens) {
      expect(token.startsWith(`${stream.arn}|1|`)).toBe(true)
      expect(token.length).toBeGreaterThan(stream.arn.length + 3)
      expect(token.length).toBeLessThanOrEqual(2048)
    }
  })

  it('are distinct for distinct calls, even with the same arguments', () => {
    const { stream, shardId } = setup('KEYS_ONLY', 3)
    const tokens = new Set<string>()
    for (const s of stream.describe().shards) {
      tokens.add(stream.getShardIterator({ shardId: s.shardId, type: 'TRIM_HORIZON' }))
      tokens.add(stream.getShardIterator({ shardId: s.shardId, type: 'TRIM_HORIZON' }))
      tokens.add(stream.getShardIterator({ shardId: s.shardId, type: 'LATEST' }))
    }
    tokens.add(stream.getShardIterator({ shardId, type: 'LATEST' }))
    expect(tokens.size).toBe(10)
  })

  it('can be used repeatedly, always reading from the same position', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 3)
    const token = stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: stream.describe().shards[0]?.sequenceNumberRange.startingSequenceNumber as string })
    const first = stream.getRecords(token, { limit: 2 })
    const second = stream.getRecords(token, { limit: 2 })
    expect(second.records).toEqual(first.records)
    expect(first.records.map((r) => r.keys.sk)).toEqual([0, 1])
    table.put({ pk: 'p', sk: 3 })
    expect(stream.getRecords(token).records.map((r) => r.keys.sk)).toEqual([0, 1, 2, 3])
  })

  it('reject garbage with ValidationException', () => {
    const { stream, shardId } = setup()
    const good = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    const garbage = ['', 'garbage', `${stream.arn}|1|`, `${stream.arn}|1|!!!!`, `${stream.arn}|1|${Buffer.from('h~~x~1~0').toString('base64url')}`, good.slice(0, -6), `${good}${'A'.repeat(2048)}`]
    for (const token of garbage) expectError(() => stream.getRecords(token), 'ValidationException', 'ShardIterator')
    expectError(() => stream.getRecords(123 as unknown as string), 'ValidationException', 'ShardIterator')
  })

  it('reject a token of another stream', () => {
    const { store, stream, shardId } = setup()
    const other = store.createTable<Item>()({ name: 'other', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    const token = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    expectError(() => other.stream.getRecords(token), 'ValidationException', 'ShardIterator')
  })

  it('expire 15 minutes after they were issued', () => {
    const { clock, stream, table, shardId } = setup()
    expect(ITERATOR_LIFETIME_MS).toBe(15 * MINUTE)
    writeN(table, 2)
    const token = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    clock.advance(15 * MINUTE)
    const page = stream.getRecords(token, { limit: 1 })
    expect(page.records).toHaveLength(1)
    clock.advance(1)
    expectError(() => stream.getRecords(token), 'ExpiredIteratorException')
    // The iterator a read returns is fresh: valid for 15 minutes from the read.
    clock.advance(15 * MINUTE - 1)
    expect(stream.getRecords(page.nextIterator as string).records.map((r) => r.keys.sk)).toEqual([1])
    clock.advance(2)
    expectError(() => stream.getRecords(page.nextIterator as string), 'ExpiredIteratorException')
  })

  it('work on closed shards', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 3)
    const token = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    stream.splitShard(shardId)
    expect(stream.getRecords(token).records.map((r) => r.keys.sk)).toEqual([0, 1, 2])
  })
})

describe('getRecords limits', () => {
  it('accepts limit 1 to 1000 and rejects 0, 1001, -1, 1.5 and NaN', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 3)
    const token = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    for (const limit of [0, 1001, -1, 1.5, Number.NaN]) expectError(() => stream.getRecords(token, { limit }), 'ValidationException', 'limit')
    expect(stream.getRecords(token, { limit: 1000 }).records).toHaveLength(3)
    expect(stream.getRecords(token, { limit: 1 }).records).toHaveLength(1)
  })

  it('returns at most limit records, and at most 1000 by default', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 1100)
    const token = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    for (const limit of [1, 7, 500]) expect(stream.getRecords(token, { limit }).records).toHaveLength(limit)
    const first = stream.getRecords(token)
    expect(first.records).toHaveLength(1000)
    const rest = stream.getRecords(first.nextIterator as string)
    expect(rest.records).toHaveLength(100)
    expect(rest.records[0]?.keys.sk).toBe(1000)
  })

  it('stops before 1 MB of records and returns the rest on the next call', () => {
    const { stream, table, shardId } = setup('NEW_AND_OLD_IMAGES')
    const blob = 'x'.repeat(150_000)
    for (let i = 0; i < 6; i++) table.put({ pk: 'p', sk: i, blob })
    for (let i = 0; i < 6; i++) table.put({ pk: 'p', sk: i, blob: `${blob}y` }) // MODIFY: about 300 KB each
    let token: string | null = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    const pages: number[][] = []
    while (token !== null) {
      const page: { records: readonly { sizeBytes: number }[]; nextIterator: string | null } = stream.getRecords(token)
      if (page.records.length === 0) break
      const bytes = page.records.reduce((sum, r) => sum + r.sizeBytes, 0)
      expect(bytes).toBeLessThanOrEqual(1024 * 1024)
      expect(page.records.length).toBeGreaterThanOrEqual(1)
      pages.push(page.records.map((r) => r.sizeBytes))
      token = page.nextIterator
    }
    expect(pages.flat()).toHaveLength(12)
    expect(pages.length).toBeGreaterThan(2)
    // Each page is full: the first record of the next page would not have fitted.
    for (let i = 0; i + 1 < pages.length; i++) {
      const sum = (pages[i] as number[]).reduce((a, b) => a + b, 0)
      expect(sum + ((pages[i + 1] as number[])[0] as number)).toBeGreaterThan(1024 * 1024)
    }
  })

  it('returns a single record larger than the rest of the budget rather than nothing', () => {
    const { stream, table, shardId } = setup('NEW_AND_OLD_IMAGES')
    const big = 'z'.repeat(380_000)
    table.put({ pk: 'p', sk: 0, blob: big })
    table.put({ pk: 'p', sk: 0, blob: `${big}!` }) // a MODIFY of about 760 KB
    table.put({ pk: 'p', sk: 0, blob: `${big}?` })
    const token = stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: readShard(stream, shardId).records[0]?.sequenceNumber as string })
    const page = stream.getRecords(token)
    expect(page.records).toHaveLength(1)
    expect(page.records[0]?.sizeBytes).toBeGreaterThan(700_000)
  })
})

describe('reading a shard with getRecords', () => {
  it('returns [] and a next iterator on an empty open shard', () => {
    const { stream, shardId } = setup()
    const result = stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' }))
    expect(result.records).toEqual([])
    expect(typeof result.nextIterator).toBe('string')
  })

  it('returns no duplicate after the last record, and a later write from the same chain', () => {
    const { stream, table, shardId } = setup()
    table.put({ pk: 'p', sk: 0 })
    const first = stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' }))
    expect(first.records.map((r) => r.keys.sk)).toEqual([0])
    const second = stream.getRecords(first.nextIterator as string)
    expect(second.records).toEqual([])
    expect(second.nextIterator).not.toBeNull()
    const again = stream.getRecords(second.nextIterator as string)
    expect(again.records).toEqual([])
    table.put({ pk: 'p', sk: 1 })
    const third = stream.getRecords(again.nextIterator as string)
    expect(third.records.map((r) => r.keys.sk)).toEqual([1])
    expect(stream.getRecords(third.nextIterator as string).records).toEqual([])
  })

  it('returns a null next iterator once a closed shard is read to its end, with the last records', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 5)
    stream.rolloverShard(shardId)
    const first = stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' }), { limit: 3 })
    expect(first.records).toHaveLength(3)
    expect(first.nextIterator).not.toBeNull()
    const last = stream.getRecords(first.nextIterator as string, { limit: 3 })
    expect(last.records.map((r) => r.keys.sk)).toEqual([3, 4])
    expect(last.nextIterator).toBeNull()
  })

  it('returns a null next iterator at once for an empty closed shard', () => {
    const { stream, shardId } = setup()
    stream.rolloverShard(shardId)
    expect(stream.getRecords(stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' }))).toEqual({ records: [], nextIterator: null })
  })

  it('ends a closed shard exactly at the records it had when it closed', () => {
    const { stream, table, shardId } = setup()
    writeN(table, 2)
    const token = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    const firstPage = stream.getRecords(token, { limit: 2 })
    expect(firstPage.nextIterator).not.toBeNull()
    stream.rolloverShard(shardId)
    writeN(table, 2, 10)
    // The iterator taken while open now reaches the end of a closed shard.
    expect(stream.getRecords(firstPage.nextIterator as string)).toEqual({ records: [], nextIterator: null })
  })

  it('numbers records with digit strings of at least 21 characters, strictly increasing, above the shard start', () => {
    const { stream, table, clock } = setup('KEYS_ONLY', 3)
    for (let i = 0; i < 300; i++) {
      table.put({ pk: `${(i * 7919) % 101}-key`, sk: i })
      if (i % 50 === 0) clock.advance(1_000)
    }
    let withRecords = 0
    for (const shard of allShards(stream)) {
      const { records } = readShard(stream, shard.shardId, 37)
      if (records.length === 0) continue
      withRecords++
      const start = seq(shard.sequenceNumberRange.startingSequenceNumber)
      expect(seq(records[0] as { sequenceNumber: string })).toBeGreaterThan(start)
      for (const r of records) {
        expect(r.sequenceNumber).toMatch(/^\d{21,40}$/)
        expect(r.shardId).toBe(shard.shardId)
      }
      for (let i = 1; i < records.length; i++) expect(seq(records[i] as { sequenceNumber: string })).toBeGreaterThan(seq(records[i - 1] as { sequenceNumber: string }))
    }
    expect(withRecords).toBeGreaterThanOrEqual(2)
  })

  it('returns two writes of one item in write order with increasing sequence numbers', () => {
    const { stream, table, shardId } = setup('NEW_IMAGE')
    table.put({ pk: 'p', sk: 0, v: 1 })
    table.put({ pk: 'p', sk: 0, v: 2 })
    table.delete({ pk: 'p', sk: 0 })
    const records = readShard(stream, shardId).records
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'DELETE'])
    expect(records.map((r) => (r.eventName === 'DELETE' ? undefined : r.newImage?.v))).toEqual([1, 2, undefined])
    expect(seq(records[0] as { sequenceNumber: string })).toBeLessThan(seq(records[1] as { sequenceNumber: string }))
    expect(seq(records[1] as { sequenceNumber: string })).toBeLessThan(seq(records[2] as { sequenceNumber: string }))
  })
})

describe('seeking in a large shard', () => {
  it('finds the right record by sequence number among 100,000', () => {
    const { stream, table, shardId } = setup()
    for (let i = 0; i < 100_000; i++) table.put({ pk: 'p', sk: i })
    const all: { sequenceNumber: string; keys: { sk: number } }[] = []
    let token: string | null = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    while (token !== null) {
      const page: { records: readonly { sequenceNumber: string; keys: { sk: number } }[]; nextIterator: string | null } = stream.getRecords(token)
      if (page.records.length === 0) break
      all.push(...page.records)
      token = page.nextIterator
    }
    expect(all).toHaveLength(100_000)
    expect(all.map((r) => r.keys.sk).every((sk, i) => sk === i)).toBe(true)
    for (const i of [0, 1, 2, 4095, 4096, 50_000, 65_535, 65_536, 99_998, 99_999]) {
      const target = all[i] as { sequenceNumber: string }
      const at = stream.getRecords(stream.getShardIterator({ shardId, type: 'AT_SEQUENCE_NUMBER', sequenceNumber: target.sequenceNumber }), { limit: 2 })
      expect(at.records[0]?.keys.sk).toBe(i)
      const after = stream.getRecords(stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: target.sequenceNumber }), { limit: 1 })
      expect(after.records.map((r) => r.keys.sk)).toEqual(i + 1 < 100_000 ? [i + 1] : [])
    }
  }, 60_000)
})

describe('records returned by getRecords', () => {
  it('carry the stream’s fields, a unique 32-hex event id, the clock time and exactly the key attributes', () => {
    const { clock, stream, table } = setup('NEW_AND_OLD_IMAGES', 3)
    for (let i = 0; i < 30; i++) {
      table.put({ pk: `${i}-p`, sk: i, v: 1 })
      if (i % 10 === 9) clock.advance(1_234)
    }
    table.update({ pk: '0-p', sk: 0 }, (d) => {
      d.v = 2
    })
    table.delete({ pk: '1-p', sk: 1 })
    const ids = new Set<string>()
    let count = 0
    for (const shard of allShards(stream)) {
      for (const r of readShard(stream, shard.shardId).records) {
        count++
        expect(r.eventId).toMatch(/^[0-9a-f]{32}$/)
        ids.add(r.eventId)
        expect(r.table).toBe('items')
        expect(r.streamArn).toBe(stream.arn)
        expect(r.shardId).toBe(shard.shardId)
        expect(r.viewType).toBe('NEW_AND_OLD_IMAGES')
        expect(Object.keys(r.keys).sort()).toEqual(['pk', 'sk'])
        expect(r.sizeBytes).toBeGreaterThanOrEqual(1)
        expect(r.createdAt).toBeGreaterThanOrEqual(T0)
        expect(r.createdAt).toBeLessThanOrEqual(clock.now())
        expect(r).not.toHaveProperty('userIdentity')
        expect(Object.isFrozen(r)).toBe(true)
        expect(Object.isFrozen(r.keys)).toBe(true)
        if (r.eventName === 'INSERT') {
          expect(r).not.toHaveProperty('oldImage')
          expect(r.newImage).toMatchObject(r.keys)
        } else if (r.eventName === 'MODIFY') {
          expect(r.oldImage?.v).toBe(1)
          expect(r.newImage?.v).toBe(2)
        } else {
          expect(r).not.toHaveProperty('newImage')
          expect(r.oldImage).toEqual({ pk: '1-p', sk: 1, v: 1 })
        }
      }
    }
    expect(count).toBe(32)
    expect(ids.size).toBe(32)
  })

  it.each([
    ['KEYS_ONLY', [false, false], [false, false], [false, false]],
    ['NEW_IMAGE', [true, false], [true, false], [false, false]],
    ['OLD_IMAGE', [false, false], [false, true], [false, true]],
    ['NEW_AND_OLD_IMAGES', [true, false], [true, true], [false, true]],
  ] as const)('%s: carries [newImage, oldImage] = INSERT %j, MODIFY %j, DELETE %j', (viewType, insert, modify, remove) => {
    const { stream, table, shardId } = setup(viewType)
    table.put({ pk: 'p', sk: 0, v: 1 })
    table.put({ pk: 'p', sk: 0, v: 2 })
    table.delete({ pk: 'p', sk: 0 })
    const records = readShard(stream, shardId).records
    expect(records.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'DELETE'])
    const expected = [insert, modify, remove]
    records.forEach((r, i) => {
      const [hasNew, hasOld] = expected[i] as readonly [boolean, boolean]
      expect('newImage' in r).toBe(hasNew)
      expect('oldImage' in r).toBe(hasOld)
      expect(r.viewType).toBe(viewType)
      expect(r.keys).toEqual({ pk: 'p', sk: 0 })
    })
  })
})
