import { describe, expectTypeOf, it } from 'vitest'
import { createStore, type Frozen, type PutResult, type WriteResult } from '../../src/index.js'

type Doc = { id: string; tags: string[]; labels: Set<string>; nested: { list: number[] }; note?: string }

const store = createStore()
const docs = store.createTable<Doc>()({ name: 'docs', partitionKey: 'id', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
const replica = store.createTable<Doc>()({ name: 'docs-replica', partitionKey: 'id' })
const doc: Doc = { id: 'a', tags: ['x'], labels: new Set(['y']), nested: { list: [1] } }

describe('an item read from the store', () => {
  it('is accepted by put, as the item type holds arrays and sets', () => {
    const read = docs.get({ id: 'a' })
    expectTypeOf(read).toEqualTypeOf<Frozen<Doc> | undefined>()
    if (read !== undefined) {
      docs.put(read)
      replica.put(read, { condition: (current) => current === undefined })
    }
  })

  it('is accepted from a stream record image', () => {
    const { records } = docs.stream.getRecords('iterator')
    for (const record of records) {
      if (record.eventName !== 'DELETE') replica.put(record.newImage)
      if (record.eventName !== 'INSERT') replica.put(record.oldImage)
    }
  })

  it('is accepted by transaction and batch puts', () => {
    const read = docs.get({ id: 'a' })
    if (read === undefined) return
    store.transact((tx) => tx.put(replica, read))
    store.batchWrite((batch) => batch.put(replica, read))
  })

  it('may be what an update recipe returns', () => {
    const read = docs.get({ id: 'a' })
    if (read === undefined) return
    replica.update({ id: 'a' }, () => read)
    store.transact((tx) => tx.update(replica, { id: 'a' }, () => read))
  })

  it('still has to be an item of the table', () => {
    const read = docs.get({ id: 'a' })
    if (read === undefined) return
    const other = store.createTable<{ id: string; n: number }>()({ name: 'numbers', partitionKey: 'id' })
    // @ts-expect-error a Doc is not an item of a table of { id, n }
    other.put(read)
    // @ts-expect-error an array attribute still holds strings only
    docs.put({ ...doc, tags: [1] })
    // @ts-expect-error a recipe returns an item of the table
    docs.update({ id: 'a' }, () => ({ id: 'a' }))
  })
})

describe('put', () => {
  it('always returns the item it wrote', () => {
    const result = docs.put(doc)
    expectTypeOf(result).toEqualTypeOf<PutResult<Doc>>()
    expectTypeOf(result.item).toEqualTypeOf<Frozen<Doc>>()
    expectTypeOf(result).toMatchTypeOf<WriteResult<Doc>>()
    expectTypeOf(docs.delete({ id: 'a' }).item).toEqualTypeOf<Frozen<Doc> | undefined>()
  })
})
