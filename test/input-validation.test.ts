import { describe, expect, it } from 'vitest'
import { createStore, isStreamtableError, ValidationException } from '../src/index.js'
import { ManualClock } from '../src/testing.js'
import { codeOf } from './helpers/errors.js'

type Item = { pk: string; n?: number }

function setup() {
  const clock = new ManualClock()
  const store = createStore({ clock, shards: { initial: 1 } })
  const table = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
  return { clock, store, table }
}

describe('bad input to public entry points is a named error, never a TypeError', () => {
  it('checks read and getRecords options', () => {
    const { table } = setup()
    expect(codeOf(() => table.stream.read(null as never))).toBe('ValidationException')
    expect(codeOf(() => table.stream.read({ signal: 5 as never }))).toBe('ValidationException')
    const shardId = table.stream.shards()[0]?.shardId as string
    const iterator = table.stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
    expect(codeOf(() => table.stream.getRecords(iterator, null as never))).toBe('ValidationException')
  })

  it('checks keyTypes and boolean write options', () => {
    const { store, table } = setup()
    expect(codeOf(() => store.createTable<Item>()({ name: 'typed', partitionKey: 'pk', keyTypes: 'string' as never }))).toBe('ValidationException')
    expect(codeOf(() => table.put({ pk: 'a' }, { returnOld: 'yes' as never }))).toBe('ValidationException')
    expect(codeOf(() => table.delete({ pk: 'a' }, { returnItemOnConditionFailure: 1 as never }))).toBe('ValidationException')
    expect(table.count()).toBe(0)
  })

  it('names the partition key of a query without a value', () => {
    const { table } = setup()
    try {
      table.query(undefined as never)
      expect.unreachable()
    } catch (error) {
      expect((error as Error).message).toContain('query partition key value of pk')
    }
  })

  it('leaves context fields an error does not have absent', () => {
    const error = new ValidationException('x', { tableName: 't' })
    expect(Object.keys(error)).not.toContain('shardId')
    expect(error.tableName).toBe('t')
  })
})

describe('ManualClock', () => {
  it('refuses a timer without a callback or a numeric delay', () => {
    const clock = new ManualClock()
    expect(codeOf(() => clock.setTimer(5, null as never))).toBe('ValidationException')
    expect(codeOf(() => clock.setTimer('5' as never, () => undefined))).toBe('ValidationException')
  })

  it('fires every due timer and reaches its target even when a callback throws, then rethrows', () => {
    const clock = new ManualClock(0)
    const fired: number[] = []
    clock.setTimer(5, () => {
      throw new Error('boom')
    })
    clock.setTimer(10, () => fired.push(clock.now()))
    expect(() => clock.advance(20)).toThrow('boom')
    expect(fired).toEqual([10])
    expect(clock.now()).toBe(20)
  })
})

describe('iterator age alarm', () => {
  it('names the shard that raised the alarm when it recovers', async () => {
    const { clock, store, table } = setup()
    const events: { alarm: boolean; shardId: string }[] = []
    let fail = true
    store.consume(
      table,
      () => {
        if (fail) throw new Error('not yet')
      },
      { startingPosition: 'TRIM_HORIZON', iteratorAgeAlarm: { thresholdMs: 1_000, onChange: (e) => events.push({ alarm: e.alarm, shardId: e.shardId }) } },
    )
    table.put({ pk: 'a' })
    await store.settle()
    clock.advance(5_000)
    await store.settle()
    fail = false
    clock.advance(120_000)
    await store.settle()
    const shardId = table.stream.shards()[0]?.shardId
    expect(events).toEqual([
      { alarm: true, shardId },
      { alarm: false, shardId },
    ])
  })
})

describe('misspelt options', () => {
  it('are a ValidationException naming the option, not silently ignored', () => {
    const { store, table } = setup()
    const message = (call: () => unknown): string => {
      try {
        call()
      } catch (error) {
        return (error as Error).message
      }
      return 'no error'
    }
    expect(message(() => table.put({ pk: 'a' }, { conditon: () => false } as never))).toContain('Unknown write option "conditon"')
    expect(table.count()).toBe(0)
    expect(message(() => createStore({ shard: { initial: 2 } } as never))).toContain('Unknown store option "shard"')
    expect(message(() => store.createTable<Item>()({ name: 'other', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY', shards: { intial: 2 } as never } }))).toContain(
      'Unknown stream.shards option "intial"',
    )
    expect(message(() => table.query('a', { begins: 'x' } as never))).toContain('Unknown query option "begins"')
    expect(message(() => store.consume(table, () => undefined, { startingPosition: 'LATEST', batchsize: 5 } as never))).toContain('Unknown consumer option "batchsize"')
  })
})
