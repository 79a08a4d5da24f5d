import { describe, expect, it } from 'vitest'
import { createStore, isStreamtableError, type AttributeMap, type ConditionalCheckFailedException } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { catchError, isDeepFrozen, readAll, snapshot } from '../helpers/write-side.js'

type Order = {
  customerId: string
  orderId: string
  total: number
  status: 'open' | 'paid'
  tags?: Set<string>
  lines?: { sku: string; qty: number }[]
  meta?: { [k: string]: string }
  blob?: Uint8Array
}

function setup() {
  const clock = new ManualClock()
  const store = createStore({ clock })
  const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
  return { clock, store, orders }
}

const key = { customerId: 'c1', orderId: 'o1' }
const order: Order = { ...key, total: 10, status: 'open', tags: new Set(['x']), lines: [{ sku: 'a', qty: 1 }], meta: { via: 'web' } }

describe('put / get / update / delete', () => {
  it('put stores a copy, get returns it, count and describe follow', () => {
    const { orders } = setup()
    const result = orders.put(order)
    expect(result.changed).toBe(true)
    expect(result.item).toEqual(order)
    expect('oldItem' in result).toBe(false)
    expect(orders.get(key)).toEqual(order)
    expect(orders.get({ customerId: 'c1', orderId: 'other' })).toBeUndefined()
    expect(orders.count()).toBe(1)
    expect(orders.describe().itemCount).toBe(1)
  })

  it('put replaces the whole item', () => {
    const { orders } = setup()
    orders.put(order)
    orders.put({ ...key, total: 5, status: 'paid' })
    expect(orders.get(key)).toEqual({ ...key, total: 5, status: 'paid' })
    expect(orders.count()).toBe(1)
  })

  it('update changes the item with a recipe and returns the new item', () => {
    const { orders } = setup()
    orders.put(order)
    const result = orders.update(key, (d) => {
      d.status = 'paid'
      d.tags?.add('y')
      d.lines?.push({ sku: 'b', qty: 2 })
      if (d.meta) delete d.meta['via']
    })
    const expected = { ...key, total: 10, status: 'paid', tags: new Set(['x', 'y']), lines: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }], meta: {} }
    expect(result).toEqual({ changed: true, item: expected })
    expect(orders.get(key)).toEqual(expected)
  })

  it('update of a missing key upserts: a key-only item when the recipe does nothing', () => {
    const { orders } = setup()
    const result = orders.update(key, () => {})
    expect(result.changed).toBe(true)
    expect(result.item).toEqual(key)
    expect(orders.get(key)).toEqual(key)
    const records = readAll(orders.stream)
    expect(records.map((r) => [r.eventName, r.newImage, r.oldImage])).toEqual([['INSERT', key, undefined]])
  })

  it('update recipes may return a replacement item', () => {
    const { orders } = setup()
    orders.put(order)
    const result = orders.update(key, (d) => ({ customerId: d.customerId, orderId: d.orderId, total: 1, status: 'paid' as const }))
    expect(result.item).toEqual({ ...key, total: 1, status: 'paid' })
    expect(orders.get(key)).toEqual({ ...key, total: 1, status: 'paid' })
  })

  it('update recipes may return the draft itself, and the result is frozen', () => {
    const { orders } = setup()
    orders.put(order)
    const result = orders.update(key, (d) => {
      d.total = 7
      return d
    })
    expect(result.item).toEqual({ ...order, total: 7 })
    expect(isDeepFrozen(orders.get(key))).toBe(true)
    expect(readAll(orders.stream).map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY'])
  })

  it('update that changes nothing reports changed false and the current item', () => {
    const { orders } = setup()
    orders.put(order)
    const result = orders.update(key, (d) => {
      d.total = 10
    })
    expect(result).toEqual({ changed: false, item: orders.get(key) })
    expect(readAll(orders.stream)).toHaveLength(1)
  })

  it('delete removes the item; deleting a missing item succeeds and changes nothing', () => {
    const { orders } = setup()
    orders.put(order)
    expect(orders.delete(key)).toEqual({ changed: true, item: undefined })
    expect(orders.get(key)).toBeUndefined()
    expect(orders.count()).toBe(0)
    expect(orders.delete(key)).toEqual({ changed: false, item: undefined })
    expect(readAll(orders.stream).map((r) => r.eventName)).toEqual(['INSERT', 'DELETE'])
  })

  it('returnOld hands back the item before the write, undefined when there was none', () => {
    const { orders } = setup()
    const first = orders.put(order, { returnOld: true })
    expect('oldItem' in first && first.oldItem === undefined).toBe(true)
    const second = orders.put({ ...order, total: 11 }, { returnOld: true })
    expect(second.oldItem).toEqual(order)
    const third = orders.update(key, (d) => void (d.total = 12), { returnOld: true })
    expect(third.oldItem).toEqual({ ...order, total: 11 })
    const noop = orders.update(key, () => {}, { returnOld: true })
    expect(noop.oldItem).toEqual({ ...order, total: 12 })
    const deleted = orders.delete(key, { returnOld: true })
    expect(deleted.oldItem).toEqual({ ...order, total: 12 })
    expect(orders.delete(key, { returnOld: true }).oldItem).toBeUndefined()
  })
})

describe('conditions', () => {
  it('a condition sees the current item (undefined when missing) and a false one throws ConditionalCheckFailedException', () => {
    const { orders } = setup()
    const seen: unknown[] = []
    orders.put(order, {
      condition: (current) => {
        seen.push(current)
        return current === undefined
      },
    })
    const before = snapshot(orders)
    const error = catchError(() =>
      orders.put({ ...order, total: 99 }, {
        condition: (current) => {
          seen.push(current)
          return current === undefined
        },
      }),
    )
    expect(seen).toEqual([undefined, order])
    expect(isStreamtableError(error)).toBe(true)
    expect(error.code).toBe('ConditionalCheckFailedException')
    expect(error.name).toBe('ConditionalCheckFailedException')
    expect(error.message).toContain('The conditional request failed')
    expect(error['item']).toBeUndefined()
    expect(snapshot(orders)).toEqual(before)
  })

  it('returnItemOnConditionFailure puts the current item on the error, frozen', () => {
    const { orders } = setup()
    orders.put(order)
    const error = catchError(() => orders.delete(key, { condition: (c) => c?.status === 'paid', returnItemOnConditionFailure: true })) as unknown as ConditionalCheckFailedException
    expect(error.code).toBe('ConditionalCheckFailedException')
    expect(error.item).toEqual(order)
    expect(isDeepFrozen(error.item)).toBe(true)
    expect(orders.get(key)).toEqual(order)
  })

  it('returnItemOnConditionFailure on a missing item leaves item absent', () => {
    const { orders } = setup()
    const error = catchError(() => orders.update(key, (d) => void (d.total = 1), { condition: (c) => c !== undefined, returnItemOnConditionFailure: true }))
    expect(error.code).toBe('ConditionalCheckFailedException')
    expect(error['item']).toBeUndefined()
    expect(orders.get(key)).toBeUndefined()
    expect(readAll(orders.stream)).toEqual([])
  })

  it('a condition receives the current item frozen', () => {
    const { orders } = setup()
    orders.put(order)
    let frozen = false
    orders.update(key, (d) => void (d.total = 2), {
      condition: (current) => {
        frozen = isDeepFrozen(current)
        return true
      },
    })
    expect(frozen).toBe(true)
  })

  it('a failed condition does not run the update recipe', () => {
    const { orders } = setup()
    orders.put(order)
    let ran = false
    catchError(() =>
      orders.update(
        key,
        () => {
          ran = true
        },
        { condition: () => false },
      ),
    )
    expect(ran).toBe(false)
  })
})

describe('key attributes cannot change', () => {
  it.each([
    ['changing the partition key', (d: Order) => void (d.customerId = 'c2'), 'customerId'],
    ['changing the sort key', (d: Order) => void (d.orderId = 'o2'), 'orderId'],
    ['deleting the sort key', (d: Partial<Order>) => void delete d.orderId, 'orderId'],
    ['changing the key type', (d: Order) => void ((d as unknown as AttributeMap as { orderId: unknown }).orderId = 1), 'orderId'],
  ])('rejects an update %s, naming the attribute', (_label, recipe, attribute) => {
    const { orders } = setup()
    orders.put(order)
    const before = snapshot(orders)
    const error = catchError(() => orders.update(key, recipe as (d: Order) => void))
    expect(error.code).toBe('ValidationException')
    expect(error.message).toContain(`Cannot update attribute ${attribute}. This attribute is part of the key`)
    expect(error['path']).toBe(attribute)
    expect(snapshot(orders)).toEqual(before)
  })

  it('rejects a replacement with another key, also when upserting', () => {
    const { orders } = setup()
    const error = catchError(() => orders.update(key, () => ({ customerId: 'c9', orderId: 'o1', total: 1, status: 'open' as const })))
    expect(error.code).toBe('ValidationException')
    expect(error.message).toContain('Cannot update attribute customerId')
    expect(orders.count()).toBe(0)
  })

  it('accepts an update that sets a key attribute to its own value', () => {
    const { orders } = setup()
    orders.put(order)
    expect(orders.update(key, (d) => void (d.customerId = 'c1')).changed).toBe(false)
  })
})

describe('everything handed out is frozen', () => {
  it('items from put, update, get, query and scan', () => {
    const { orders } = setup()
    const put = orders.put(order)
    const updated = orders.update(key, (d) => void (d.total = 11))
    for (const value of [put, put.item, updated, updated.item, orders.get(key), orders.query('c1'), orders.query('c1').items[0], orders.scan(), orders.scan().items[0]]) {
      expect(value).toBeDefined()
      expect(isDeepFrozen(value)).toBe(true)
    }
    const item = orders.get(key) as Order
    expect(() => {
      ;(item as { total: number }).total = 0
    }).toThrow(TypeError)
    expect(() => (item.lines as { sku: string }[]).push({ sku: 'z' })).toThrow(TypeError)
    expect(() => {
      ;(item.meta as Record<string, string>)['via'] = 'x'
    }).toThrow(TypeError)
    expect(() => (item.tags as Set<string>).add('z')).toThrow()
    expect(() => (item.tags as Set<string>).delete('x')).toThrow()
    expect(() => (item.tags as Set<string>).clear()).toThrow()
    expect(orders.get(key)).toEqual({ ...order, total: 11 })
  })

  it('records, their keys and images', () => {
    const { orders } = setup()
    orders.put(order)
    orders.update(key, (d) => void d.tags?.add('y'))
    orders.delete(key)
    const records = readAll(orders.stream)
    expect(records).toHaveLength(3)
    for (const r of records) expect(isDeepFrozen(r)).toBe(true)
    const modify = records[1]
    expect(() => ((modify?.oldImage?.tags ?? new Set()) as Set<string>).add('z')).toThrow()
    expect(() => {
      ;(modify?.keys as { customerId: string }).customerId = 'x'
    }).toThrow(TypeError)
    expect(records[1]?.oldImage?.tags).toEqual(new Set(['x']))
  })

  it('lastEvaluatedKey, table description and listTables', () => {
    const { store, orders } = setup()
    orders.put(order)
    orders.put({ ...order, orderId: 'o2' })
    const page = orders.query('c1', { limit: 1 })
    expect(page.lastEvaluatedKey).toEqual(key)
    expect(isDeepFrozen(page)).toBe(true)
    expect(isDeepFrozen(orders.describe())).toBe(true)
    expect(Object.isFrozen(store.listTables())).toBe(true)
  })
})

describe('inputs are copied', () => {
  it('mutating the caller’s object after put changes neither the item nor the record', () => {
    const { orders } = setup()
    const input = { ...key, total: 10, status: 'open' as const, tags: new Set(['x']), lines: [{ sku: 'a', qty: 1 }], meta: { via: 'web' }, blob: new Uint8Array([1, 2]) }
    orders.put(input)
    input.total = 0
    input.tags.add('y')
    input.lines.push({ sku: 'b', qty: 1 })
    ;(input.lines[0] as { qty: number }).qty = 5
    input.meta.via = 'app'
    ;(input.blob as Uint8Array)[0] = 9
    const expected = { ...key, total: 10, status: 'open', tags: new Set(['x']), lines: [{ sku: 'a', qty: 1 }], meta: { via: 'web' }, blob: new Uint8Array([1, 2]) }
    expect(orders.get(key)).toEqual(expected)
    expect(readAll(orders.stream)[0]?.newImage).toEqual(expected)
  })

  it('keeps an attribute named __proto__ as an ordinary attribute, top-level and nested', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<AttributeMap>()({ name: 'proto', partitionKey: 'pk', stream: { viewType: 'NEW_IMAGE' } })
    const item = JSON.parse('{"pk":"a","__proto__":{"x":1},"m":{"__proto__":"s"}}') as AttributeMap
    t.put(item)
    const stored = t.get({ pk: 'a' }) as AttributeMap
    expect(Object.keys(stored).sort()).toEqual(['__proto__', 'm', 'pk'])
    expect(Object.getOwnPropertyDescriptor(stored, '__proto__')?.value).toEqual({ x: 1 })
    expect(Object.keys(stored['m'] as AttributeMap)).toEqual(['__proto__'])
    expect((stored as Record<string, unknown>)['x']).toBeUndefined()
    expect(readAll(t.stream)[0]?.newImage).toEqual(stored)
  })

  it('keeps a key attribute named __proto__ in every key it makes: records, pages, index entries, described types', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<AttributeMap>()({
      name: 'proto',
      partitionKey: 'pk',
      sortKey: '__proto__',
      stream: { viewType: 'KEYS_ONLY' },
      globalIndexes: { byProto: { partitionKey: 'g', sortKey: '__proto__', projection: 'KEYS_ONLY' } },
    })
    t.put(JSON.parse('{"pk":"a","__proto__":"s1","g":"x"}') as AttributeMap)
    t.put(JSON.parse('{"pk":"a","__proto__":"s2","g":"x"}') as AttributeMap)
    const own = (o: unknown): string[] => Object.keys(o as object).sort()
    expect(readAll(t.stream).map((r) => own(r.keys))).toEqual([
      ['__proto__', 'pk'],
      ['__proto__', 'pk'],
    ])
    expect(own(t.query('a', { limit: 1 }).lastEvaluatedKey)).toEqual(['__proto__', 'pk'])
    const page = t.query('x', { index: 'byProto', limit: 1 })
    expect(page.items.map(own)).toEqual([['__proto__', 'g', 'pk']])
    expect(own(page.lastEvaluatedKey)).toEqual(['__proto__', 'g', 'pk'])
    expect(t.describe().keyAttributeTypes).toEqual(JSON.parse('{"pk":"string","__proto__":"string","g":"string"}'))
  })

  it('reads a missing attribute named __proto__ as missing, never as the prototype', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<AttributeMap>()({
      name: 'proto',
      partitionKey: 'pk',
      globalIndexes: { byProto: { partitionKey: '__proto__' }, withProto: { partitionKey: 'g', projection: { include: ['__proto__'] } } },
    })
    t.put({ pk: 'a', g: 'x' })
    expect(t.describe().globalIndexes?.map((i) => i.itemCount)).toEqual([0, 1])
    expect(Object.keys(t.query('x', { index: 'withProto' }).items[0] as object).sort()).toEqual(['g', 'pk'])
    const keyedByProto = store.createTable<AttributeMap>()({ name: 'protokey', partitionKey: '__proto__' })
    expect(catchError(() => keyedByProto.put({ id: 'x' })).message).toMatch(/^Missing the key __proto__ in the item/)
  })

  it('put neither freezes nor keeps the caller’s object', () => {
    const { orders } = setup()
    const input = { ...key, total: 10, status: 'open' as const, lines: [{ sku: 'a', qty: 1 }] }
    const result = orders.put(input)
    expect(Object.isFrozen(input)).toBe(false)
    expect(Object.isFrozen(input.lines)).toBe(false)
    expect(result.item).not.toBe(input)
  })

  it('mutating a Uint8Array after assigning it in an update recipe changes nothing stored', () => {
    const { orders } = setup()
    orders.put(order)
    const blob = new Uint8Array([1, 2, 3])
    orders.update(key, (d) => void (d.blob = blob))
    blob[0] = 99
    expect(orders.get(key)?.blob).toEqual(new Uint8Array([1, 2, 3]))
    expect(readAll(orders.stream)[1]?.newImage?.blob).toEqual(new Uint8Array([1, 2, 3]))
  })

  it('mutating a Uint8Array of a replacement returned by a recipe changes nothing stored', () => {
    const { orders } = setup()
    const blob = new Uint8Array([4, 5])
    orders.update(key, () => ({ ...key, total: 1, status: 'open' as const, blob }))
    blob[0] = 99
    expect(orders.get(key)?.blob).toEqual(new Uint8Array([4, 5]))
  })

  it('a shallow-frozen replacement returned by a recipe is copied: its nested objects stay the caller’s', () => {
    const { orders } = setup()
    const meta: Record<string, string> = { via: 'api' }
    orders.update(key, () => Object.freeze({ ...key, total: 1, status: 'open' as const, meta }))
    meta['via'] = 'changed'
    expect(orders.get(key)?.meta).toEqual({ via: 'api' })
    expect(isDeepFrozen(orders.get(key))).toBe(true)
  })

  it('a shallow-frozen map assigned in a recipe is copied', () => {
    const { orders } = setup()
    orders.put(order)
    const lines = [{ sku: 'q', qty: 1 }]
    orders.update(key, (d) => void (d.lines = Object.freeze(lines) as unknown as { sku: string; qty: number }[]))
    ;(lines[0] as { qty: number }).qty = 99
    expect(orders.get(key)?.lines).toEqual([{ sku: 'q', qty: 1 }])
    expect(isDeepFrozen(orders.get(key))).toBe(true)
  })

  it('mutating a map assigned in an update recipe changes nothing stored', () => {
    const { orders } = setup()
    orders.put(order)
    const meta: Record<string, string> = { via: 'api' }
    orders.update(key, (d) => void (d.meta = meta))
    try {
      meta['via'] = 'changed'
    } catch {
      // the store may have frozen it; either way the stored item must not change
    }
    expect(orders.get(key)?.meta).toEqual({ via: 'api' })
  })
})

describe('key types', () => {
  it('are fixed by the first write', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<AttributeMap>()({ name: 'untyped', partitionKey: 'id', sortKey: 'n' })
    expect(t.describe().keyTypes).toEqual({})
    t.put({ id: 'a', n: 1 })
    expect(t.describe().keyTypes).toEqual({ partitionKey: 'string', sortKey: 'number' })
    const error = catchError(() => t.put({ id: 'a', n: '1' }))
    expect(error.code).toBe('ValidationException')
    expect(error.message).toContain('Type mismatch for key n')
  })

  it('are not fixed by a write that changes nothing', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<AttributeMap>()({ name: 'untyped', partitionKey: 'id' })
    t.delete({ id: 5 })
    expect(t.describe().keyTypes).toEqual({})
    t.put({ id: 'five' })
    expect(t.describe().keyTypes).toEqual({ partitionKey: 'string' })
  })

  it('can be declared up front', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<AttributeMap>()({ name: 'typed', partitionKey: 'id', sortKey: 'at', keyTypes: { partitionKey: 'binary', sortKey: 'number' } })
    expect(t.describe().keyTypes).toEqual({ partitionKey: 'binary', sortKey: 'number' })
    const error = catchError(() => t.put({ id: 'a', at: 1 }))
    expect(error.code).toBe('ValidationException')
    expect(error.message).toContain('Type mismatch for key id: expected binary, received string "a"')
    t.put({ id: new Uint8Array([1]), at: 1 })
    expect(t.get({ id: new Uint8Array([1]), at: 1 })).toEqual({ id: new Uint8Array([1]), at: 1 })
  })

  it('number keys identify an item numerically', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ id: number; v: string }>()({ name: 'numbers', partitionKey: 'id' })
    t.put({ id: 0, v: 'zero' })
    expect(t.get({ id: -0 })).toEqual({ id: 0, v: 'zero' })
    t.put({ id: 1.5, v: 'x' })
    expect(t.get({ id: 1.5 })?.v).toBe('x')
    expect(t.count()).toBe(2)
  })

  it('binary keys identify an item by content', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ id: Uint8Array; v: number }>()({ name: 'binaries', partitionKey: 'id' })
    t.put({ id: new Uint8Array([1, 2]), v: 1 })
    t.put({ id: new Uint8Array([1, 2]), v: 2 })
    expect(t.count()).toBe(1)
    expect(t.get({ id: new Uint8Array([1, 2]) })?.v).toBe(2)
  })
})

describe('tables of a store', () => {
  it('getTable returns the table, listTables lists names ascending', () => {
    const store = createStore({ clock: new ManualClock() })
    const b = store.createTable<AttributeMap>()({ name: 'beta', partitionKey: 'id' })
    store.createTable<AttributeMap>()({ name: 'Alpha', partitionKey: 'id' })
    store.createTable<AttributeMap>()({ name: 'alpha', partitionKey: 'id' })
    expect(store.listTables()).toEqual(['Alpha', 'alpha', 'beta'])
    expect(store.getTable('beta')).toBe(b)
    expect(store.getTable('beta').name).toBe('beta')
    expect(b.arn).toBe('arn:aws:dynamodb:us-east-1:000000000000:table/beta')
  })

  it('creating a table whose name is taken is a ResourceInUseException and changes nothing', () => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<AttributeMap>()({ name: 'dup', partitionKey: 'id' })
    t.put({ id: 'a' })
    const error = catchError(() => store.createTable<AttributeMap>()({ name: 'dup', partitionKey: 'other' }))
    expect(error.code).toBe('ResourceInUseException')
    expect(error.message).toContain('dup')
    expect(store.getTable('dup')).toBe(t)
    expect(t.get({ id: 'a' })).toEqual({ id: 'a' })
  })

  it('getTable and deleteTable of an unknown name are ResourceNotFoundException', () => {
    const store = createStore({ clock: new ManualClock() })
    for (const fn of [() => store.getTable('nope'), () => store.deleteTable('nope')]) {
      const error = catchError(fn)
      expect(error.code).toBe('ResourceNotFoundException')
      expect(error.message).toContain('Requested resource not found: Table: nope not found')
    }
  })

  it('deleteTable removes the table, disables its stream and makes the old handle fail', () => {
    const { store, orders } = setup()
    orders.put(order)
    const stream = orders.stream
    store.deleteTable('orders')
    expect(store.listTables()).toEqual([])
    expect(catchError(() => store.getTable('orders')).code).toBe('ResourceNotFoundException')
    expect(catchError(() => store.deleteTable('orders')).code).toBe('ResourceNotFoundException')
    for (const fn of [
      () => orders.get(key),
      () => orders.put(order),
      () => orders.update(key, () => {}),
      () => orders.delete(key),
      () => orders.query('c1'),
      () => orders.scan(),
      () => orders.count(),
      () => orders.describe(),
    ]) {
      expect(catchError(fn).code).toBe('ResourceNotFoundException')
    }
    expect(stream.status()).toBe('DISABLED')
    expect(readAll(stream).map((r) => r.eventName)).toEqual(['INSERT'])
    expect(catchError(() => store.transact((tx) => tx.put(orders, order))).code).toBe('ResourceNotFoundException')
  })

  it('a deleted table’s name can be used again, for a new empty table with a new stream', () => {
    const { store, orders, clock } = setup()
    orders.put(order)
    const oldArn = orders.stream.arn
    store.deleteTable('orders')
    clock.advance(1)
    const again = store.createTable<Order>()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'KEYS_ONLY' } })
    expect(again.count()).toBe(0)
    expect(again.get(key)).toBeUndefined()
    expect(again.stream.arn).not.toBe(oldArn)
    expect(readAll(again.stream)).toEqual([])
  })

  it('two stores never share tables', () => {
    const a = createStore({ clock: new ManualClock() })
    const b = createStore({ clock: new ManualClock() })
    a.createTable<AttributeMap>()({ name: 'same', partitionKey: 'id' }).put({ id: 'x' })
    const other = b.createTable<AttributeMap>()({ name: 'same', partitionKey: 'id' })
    expect(other.count()).toBe(0)
    expect(catchError(() => b.transact((tx) => tx.put(a.getTable('same'), { id: 'y' }))).code).toBe('ValidationException')
  })
})
