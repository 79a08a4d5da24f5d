import { describe, expect, it } from 'vitest'
import { createStore, MAX_ITEM_BYTES, MAX_NESTING_DEPTH, type AttributeMap } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { numberProblem } from '../../src/values/number.js'
import { catchError, snapshot } from '../helpers/write-side.js'

function setup() {
  const store = createStore({ clock: new ManualClock() })
  const table = store.createTable<AttributeMap>()({ name: 'valid', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
  table.put({ pk: 'p', sk: 's', n: 1, m: { a: [1, 2] } })
  table.put({ pk: 'p', sk: 't', n: 2 })
  return { store, table }
}

/**
 * Runs `fn` against a table holding two items; expects a ValidationException whose message contains every
 * fragment, and the table and its stream unchanged.
 */
function rejects(fn: (t: ReturnType<typeof setup>['table']) => unknown, ...fragments: string[]) {
  const { table } = setup()
  const before = snapshot(table)
  const error = catchError(() => fn(table))
  expect(error.code).toBe('ValidationException')
  expect(error.name).toBe('ValidationException')
  for (const fragment of fragments) expect(error.message).toContain(fragment)
  expect(snapshot(table)).toEqual(before)
  return error
}

// Each write form: a put of an item holding the bad value, an update setting it, and a put in a transaction and a batch.
function inEveryWrite(label: string, value: () => unknown, ...fragments: string[]) {
  describe(label, () => {
    it('put', () => {
      const e = rejects((t) => t.put({ pk: 'p', sk: 's', n: 1, bad: { inner: [0, value()] } } as unknown as AttributeMap), 'bad.inner[1]', ...fragments)
      expect(e['path']).toBe('bad.inner[1]')
    })
    it('update', () => {
      rejects(
        (t) =>
          t.update({ pk: 'p', sk: 's' }, (d) => {
            d['bad'] = value() as never
          }),
        '"bad"',
        ...fragments,
      )
    })
    it('update creating an item', () => {
      rejects(
        (t) =>
          t.update({ pk: 'p', sk: 'new' }, (d) => {
            d['bad'] = value() as never
          }),
        '"bad"',
        ...fragments,
      )
    })
  })
}

class Money {
  constructor(readonly cents: number) {}
}

describe('attribute values', () => {
  inEveryWrite('undefined member', () => undefined, 'expected a string, number, Decimal, boolean, null, Uint8Array, non-empty Set, array or plain object', 'received undefined')
  inEveryWrite('function', () => () => 1, 'expected a string, number', 'received function')
  inEveryWrite('Date', () => new Date(0), 'expected a string, number', 'received instance of Date')
  inEveryWrite('class instance', () => new Money(5), 'expected a string, number', 'received instance of Money')
  inEveryWrite('Map', () => new Map([['a', 1]]), 'expected a string, number', 'received instance of Map')
  inEveryWrite('bigint', () => 10n, 'expected a string, number', 'received bigint 10')
  inEveryWrite('symbol', () => Symbol('s'), 'expected a string, number', 'received symbol')
  inEveryWrite('NaN', () => Number.NaN, 'expected a finite number', 'received number NaN')
  inEveryWrite('Infinity', () => Number.POSITIVE_INFINITY, 'expected a finite number', 'received number Infinity')
  inEveryWrite('-Infinity', () => Number.NEGATIVE_INFINITY, 'expected a finite number', 'received number -Infinity')
  inEveryWrite('number overflow (1E+126)', () => 1e126, 'Number overflow', 'received number 1e+126')
  inEveryWrite('negative number overflow (-1E+126)', () => -1e126, 'Number overflow', 'received number -1e+126')
  inEveryWrite('number underflow (1E-131)', () => 1e-131, 'Number underflow', 'received number 1e-131')
  inEveryWrite('empty Set', () => new Set(), 'expected a non-empty Set', 'received Set(0)')
  inEveryWrite('Set mixing strings and numbers', () => new Set<unknown>(['a', 1]), 'expected a Set of strings only', 'received number 1')
  inEveryWrite('Set mixing binaries and strings', () => new Set<unknown>([new Uint8Array([1]), 'a']), 'expected a Set of Uint8Arrays only', 'received string "a"')
  inEveryWrite('Set of booleans', () => new Set([true]), 'expected a Set of strings, numbers or Uint8Arrays only', 'received boolean true')
  inEveryWrite('Set of maps', () => new Set([{}]), 'expected a Set of strings, numbers or Uint8Arrays only', 'received object')
  inEveryWrite('number Set with NaN', () => new Set([1, Number.NaN]), 'a finite number in the number set', 'received number NaN')
  inEveryWrite('number Set with an overflowing number', () => new Set([1e126]), 'Number overflow', 'received number 1e+126')
  inEveryWrite(
    'binary Set holding the same bytes twice',
    () => new Set([new Uint8Array([1, 2]), new Uint8Array([1, 2])]),
    'expected a binary Set without duplicates',
    'received Set(2)',
  )

  it('rejects a hole in a sparse array, naming its index', () => {
    const e = rejects((t) => t.put({ pk: 'p', sk: 's', list: [1, , 3] } as unknown as AttributeMap), 'Invalid attribute "list[1]"', 'received undefined')
    expect(e['path']).toBe('list[1]')
  })

  it('rejects attribute names of 0 bytes, top-level and nested', () => {
    rejects((t) => t.put({ pk: 'p', sk: 's', '': 1 }), 'expected an attribute name of 1 to 65535 bytes', 'received string ""')
    rejects((t) => t.put({ pk: 'p', sk: 's', m: { '': 1 } }), 'Invalid attribute "m.', 'expected an attribute name of 1 to 65535 bytes', 'received string ""')
  })

  it('accepts numbers at the edges of the range', () => {
    const { table } = setup()
    table.put({ pk: 'edge', sk: 's', big: 9.999999999999998e125, small: 1e-130, negative: -9.999999999999998e125, zero: 0 })
    expect(table.get({ pk: 'edge', sk: 's' })?.['small']).toBe(1e-130)
  })

  it('numberProblem: 1E+126 and beyond overflow, 1E-131 underflows, the range in between is fine', () => {
    expect(numberProblem(1e126)).toContain('Number overflow')
    expect(numberProblem(-1e126)).toContain('Number overflow')
    expect(numberProblem(1e127)).toContain('Number overflow')
    expect(numberProblem(1e-131)).toContain('Number underflow')
    expect(numberProblem(9.999999999999998e125)).toBeUndefined()
    expect(numberProblem(1e-130)).toBeUndefined()
    expect(numberProblem(0)).toBeUndefined()
    expect(numberProblem(-0)).toBeUndefined()
  })

  it('accepts empty strings, empty binaries and empty lists and maps outside keys', () => {
    const { table } = setup()
    table.put({ pk: 'empty', sk: 's', s: '', b: new Uint8Array(0), l: [], m: {}, ss: new Set(['']) })
    expect(table.get({ pk: 'empty', sk: 's' })).toEqual({ pk: 'empty', sk: 's', s: '', b: new Uint8Array(0), l: [], m: {}, ss: new Set(['']) })
  })

  it('rejects attribute names over 65535 bytes and accepts 65535', () => {
    const { table } = setup()
    table.put({ pk: 'long', sk: 's', ['n'.repeat(65_535)]: 1 })
    rejects((t) => t.put({ pk: 'p', sk: 's', m: { ['é'.repeat(32_768)]: 1 } }), 'Invalid attribute "m.', 'expected an attribute name of 1 to 65535 bytes')
  })

  it('names a deep path with list indexes and map keys', () => {
    const e = rejects((t) => t.put({ pk: 'p', sk: 'x', a: [{ b: { c: [1, 2, { d: undefined }] } }] } as unknown as AttributeMap), 'Invalid attribute "a[0].b.c[2].d"', 'received undefined')
    expect(e['path']).toBe('a[0].b.c[2].d')
    expect(e['tableName']).toBe('valid')
  })

  it('rejects an item that is not a plain object', () => {
    rejects((t) => t.put(null as unknown as AttributeMap), 'expected a plain object', 'received null')
    rejects((t) => t.put([] as unknown as AttributeMap), 'expected a plain object', 'received array(0)')
    rejects((t) => t.put(new Money(1) as unknown as AttributeMap), 'expected a plain object', 'received instance of Money')
    rejects((t) => t.put('item' as unknown as AttributeMap), 'expected a plain object', 'received string "item"')
  })
})

describe('nesting', () => {
  function nested(levels: number): unknown {
    let value: unknown = 'leaf'
    for (let i = 0; i < levels; i++) value = i % 2 === 0 ? { x: value } : [value]
    return value
  }

  it(`accepts ${MAX_NESTING_DEPTH} levels of maps and lists`, () => {
    const { table } = setup()
    table.put({ pk: 'deep', sk: 's', v: nested(MAX_NESTING_DEPTH) as AttributeMap })
    expect(table.get({ pk: 'deep', sk: 's' })?.['v']).toEqual(nested(MAX_NESTING_DEPTH))
  })

  it(`rejects ${MAX_NESTING_DEPTH + 1} levels, naming the path`, () => {
    rejects((t) => t.put({ pk: 'deep', sk: 's', v: nested(MAX_NESTING_DEPTH + 1) as AttributeMap }), 'Nesting Levels have exceeded supported limits', 'Invalid attribute "v')
  })

  it('rejects too deep a value set by an update', () => {
    rejects(
      (t) =>
        t.update({ pk: 'p', sk: 's' }, (d) => {
          d['v'] = nested(MAX_NESTING_DEPTH + 1) as never
        }),
      'Nesting Levels have exceeded supported limits',
    )
  })

  // Wraps `inner` in `levels` more maps.
  function wrapped(inner: unknown, levels: number): unknown {
    let value = inner
    for (let i = 0; i < levels; i++) value = { w: value }
    return value
  }

  it('checks the depth of a stored subtree put back into a new item (a 41-level item is refused)', () => {
    const { table } = setup()
    table.put({ pk: 'deep', sk: 's', v: nested(MAX_NESTING_DEPTH) as AttributeMap })
    const stored = table.get({ pk: 'deep', sk: 's' })?.['v']
    rejects((t) => t.put({ pk: 'deeper', sk: 's', v: wrapped(stored, 9) as AttributeMap }), 'Nesting Levels have exceeded supported limits', 'Invalid attribute "v')
    rejects((t) => t.put({ pk: 'deeper', sk: 's', v: [stored] as AttributeMap[] }), 'Nesting Levels have exceeded supported limits')
    // At its own depth it is still fine, and so is a shallower subtree moved deeper within the limit.
    table.put({ pk: 'again', sk: 's', v: stored as AttributeMap })
    table.put({ pk: 'p', sk: 's', n: 1, m: { a: [1, 2] } })
    const m = table.get({ pk: 'p', sk: 's' })?.['m']
    table.put({ pk: 'moved', sk: 's', v: wrapped(m, MAX_NESTING_DEPTH - 2) as AttributeMap })
    rejects((t) => t.put({ pk: 'moved', sk: 's', v: wrapped(m, MAX_NESTING_DEPTH - 1) as AttributeMap }), 'Nesting Levels have exceeded supported limits')
  })

  it('checks the depth of a stored subtree an update moves deeper', () => {
    const { table } = setup()
    table.put({ pk: 'deep', sk: 's', v: nested(MAX_NESTING_DEPTH) as AttributeMap })
    const before = snapshot(table)
    const error = catchError(() =>
      table.update({ pk: 'deep', sk: 's' }, (d) => {
        d['v'] = { again: d['v'] } as never
      }),
    )
    expect(error.message).toContain('Nesting Levels have exceeded supported limits')
    expect(snapshot(table)).toEqual(before)
  })

  it('reports a circular value as circular, not as too deep', () => {
    const loop: Record<string, unknown> = { a: 1 }
    loop['self'] = loop
    rejects((t) => t.put({ pk: 'p', sk: 's', v: loop as AttributeMap }), 'circular reference', 'Invalid attribute "v.self')
    const list: unknown[] = [1]
    list.push({ back: list })
    rejects((t) => t.put({ pk: 'p', sk: 's', v: list as AttributeMap[] }), 'circular reference')
    const item: Record<string, unknown> = { pk: 'p', sk: 's' }
    item['me'] = item
    rejects((t) => t.put(item as AttributeMap), 'circular reference', 'Invalid attribute "me"')
  })
})

describe('attribute names', () => {
  it('refuses attributes keyed by symbols rather than dropping them', () => {
    rejects((t) => t.put({ pk: 'p', sk: 's', [Symbol('tag')]: 1 } as AttributeMap), 'expected attribute names that are strings', 'received symbol')
    rejects((t) => t.put({ pk: 'p', sk: 's', m: { [Symbol.for('x')]: 'v' } } as unknown as AttributeMap), 'Invalid attribute "m"', 'attribute names that are strings')
    rejects(
      (t) =>
        t.update({ pk: 'p', sk: 's' }, (d) => {
          d['m'] = { [Symbol('y')]: 1 } as never
        }),
      'attribute names that are strings',
    )
  })

  it('ignores non-enumerable symbol properties, as it ignores non-enumerable names', () => {
    const { table } = setup()
    const item = { pk: 'p', sk: 'hidden', n: 1 }
    Object.defineProperty(item, Symbol('meta'), { value: 1, enumerable: false })
    table.put(item)
    expect(table.get({ pk: 'p', sk: 'hidden' })).toEqual({ pk: 'p', sk: 'hidden', n: 1 })
  })

  it('quotes at most the start of a long attribute name in a message, keeping the whole path in the error', () => {
    const name = 'n'.repeat(70_000)
    const e = rejects((t) => t.put({ pk: 'p', sk: 's', [name]: 1 }), 'expected an attribute name of 1 to 65535 bytes', '(70000 characters)')
    expect(e.message.length).toBeLessThan(400)
    expect(e['path']).toBe(name)
    const long = 'm'.repeat(60_000)
    const nestedError = rejects((t) => t.put({ pk: 'p', sk: 's', [long]: { bad: undefined } } as unknown as AttributeMap), '(60000 characters).bad')
    expect(nestedError.message.length).toBeLessThan(400)
  })

  it('quotes at most the start of a long unknown option name', () => {
    const { table } = setup()
    const e = catchError(() => table.put({ pk: 'p', sk: 's' }, { ['o'.repeat(70_000)]: true } as never))
    expect(e.message.length).toBeLessThan(400)
  })
})

describe('item size', () => {
  // {pk:'p', sk:'big', data} = 2+1 + 2+3 + 4 + n bytes
  const fixed = 2 + 1 + 2 + 3 + 4

  it(`accepts an item of exactly ${MAX_ITEM_BYTES} bytes`, () => {
    const { table } = setup()
    table.put({ pk: 'p', sk: 'big', data: 'x'.repeat(MAX_ITEM_BYTES - fixed) })
    expect(table.get({ pk: 'p', sk: 'big' })).toBeDefined()
  })

  it(`rejects a put of ${MAX_ITEM_BYTES + 1} bytes`, () => {
    rejects((t) => t.put({ pk: 'p', sk: 'big', data: 'x'.repeat(MAX_ITEM_BYTES - fixed + 1) }), 'Item size has exceeded the maximum allowed size', `${MAX_ITEM_BYTES}`, `${MAX_ITEM_BYTES + 1}`)
  })

  it('names the update case as DynamoDB does ("Item size to update has exceeded")', () => {
    rejects(
      (t) =>
        t.update({ pk: 'p', sk: 's' }, (d) => {
          d['data'] = 'x'.repeat(MAX_ITEM_BYTES)
        }),
      'Item size to update has exceeded the maximum allowed size',
    )
  })

  it('rejects an update whose result is too large, counting multibyte characters', () => {
    rejects(
      (t) =>
        t.update({ pk: 'p', sk: 's' }, (d) => {
          d['data'] = 'é'.repeat(MAX_ITEM_BYTES / 2)
        }),
      'has exceeded the maximum allowed size',
      `${MAX_ITEM_BYTES}`,
    )
  })
})

describe('keys', () => {
  it('rejects an item missing its partition key, naming it', () => {
    const e = rejects((t) => t.put({ sk: 's', n: 1 }), 'Missing the key pk', 'expected the partition key attribute "pk"', 'received undefined')
    expect(e['path']).toBe('pk')
  })

  it('rejects an item missing its sort key', () => {
    rejects((t) => t.put({ pk: 'p', n: 1 }), 'Missing the key sk', 'expected the sort key attribute "sk"', 'received undefined')
  })

  it('rejects a key of a type keys cannot have', () => {
    rejects((t) => t.put({ pk: true, sk: 's' }), 'Invalid partition key "pk"', 'expected string, number or Uint8Array', 'received boolean true')
    rejects((t) => t.put({ pk: 'p', sk: { a: 1 } }), 'Invalid sort key "sk"', 'expected string, number or Uint8Array', 'received object')
    rejects((t) => t.get({ pk: null, sk: 's' }), 'Invalid partition key "pk"', 'received null')
  })

  it('rejects a key of another type than the first write fixed', () => {
    rejects((t) => t.put({ pk: 1, sk: 's' }), 'Type mismatch for key pk', 'expected string', 'received number 1')
    rejects((t) => t.put({ pk: 'p', sk: new Uint8Array([1]) }), 'Type mismatch for key sk', 'expected string', 'received Uint8Array(1)')
    rejects((t) => t.get({ pk: 1, sk: 's' }), 'Type mismatch for key pk')
    rejects((t) => t.delete({ pk: 'p', sk: 2 }), 'Type mismatch for key sk')
    rejects((t) => t.update({ pk: 'p', sk: 2 }, () => {}), 'Type mismatch for key sk')
  })

  it('rejects empty string and binary keys', () => {
    rejects((t) => t.put({ pk: '', sk: 's' }), 'Invalid partition key "pk"', 'cannot contain an empty string value', 'received string ""')
    rejects((t) => t.get({ pk: 'p', sk: '' }), 'Invalid sort key "sk"', 'cannot contain an empty string value')
    const store = createStore({ clock: new ManualClock() })
    const bin = store.createTable<AttributeMap>()({ name: 'bin', partitionKey: 'id', keyTypes: { partitionKey: 'binary' } })
    const e = catchError(() => bin.put({ id: new Uint8Array(0) }))
    expect(e.code).toBe('ValidationException')
    expect(e.message).toContain('Invalid partition key "id"')
    expect(e.message).toContain('cannot contain an empty binary value')
    expect(e.message).toContain('received Uint8Array(0)')
    expect(bin.count()).toBe(0)
  })

  it('rejects a partition key over 2048 bytes and a sort key over 1024 bytes, in UTF-8', () => {
    const { table } = setup()
    table.put({ pk: 'x'.repeat(2048), sk: 'y'.repeat(1024) })
    table.put({ pk: 'é'.repeat(1024), sk: 'é'.repeat(512) })
    rejects((t) => t.put({ pk: 'x'.repeat(2049), sk: 's' }), 'Invalid partition key "pk"', 'expected at most 2048 bytes', 'received 2049 bytes')
    rejects((t) => t.put({ pk: 'p', sk: 'é'.repeat(513) }), 'Invalid sort key "sk"', 'expected at most 1024 bytes', 'received 1026 bytes')
    rejects((t) => t.get({ pk: 'x'.repeat(2049), sk: 's' }), 'expected at most 2048 bytes')
  })

  it.each([
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['an overflowing number', 1e126],
  ])('rejects %s as a number key value in get, delete, update and query, touching no item', (_label, bad) => {
    const store = createStore({ clock: new ManualClock() })
    const t = store.createTable<{ pk: string; sk: number; v?: number }>()({ name: 'numeric', partitionKey: 'pk', sortKey: 'sk', stream: { viewType: 'KEYS_ONLY' } })
    t.put({ pk: 'p', sk: 1 })
    t.put({ pk: 'p', sk: 2 })
    const before = snapshot(t)
    const calls: [string, () => unknown][] = [
      ['get', () => t.get({ pk: 'p', sk: bad })],
      ['delete', () => t.delete({ pk: 'p', sk: bad })],
      ['update', () => t.update({ pk: 'p', sk: bad }, (d) => void (d.v = 1))],
      ['query equals', () => t.query('p', { equals: bad })],
      ['query lessThan', () => t.query('p', { lessThan: bad })],
    ]
    const outcomes = calls.map(([label, call]) => {
      try {
        call()
        return [label, 'no error']
      } catch (error) {
        const e = error as Error & { code?: string }
        return [label, e.code, e.message.includes('"sk"') || e.message.includes(' sk')]
      }
    })
    expect(outcomes).toEqual(calls.map(([label]) => [label, 'ValidationException', true]))
    expect(snapshot(t)).toEqual(before)
  })

  it('rejects extra attributes in a key argument, naming them', () => {
    const fragments = ['The provided key element does not match the schema', 'expected only the key attributes pk, sk', 'received attribute "n"']
    rejects((t) => t.get({ pk: 'p', sk: 's', n: 1 } as never), ...fragments)
    rejects((t) => t.delete({ pk: 'p', sk: 's', n: 1 } as never), ...fragments)
    rejects((t) => t.update({ pk: 'p', sk: 's', n: 1 } as never, () => {}), ...fragments)
    rejects((t) => t.query('p', { exclusiveStartKey: { pk: 'p', sk: 's', n: 1 } as never }), 'expected the 2 key attributes pk, sk', 'received attributes pk, sk, n')
  })

  it('rejects a key argument that is not an object', () => {
    rejects((t) => t.get('p' as never), 'Invalid key', 'expected an object holding pk and sk', 'received string "p"')
    rejects((t) => t.delete(null as never), 'Invalid key', 'received null')
    rejects((t) => t.delete([] as never), 'Invalid key', 'received array(0)')
  })

  it('rejects declared key types outside string, number and binary', () => {
    const store = createStore({ clock: new ManualClock() })
    const e = catchError(() => store.createTable<AttributeMap>()({ name: 'key-types', partitionKey: 'pk', keyTypes: { partitionKey: 'boolean' as never } }))
    expect(e.code).toBe('ValidationException')
    expect(e.message).toContain('keyTypes.partitionKey')
    expect(e.message).toContain('expected string, number or binary')
    expect(e.message).toContain('received string "boolean"')
    const e2 = catchError(() => store.createTable<AttributeMap>()({ name: 'key-types', partitionKey: 'pk', keyTypes: { sortKey: 'string' } }))
    expect(e2.message).toContain('keyTypes.sortKey')
    expect(store.listTables()).toEqual([])
  })
})

describe('table names and options', () => {
  const store = createStore({ clock: new ManualClock() })
  const create = (options: unknown) => () => store.createTable<AttributeMap>()(options as never)

  it.each([
    ['ab', 'received string "ab"'],
    ['x'.repeat(256), 'received string "xxx'],
    ['bad name', 'received string "bad name"'],
    ['tab/le', 'received string "tab/le"'],
    ['', 'received string ""'],
  ])('rejects the table name %j', (name, received) => {
    const e = catchError(create({ name, partitionKey: 'pk' }))
    expect(e.code).toBe('ValidationException')
    expect(e.message).toContain('Invalid table name')
    expect(e.message).toContain('expected 3 to 255 characters of a-z, A-Z, 0-9, _, - and .')
    expect(e.message).toContain(received)
  })

  it('accepts names of 3 and 255 characters with _ - and .', () => {
    store.createTable<AttributeMap>()({ name: 'a_-', partitionKey: 'pk' })
    store.createTable<AttributeMap>()({ name: `A.${'9'.repeat(253)}`, partitionKey: 'pk' })
    expect(store.listTables()).toHaveLength(2)
  })

  it.each([
    ['options that are not an object', null, 'Invalid table options', 'received null'],
    ['a missing name', { partitionKey: 'pk' }, 'Invalid table name', 'received undefined'],
    ['a number as name', { name: 123, partitionKey: 'pk' }, 'Invalid table name', 'received number 123'],
    ['an empty partition key name', { name: 'opts', partitionKey: '' }, 'Invalid partitionKey', 'received string ""'],
    ['a missing partition key', { name: 'opts' }, 'Invalid partitionKey', 'received undefined'],
    ['a sort key equal to the partition key', { name: 'opts', partitionKey: 'pk', sortKey: 'pk' }, 'Invalid sortKey', 'other than the partition key "pk"'],
    ['an empty sort key name', { name: 'opts', partitionKey: 'pk', sortKey: '' }, 'Invalid sortKey', 'received string ""'],
    ['an empty TTL attribute', { name: 'opts', partitionKey: 'pk', ttlAttribute: '' }, 'Invalid ttlAttribute', 'received string ""'],
    ['an unknown view type', { name: 'opts', partitionKey: 'pk', stream: { viewType: 'ALL' } }, 'Invalid stream viewType', 'received string "ALL"'],
    ['a stream that is not an object', { name: 'opts', partitionKey: 'pk', stream: 'NEW_IMAGE' }, 'Invalid stream', 'received string "NEW_IMAGE"'],
    ['0 initial shards', { name: 'opts', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY', shards: { initial: 0 } } }, 'stream.shards.initial', 'received number 0'],
    ['a fractional shard count', { name: 'opts', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY', shards: { initial: 1.5 } } }, 'stream.shards.initial', 'received number 1.5'],
    ['a rollover under a second', { name: 'opts', partitionKey: 'pk', stream: { viewType: 'KEYS_ONLY', shards: { rolloverMs: 10 } } }, 'stream.shards.rolloverMs', 'received number 10'],
  ])('rejects %s', (_label, options, ...fragments) => {
    const before = store.listTables()
    const e = catchError(create(options))
    expect(e.code).toBe('ValidationException')
    for (const f of fragments) expect(e.message).toContain(f)
    expect(store.listTables()).toEqual(before)
    expect(store.listStreams().streams).toEqual([])
  })

  it.each([
    ['a region that is not one', { region: 'mars' }, 'Invalid region', 'received string "mars"'],
    ['an account id of 11 digits', { accountId: '12345678901' }, 'Invalid accountId', 'a string of 12 digits'],
    ['a clock without setTimer', { clock: { now: () => 0 } }, 'Invalid clock', 'received object'],
    ['a random that is not a function', { random: 4 }, 'Invalid random', 'received number 4'],
    ['store options that are not an object', 'fast', 'Invalid store options', 'received string "fast"'],
    ['0 shards', { shards: { initial: 0 } }, 'shards.initial', 'an integer from 1 to 1000'],
    ['a split threshold of 0', { shards: { splitAbovePerSecond: 0 } }, 'shards.splitAbovePerSecond', 'received number 0'],
  ])('rejects store options with %s', (_label, options, ...fragments) => {
    const e = catchError(() => createStore(options as never))
    expect(e.code).toBe('ValidationException')
    for (const f of fragments) expect(e.message).toContain(f)
  })
})

describe('call options', () => {
  it('rejects write options that are not an object', () => {
    rejects((t) => t.put({ pk: 'p', sk: 'x' }, 'fast' as never), 'Invalid write options', 'expected an object', 'received string "fast"')
    rejects((t) => t.delete({ pk: 'p', sk: 's' }, 3 as never), 'Invalid write options', 'received number 3')
  })

  it('rejects a condition that is not a function, or that returns a non-boolean', () => {
    rejects((t) => t.put({ pk: 'p', sk: 's', n: 9 }, { condition: true as never }), 'Invalid condition', 'received boolean true')
    rejects((t) => t.put({ pk: 'p', sk: 's', n: 9 }, { condition: (() => 1) as never }), 'Invalid condition result', 'expected a boolean', 'received number 1')
    rejects((t) => t.delete({ pk: 'p', sk: 's' }, { condition: (() => undefined) as never }), 'Invalid condition result', 'received undefined')
  })

  it('rejects an update recipe that is not a function', () => {
    rejects((t) => t.update({ pk: 'p', sk: 's' }, { n: 2 } as never), 'Invalid update recipe', 'expected a function', 'received object')
  })

  it('rejects query and scan limits below 1 or fractional', () => {
    rejects((t) => t.query('p', { limit: 0 }), 'Invalid limit', 'expected an integer >= 1', 'received number 0')
    rejects((t) => t.scan({ limit: 2.5 }), 'Invalid limit', 'received number 2.5')
    rejects((t) => t.scan({ limit: -1 }), 'Invalid limit', 'received number -1')
  })

  it('keeps nothing of a recipe that throws', () => {
    const { table } = setup()
    const before = snapshot(table)
    expect(() =>
      table.update({ pk: 'p', sk: 's' }, (d) => {
        d['n'] = 99
        throw new Error('boom')
      }),
    ).toThrow('boom')
    expect(snapshot(table)).toEqual(before)
  })
})
