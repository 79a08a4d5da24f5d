import { describe, expectTypeOf, it } from 'vitest'
import {
  createStore,
  type ChangeRecord,
  type ChangeStream,
  type DeleteRecord,
  type Frozen,
  type GetRecordsResult,
  type InsertRecord,
  type ModifyRecord,
  type TableRecord,
  type UserIdentity,
  type ViewType,
} from '../../src/index.js'

type Order = { customerId: string; orderId: string; total: number; paid: boolean; tags?: Set<string>; lines?: { sku: string; qty: number }[] }
type OrderKey = { readonly customerId: string; readonly orderId: string }

const store = createStore()
const keysOnly = store.createTable<Order>()({ name: 'k', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'KEYS_ONLY' } })
const newImage = store.createTable<Order>()({ name: 'n', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_IMAGE' } })
const oldImage = store.createTable<Order>()({ name: 'o', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'OLD_IMAGE' } })
const both = store.createTable<Order>()({ name: 'b', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
const hashOnly = store.createTable<Order>()({ name: 'h', partitionKey: 'orderId', stream: { viewType: 'NEW_IMAGE' } })
const noStream = store.createTable<Order>()({ name: 'none', partitionKey: 'customerId', sortKey: 'orderId' })

type RecordOf<S> = S extends ChangeStream<infer R> ? R : never
type KeysOnlyRecord = RecordOf<typeof keysOnly.stream>
type NewImageRecord = RecordOf<typeof newImage.stream>
type OldImageRecord = RecordOf<typeof oldImage.stream>
type BothRecord = RecordOf<typeof both.stream>
type Of<R, E extends string> = Extract<R, { eventName: E }>

describe('change record types', () => {
  it('types a table stream’s records from the item, key and view type', () => {
    expectTypeOf<BothRecord>().toEqualTypeOf<TableRecord<Order, 'customerId', 'orderId', 'NEW_AND_OLD_IMAGES'>>()
    expectTypeOf<BothRecord>().toEqualTypeOf<ChangeRecord<Order, { customerId: string; orderId: string }, 'NEW_AND_OLD_IMAGES'>>()
    expectTypeOf(both.stream.getRecords('x')).toEqualTypeOf<GetRecordsResult<BothRecord>>()
    expectTypeOf(both.stream.read()).toEqualTypeOf<AsyncIterableIterator<BothRecord>>()
    expectTypeOf<BothRecord['eventName']>().toEqualTypeOf<'INSERT' | 'MODIFY' | 'DELETE'>()
    expectTypeOf<BothRecord['viewType']>().toEqualTypeOf<'NEW_AND_OLD_IMAGES'>()
    expectTypeOf<KeysOnlyRecord['viewType']>().toEqualTypeOf<'KEYS_ONLY'>()
  })

  it('gives KEYS_ONLY records no image at all', () => {
    expectTypeOf<KeysOnlyRecord['newImage']>().toEqualTypeOf<undefined>()
    expectTypeOf<KeysOnlyRecord['oldImage']>().toEqualTypeOf<undefined>()
    const r = {} as KeysOnlyRecord
    // @ts-expect-error no image to read a field of
    r.newImage.total
    // @ts-expect-error no image to read a field of
    r.oldImage.total
  })

  it('gives NEW_AND_OLD_IMAGES records exactly the images of their event', () => {
    expectTypeOf<Of<BothRecord, 'INSERT'>['newImage']>().toEqualTypeOf<Frozen<Order>>()
    expectTypeOf<Of<BothRecord, 'INSERT'>['oldImage']>().toEqualTypeOf<undefined>()
    expectTypeOf<Of<BothRecord, 'MODIFY'>['newImage']>().toEqualTypeOf<Frozen<Order>>()
    expectTypeOf<Of<BothRecord, 'MODIFY'>['oldImage']>().toEqualTypeOf<Frozen<Order>>()
    expectTypeOf<Of<BothRecord, 'DELETE'>['newImage']>().toEqualTypeOf<undefined>()
    expectTypeOf<Of<BothRecord, 'DELETE'>['oldImage']>().toEqualTypeOf<Frozen<Order>>()
  })

  it('gives NEW_IMAGE records a new image except on DELETE, and never an old one', () => {
    expectTypeOf<Of<NewImageRecord, 'INSERT'>['newImage']>().toEqualTypeOf<Frozen<Order>>()
    expectTypeOf<Of<NewImageRecord, 'MODIFY'>['newImage']>().toEqualTypeOf<Frozen<Order>>()
    expectTypeOf<Of<NewImageRecord, 'DELETE'>['newImage']>().toEqualTypeOf<undefined>()
    expectTypeOf<NewImageRecord['oldImage']>().toEqualTypeOf<undefined>()
  })

  it('gives OLD_IMAGE records an old image except on INSERT, and never a new one', () => {
    expectTypeOf<Of<OldImageRecord, 'INSERT'>['oldImage']>().toEqualTypeOf<undefined>()
    expectTypeOf<Of<OldImageRecord, 'MODIFY'>['oldImage']>().toEqualTypeOf<Frozen<Order>>()
    expectTypeOf<Of<OldImageRecord, 'DELETE'>['oldImage']>().toEqualTypeOf<Frozen<Order>>()
    expectTypeOf<OldImageRecord['newImage']>().toEqualTypeOf<undefined>()
  })

  it('narrows on eventName', () => {
    const r = {} as BothRecord
    if (r.eventName === 'INSERT') {
      expectTypeOf(r.newImage).toEqualTypeOf<Frozen<Order>>()
      expectTypeOf(r.newImage.total).toEqualTypeOf<number>()
      expectTypeOf(r).toEqualTypeOf<InsertRecord<Frozen<Order>, Frozen<{ customerId: string; orderId: string }>, 'NEW_AND_OLD_IMAGES'>>()
    } else if (r.eventName === 'MODIFY') {
      expectTypeOf(r.oldImage.paid).toEqualTypeOf<boolean>()
      expectTypeOf(r.newImage.paid).toEqualTypeOf<boolean>()
      expectTypeOf(r).toEqualTypeOf<ModifyRecord<Frozen<Order>, Frozen<{ customerId: string; orderId: string }>, 'NEW_AND_OLD_IMAGES'>>()
    } else {
      expectTypeOf(r.eventName).toEqualTypeOf<'DELETE'>()
      expectTypeOf(r.oldImage.customerId).toEqualTypeOf<string>()
      expectTypeOf(r).toEqualTypeOf<DeleteRecord<Frozen<Order>, Frozen<{ customerId: string; orderId: string }>, 'NEW_AND_OLD_IMAGES'>>()
    }
    // Without narrowing, the new image may be absent.
    // @ts-expect-error possibly undefined
    r.newImage.total
    const image = r.eventName === 'DELETE' ? r.oldImage : r.newImage
    expectTypeOf(image).toEqualTypeOf<Frozen<Order>>()
  })

  it('puts userIdentity only on DELETE records', () => {
    expectTypeOf<Of<BothRecord, 'DELETE'>['userIdentity']>().toEqualTypeOf<UserIdentity | undefined>()
    expectTypeOf<Of<BothRecord, 'INSERT'>['userIdentity']>().toEqualTypeOf<undefined>()
    expectTypeOf<Of<BothRecord, 'MODIFY'>['userIdentity']>().toEqualTypeOf<undefined>()
    expectTypeOf<UserIdentity>().toEqualTypeOf<{ readonly type: 'Service'; readonly principalId: 'dynamodb.amazonaws.com' }>()
  })

  it('makes images, keys and records read-only, deeply', () => {
    const r = {} as Of<BothRecord, 'MODIFY'>
    // @ts-expect-error images are readonly
    r.newImage.total = 1
    // @ts-expect-error images are readonly
    r.oldImage.paid = true
    // @ts-expect-error nested lists are readonly
    r.newImage.lines?.push({ sku: 'a', qty: 1 })
    // @ts-expect-error nested maps are readonly
    if (r.newImage.lines?.[0]) r.newImage.lines[0].qty = 2
    // @ts-expect-error sets are read-only sets
    r.newImage.tags?.add('x')
    // @ts-expect-error keys are readonly
    r.keys.customerId = 'c'
    // @ts-expect-error the record is readonly
    r.sequenceNumber = '1'
    expectTypeOf(r.newImage.tags).toEqualTypeOf<ReadonlySet<string> | undefined>()
    expectTypeOf(r.newImage.lines).toEqualTypeOf<readonly { readonly sku: string; readonly qty: number }[] | undefined>()
  })

  it('types keys as the key attributes of the item, and nothing else', () => {
    expectTypeOf<BothRecord['keys']>().toEqualTypeOf<OrderKey>()
    expectTypeOf<BothRecord['keys']>().toEqualTypeOf<Readonly<Pick<Order, 'customerId' | 'orderId'>>>()
    expectTypeOf<RecordOf<typeof hashOnly.stream>['keys']>().toEqualTypeOf<Readonly<Pick<Order, 'orderId'>>>()
    const r = {} as BothRecord
    // @ts-expect-error a non-key attribute is not in keys
    r.keys.total
  })

  it('types the common fields', () => {
    const r = {} as KeysOnlyRecord
    expectTypeOf(r.eventId).toEqualTypeOf<string>()
    expectTypeOf(r.sequenceNumber).toEqualTypeOf<string>()
    expectTypeOf(r.shardId).toEqualTypeOf<string>()
    expectTypeOf(r.streamArn).toEqualTypeOf<string>()
    expectTypeOf(r.table).toEqualTypeOf<string>()
    expectTypeOf(r.createdAt).toEqualTypeOf<number>()
    expectTypeOf(r.sizeBytes).toEqualTypeOf<number>()
  })

  it('types a table without a stream as possibly having none, and enableStream by its view type', () => {
    expectTypeOf(noStream.stream).toEqualTypeOf<ChangeStream<TableRecord<Order, 'customerId', 'orderId', ViewType>> | undefined>()
    const enabled = noStream.enableStream({ viewType: 'OLD_IMAGE' })
    expectTypeOf(enabled).toEqualTypeOf<ChangeStream<TableRecord<Order, 'customerId', 'orderId', 'OLD_IMAGE'>>>()
    expectTypeOf<RecordOf<typeof enabled>['newImage']>().toEqualTypeOf<undefined>()
    // @ts-expect-error the stream may be absent
    noStream.stream.arn
  })
})

describe('createTable key checks', () => {
  it('accepts string, number and binary attributes as keys', () => {
    type Mixed = { s: string; n: number; b: Uint8Array; flag: boolean }
    const t = store.createTable<Mixed>()({ name: 'mixed', partitionKey: 'n', sortKey: 'b', stream: { viewType: 'KEYS_ONLY' } })
    expectTypeOf<RecordOf<typeof t.stream>['keys']>().toEqualTypeOf<{ readonly n: number; readonly b: Uint8Array }>()
  })

  it('rejects a partition or sort key that is not a key-typed attribute of the item', () => {
    // @ts-expect-error a boolean attribute cannot be a key
    store.createTable<Order>()({ name: 'bad1', partitionKey: 'paid' })
    // @ts-expect-error a set attribute cannot be a key
    store.createTable<Order>()({ name: 'bad2', partitionKey: 'tags' })
    // @ts-expect-error not an attribute of the item at all
    store.createTable<Order>()({ name: 'bad3', partitionKey: 'nope' })
    // @ts-expect-error a list attribute cannot be a sort key
    store.createTable<Order>()({ name: 'bad4', partitionKey: 'customerId', sortKey: 'lines' })
    // @ts-expect-error an invalid view type
    store.createTable<Order>()({ name: 'bad5', partitionKey: 'customerId', stream: { viewType: 'BOTH' } })
    expectTypeOf(store.createTable<Order>()).parameter(0).toHaveProperty('partitionKey')
  })
})
