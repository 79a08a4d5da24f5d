import { describe, expect, it } from 'vitest'
import { createStore, type ViewType } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { allRecords, allShards, DAY, expectError, HOUR, readShard, T0 } from '../helpers/stream.js'

type Item = { pk: string; sk: string; v?: number }

function setup(options: { region?: string; accountId?: string } = {}) {
  const clock = new ManualClock(T0)
  const store = createStore({ clock, shards: { initial: 2 }, ...options })
  return { clock, store }
}

const ARN = /^arn:aws:dynamodb:([a-z0-9-]+):(\d{12}):table\/([A-Za-z0-9_.-]+)\/stream\/(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3})$/

describe('enabling a stream', () => {
  it('names the stream with an ARN and a label built from the creation time', () => {
    const { clock, store } = setup()
    clock.set(Date.UTC(2026, 4, 11, 21, 21, 33, 291))
    const t = store.createTable<Item>()({ name: 'TestTable', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'KEYS_ONLY' } })
    expect(t.stream.label).toBe('2026-05-11T21:21:33.291')
    expect(t.stream.arn).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/TestTable/stream/2026-05-11T21:21:33.291')
    expect(t.stream.arn).toMatch(ARN)
    expect(t.stream.arn.endsWith(t.stream.label)).toBe(true)
    expect(t.stream.arn.length).toBeGreaterThanOrEqual(37)
    expect(t.stream.arn.length).toBeLessThanOrEqual(1024)
    expect(t.stream.tableName).toBe('TestTable')
    expect(t.stream.viewType).toBe('KEYS_ONLY')
    expect(t.stream.createdAt).toBe(clock.now())
    expect(t.stream.status()).toBe('ENABLED')
  })

  it('uses the store region and account id in the ARN', () => {
    const { store } = setup({ region: 'eu-west-1', accountId: '111122223333' })
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    const m = ARN.exec(t.stream.arn)
    expect(m?.slice(1)).toEqual(['eu-west-1', '111122223333', 'orders', '2026-01-01T00:00:00.000'])
  })

  it('describes an enabled stream with its status, view type, creation time, table and key schema', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
    const d = t.stream.describe()
    expect(d.streamArn).toBe(t.stream.arn)
    expect(d.streamLabel).toBe(t.stream.label)
    expect(d.streamStatus).toBe('ENABLED')
    expect(d.streamViewType).toBe('NEW_AND_OLD_IMAGES')
    expect(d.creationRequestDateTime).toBe(T0)
    expect(d.tableName).toBe('orders')
    expect(d.keySchema).toEqual({ partitionKey: 'pk', sortKey: 'sk' })
    expect(d.shards.length).toBeGreaterThanOrEqual(1)
    expect(d).not.toHaveProperty('lastEvaluatedShardId')

    const h = store.createTable<Item>()({ name: 'hashOnly', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    expect(h.stream.describe().keySchema).toEqual({ partitionKey: 'pk' })
    expect(h.stream.keySchema).toEqual({ partitionKey: 'pk' })
  })

  it('enables a stream later with enableStream, capturing only the writes that follow', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'later', partitionKey: 'pk', sortKey: 'sk' })
    expect(t.stream).toBeUndefined()
    t.put({ pk: 'a', sk: '1' })
    expect(store.listStreams({ tableName: 'later' }).streams).toEqual([])
    const stream = t.enableStream({ viewType: 'NEW_IMAGE' })
    expect(t.stream).toBe(stream)
    expect(allRecords(stream)).toEqual([])
    t.put({ pk: 'b', sk: '1' })
    const records = allRecords(stream)
    expect(records.map((r) => r.keys)).toEqual([{ pk: 'b', sk: '1' }])
  })

  it('rejects enabling a stream on a table that has an enabled one, whatever the view type', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    for (const viewType of ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'] as const) {
      expectError(() => t.enableStream({ viewType }), 'ValidationException', 'Table already has an enabled stream: TableName: orders')
    }
    expect(store.listStreams({ tableName: 'orders' }).streams).toHaveLength(1)
  })

  it('rejects an invalid view type, on createTable and on enableStream', () => {
    const { store } = setup()
    expectError(
      () => store.createTable<Item>()({ name: 'bad', partitionKey: 'pk', stream: { viewType: 'NEW' as ViewType } }),
      'ValidationException',
      'viewType',
    )
    expect(store.listTables()).toEqual([])
    const t = store.createTable<Item>()({ name: 'good', partitionKey: 'pk' })
    expectError(() => t.enableStream({ viewType: 'BOTH' as ViewType }), 'ValidationException', 'viewType')
    expectError(() => t.enableStream({ viewType: undefined as unknown as ViewType }), 'ValidationException')
    expect(t.stream).toBeUndefined()
    expect(t.describe()).not.toHaveProperty('latestStreamArn')
  })
})

describe('disabling a stream', () => {
  it('rejects disabling when the table has no stream, or only a disabled one', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'plain', partitionKey: 'pk' })
    expectError(() => t.disableStream(), 'ValidationException', 'Table has no stream to disable: TableName: plain')
    t.enableStream({ viewType: 'KEYS_ONLY' })
    t.disableStream()
    expectError(() => t.disableStream(), 'ValidationException', 'Table has no stream to disable: TableName: plain')
  })

  it('closes every shard and marks the stream DISABLED, keeping its view type', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'OLD_IMAGE' } })
    t.put({ pk: 'a', sk: '1' })
    const stream = t.stream
    t.disableStream()
    expect(stream.status()).toBe('DISABLED')
    const d = stream.describe()
    expect(d.streamStatus).toBe('DISABLED')
    expect(d.streamViewType).toBe('OLD_IMAGE')
    expect(d.shards.length).toBeGreaterThanOrEqual(1)
    for (const shard of d.shards) expect(shard.sequenceNumberRange.endingSequenceNumber).toMatch(/^\d{21,40}$/)
    // Disabling creates no children.
    expect(d.shards.every((s) => s.parentShardId === undefined)).toBe(true)
  })

  it('keeps the disabled stream readable, by old iterators and new TRIM_HORIZON iterators, for 24 hours', () => {
    const { clock, store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'NEW_IMAGE' } })
    t.put({ pk: 'a', sk: '1', v: 1 })
    t.put({ pk: 'b', sk: '1', v: 1 })
    const stream = t.stream
    const shard = allShards(stream).find((s) => readShard(stream, s.shardId).records.length > 0)
    expect(shard).toBeDefined()
    const old = stream.getShardIterator({ shardId: (shard as { shardId: string }).shardId, type: 'TRIM_HORIZON' })
    t.disableStream()
    const viaOld = stream.getRecords(old)
    expect(viaOld.records.length).toBeGreaterThan(0)
    expect(viaOld.nextIterator).toBeNull()
    clock.advance(DAY - 1)
    expect(store.getStream(stream.arn)).toBe(stream)
    expect(allRecords(stream).map((r) => r.keys.pk).sort()).toEqual(['a', 'b'])
  })

  it('forgets the disabled stream after 24 hours: ResourceNotFoundException everywhere', () => {
    const { clock, store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'KEYS_ONLY' } })
    t.put({ pk: 'a', sk: '1' })
    const stream = t.stream
    const shardId = (allShards(stream)[0] as { shardId: string }).shardId
    t.disableStream()
    clock.advance(DAY - 14 * 60 * 1000)
    const iterator = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    clock.advance(14 * 60 * 1000)
    const message = `Requested resource not found: Stream: ${stream.arn} not found`
    expectError(() => store.getStream(stream.arn), 'ResourceNotFoundException', message)
    expectError(() => stream.describe(), 'ResourceNotFoundException', message)
    expectError(() => stream.shards(), 'ResourceNotFoundException')
    expectError(() => stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' }), 'ResourceNotFoundException')
    expectError(() => stream.getRecords(iterator), 'ResourceNotFoundException')
    expect(store.listStreams().streams).toEqual([])
    // The table still names its last stream.
    expect(t.describe().latestStreamArn).toBe(stream.arn)
  })

  it('writes no record after the stream is disabled, and only to the new stream after re-enabling', () => {
    const { clock, store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'KEYS_ONLY' } })
    t.put({ pk: 'before', sk: '1' })
    const first = t.stream
    t.disableStream()
    t.put({ pk: 'during', sk: '1' })
    t.update({ pk: 'before', sk: '1' }, (d) => {
      d.v = 2
    })
    t.delete({ pk: 'before', sk: '1' })
    expect(allRecords(first).map((r) => r.keys.pk)).toEqual(['before'])
    clock.advance(1)
    const second = t.enableStream({ viewType: 'NEW_IMAGE' })
    t.put({ pk: 'after', sk: '1' })
    expect(allRecords(first).map((r) => r.keys.pk)).toEqual(['before'])
    expect(allRecords(second).map((r) => [r.eventName, r.keys.pk])).toEqual([['INSERT', 'after']])
  })

  it('gives each re-enabled stream a new ARN and label, even within one millisecond', () => {
    const { clock, store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    const seen = new Set<string>([t.stream.arn])
    const labels = new Set<string>([t.stream.label])
    for (let i = 0; i < 3; i++) {
      t.disableStream()
      const next = t.enableStream({ viewType: 'NEW_AND_OLD_IMAGES' })
      expect(next.arn).toMatch(ARN)
      expect(next.arn.endsWith(`/stream/${next.label}`)).toBe(true)
      seen.add(next.arn)
      labels.add(next.label)
    }
    clock.advance(5_000)
    t.disableStream()
    const later = t.enableStream({ viewType: 'KEYS_ONLY' })
    expect(later.label).toBe('2026-01-01T00:00:05.000')
    seen.add(later.arn)
    expect(seen.size).toBe(5)
    expect(labels.size).toBe(4)
  })
})

describe('table.describe() and the stream', () => {
  it('carries no stream fields on a table that never had a stream', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'plain', partitionKey: 'pk' })
    const d = t.describe()
    expect(d).not.toHaveProperty('streamSpecification')
    expect(d).not.toHaveProperty('latestStreamArn')
    expect(d).not.toHaveProperty('latestStreamLabel')
  })

  it('names the enabled stream, matching listStreams', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    const d = t.describe()
    expect(d.streamSpecification).toEqual({ streamEnabled: true, viewType: 'NEW_IMAGE' })
    expect(d.latestStreamArn).toBe(t.stream.arn)
    expect(d.latestStreamLabel).toBe(t.stream.label)
    const [listed] = store.listStreams({ tableName: 'orders' }).streams
    expect(listed?.streamArn).toBe(d.latestStreamArn)
    expect(listed?.streamLabel).toBe(d.latestStreamLabel)
  })

  it('omits streamSpecification after disabling but keeps latestStreamArn and latestStreamLabel', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    const { arn, label } = t.stream
    t.disableStream()
    const d = t.describe()
    expect(d).not.toHaveProperty('streamSpecification')
    expect(d.latestStreamArn).toBe(arn)
    expect(d.latestStreamLabel).toBe(label)
    // The table still hands out the disabled stream, readable for 24 hours.
    expect(t.stream.arn).toBe(arn)
    expect(t.stream.status()).toBe('DISABLED')
  })

  it('points at the new stream after re-enabling', () => {
    const { clock, store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    const old = t.stream.arn
    t.disableStream()
    clock.advance(1_000)
    const next = t.enableStream({ viewType: 'OLD_IMAGE' })
    const d = t.describe()
    expect(d.streamSpecification).toEqual({ streamEnabled: true, viewType: 'OLD_IMAGE' })
    expect(d.latestStreamArn).toBe(next.arn)
    expect(d.latestStreamLabel).toBe(next.label)
    expect(next.arn).not.toBe(old)
  })
})

describe('deleteTable', () => {
  it('disables the stream, which stays readable for 24 hours and is gone after', () => {
    const { clock, store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'NEW_IMAGE' } })
    t.put({ pk: 'a', sk: '1' })
    const stream = t.stream
    store.deleteTable('orders')
    expect(stream.status()).toBe('DISABLED')
    expect(store.getStream(stream.arn).describe().streamStatus).toBe('DISABLED')
    expect(store.listStreams({ tableName: 'orders' }).streams.map((s) => s.streamArn)).toEqual([stream.arn])
    expect(allRecords(stream).map((r) => r.keys)).toEqual([{ pk: 'a', sk: '1' }])
    clock.advance(DAY)
    expectError(() => store.getStream(stream.arn), 'ResourceNotFoundException')
    expect(store.listStreams({ tableName: 'orders' }).streams).toEqual([])
  })

  it('lets a table of the same name be created again with a new stream', () => {
    const { clock, store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    const old = t.stream.arn
    store.deleteTable('orders')
    clock.advance(HOUR)
    const again = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    expect(again.stream.arn).not.toBe(old)
    const listed = store.listStreams({ tableName: 'orders' }).streams.map((s) => s.streamArn)
    expect(new Set(listed)).toEqual(new Set([old, again.stream.arn]))
  })
})

describe('listStreams', () => {
  it('lists each stream as exactly streamArn, tableName and streamLabel', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    const result = store.listStreams()
    expect(result).not.toHaveProperty('lastEvaluatedStreamArn')
    expect(result.streams).toEqual([{ streamArn: t.stream.arn, tableName: 'orders', streamLabel: t.stream.label }])
    expect(Object.keys(result.streams[0] ?? {}).sort()).toEqual(['streamArn', 'streamLabel', 'tableName'])
  })

  it('filters by table; a table without a stream, or no such table, lists nothing', () => {
    const { clock, store } = setup()
    const a = store.createTable<Item>()({ name: 'alpha', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    clock.advance(1)
    const b = store.createTable<Item>()({ name: 'beta', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    store.createTable<Item>()({ name: 'gamma', partitionKey: 'pk' })
    expect(store.listStreams({ tableName: 'alpha' }).streams.map((s) => s.streamArn)).toEqual([a.stream.arn])
    expect(store.listStreams({ tableName: 'beta' }).streams.map((s) => s.streamArn)).toEqual([b.stream.arn])
    expect(store.listStreams({ tableName: 'gamma' }).streams).toEqual([])
    expect(store.listStreams({ tableName: 'nosuchtable' }).streams).toEqual([])
    expect(store.listStreams().streams).toHaveLength(2)
  })

  it('lists a disabled stream (within 24 h) next to the table’s new stream', () => {
    const { clock, store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    const old = t.stream.arn
    t.disableStream()
    clock.advance(HOUR)
    const next = t.enableStream({ viewType: 'KEYS_ONLY' })
    const listed = store.listStreams({ tableName: 'orders' }).streams.map((s) => s.streamArn)
    expect(new Set(listed)).toEqual(new Set([old, next.arn]))
    expect(listed).toHaveLength(2)
    clock.advance(DAY - HOUR)
    expect(store.listStreams({ tableName: 'orders' }).streams.map((s) => s.streamArn)).toEqual([next.arn])
  })

  it('pages with limit and exclusiveStartStreamArn, returning each stream exactly once', () => {
    const { clock, store } = setup()
    const arns: string[] = []
    for (let i = 0; i < 5; i++) {
      clock.advance(10)
      arns.push(store.createTable<Item>()({ name: `table${i}`, partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } }).stream.arn)
    }
    for (const limit of [1, 2, 3, 5]) {
      const seen: string[] = []
      let start: string | undefined
      let pages = 0
      for (;;) {
        const page = store.listStreams(start === undefined ? { limit } : { limit, exclusiveStartStreamArn: start })
        pages++
        expect(page.streams.length).toBeLessThanOrEqual(limit)
        seen.push(...page.streams.map((s) => s.streamArn))
        if (page.lastEvaluatedStreamArn === undefined) {
          expect(page).not.toHaveProperty('lastEvaluatedStreamArn')
          break
        }
        expect(page.lastEvaluatedStreamArn).toBe(page.streams[page.streams.length - 1]?.streamArn)
        start = page.lastEvaluatedStreamArn
        expect(pages).toBeLessThan(10)
      }
      expect(seen.sort()).toEqual([...arns].sort())
    }
  })

  it('returns one stream and lastEvaluatedStreamArn for limit 1 with two streams', () => {
    const { clock, store } = setup()
    store.createTable<Item>()({ name: 'one', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    clock.advance(1)
    store.createTable<Item>()({ name: 'two', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    const page = store.listStreams({ limit: 1 })
    expect(page.streams).toHaveLength(1)
    expect(page.lastEvaluatedStreamArn).toBe(page.streams[0]?.streamArn)
  })

  it('returns each pre-existing stream exactly once even when streams are created between pages', () => {
    const { clock, store } = setup()
    const arns: string[] = []
    for (let i = 0; i < 3; i++) {
      clock.advance(10)
      arns.push(store.createTable<Item>()({ name: `pre${i}`, partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } }).stream.arn)
    }
    const seen: string[] = []
    let start: string | undefined
    let created = 0
    for (let pages = 0; pages < 20; pages++) {
      const page = store.listStreams(start === undefined ? { limit: 1 } : { limit: 1, exclusiveStartStreamArn: start })
      seen.push(...page.streams.map((s) => s.streamArn))
      if (page.lastEvaluatedStreamArn === undefined) break
      start = page.lastEvaluatedStreamArn
      if (created < 2) {
        clock.advance(10)
        store.createTable<Item>()({ name: `new${created++}`, partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
      }
    }
    for (const arn of arns) expect(seen.filter((s) => s === arn)).toHaveLength(1)
    expect(new Set(seen).size).toBe(seen.length)
  })

  it('continues after an exclusiveStartStreamArn that has since expired without skipping a stream of the same label', () => {
    const { clock, store } = setup()
    // Two tables created in the same millisecond: their streams share the label.
    const x = store.createTable<Item>()({ name: 'xtable', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    const y = store.createTable<Item>()({ name: 'ytable', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    expect(x.stream.label).toBe(y.stream.label)
    const first = store.listStreams({ limit: 1 })
    expect(first.streams).toHaveLength(1)
    const seen = first.streams.map((s) => s.streamArn)
    // The stream the page ended on is disabled and expires before the next page is asked for.
    const ended = first.lastEvaluatedStreamArn as string
    store.getTable(ended === x.stream.arn ? 'xtable' : 'ytable').disableStream()
    clock.advance(DAY)
    const rest = store.listStreams({ exclusiveStartStreamArn: ended })
    seen.push(...rest.streams.map((s) => s.streamArn))
    const other = ended === x.stream.arn ? y.stream.arn : x.stream.arn
    expect(seen.filter((arn) => arn === other)).toHaveLength(1)
  })

  it('rejects limit 0, 101 and non-integers, and a malformed exclusiveStartStreamArn', () => {
    const { store } = setup()
    store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    expectError(() => store.listStreams({ limit: 0 }), 'ValidationException', 'limit')
    expectError(() => store.listStreams({ limit: 101 }), 'ValidationException', 'limit')
    expectError(() => store.listStreams({ limit: 1.5 }), 'ValidationException', 'limit')
    expect(store.listStreams({ limit: 100 }).streams).toHaveLength(1)
    expect(store.listStreams({ limit: 1 }).streams).toHaveLength(1)
    expectError(() => store.listStreams({ exclusiveStartStreamArn: 'not-an-arn' }), 'ValidationException', 'exclusiveStartStreamArn')
    expectError(
      () => store.listStreams({ exclusiveStartStreamArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders' }),
      'ValidationException',
      'exclusiveStartStreamArn',
    )
    expectError(() => store.listStreams({ tableName: 'x' }), 'ValidationException', 'tableName')
  })
})

describe('getStream', () => {
  it('returns the stream of a well-formed, known ARN', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    expect(store.getStream(t.stream.arn)).toBe(t.stream)
  })

  it('rejects a malformed ARN with ValidationException', () => {
    const { store } = setup()
    for (const arn of ['', 'orders', 'arn:aws:dynamodb:us-east-1:000000000000:table/orders', 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/yesterday']) {
      expectError(() => store.getStream(arn), 'ValidationException')
    }
  })

  it('rejects an unknown, well-formed ARN with ResourceNotFoundException', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    const unknown = 'arn:aws:dynamodb:us-east-1:000000000000:table/orders/stream/2020-01-01T00:00:00.000'
    expect(unknown).not.toBe(t.stream.arn)
    expectError(() => store.getStream(unknown), 'ResourceNotFoundException', `Requested resource not found: Stream: ${unknown} not found`)
    const other = 'arn:aws:dynamodb:us-east-1:000000000000:table/missing/stream/2026-01-01T00:00:00.000'
    expectError(() => store.getStream(other), 'ResourceNotFoundException', `Requested resource not found: Stream: ${other} not found`)
  })

  it('keeps two stores apart', () => {
    const a = setup()
    const b = setup()
    const t = a.store.createTable<Item>()({ name: 'orders', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY' } })
    expectError(() => b.store.getStream(t.stream.arn), 'ResourceNotFoundException')
    expect(b.store.listStreams().streams).toEqual([])
  })
})
