import { describe, expectTypeOf, it } from 'vitest'
import { createStore, type Frozen, type Table } from '../../src/index.js'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid'; note?: string; placedAt?: number; tags?: Set<string> }

const store = createStore()
const orders = store.createTable<Order>()({
  name: 'orders',
  partitionKey: 'customerId',
  sortKey: 'orderId',
  globalIndexes: {
    byStatus: { partitionKey: 'status', sortKey: 'total' },
    byPlaced: { partitionKey: 'placedAt', projection: 'KEYS_ONLY' },
    notes: { partitionKey: 'status', sortKey: 'placedAt', projection: { include: ['note'] } },
  },
  localIndexes: { byTotal: { sortKey: 'total', projection: 'KEYS_ONLY' } },
})

describe('index definitions', () => {
  it('accepts only key-typed attributes of the item type as index keys, optional ones included (indexes are sparse)', () => {
    store.createTable<Order>()({ name: 'ok', partitionKey: 'customerId', globalIndexes: { byNote: { partitionKey: 'note' } } })
    // @ts-expect-error tags is a Set, which cannot be an index key
    store.createTable<Order>()({ name: 'bad1', partitionKey: 'customerId', globalIndexes: { byTags: { partitionKey: 'tags' } } })
    // @ts-expect-error not an attribute of Order
    store.createTable<Order>()({ name: 'bad2', partitionKey: 'customerId', globalIndexes: { byNope: { partitionKey: 'nope' } } })
    // @ts-expect-error an include list names attributes of the item type
    store.createTable<Order>()({ name: 'bad3', partitionKey: 'customerId', globalIndexes: { i: { partitionKey: 'status', projection: { include: ['nope'] } } } })
    // @ts-expect-error a local index needs a sort key
    store.createTable<Order>()({ name: 'bad4', partitionKey: 'customerId', sortKey: 'orderId', localIndexes: { l: { projection: 'ALL' } } })
  })
})

describe('index queries', () => {
  it('types the partition key value, the sort key conditions and the index name', () => {
    orders.query('open', { index: 'byStatus', greaterThan: 10 })
    orders.query(5, { index: 'byPlaced' })
    // @ts-expect-error byStatus is keyed by status, a string
    orders.query(5, { index: 'byStatus' })
    // @ts-expect-error total is a number: no string bounds
    orders.query('open', { index: 'byStatus', greaterThan: 'a' })
    // @ts-expect-error no such index
    orders.query('open', { index: 'byNothing' })
  })

  it('types the items of an ALL index as whole items with the index keys present', () => {
    const page = orders.query('open', { index: 'byStatus' })
    expectTypeOf(page.items[0]!.note).toEqualTypeOf<string | undefined>()
    expectTypeOf(page.items[0]!.total).toEqualTypeOf<number>()
  })

  it('types the items of a keys-only index as the table and index keys', () => {
    const item = orders.query(5, { index: 'byPlaced' }).items[0]!
    expectTypeOf(item).toEqualTypeOf<Frozen<Pick<Order, 'customerId' | 'orderId'> & { readonly placedAt: number }>>()
    // @ts-expect-error a keys-only index does not project total
    item.total
  })

  it('types the items of an include index as the keys and the included attributes', () => {
    const item = orders.query('open', { index: 'notes' }).items[0]!
    expectTypeOf(item.note).toEqualTypeOf<string | undefined>()
    expectTypeOf(item.placedAt).toEqualTypeOf<number>()
    expectTypeOf(item.status).toEqualTypeOf<'open' | 'paid'>()
    // @ts-expect-error total is not projected into notes
    item.total
  })

  it('types a local index with the table partition key', () => {
    const item = orders.query('c1', { index: 'byTotal', lessThan: 5 }).items[0]!
    expectTypeOf(item.total).toEqualTypeOf<number>()
    // @ts-expect-error the local index is keys-only
    item.status
  })

  it('types lastEvaluatedKey as the table key plus the index key', () => {
    const page = orders.query('open', { index: 'byStatus', limit: 1 })
    expectTypeOf(page.lastEvaluatedKey).toEqualTypeOf<Frozen<{ customerId: string; orderId: string } & { readonly status: 'open' | 'paid'; readonly total: number }> | undefined>()
    orders.query('open', { index: 'byStatus', exclusiveStartKey: page.lastEvaluatedKey! })
  })

  it('scans an index, typed like its query', () => {
    const item = orders.scan({ index: 'byPlaced' }).items[0]!
    // @ts-expect-error keys only
    item.note
    expectTypeOf(item.placedAt).toEqualTypeOf<number>()
  })

  it('adds a global index to the type with createGlobalIndex', () => {
    const more = orders.createGlobalIndex('byNote', { partitionKey: 'note', projection: 'KEYS_ONLY' })
    expectTypeOf(more.query('n', { index: 'byNote' }).items[0]!.note).toEqualTypeOf<string>()
    more.query('open', { index: 'byStatus' })
    more.deleteGlobalIndex('byNote')
    // @ts-expect-error no such index to delete
    more.deleteGlobalIndex('nothing')
  })

  it('lets a table with indexes go wherever a table is taken', () => {
    const anyTable: Table<Order, 'customerId', 'orderId'> = orders
    store.transact((tx) => tx.put(orders, { customerId: 'c', orderId: 'o', total: 1, status: 'open' }))
    expectTypeOf(anyTable.get).parameter(0).toEqualTypeOf<{ customerId: string; orderId: string }>()
  })
})
