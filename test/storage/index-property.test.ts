import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createStore, isStreamtableError, type AttributeMap, type Projection } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { compareBytes, compareUtf8 } from '../../src/values/utf8.js'

// Random index definitions over random writes: querying (and scanning) each index must return exactly what
// filtering, projecting and sorting the table's items gives, after every command, whether it succeeded or failed.

// `a` may also hold `true`, which no index key can be: the writes that try must fail.
type Item = { pk: string; sk: number; a?: string; b?: number; c?: Uint8Array; exp?: number }
type Key = { pk: string; sk: number }
type Attribute = 'sk' | 'a' | 'b' | 'c'
type Definition = { name: string; partitionKey: Attribute; sortKey?: Attribute | 'pk'; projection: Projection<keyof Item & string> }
type Local = { name: string; sortKey: 'a' | 'b' | 'c'; projection: Projection<keyof Item & string> }
type Values = { a?: string | boolean; b?: number; c?: number[]; expIn?: number }
type Command =
  | { kind: 'put'; key: Key; values: Values }
  | { kind: 'update'; key: Key; values: Values; remove: ('a' | 'b' | 'c')[] }
  | { kind: 'delete'; key: Key }
  | { kind: 'batch'; actions: ({ kind: 'put'; key: Key; values: Values } | { kind: 'delete'; key: Key })[] }
  | { kind: 'tx'; actions: { key: Key; values: Values }[]; fail: boolean }
  | { kind: 'createIndex'; definition: Definition }
  | { kind: 'deleteIndex'; which: number }
  | { kind: 'advance'; ms: number }

const T0 = Date.UTC(2026, 0, 1)
const keyArb: fc.Arbitrary<Key> = fc.record({ pk: fc.constantFrom('p', 'q', 'r', 's'), sk: fc.integer({ min: 0, max: 3 }) })
// A few values per attribute, so that index keys repeat; `true` and '' are values no index key may hold.
const valuesArb: fc.Arbitrary<Values> = fc.record(
  {
    a: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('x', 'y', 'xy', 'é') }, { weight: 1, arbitrary: fc.constantFrom(true, '') }),
    b: fc.integer({ min: -2, max: 2 }),
    c: fc.constantFrom([1], [1, 0], [255], [0, 7]),
    expIn: fc.integer({ min: 1, max: 100 }),
  },
  { requiredKeys: [] },
)
const projectionArb: fc.Arbitrary<Projection<keyof Item & string>> = fc.oneof(
  fc.constant('ALL' as const),
  fc.constant('KEYS_ONLY' as const),
  fc.record({ include: fc.uniqueArray(fc.constantFrom<keyof Item & string>('a', 'b', 'c', 'exp'), { minLength: 1, maxLength: 3 }) }),
)
const attributeArb = fc.constantFrom<Attribute>('sk', 'a', 'b', 'c')
function definitionArb(name: string): fc.Arbitrary<Definition> {
  return fc
    .record({ partitionKey: attributeArb, sortKey: fc.option(fc.constantFrom<Attribute | 'pk'>('pk', 'sk', 'a', 'b', 'c'), { nil: undefined }), projection: projectionArb })
    .map((d) => (d.sortKey === undefined || d.sortKey === d.partitionKey ? { name, partitionKey: d.partitionKey, projection: d.projection } : { name, ...d }))
}
const localArb: fc.Arbitrary<Local | undefined> = fc.option(
  fc.record({ name: fc.constant('local'), sortKey: fc.constantFrom<'a' | 'b' | 'c'>('a', 'b', 'c'), projection: projectionArb }),
  { nil: undefined },
)
const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('put' as const), key: keyArb, values: valuesArb }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('update' as const), key: keyArb, values: valuesArb, remove: fc.uniqueArray(fc.constantFrom<'a' | 'b' | 'c'>('a', 'b', 'c'), { maxLength: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: keyArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      actions: fc.array(fc.oneof(fc.record({ kind: fc.constant('put' as const), key: keyArb, values: valuesArb }), fc.record({ kind: fc.constant('delete' as const), key: keyArb })), { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('tx' as const), actions: fc.array(fc.record({ key: keyArb, values: valuesArb }), { minLength: 1, maxLength: 3 }), fail: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('createIndex' as const), definition: definitionArb('added') }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('deleteIndex' as const), which: fc.nat(3) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1_000, max: 60_000 }) }) },
)

function itemOf(key: Key, values: Values, nowMs: number): Item {
  const item: Item = { pk: key.pk, sk: key.sk }
  if (values.a !== undefined) item.a = values.a as string
  if (values.b !== undefined) item.b = values.b
  if (values.c !== undefined) item.c = new Uint8Array(values.c)
  if (values.expIn !== undefined) item.exp = Math.floor(nowMs / 1000) + values.expIn
  return item
}

function compareValues(x: unknown, y: unknown): number {
  if (typeof x === 'string') return compareUtf8(x, y as string)
  if (typeof x === 'number') return x - (y as number)
  return compareBytes(x as Uint8Array, y as Uint8Array)
}

function isKeyValue(v: unknown): boolean {
  return (typeof v === 'string' && v !== '') || typeof v === 'number' || (v instanceof Uint8Array && v.length > 0)
}

/** What the index must hold: items with valid index key values, projected, in index order. */
function expected(items: readonly AttributeMap[], d: { partitionKey: string; sortKey?: string; projection: Projection<string> }): AttributeMap[] {
  const keys = [...new Set(['pk', 'sk', d.partitionKey, ...(d.sortKey === undefined ? [] : [d.sortKey])])]
  const inIndex = items.filter((i) => keys.every((k) => isKeyValue(i[k])))
  const projected = inIndex.map((i) => {
    if (d.projection === 'ALL') return i
    const out: Record<string, unknown> = {}
    for (const k of keys) out[k] = i[k]
    if (typeof d.projection === 'object') for (const k of d.projection.include) if (i[k] !== undefined) out[k] = i[k]
    return out as AttributeMap
  })
  return projected.sort(
    (x, y) =>
      compareValues(x[d.partitionKey], y[d.partitionKey]) ||
      (d.sortKey === undefined ? 0 : compareValues(x[d.sortKey], y[d.sortKey])) ||
      compareValues(x.pk, y.pk) ||
      compareValues(x.sk, y.sk),
  )
}

function sameValue(x: unknown, y: unknown): boolean {
  return typeof x === typeof y && compareValues(x, y) === 0
}

describe('secondary indexes: property', () => {
  it('every index returns exactly what filtering and sorting the table gives, after any sequence of writes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { minLength: 0, maxLength: 3 }).chain((ids) => fc.tuple(...ids.map((i) => definitionArb(`gsi${i}`)))),
        localArb,
        fc.array(commandArb, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 4 }),
        (globals, local, commands, pageSize) => {
          const clock = new ManualClock(T0)
          const store = createStore({ clock })
          const table = store.createTable<Item>()({
            name: 'items',
            partitionKey: 'pk',
            sortKey: 'sk',
            ttlAttribute: 'exp',
            stream: { viewType: 'NEW_AND_OLD_IMAGES' },
            keyTypes: { partitionKey: 'string', sortKey: 'number' },
            globalIndexes: Object.fromEntries(globals.map(({ name, ...d }) => [name, { ...d, keyTypes: {} }])),
            ...(local === undefined ? {} : { localIndexes: { local: { sortKey: local.sortKey, projection: local.projection } } }),
          })
          // Fix the attribute types once, so that each attribute has one key type throughout.
          table.put({ pk: 'seed', sk: 0, a: 'seed', b: 0, c: new Uint8Array([9]) })
          const definitions = new Map<string, { partitionKey: string; sortKey?: string; projection: Projection<string> }>()
          for (const { name, ...d } of globals) definitions.set(name, d)
          if (local !== undefined) definitions.set('local', { partitionKey: 'pk', sortKey: local.sortKey, projection: local.projection })
          const tryWrite = (write: () => unknown): void => {
            try {
              write()
            } catch (error) {
              if (!isStreamtableError(error)) throw error
            }
          }
          for (const command of commands) {
            const now = clock.now()
            switch (command.kind) {
              case 'put':
                tryWrite(() => table.put(itemOf(command.key, command.values, now)))
                break
              case 'update':
                tryWrite(() =>
                  table.update(command.key, (d) => {
                    Object.assign(d, itemOf(command.key, command.values, now))
                    for (const r of command.remove) delete d[r]
                  }),
                )
                break
              case 'delete':
                table.delete(command.key)
                break
              case 'batch': {
                const seen = new Set<string>()
                const actions = command.actions.filter((a) => !seen.has(`${a.key.pk}/${a.key.sk}`) && seen.add(`${a.key.pk}/${a.key.sk}`))
                tryWrite(() =>
                  store.batchWrite((b) => {
                    for (const a of actions) {
                      if (a.kind === 'put') b.put(table, itemOf(a.key, a.values, now))
                      else b.delete(table, a.key)
                    }
                  }),
                )
                break
              }
              case 'tx': {
                const seen = new Set<string>()
                const actions = command.actions.filter((a) => !seen.has(`${a.key.pk}/${a.key.sk}`) && seen.add(`${a.key.pk}/${a.key.sk}`))
                tryWrite(() =>
                  store.transact((tx) => {
                    actions.forEach((a, i) => tx.put(table, itemOf(a.key, a.values, now), i === actions.length - 1 && command.fail ? { condition: () => false } : {}))
                  }),
                )
                break
              }
              case 'createIndex':
                if (!definitions.has('added')) {
                  const { name, ...d } = command.definition
                  table.createGlobalIndex(name, d)
                  definitions.set(name, d)
                }
                break
              case 'deleteIndex': {
                const name = [...definitions.keys()].filter((n) => n !== 'local')[command.which]
                if (name !== undefined) {
                  table.deleteGlobalIndex(name as never)
                  definitions.delete(name)
                }
                break
              }
              case 'advance':
                clock.advance(command.ms)
                break
            }
            const items: AttributeMap[] = []
            let start: unknown
            do {
              const page = table.scan(start === undefined ? {} : { exclusiveStartKey: start as never })
              items.push(...(page.items as unknown as AttributeMap[]))
              start = page.lastEvaluatedKey
            } while (start !== undefined)
            for (const [name, d] of definitions) {
              const want = expected(items, d)
              const got: AttributeMap[] = []
              const partitions = want.map((i) => i[d.partitionKey]).filter((v, i, all) => i === 0 || !sameValue(v, all[i - 1]))
              for (const value of partitions) {
                const reverse = pageSize % 2 === 0
                const part: AttributeMap[] = []
                let from: unknown
                do {
                  const page = table.query(value as never, { index: name, limit: pageSize, reverse, ...(from === undefined ? {} : { exclusiveStartKey: from }) } as never)
                  part.push(...(page.items as unknown as AttributeMap[]))
                  from = page.lastEvaluatedKey
                } while (from !== undefined)
                got.push(...(reverse ? part.reverse() : part))
              }
              expect(got).toEqual(want)
              const scanned: AttributeMap[] = []
              let after: unknown
              do {
                const page = table.scan({ index: name, limit: pageSize, ...(after === undefined ? {} : { exclusiveStartKey: after }) } as never)
                scanned.push(...(page.items as unknown as AttributeMap[]))
                after = page.lastEvaluatedKey
              } while (after !== undefined)
              const byKey = (x: AttributeMap, y: AttributeMap): number => compareValues(x.pk, y.pk) || compareValues(x.sk, y.sk)
              expect([...scanned].sort(byKey)).toEqual([...want].sort(byKey))
              const description = [...(table.describe().globalIndexes ?? []), ...(table.describe().localIndexes ?? [])].find((i) => i.name === name)
              expect(description?.itemCount).toBe(want.length)
            }
          }
        },
      ),
      { numRuns: 120 },
    )
  }, 120_000)
})
