import { describe, expectTypeOf, it } from 'vitest'
import { createStore, type ChangeStream, type Frozen, type ItemInput, type Page, type Table, type PutResult, type TableRecord } from '../../src/index.js'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid'; tags?: Set<string>; blob?: Uint8Array }

const store = createStore()

describe('createTable', () => {
  it('infers key names and view type from the options', () => {
    const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_IMAGE' } })
    expectTypeOf(orders.stream).toEqualTypeOf<ChangeStream<TableRecord<Order, 'customerId', 'orderId', 'NEW_IMAGE'>>>()
    expectTypeOf(orders.get).parameter(0).toEqualTypeOf<{ customerId: string; orderId: string }>()
  })

  it('accepts only key-typed attributes of the item type as keys', () => {
    // @ts-expect-error tags is a Set, which cannot be a key
    store.createTable<Order>()({ name: 'bad1', partitionKey: 'tags' })
    // @ts-expect-error not an attribute of Order
    store.createTable<Order>()({ name: 'bad2', partitionKey: 'nope' })
    // @ts-expect-error an optional attribute cannot be a key: every item must have its keys
    store.createTable<Order>()({ name: 'blobs', partitionKey: 'blob' })
    store.createTable<{ id: Uint8Array; at: number }>()({ name: 'binary-keys', partitionKey: 'id', sortKey: 'at' })
  })

  it('types a table without a stream as possibly having none', () => {
    const plain = store.createTable<Order>()({ name: 'plain', partitionKey: 'customerId' })
    expectTypeOf(plain.stream).toEqualTypeOf<ChangeStream<TableRecord<Order, 'customerId', never, 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES'>> | undefined>()
    expectTypeOf(plain.get).parameter(0).toEqualTypeOf<{ customerId: string }>()
  })
})

describe('writes and reads', () => {
  const orders = store.createTable<Order>()({ name: 'orders2', partitionKey: 'customerId', sortKey: 'orderId' })

  it('takes whole items for put and keys for update, delete and get', () => {
    expectTypeOf(orders.put).parameter(0).toEqualTypeOf<ItemInput<Order>>()
    expectTypeOf(orders.put({ customerId: 'c', orderId: 'o', total: 1, status: 'open' })).toEqualTypeOf<PutResult<Order>>()
    // @ts-expect-error status must be 'open' or 'paid'
    orders.put({ customerId: 'c', orderId: 'o', total: 1, status: 'closed' })
    // @ts-expect-error a key needs the sort key too
    orders.delete({ customerId: 'c' })
    orders.update({ customerId: 'c', orderId: 'o' }, (draft) => {
      expectTypeOf(draft.total).toEqualTypeOf<number>()
      draft.status = 'paid'
    })
  })

  it('hands out frozen items', () => {
    const item = orders.get({ customerId: 'c', orderId: 'o' })
    expectTypeOf(item).toEqualTypeOf<Frozen<Order> | undefined>()
    if (item !== undefined) {
      // @ts-expect-error items are read-only
      item.total = 2
      expectTypeOf(item.tags).toEqualTypeOf<ReadonlySet<string> | undefined>()
    }
  })

  it('types query conditions by the sort key type', () => {
    expectTypeOf(orders.query('c', { beginsWith: 'o-' })).toEqualTypeOf<Page<Order, { customerId: string; orderId: string }>>()
    // @ts-expect-error the partition key is a string
    orders.query(1)
    // @ts-expect-error the sort key is a string
    orders.query('c', { between: [1, 2] })
  })

  it('checks transaction actions against each table', () => {
    store.transact((tx) => {
      tx.put(orders, { customerId: 'c', orderId: 'o', total: 1, status: 'open' })
      tx.update(orders, { customerId: 'c', orderId: 'p' }, (draft) => {
        draft.total += 1
      })
      tx.check(orders, { customerId: 'c', orderId: 'q' }, (current) => current === undefined)
      // @ts-expect-error a key of orders needs orderId
      tx.delete(orders, { customerId: 'c' })
    })
  })
})

describe('code that takes any table', () => {
  it('accepts tables with and without a stream', () => {
    const describeAny = (table: Table<any, any, any, any>): string => table.name
    const plain = store.createTable<Order>()({ name: 'plain-any', partitionKey: 'customerId' })
    const streamed = store.createTable<Order>()({ name: 'streamed-any', partitionKey: 'customerId', stream: { viewType: 'KEYS_ONLY' } })
    expectTypeOf(describeAny(plain)).toEqualTypeOf<string>()
    expectTypeOf(describeAny(streamed)).toEqualTypeOf<string>()
  })
})
