// Evaluation of conditions, updates, projections and key conditions against native items (reference §3.3–§3.6;
// update results as DynamoDB's own engine, DynamoDB Local, returns them).
import { describe, expect, it } from 'vitest'
import {
  compileCondition,
  compileKeyCondition,
  compileProjection,
  compileUpdate,
  projectPaths,
} from '../../../src/aws/expressions/index.js'
import type { AttributeMap, AttributeValue } from '../../../src/index.js'
import { serviceMessageOf } from './helpers.js'

const bytes = (...b: number[]): Uint8Array => new Uint8Array(b)

const ITEM: AttributeMap = Object.freeze({
  pk: 'p',
  sk: 's',
  a: 1,
  b: 'hello',
  c: [1, 'x'],
  m: { x: 2, y: new Set(['q', 'r']) },
  n: null,
  t: true,
  bin: bytes(1, 2, 3),
  ns: new Set([1, 2]),
  bs: new Set([bytes(1), bytes(2)]),
})

// `null` stands for "no item" (undefined would pick the default).
function holds(expression: string, values: Record<string, AttributeValue> = {}, item: AttributeMap | null = ITEM, names?: Record<string, string>): boolean {
  return compileCondition(expression, { values, names }).evaluate(item ?? undefined)
}

describe('conditions', () => {
  it('binds AND tighter than OR, and NOT tighter than AND', () => {
    const v = { ':one': 1, ':two': 2 }
    expect(holds('a = :one OR a = :two AND a = :two', v)).toBe(true)
    expect(holds('(a = :one OR a = :two) AND a = :two', v)).toBe(false)
    expect(holds('NOT a = :two AND a = :one', v)).toBe(true)
    expect(holds('NOT (a = :one AND a = :two)', v)).toBe(true)
  })

  it('treats a missing path as missing: <> is true, every other comparison false', () => {
    expect(holds('zz <> :v', { ':v': 1 })).toBe(true)
    expect(holds('zz = :v', { ':v': 1 })).toBe(false)
    expect(holds('zz < :v', { ':v': 1 })).toBe(false)
    expect(holds('a.b = :v', { ':v': 1 })).toBe(false)
    expect(holds('c[5] = :v', { ':v': 1 })).toBe(false)
    expect(holds('a <> :v', { ':v': 1 }, null)).toBe(true)
    expect(holds('a = :v', { ':v': 1 }, null)).toBe(false)
    expect(holds('attribute_not_exists(a)', {}, null)).toBe(true)
  })

  it('orders only S, N and B of one type; other comparisons are false, not errors', () => {
    expect(holds('b < :v', { ':v': 1 })).toBe(false)
    expect(holds('b > :v', { ':v': 'a' })).toBe(true)
    expect(holds('a >= :v', { ':v': 1 })).toBe(true)
    expect(holds('bin > :v', { ':v': bytes(1, 2) })).toBe(true)
    expect(holds('t > :v', { ':v': false })).toBe(false)
    expect(holds('b BETWEEN :x AND :y', { ':x': 'a', ':y': 'z' })).toBe(true)
    expect(holds('a BETWEEN :x AND :y', { ':x': 'a', ':y': 'z' })).toBe(false)
    expect(holds('m.x BETWEEN a AND :v', { ':v': 3 })).toBe(true)
    // UTF-8 byte order, not UTF-16: U+FFFD sorts before U+1F600.
    expect(holds('s1 < s2', {}, { s1: '\uFFFD', s2: '\u{1F600}' })).toBe(true)
  })

  it('compares numbers numerically, sets without order, lists and maps deeply', () => {
    expect(holds('a = :v', { ':v': 1.0 })).toBe(true)
    expect(holds('m = :v', { ':v': { y: new Set(['r', 'q']), x: 2 } })).toBe(true)
    expect(holds('ns = :v', { ':v': new Set([2, 1]) })).toBe(true)
    expect(holds('bs = :v', { ':v': new Set([bytes(2), bytes(1)]) })).toBe(true)
    expect(holds('c = :v', { ':v': [1, 'x'] })).toBe(true)
    expect(holds('c = :v', { ':v': ['x', 1] })).toBe(false)
    expect(holds('a = :v', { ':v': '1' })).toBe(false)
  })

  it('IN is an OR of =, up to 100 operands', () => {
    expect(holds('a IN (:x, :y)', { ':x': 5, ':y': 1 })).toBe(true)
    expect(holds('zz IN (:x)', { ':x': 5 })).toBe(false)
  })

  it('contains finds substrings, set members and list elements', () => {
    expect(holds('contains(b, :v)', { ':v': 'ell' })).toBe(true)
    expect(holds('contains(m.y, :v)', { ':v': 'q' })).toBe(true)
    expect(holds('contains(ns, :v)', { ':v': 2 })).toBe(true)
    expect(holds('contains(ns, :v)', { ':v': '2' })).toBe(false)
    expect(holds('contains(bs, :v)', { ':v': bytes(2) })).toBe(true)
    expect(holds('contains(c, :v)', { ':v': 'x' })).toBe(true)
    expect(holds('contains(bin, :v)', { ':v': bytes(2, 3) })).toBe(true)
    expect(holds('contains(a, :v)', { ':v': 1 })).toBe(false)
  })

  it('begins_with works on strings and binaries only', () => {
    expect(holds('begins_with(b, :v)', { ':v': 'he' })).toBe(true)
    expect(holds('begins_with(bin, :v)', { ':v': bytes(1) })).toBe(true)
    expect(holds('begins_with(c, :v)', { ':v': 'x' })).toBe(false)
  })

  it('size counts string length, bytes, members and elements', () => {
    expect(holds('size(b) = :v', { ':v': 5 })).toBe(true)
    expect(holds('size(bin) = :v', { ':v': 3 })).toBe(true)
    expect(holds('size(ns) = :v', { ':v': 2 })).toBe(true)
    expect(holds('size(c) = :v', { ':v': 2 })).toBe(true)
    expect(holds('size(m) = :v', { ':v': 2 })).toBe(true)
    expect(holds('size(a) = :v', { ':v': 1 })).toBe(false)
    expect(holds('size(zz) < :v', { ':v': 1 })).toBe(false)
  })

  it('attribute_exists, attribute_not_exists and attribute_type look at the full path', () => {
    expect(holds('attribute_exists(c[1])')).toBe(true)
    expect(holds('attribute_exists(c[2])')).toBe(false)
    expect(holds('attribute_not_exists(zz.q)')).toBe(true)
    expect(holds('attribute_exists(#m.#x)', {}, ITEM, { '#m': 'm', '#x': 'x' })).toBe(true)
    const types: Record<string, string> = { a: 'N', b: 'S', c: 'L', m: 'M', n: 'NULL', t: 'BOOL', bin: 'B', ns: 'NS', bs: 'BS', 'm.y': 'SS' }
    for (const [path, type] of Object.entries(types)) {
      expect(holds(`attribute_type(${path}, :t)`, { ':t': type }), path).toBe(true)
      expect(holds(`attribute_type(${path}, :t)`, { ':t': type === 'S' ? 'N' : 'S' }), path).toBe(false)
    }
  })
})

describe('updates', () => {
  const KEY = { pk: 'p', sk: 's' }
  // `null` stands for "no item" (undefined would pick the default).
  const apply = (expression: string, values?: Record<string, AttributeValue>, item: AttributeMap | null = ITEM): AttributeMap =>
    compileUpdate(expression, { values }).apply(item ?? undefined, KEY)

  it('reads every operand from the item as it was before the update', () => {
    expect(apply('SET z = a, a = :v', { ':v': 5 })).toMatchObject({ z: 1, a: 5 })
    expect(apply('SET a = :v, z = a', { ':v': 5 })).toMatchObject({ z: 1, a: 5 })
  })

  it('leaves the item before untouched and shares what it did not change', () => {
    const after = apply('SET m.x = :v', { ':v': 9 })
    expect(ITEM.m).toEqual({ x: 2, y: new Set(['q', 'r']) })
    expect((after.m as Record<string, unknown>).y).toBe((ITEM.m as Record<string, unknown>).y)
    expect(after.c).toBe(ITEM.c)
  })

  it('starts from the key when there is no item', () => {
    expect(apply('SET a = :v', { ':v': 1 }, null)).toEqual({ pk: 'p', sk: 's', a: 1 })
    expect(apply('SET a = list_append(if_not_exists(a, :e), :l)', { ':e': [], ':l': [1] }, null)).toEqual({ pk: 'p', sk: 's', a: [1] })
  })

  it('does arithmetic on numbers and reports other operands', () => {
    expect(apply('SET a = a + :v', { ':v': 5 }).a).toBe(6)
    expect(apply('SET a = :v - a', { ':v': 0.5 }).a).toBe(-0.5)
    expect(serviceMessageOf(() => apply('SET zz = zz + :v', { ':v': 5 }))).toBe('The provided expression refers to an attribute that does not exist in the item')
    expect(serviceMessageOf(() => apply('SET b = b + :v', { ':v': 5 }))).toBe('An operand in the update expression has an incorrect data type')
    expect(serviceMessageOf(() => apply('SET a = :v + :v', { ':v': 9e125 }))).toBe('Number overflow. Attempting to store a number with magnitude larger than supported range')
  })

  it('if_not_exists and list_append', () => {
    expect(apply('SET q = if_not_exists(zz, :v), r = if_not_exists(a, :v)', { ':v': 5 })).toMatchObject({ q: 5, r: 1 })
    expect(apply('SET q = if_not_exists(zz, b)').q).toBe('hello')
    expect(serviceMessageOf(() => apply('SET q = if_not_exists(zz, yy)'))).toBe('The provided expression refers to an attribute that does not exist in the item')
    expect(apply('SET c = list_append(c, :l), d = list_append(:l, c)', { ':l': [9] })).toMatchObject({ c: [1, 'x', 9], d: [9, 1, 'x'] })
    expect(serviceMessageOf(() => apply('SET c = list_append(zz, :l)', { ':l': [9] }))).toBe('The provided expression refers to an attribute that does not exist in the item')
    expect(serviceMessageOf(() => apply('SET c = list_append(b, :l)', { ':l': [9] }))).toBe('An operand in the update expression has an incorrect data type')
  })

  it('sets list elements in place or appends past the end', () => {
    expect(apply('SET c[5] = :v', { ':v': 5 }).c).toEqual([1, 'x', 5])
    expect(apply('SET c[0] = :v', { ':v': 5 }).c).toEqual([5, 'x'])
    expect(apply('SET e[0] = :v', { ':v': 5 }, { ...ITEM, e: [] }).e).toEqual([5])
  })

  it('needs the containers above a nested path', () => {
    expect(apply('SET m.w = :v', { ':v': 5 }).m).toMatchObject({ w: 5 })
    for (const expression of ['SET m.w.q = :v', 'SET a.q = :v', 'SET c.q = :v', 'SET m[0] = :v', 'SET zz[0] = :v', 'ADD zz.q :v']) {
      expect(serviceMessageOf(() => apply(expression, { ':v': 5 })), expression).toBe('The document path provided in the update expression is invalid for update')
    }
  })

  it('REMOVE drops list elements by their original positions and ignores a missing last step', () => {
    expect(apply('REMOVE c[0], c[1]').c).toEqual([])
    expect(apply('REMOVE c[1], c[0]').c).toEqual([])
    expect(apply('REMOVE l[1], l[2]', undefined, { ...ITEM, l: [0, 1, 2, 3] }).l).toEqual([0, 3])
    expect(apply('SET c[1] = :v REMOVE c[0]', { ':v': 5 }).c).toEqual([5])
    const after = apply('REMOVE zz, m.q, c[9]')
    expect(after).toEqual(ITEM)
    for (const expression of ['REMOVE a.b', 'REMOVE zz.q', 'REMOVE c.q', 'REMOVE m[0]', 'REMOVE m.q.r']) {
      expect(serviceMessageOf(() => apply(expression)), expression).toBe('The document path provided in the update expression is invalid for update')
    }
  })

  it('ADD sums numbers and unions sets, starting from nothing when missing', () => {
    expect(apply('ADD a :v, zz :v', { ':v': 5 })).toMatchObject({ a: 6, zz: 5 })
    expect(apply('ADD m.y :s, q :s', { ':s': new Set(['r', 's']) })).toMatchObject({ m: { y: new Set(['q', 'r', 's']) }, q: new Set(['r', 's']) })
    expect(apply('ADD ns :s', { ':s': new Set([2, 3]) }).ns).toEqual(new Set([1, 2, 3]))
    expect(apply('ADD bs :s', { ':s': new Set([bytes(2), bytes(3)]) }).bs).toEqual(new Set([bytes(1), bytes(2), bytes(3)]))
    for (const [expression, values] of [['ADD ns :s', { ':s': new Set(['x']) }], ['ADD b :v', { ':v': 5 }], ['ADD c :v', { ':v': 1 }]] as const) {
      expect(serviceMessageOf(() => apply(expression, values)), expression).toBe('An operand in the update expression has an incorrect data type')
    }
  })

  it('DELETE subtracts from a set and removes it with its last member', () => {
    expect(apply('DELETE m.y :s', { ':s': new Set(['r']) }).m).toEqual({ x: 2, y: new Set(['q']) })
    expect(apply('DELETE m.y :s', { ':s': new Set(['r', 'q']) }).m).toEqual({ x: 2 })
    expect(apply('DELETE bs :s', { ':s': new Set([bytes(1)]) }).bs).toEqual(new Set([bytes(2)]))
    expect(apply('DELETE zz :s', { ':s': new Set(['r']) })).toEqual(ITEM)
    expect(serviceMessageOf(() => apply('DELETE a :s', { ':s': new Set([1]) }))).toBe('An operand in the update expression has an incorrect data type')
    expect(serviceMessageOf(() => apply('DELETE ns :s', { ':s': new Set(['1']) }))).toBe('An operand in the update expression has an incorrect data type')
    expect(serviceMessageOf(() => apply('DELETE zz.q :s', { ':s': new Set(['1']) }))).toBe('The document path provided in the update expression is invalid for update')
  })

  it('lists the paths it writes, for UPDATED_OLD and UPDATED_NEW', () => {
    const update = compileUpdate('SET m.x = :v REMOVE c[0] ADD a :v', { values: { ':v': 1 } })
    expect(update.paths).toEqual([['m', 'x'], ['c', 0], ['a']])
    expect(projectPaths(ITEM, update.paths)).toEqual({ m: { x: 2 }, c: [1], a: 1 })
  })
})

describe('projections', () => {
  const project = (expression: string, item: AttributeMap = ITEM, names?: Record<string, string>): AttributeMap =>
    compileProjection(expression, { names }).project(item)

  it('returns only the listed paths, rebuilt with their nesting, and adds no key', () => {
    expect(project('a, m.x')).toEqual({ a: 1, m: { x: 2 } })
    expect(project('#m.y', ITEM, { '#m': 'm' })).toEqual({ m: { y: new Set(['q', 'r']) } })
    expect(project('zz, m.zz, c[7]')).toEqual({})
  })

  it('compacts list elements in ascending index order and merges siblings', () => {
    const item = { l: ['l0', 'l1', 'l2'], a: { b: 1, c: 2, d: 3 }, k: [{ x: 1, y: 2, z: 3 }] }
    expect(project('l[2], l[0]', item)).toEqual({ l: ['l0', 'l2'] })
    expect(project('a.b, a.c', item)).toEqual({ a: { b: 1, c: 2 } })
    expect(project('k[0].x, k[0].y', item)).toEqual({ k: [{ x: 1, y: 2 }] })
  })
})

describe('key conditions', () => {
  const SCHEMA = { partitionKey: 'pk', sortKey: 'sk' }
  const match = (expression: string, values: Record<string, AttributeValue>, names?: Record<string, string>): unknown =>
    compileKeyCondition(expression, { values, names }).match(SCHEMA)

  it('gives the partition value and the sort key condition as the native query takes it', () => {
    expect(match('pk = :p', { ':p': 'x' })).toEqual({ partitionKeyValue: 'x' })
    expect(match('pk = :p AND sk = :s', { ':p': 'x', ':s': 'y' })).toEqual({ partitionKeyValue: 'x', sortKey: { equals: 'y' } })
    expect(match('sk < :s AND pk = :p', { ':p': 'x', ':s': 'y' })).toEqual({ partitionKeyValue: 'x', sortKey: { lessThan: 'y' } })
    expect(match('pk = :p AND sk <= :s', { ':p': 'x', ':s': 'y' })).toEqual({ partitionKeyValue: 'x', sortKey: { lessThanOrEqual: 'y' } })
    expect(match('pk = :p AND sk > :s', { ':p': 'x', ':s': 'y' })).toEqual({ partitionKeyValue: 'x', sortKey: { greaterThan: 'y' } })
    expect(match('pk = :p AND sk >= :s', { ':p': 'x', ':s': 'y' })).toEqual({ partitionKeyValue: 'x', sortKey: { greaterThanOrEqual: 'y' } })
    expect(match('pk = :p AND sk BETWEEN :a AND :b', { ':p': 'x', ':a': 'a', ':b': 'b' })).toEqual({ partitionKeyValue: 'x', sortKey: { between: ['a', 'b'] } })
    expect(match('pk = :p AND begins_with(sk, :s)', { ':p': 'x', ':s': 'y' })).toEqual({ partitionKeyValue: 'x', sortKey: { beginsWith: 'y' } })
    expect(match('(#p = :p) AND (#s = :s)', { ':p': 'x', ':s': 'y' }, { '#p': 'pk', '#s': 'sk' })).toEqual({ partitionKeyValue: 'x', sortKey: { equals: 'y' } })
  })

  it('flips the operator when the value comes first', () => {
    expect(match(':p = pk AND :s < sk', { ':p': 'x', ':s': 'y' })).toEqual({ partitionKeyValue: 'x', sortKey: { greaterThan: 'y' } })
    expect(match(':p = pk AND :s >= sk', { ':p': 'x', ':s': 'y' })).toEqual({ partitionKeyValue: 'x', sortKey: { lessThanOrEqual: 'y' } })
  })

  it('names the attributes it reads', () => {
    expect(compileKeyCondition('pk = :p AND sk = :s', { values: { ':p': 1, ':s': 2 } }).attributes).toEqual(['pk', 'sk'])
  })
})
