import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createStore } from '../../src/index.js'
import * as shapes from '../../src/values/shape.js'
import type { ObjectBuilder, Shape } from '../../src/values/shape.js'

// The builder for names[from .. from + count), reached one name at a time as admission reaches it.
function builderFor(names: readonly string[], from: number, count: number, module: typeof shapes = shapes): ObjectBuilder | undefined {
  let shape: Shape | undefined = module.EMPTY_SHAPE
  for (let i = from; i < from + count && shape !== undefined; i++) shape = module.extendShape(shape, names[i] as string)
  return shape === undefined ? undefined : module.builderOf(shape)
}

// The builders are cached for the life of the module: tests that fill the cache load a fresh copy of it (see
// `freshShape`), so that the others here never meet a full cache.

/** What a builder must match: a copy made property by property, with "__proto__" defined rather than assigned. */
function reference(names: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  names.forEach((name, i) => {
    if (name === '__proto__') Object.defineProperty(copy, name, { value: values[i], enumerable: true, writable: true, configurable: true })
    else copy[name] = values[i]
  })
  return copy
}

function forInNames(object: object): string[] {
  const names: string[] = []
  for (const name in object) names.push(name)
  return names
}

/** Own properties as descriptors, in own-key order: names, order, values and flags at once. */
function ownProperties(object: object): [PropertyKey, PropertyDescriptor | undefined][] {
  return Reflect.ownKeys(object).map((key) => [key, Object.getOwnPropertyDescriptor(object, key)])
}

function build(names: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const builder = builderFor(names, 0, names.length)
  expect(builder).toBeTypeOf('function')
  return (builder as ObjectBuilder)(values, 0)
}

function expectLikeReference(built: Record<string, unknown>, names: readonly string[], values: readonly unknown[]): void {
  const expected = reference(names, values)
  expect(Object.getPrototypeOf(built)).toBe(Object.prototype)
  expect(forInNames(built)).toEqual(forInNames(expected))
  expect(ownProperties(built)).toEqual(ownProperties(expected))
}

// Names that are awkward in source text (quotes, escapes, line terminators, code), that mean something to objects,
// or that JavaScript orders first because they look like array indices.
const AWKWARD_NAMES: readonly string[] = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'a"b',
  "a'b",
  'back\\slash',
  '\\',
  '\\u0041',
  'new\nline',
  'cr\rhere',
  'tab\there',
  '\u2028',
  'para\u2029graph',
  '\u0000nul',
  '😀',
  '👩‍👩‍👧',
  '\ud800',
  'x\udc00y',
  '\udfff\ud800',
  '0',
  '10',
  '1',
  '-1',
  '01',
  '1.5',
  '1e3',
  '4294967294',
  '4294967295',
  '9007199254740993',
  'NaN',
  '',
  ' ',
  '${v}',
  '`',
  '*/',
  '// comment',
  '}; throw new Error("injected"); ({',
  '"] : 1, ["',
  'v',
  'o',
  'v[o + 0]',
  'return',
  'this',
]

describe('shape builders', () => {
  it('builds an object with the names in order and the values read from the offset', () => {
    const built = build(['b', 'a', 'c'], ['B', 'A', 'C'])
    expect(Object.keys(built)).toEqual(['b', 'a', 'c'])
    expect(built).toStrictEqual({ b: 'B', a: 'A', c: 'C' })
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype)
  })

  it('takes the names from `from` and the values from `offset`', () => {
    const names = ['skipped', 'x', 'y', 'z', 'also skipped']
    const builder = builderFor(names, 1, 3) as ObjectBuilder
    expect(builder).toBeTypeOf('function')
    const values = [0, 1, 2, 'X', 'Y', 'Z', 6]
    expect(ownProperties(builder(values, 3))).toEqual(ownProperties({ x: 'X', y: 'Y', z: 'Z' }))
    expect(builder(values, 0)).toStrictEqual({ x: 0, y: 1, z: 2 })
    // Values past the end of the array read as undefined, as a copy of missing values would.
    expect(ownProperties(builder(values, 5))).toEqual(ownProperties({ x: 'Z', y: 6, z: undefined }))
  })

  it('keeps every kind of value as it is, by reference', () => {
    const nested = { deep: [1, 2] }
    const set = new Set(['s'])
    const bytes = new Uint8Array([1])
    const values = [nested, set, bytes, null, undefined, false, 0, -0, Number.NaN, '']
    const names = values.map((_, i) => `n${i}`)
    const built = build(names, values)
    names.forEach((name, i) => expect(Object.is(built[name], values[i])).toBe(true))
  })

  it('builds a new object on every call', () => {
    const builder = builderFor(['p', 'q'], 0, 2) as ObjectBuilder
    const first = builder([1, 2], 0)
    const second = builder([1, 2], 0)
    expect(first).not.toBe(second)
    first.p = 9
    expect(second.p).toBe(1)
  })

  it('builds an empty object from no names', () => {
    const builder = builderFor(['ignored'], 1, 0) as ObjectBuilder
    expect(builder).toBeTypeOf('function')
    const built = builder([1, 2, 3], 2)
    expect(Reflect.ownKeys(built)).toEqual([])
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype)
    expect(builderFor([], 0, 0)).toBe(builder)
  })

  it('makes "__proto__" an own data property and leaves the prototype alone', () => {
    const payload = { polluted: true }
    const built = build(['a', '__proto__', 'b'], [1, payload, 2])
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype)
    expect(Object.hasOwn(built, '__proto__')).toBe(true)
    expect(Object.getOwnPropertyDescriptor(built, '__proto__')).toEqual({ value: payload, writable: true, enumerable: true, configurable: true })
    expect(Object.keys(built)).toEqual(['a', '__proto__', 'b'])
    expect('polluted' in built).toBe(false)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    // A value that is not an object would be ignored by a prototype assignment, and must still be kept.
    expect(Object.getOwnPropertyDescriptor(build(['__proto__'], [42]), '__proto__')?.value).toBe(42)
    expect(Object.getOwnPropertyDescriptor(build(['__proto__'], [null]), '__proto__')?.value).toBeNull()
  })

  it('makes "constructor" and other Object.prototype names own properties that shadow the prototype', () => {
    const built = build(['constructor', 'toString', 'hasOwnProperty'], ['c', 't', 'h'])
    expect(Object.keys(built)).toEqual(['constructor', 'toString', 'hasOwnProperty'])
    expect(built.constructor).toBe('c')
    expect(built.toString).toBe('t')
    expect(Object.getPrototypeOf(built)).toBe(Object.prototype)
  })

  it.each(AWKWARD_NAMES.map((name) => [JSON.stringify(name), name] as const))('builds a property named %s', (_label, name) => {
    const built = build(['before', name, 'after'], [1, 'value', 3])
    expectLikeReference(built, ['before', name, 'after'], [1, 'value', 3])
    expect(Object.getOwnPropertyDescriptor(built, name)?.value).toBe('value')
  })

  it('orders array-index-like names as a property-by-property copy does', () => {
    const names = ['z', '10', 'a', '0', '01', '2', '-1', '4294967295', '4294967294', '1.5']
    const values = names.map((_, i) => i)
    const built = build(names, values)
    expectLikeReference(built, names, values)
    // Integer-like names come first in ascending order; the rest keep their given order.
    expect(forInNames(built).slice(0, 4)).toEqual(['0', '2', '10', '4294967294'])
    expect(forInNames(built).slice(4)).toEqual(['z', 'a', '01', '-1', '4294967295', '1.5'])
  })

  it('builds all the awkward names together', () => {
    const names = [...new Set(AWKWARD_NAMES)]
    expect(names.length).toBeLessThanOrEqual(64)
    const values = names.map((name, i) => `${i}:${name}`)
    expectLikeReference(build(names, values), names, values)
  })

  it('matches a property-by-property copy for any list of names', () => {
    const nameArb = fc.oneof(
      { arbitrary: fc.constantFrom(...AWKWARD_NAMES), weight: 2 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }), weight: 2 },
      { arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }), weight: 1 },
      { arbitrary: fc.nat({ max: 5000 }).map(String), weight: 1 },
      { arbitrary: fc.constantFrom('a', 'b', 'c', 'id', 'name'), weight: 2 },
    )
    fc.assert(
      fc.property(
        fc.uniqueArray(nameArb, { maxLength: 64 }),
        fc.nat({ max: 3 }),
        fc.nat({ max: 3 }),
        fc.nat({ max: 3 }),
        (names, from, offset, after) => {
          const padded = [...Array.from({ length: from }, (_, i) => `pad${i}`), ...names, ...Array.from({ length: after }, () => 'tail')]
          const values = [...Array.from({ length: offset }, () => 'pad'), ...names.map((_, i) => ({ i }))]
          const builder = builderFor(padded, from, names.length)
          expect(builder).toBeTypeOf('function')
          const built = (builder as ObjectBuilder)(values, offset)
          expectLikeReference(built, names, values.slice(offset))
          expect(builderFor(names, 0, names.length)).toBe(builder)
        },
      ),
      { numRuns: 300 },
    )
    // 300 runs take about a second alone, several on a loaded machine.
  }, 30_000)

  it('returns the same builder for the same names, whatever array or position they come from', () => {
    const first = builderFor(['same', 'names'], 0, 2)
    expect(first).toBeTypeOf('function')
    expect(builderFor(['same', 'names'], 0, 2)).toBe(first)
    expect(builderFor(['x', 'same', 'names', 'y'], 1, 2)).toBe(first)
    expect(builderFor(['same', 'names', 'more'], 0, 2)).toBe(first)
  })

  it('returns different builders for different lists, prefixes and orders included', () => {
    const lists = [['k'], ['k', 'l'], ['k', 'l', 'm'], ['l', 'k'], ['l'], ['k', 'm'], ['k', 'l', 'n'], ['K'], ['k', 'l', 'm', 'o']]
    const builders = lists.map((names) => builderFor(names, 0, names.length))
    expect(new Set(builders).size).toBe(lists.length)
    // Asked again in another order (the cache remembers the child taken last), each list gets its own builder back.
    for (const i of [3, 0, 2, 1, 8, 5, 4, 6, 7, 2, 2, 0]) {
      const names = lists[i] as string[]
      expect(builderFor(names, 0, names.length)).toBe(builders[i])
      expect(Object.keys((builders[i] as ObjectBuilder)(names, 0))).toEqual(names)
    }
  })

  it('tells apart names that differ only in escapes or code units', () => {
    const variants = [['a\\nb'], ['a\nb'], ['\ud83d\ude00'], ['\ud83d'], ['\ude00'], ['"'], ["'"], ['']]
    const builders = variants.map((names) => builderFor(names, 0, 1))
    expect(new Set(builders).size).toBe(variants.length)
    variants.forEach((names, i) => expect(Object.keys((builders[i] as ObjectBuilder)([0], 0))).toEqual(names))
  })

  it('builds up to 64 names, and none for more', () => {
    const names = Array.from({ length: 70 }, (_, i) => `attr${i}`)
    const values = names.map((_, i) => i)
    const builder = builderFor(names, 0, 64)
    expect(builder).toBeTypeOf('function')
    expectLikeReference((builder as ObjectBuilder)(values, 0), names.slice(0, 64), values)
    expect(builderFor(names, 0, 65)).toBeUndefined()
    expect(builderFor(names, 0, 70)).toBeUndefined()
    expect(builderFor(names, 5, 65)).toBeUndefined()
  })
})

// ---------------------------------------------------------------------------------------------------------------------
// A full cache: a fresh copy of the module, filled, then the store built on that same copy.

async function freshShape(): Promise<typeof import('../../src/values/shape.js')> {
  vi.resetModules()
  return import('../../src/values/shape.js')
}

describe('shape builders with a full cache', () => {
  it('gives no builder past 2,048 lists, and keeps giving the ones it has', async () => {
    const shape = await freshShape()
    const kept = builderFor(['kept', 'list'], 0, 2, shape)
    expect(kept).toBeTypeOf('function')
    for (let i = 0; builderFor([`filler${i}`], 0, 1, shape) !== undefined; i++) expect(i).toBeLessThan(2048)
    expect(builderFor(['new'], 0, 1, shape)).toBeUndefined()
    // A prefix of a cached list has its node but no builder yet: it cannot have one now.
    expect(builderFor(['kept'], 0, 1, shape)).toBeUndefined()
    expect(builderFor(['kept', 'list'], 0, 2, shape)).toBe(kept)
    expect(builderFor(['filler7'], 0, 1, shape)).toBeTypeOf('function')
  })

  it('gives no builder once the names fill 32,768 nodes, and keeps giving the ones it has', async () => {
    const shape = await freshShape()
    const kept = builderFor(['kept'], 0, 1, shape)
    let lists = 0
    // Each list of 64 new names takes 64 nodes: a little over 500 of them fill the cache.
    while (builderFor(Array.from({ length: 64 }, (_, i) => `l${lists}n${i}`), 0, 64, shape) !== undefined) {
      lists++
      expect(lists).toBeLessThan(600)
    }
    expect(lists).toBeGreaterThan(500)
    expect(builderFor(['brand new'], 0, 1, shape)).toBeUndefined()
    expect(builderFor(['kept'], 0, 1, shape)).toBe(kept)
    // A list whose nodes exist gets its builder even now: it takes no new node.
    const existing = Array.from({ length: 10 }, (_, i) => `l0n${i}`)
    const builder = builderFor(existing, 0, 10, shape)
    expect(builder).toBeTypeOf('function')
    expect(Object.keys((builder as ObjectBuilder)(existing, 0))).toEqual(existing)
  })

  it('still admits items, in order and with "__proto__" as an attribute, when no builder is to be had', async () => {
    const shape = await freshShape()
    for (let i = 0; builderFor([`filler${i}`], 0, 1, shape) !== undefined; i++) expect(i).toBeLessThan(2048)
    // The store loaded now uses the filled copy of the module.
    const fresh = await import('../../src/index.js')
    const store = fresh.createStore()
    const table = store.createTable<any>()({ name: 'things', partitionKey: 'id' })
    const item = JSON.parse('{"id":"p","z":1,"10":2,"__proto__":{"polluted":true},"a":{"__proto__":3,"0":4,"y":5}}')
    table.put(item)
    const got = table.get({ id: 'p' })
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype)
    // Stored items are frozen: names, order and values are what must match.
    expect(Reflect.ownKeys(got).map((key) => [key, got[key]])).toEqual(Reflect.ownKeys(item).map((key) => [key, item[key]]))
    expect(Object.keys(got)).toEqual(['10', 'id', 'z', '__proto__', 'a'])
    expect(got.__proto__).toEqual({ polluted: true })
    expect(got.polluted).toBeUndefined()
    expect(Object.hasOwn(got.a, '__proto__')).toBe(true)
    expect(Object.keys(got.a)).toEqual(['0', '__proto__', 'y'])
  })
})

// ---------------------------------------------------------------------------------------------------------------------
// Without code generation from strings: builders are off for the process, found out once; other errors surface.

describe('shape builders where code generation is off', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  // `new Function` as a process that disallows code generation has it: every call throws.
  function stubFunction(compile: (body: string) => unknown): { calls: string[] } {
    const calls: string[] = []
    vi.stubGlobal('Function', function (...args: string[]) {
      const body = args[args.length - 1] ?? ''
      calls.push(body)
      return compile(body)
    })
    return { calls }
  }

  it('gives no builders, and asks whether code generation works only once', async () => {
    const shape = await freshShape()
    const { calls } = stubFunction(() => {
      throw new EvalError('Code generation from strings disallowed for this context')
    })
    for (let i = 0; i < 20; i++) expect(builderFor([`name${i}`, 'b'], 0, 2, shape)).toBeUndefined()
    expect(calls).toHaveLength(1)
  })

  it('lets any other error from compiling a builder surface, and keeps making builders afterwards', async () => {
    const shape = await freshShape()
    const compiled = stubFunction((body) => {
      if (body.includes('broken')) throw new RangeError('compiling failed')
      return () => ({ compiled: body })
    })
    expect(() => builderFor(['broken'], 0, 1, shape)).toThrow(RangeError)
    expect(builderFor(['fine'], 0, 1, shape)).toBeTypeOf('function')
    expect(compiled.calls.filter((body) => body.includes('fine'))).toHaveLength(1)
  })

  it('keeps items whole in a process run with --disallow-code-generation-from-strings', () => {
    const script = fileURLToPath(new URL('./scripts/no-code-generation.ts', import.meta.url))
    const out = execFileSync(process.execPath, ['--disallow-code-generation-from-strings', '--import', 'tsx', script], { encoding: 'utf8' })
    expect(JSON.parse(out.trim().split('\n').pop() as string)).toEqual({ codeGeneration: false, checked: 101, mismatches: [] })
  })
})

// ---------------------------------------------------------------------------------------------------------------------
// Through the store: what a table admits keeps its names, order and values.

function thingsTable() {
  const store = createStore()
  return store.createTable<any>()({ name: 'things', partitionKey: 'id' })
}

describe('items admitted by a table', () => {
  it('keep their attribute order and values, nested maps included', () => {
    const table = thingsTable()
    const item = { id: 'a', zeta: 1, alpha: 'two', '10': true, mid: null, '2': [1, { b: 1, a: 2 }], nested: { y: 1, x: { q: 'q', p: 'p' } }, tags: new Set(['t']) }
    table.put(item)
    const got = table.get({ id: 'a' })
    expect(Object.keys(got)).toEqual(Object.keys(item))
    expect(forInNames(got)).toEqual(forInNames(item))
    expect(got).toStrictEqual(item)
    expect(Object.keys(got.nested)).toEqual(['y', 'x'])
    expect(Object.keys(got.nested.x)).toEqual(['q', 'p'])
    expect(Object.keys(got['2'][1])).toEqual(['b', 'a'])
  })

  it('keep each its own order when items of different shapes alternate', () => {
    const table = thingsTable()
    const shapes = [
      ['id', 'a', 'b', 'c'],
      ['id', 'a', 'b'],
      ['id', 'b', 'a', 'c'],
      ['id', 'a', 'b', 'c', 'd'],
      ['id', 'c'],
    ]
    for (let round = 0; round < 3; round++) {
      shapes.forEach((names, s) => {
        const item = Object.fromEntries(names.map((name, i) => [name, name === 'id' ? `${round}-${s}` : `${name}${i}${round}`]))
        table.put(item)
        const got = table.get({ id: item.id })
        expect(Object.keys(got)).toEqual(names)
        expect(got).toStrictEqual(item)
      })
    }
  })

  it('keep the order and values of an item with more than 64 attributes', () => {
    const table = thingsTable()
    const item: Record<string, unknown> = { id: 'wide' }
    for (let i = 99; i >= 0; i--) item[`attr${i}`] = i % 2 === 0 ? i : `v${i}`
    item['7'] = 'numeric-looking'
    item.__proto_like__ = 1
    table.put(item)
    const got = table.get({ id: 'wide' })
    expect(Object.keys(got)).toEqual(Object.keys(item))
    expect(got).toStrictEqual(item)
  })

  it('keep awkward attribute names as they are', () => {
    const table = thingsTable()
    // DynamoDB names are 1 to 65,535 bytes and must be well-formed to have a UTF-8 length; the rest are all allowed.
    const names = AWKWARD_NAMES.filter((name) => name !== '' && name !== '__proto__' && !/[\ud800-\udfff]/u.test(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')))
    const item: Record<string, unknown> = { id: 'awkward' }
    names.forEach((name, i) => (item[name] = i))
    table.put(item)
    const got = table.get({ id: 'awkward' })
    expect(forInNames(got)).toEqual(forInNames(item))
    expect(got).toStrictEqual(item)
  })

  it('round-trip an attribute named "__proto__" as an own property', () => {
    const table = thingsTable()
    const item = JSON.parse('{"id":"p","before":1,"__proto__":{"polluted":true},"after":2}')
    expect(Object.hasOwn(item, '__proto__')).toBe(true)
    table.put(item)
    const got = table.get({ id: 'p' })
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype)
    expect(Object.hasOwn(got, '__proto__')).toBe(true)
    expect(Object.keys(got)).toEqual(['id', 'before', '__proto__', 'after'])
    expect(Object.getOwnPropertyDescriptor(got, '__proto__')?.value).toEqual({ polluted: true })
    expect(got.polluted).toBeUndefined()
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it('round-trip "__proto__" holding a scalar, in nested maps too', () => {
    const table = thingsTable()
    const item = JSON.parse('{"id":"q","__proto__":"text","m":{"__proto__":{"__proto__":7},"k":1},"list":[{"__proto__":null}]}')
    table.put(item)
    const got = table.get({ id: 'q' })
    expect(Object.getOwnPropertyDescriptor(got, '__proto__')?.value).toBe('text')
    expect(Object.getPrototypeOf(got.m)).toBe(Object.prototype)
    expect(Object.keys(got.m)).toEqual(['__proto__', 'k'])
    const inner = Object.getOwnPropertyDescriptor(got.m, '__proto__')?.value
    expect(Object.getPrototypeOf(inner)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(inner, '__proto__')?.value).toBe(7)
    expect(Object.hasOwn(got.list[0], '__proto__')).toBe(true)
    expect(Object.getPrototypeOf(got.list[0])).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(got.list[0], '__proto__')?.value).toBeNull()
  })
})
