import { describe, expect, it } from 'vitest'
import { compileFilter, compileFilters, toServiceRecord } from '../../src/consume/filter.js'
import { ids, setup, writeOrders } from './fixtures.js'

const record = {
  eventName: 'INSERT',
  eventSource: 'aws:dynamodb',
  dynamodb: {
    ApproximateCreationDateTime: 1767225600,
    SizeBytes: 40,
    Keys: { id: { S: 'a-1' } },
    NewImage: { id: { S: 'a-1' }, status: { S: 'Paid' }, n: { N: '101' }, flag: { BOOL: true }, tags: { SS: ['red', 'blue'] }, nothing: { NULL: true }, empty: { S: '' } },
  },
  nullField: null,
}

const match = (pattern: unknown): boolean => compileFilter(pattern)(record)

describe('filter patterns (44-55)', () => {
  it.each([
    ['eventName equality (44)', { eventName: ['INSERT'] }, true],
    ['one of several values', { eventName: ['MODIFY', 'INSERT'] }, true],
    ['a value not listed', { eventName: ['REMOVE'] }, false],
    ['typed attribute value (45)', { dynamodb: { NewImage: { status: { S: ['Paid'] } } } }, true],
    ['attribute without the type level (45)', { dynamodb: { NewImage: { status: ['Paid'] } } }, false],
    ['numeric on an N string never matches (46)', { dynamodb: { NewImage: { n: { N: [{ numeric: ['>', 100] }] } } } }, false],
    ['N as its string', { dynamodb: { NewImage: { n: { N: ['101'] } } } }, true],
    ['numeric on a JSON number (47)', { dynamodb: { ApproximateCreationDateTime: [{ numeric: ['>', 0] }] } }, true],
    ['numeric range', { dynamodb: { SizeBytes: [{ numeric: ['>=', 40, '<', 41] }] } }, true],
    ['numeric range outside', { dynamodb: { SizeBytes: [{ numeric: ['>', 40, '<=', 100] }] } }, false],
    ['numeric equality', { dynamodb: { SizeBytes: [{ numeric: ['=', 40] }] } }, true],
    ['keys AND-ed (48)', { eventName: ['INSERT'], dynamodb: { NewImage: { status: { S: ['Open'] } } } }, false],
    ['prefix', { dynamodb: { Keys: { id: { S: [{ prefix: 'a-' }] } } } }, true],
    ['prefix ignoring case', { dynamodb: { NewImage: { status: { S: [{ prefix: { 'equals-ignore-case': 'pA' } }] } } } }, true],
    ['suffix', { dynamodb: { Keys: { id: { S: [{ suffix: '-1' }] } } } }, true],
    ['suffix ignoring case', { dynamodb: { NewImage: { status: { S: [{ suffix: { 'equals-ignore-case': 'ID' } }] } } } }, true],
    ['prefix on a number never matches (49)', { dynamodb: { SizeBytes: [{ prefix: '4' }] } }, false],
    ['equals-ignore-case', { dynamodb: { NewImage: { status: { S: [{ 'equals-ignore-case': 'PAID' }] } } } }, true],
    ['wildcard', { dynamodb: { Keys: { id: { S: [{ wildcard: 'a*1' }] } } } }, true],
    ['wildcard miss', { dynamodb: { Keys: { id: { S: [{ wildcard: 'b*' }] } } } }, false],
    ['anything-but a value (50)', { eventName: [{ 'anything-but': 'REMOVE' }] }, true],
    ['anything-but a list', { eventName: [{ 'anything-but': ['INSERT', 'MODIFY'] }] }, false],
    ['anything-but on a missing field (50)', { missing: [{ 'anything-but': 'x' }] }, false],
    ['exists true on a leaf (51)', { dynamodb: { NewImage: { status: { S: [{ exists: true }] } } } }, true],
    ['exists false on a missing field (51)', { dynamodb: { NewImage: { gone: [{ exists: false }] } } }, true],
    ['exists false on a non-leaf object (51)', { dynamodb: { NewImage: { status: [{ exists: false }] } } }, true],
    ['exists true on a missing field', { dynamodb: { NewImage: { gone: { S: [{ exists: true }] } } } }, false],
    ['null matches JSON null (52)', { nullField: [null] }, true],
    ['null does not match a missing field (52)', { missing: [null] }, false],
    ['NULL attribute is the boolean true', { dynamodb: { NewImage: { nothing: { NULL: [true] } } } }, true],
    ['empty string matches only the empty string (52)', { dynamodb: { NewImage: { empty: { S: [''] } } } }, true],
    ['empty string does not match a missing field (52)', { dynamodb: { NewImage: { gone: { S: [''] } } } }, false],
    ['boolean', { dynamodb: { NewImage: { flag: { BOOL: [true] } } } }, true],
    ['an array matches when any element matches (53)', { dynamodb: { NewImage: { tags: { SS: ['blue'] } } } }, true],
    ['an array misses when no element matches (53)', { dynamodb: { NewImage: { tags: { SS: ['green'] } } } }, false],
    ['$or across fields (54)', { $or: [{ eventName: ['REMOVE'] }, { dynamodb: { NewImage: { flag: { BOOL: [true] } } } }] }, true],
    ['$or with an AND key', { eventSource: ['aws:dynamodb'], $or: [{ eventName: ['REMOVE'] }, { eventName: ['MODIFY'] }] }, false],
    ['several rules for one value are OR-ed', { dynamodb: { SizeBytes: [{ numeric: ['>', 100] }, 40] } }, true],
    ['a missing field named __proto__ is missing, not the prototype', JSON.parse('{"dynamodb":{"NewImage":{"__proto__":{"hasOwnProperty":[{"exists":true}]}}}}'), false],
  ])('%s', (_name, pattern, expected) => {
    expect(match(pattern)).toBe(expected)
  })

  it('takes the last of duplicate keys, as JSON parsing does (55)', () => {
    expect(match('{"eventName": ["REMOVE"], "eventName": ["INSERT"]}')).toBe(true)
  })

  it('ORs several filters (48)', () => {
    const f = compileFilters([{ eventName: ['REMOVE'] }, '{"eventName": ["INSERT"]}'])!
    expect(f(record)).toBe(true)
    expect(compileFilters([{ eventName: ['REMOVE'] }])!(record)).toBe(false)
    expect(compileFilters([])).toBeUndefined()
  })
})

describe('invalid patterns are rejected at creation, naming the wrong part', () => {
  it.each([
    ['unparsable JSON', '{"eventName": [', /expected a JSON object, received unparsable JSON/],
    ['a non-object', '[1]', /expected a JSON object/],
    ['a bare value instead of an array', { eventName: 'INSERT' }, /eventName: expected an array of values or operators/],
    ['an empty array', { eventName: [] }, /eventName: expected a non-empty array/],
    ['an unknown operator', { eventName: [{ regex: '.*' }] }, /eventName\.\[0\]: expected one of the operators/],
    ['a numeric with a bad operator', { n: [{ numeric: ['!=', 1] }] }, /n\.\[0\]\.numeric: expected an operator/],
    ['a numeric range upside down', { n: [{ numeric: ['<', 1, '>', 0] }] }, /lower bound/],
    ['a numeric out of range', { n: [{ numeric: ['>', 1e10] }] }, /-5e9 to 5e9/],
    ['exists with a string', { n: [{ exists: 'yes' }] }, /n\.\[0\]\.exists: expected true or false/],
    ['anything-but prefix', { n: [{ 'anything-but': { prefix: 'x' } }] }, /anything-but: expected a string, a number or an array/],
    ['$or with one branch', { $or: [{ a: ['x'] }] }, /\$or: expected an array of at least 2 pattern objects/],
    ['consecutive wildcards', { n: [{ wildcard: 'a**' }] }, /consecutive/],
    ['a pattern too long', JSON.stringify({ a: ['x'.repeat(5000)] }), /at most 4096 characters/],
  ])('%s', (_name, pattern, message) => {
    expect(() => compileFilter(pattern, 'filters[0]')).toThrow(message)
    try {
      compileFilter(pattern)
    } catch (error) {
      expect((error as { code: string }).code).toBe('ValidationException')
      expect((error as Error).message).toMatch(/^Invalid filter pattern definition/)
    }
  })

  it('store.consume rejects an invalid pattern and more than 5 filters before reading anything', () => {
    const { store, orders } = setup()
    expect(() => store.consume(orders, () => undefined, { startingPosition: 'TRIM_HORIZON', filters: [{ eventName: 'INSERT' }] })).toThrow(/filters\[0\] at eventName/)
    expect(() => store.consume(orders, () => undefined, { startingPosition: 'TRIM_HORIZON', filters: Array.from({ length: 6 }, () => ({ eventName: ['INSERT'] })) })).toThrow(
      /Invalid filters: expected an array of at most 5 patterns, received array\(6\)/,
    )
  })
})

describe('filters on a consumer (42, 43)', () => {
  it('matches the service shape: REMOVE for deletes, typed images; dropped records are checkpointed and never retried', async () => {
    const { store, orders } = setup()
    const seen: string[] = []
    const consumer = store.consume(orders, (records) => void seen.push(...records.map((r) => `${r.eventName}:${r.keys.orderId}`)), {
      startingPosition: 'TRIM_HORIZON',
      filters: [{ eventName: ['REMOVE'] }, { dynamodb: { NewImage: { total: { N: [{ prefix: '1' }] } } } }],
    })
    writeOrders(orders, 12)
    orders.delete({ customerId: 'c1', orderId: 'o3' })
    await store.settle()
    expect(seen).toEqual(['INSERT:o1', 'INSERT:o10', 'INSERT:o11', 'DELETE:o3'])
    expect(consumer.metrics().recordsFiltered).toBe(9)
    expect(consumer.metrics().shards.every((s) => s.iteratorAgeMs === 0)).toBe(true)
  })

  it('filters before batching: batchSize counts matching records only, and an all-filtered read invokes nothing (43)', async () => {
    const { store, orders } = setup()
    const batches: string[][] = []
    store.consume(orders, (records) => void batches.push(ids(records)), {
      startingPosition: 'TRIM_HORIZON',
      batchSize: 2,
      filters: [{ dynamodb: { NewImage: { customerId: { S: ['keep'] } } } }],
    })
    writeOrders(orders, 5, 'drop')
    await store.settle()
    expect(batches).toEqual([])
    writeOrders(orders, 1, 'keep', 0)
    writeOrders(orders, 5, 'drop', 10)
    writeOrders(orders, 1, 'keep', 1)
    await store.settle()
    expect(batches).toEqual([['o0', 'o1']])
  })
  it('sees ApproximateCreationDateTime in whole seconds: a whole-second pattern matches a record written mid-second', async () => {
    const { store, orders, clock } = setup()
    const seen: string[] = []
    const second = Math.floor(clock.now() / 1000)
    store.consume(orders, (records) => void seen.push(...ids(records)), {
      startingPosition: 'TRIM_HORIZON',
      filters: [{ dynamodb: { ApproximateCreationDateTime: [second + 1] } }, { dynamodb: { ApproximateCreationDateTime: [{ numeric: ['=', second + 2] }] } }],
    })
    clock.advance(1750)
    orders.put({ customerId: 'c1', orderId: 'exact', total: 1 })
    clock.advance(1000)
    orders.put({ customerId: 'c1', orderId: 'numeric', total: 2 })
    clock.advance(1000)
    orders.put({ customerId: 'c1', orderId: 'later', total: 3 })
    await store.settle()
    expect(seen).toEqual(['exact', 'numeric'])
  })
})

describe('toServiceRecord', () => {
  it('is the record as the service delivers it (38-40)', () => {
    const { orders } = setup()
    orders.put({ customerId: 'c', orderId: 'o', total: 1.5 })
    const [r] = orders.stream.getRecords(orders.stream.getShardIterator({ shardId: orders.stream.shards()[0]!.shardId, type: 'TRIM_HORIZON' })).records
    expect(toServiceRecord(r!, 'eu-west-1')).toEqual({
      eventID: r!.eventId,
      eventName: 'INSERT',
      eventVersion: '1.1',
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      eventSourceARN: orders.stream.arn,
      dynamodb: {
        ApproximateCreationDateTime: Math.floor(r!.createdAt / 1000),
        Keys: { customerId: { S: 'c' }, orderId: { S: 'o' } },
        NewImage: { customerId: { S: 'c' }, orderId: { S: 'o' }, total: { N: '1.5' } },
        SequenceNumber: r!.sequenceNumber,
        SizeBytes: r!.sizeBytes,
        StreamViewType: 'NEW_AND_OLD_IMAGES',
      },
    })
  })
})
