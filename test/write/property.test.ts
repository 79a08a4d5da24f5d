import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createStore, isStreamtableError, type ShardDescription, type ViewType } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { allShards, readLineage, readShard, seq, T0 } from '../helpers/stream.js'

// ---------------------------------------------------------------------------------------------------------------------
// The item, the commands, and a model of the table they act on.

type Item = { pk: string; sk: number; v?: number; tags?: Set<string>; exp?: number }

/** An item as the model keeps it: plain data, sets as sorted arrays, so that deep equality is DynamoDB's. */
type Plain = { pk: string; sk: number; v?: number; tags?: string[]; exp?: number }

type Key = { pk: string; sk: number }
type CondKind = 'none' | 'exists' | 'absent' | 'v0' | 'never'
type Spec = { v: number | undefined; tags: string[] | undefined; expIn: number | undefined }
type Op = { op: 'setV'; n: number } | { op: 'delV' } | { op: 'setTags'; tags: string[] } | { op: 'delTags' } | { op: 'setExp'; in: number } | { op: 'delExp' }

type Command =
  | { kind: 'put'; key: Key; spec: Spec; cond: CondKind }
  | { kind: 'update'; key: Key; ops: Op[]; cond: CondKind }
  | { kind: 'delete'; key: Key; cond: CondKind }
  | { kind: 'batch'; actions: ({ kind: 'put'; key: Key; spec: Spec } | { kind: 'delete'; key: Key })[] }
  | {
      kind: 'tx'
      actions: (
        | { kind: 'put'; key: Key; spec: Spec; cond: CondKind }
        | { kind: 'update'; key: Key; ops: Op[]; cond: CondKind }
        | { kind: 'delete'; key: Key; cond: CondKind }
        | { kind: 'check'; key: Key; cond: CondKind }
      )[]
    }
  | { kind: 'split'; index: number }
  | { kind: 'rollover'; index: number }
  | { kind: 'advance'; ms: number }

const ROLLOVER_MS = 60_000

const keyArb: fc.Arbitrary<Key> = fc.record({ pk: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), sk: fc.integer({ min: 0, max: 2 }) })
// Small value ranges, so that writes which change nothing (identical puts, updates to the current value) are common.
const tagsArb = fc.array(fc.constantFrom('x', 'y', 'z'), { minLength: 1, maxLength: 4 })
const specArb: fc.Arbitrary<Spec> = fc.record({
  v: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  tags: fc.option(tagsArb, { nil: undefined, freq: 3 }),
  expIn: fc.option(fc.integer({ min: 1, max: 150 }), { nil: undefined, freq: 2 }),
})
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('setV' as const), n: fc.integer({ min: 0, max: 2 }) }),
  fc.constant({ op: 'delV' as const }),
  fc.record({ op: fc.constant('setTags' as const), tags: tagsArb }),
  fc.constant({ op: 'delTags' as const }),
  fc.record({ op: fc.constant('setExp' as const), in: fc.integer({ min: 1, max: 150 }) }),
  fc.constant({ op: 'delExp' as const }),
)
const condArb: fc.Arbitrary<CondKind> = fc.constantFrom<CondKind>('none', 'none', 'none', 'exists', 'absent', 'v0', 'never')
const strictCondArb: fc.Arbitrary<CondKind> = fc.constantFrom<CondKind>('exists', 'absent', 'v0', 'never')
const id = (k: Key): string => `${k.pk}\u0000${k.sk}`

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('put' as const), key: keyArb, spec: specArb, cond: condArb }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('update' as const), key: keyArb, ops: fc.array(opArb, { maxLength: 3 }), cond: condArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: keyArb, cond: condArb }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('batch' as const),
      actions: fc.uniqueArray(
        fc.oneof(
          fc.record({ kind: fc.constant('put' as const), key: keyArb, spec: specArb }),
          fc.record({ kind: fc.constant('delete' as const), key: keyArb }),
        ),
        { minLength: 1, maxLength: 5, selector: (a) => id(a.key) },
      ),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('tx' as const),
      actions: fc.uniqueArray(
        fc.oneof(
          fc.record({ kind: fc.constant('put' as const), key: keyArb, spec: specArb, cond: condArb }),
          fc.record({ kind: fc.constant('update' as const), key: keyArb, ops: fc.array(opArb, { maxLength: 3 }), cond: condArb }),
          fc.record({ kind: fc.constant('delete' as const), key: keyArb, cond: condArb }),
          fc.record({ kind: fc.constant('check' as const), key: keyArb, cond: strictCondArb }),
        ),
        { minLength: 1, maxLength: 4, selector: (a) => id(a.key) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), index: fc.nat(20) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rollover' as const), index: fc.nat(20) }) },
  // Up to 2.5 rollover periods, and past the TTL of many items (expIn is at most 150 s).
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 150_000 }) }) },
)

function plain(item: unknown): Plain {
  const source = item as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const name of Object.keys(source).sort()) {
    const value = source[name]
    out[name] = value instanceof Set ? [...(value as Set<string>)].sort() : value
  }
  return out as Plain
}

function samePlain(a: Plain | undefined, b: Plain | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}

function holds(cond: CondKind, current: { v?: number } | undefined): boolean {
  switch (cond) {
    case 'none':
      return true
    case 'exists':
      return current !== undefined
    case 'absent':
      return current === undefined
    case 'v0':
      return current?.v === 0
    case 'never':
      return false
  }
}

/** What the stream must hold for one item: its events in order. */
type Expected = { eventName: 'INSERT' | 'MODIFY' | 'DELETE'; before: Plain | undefined; after: Plain | undefined; ttl: boolean }

// ---------------------------------------------------------------------------------------------------------------------
// Running commands against a store and the model together.

interface Run {
  viewType: ViewType
  initial: number
  splitAbovePerSecond: number
  readLimit: number
  scanLimit: number
  commands: Command[]
}

function execute(run: Run) {
  const clock = new ManualClock(T0)
  const store = createStore({ clock, shards: { initial: run.initial, splitAbovePerSecond: run.splitAbovePerSecond, rolloverMs: ROLLOVER_MS } })
  const table = store.createTable<Item>()({ name: 'items', partitionKey: 'pk', sortKey: 'sk', ttlAttribute: 'exp', stream: { viewType: run.viewType } })
  const stream = table.stream
  const model = new Map<string, Plain>()
  const expected = new Map<string, Expected[]>()
  let changes = 0

  const record = (k: string, before: Plain | undefined, after: Plain | undefined, ttl = false): boolean => {
    if (samePlain(before, after)) return false
    const eventName = before === undefined ? 'INSERT' : after === undefined ? 'DELETE' : 'MODIFY'
    const list = expected.get(k) ?? []
    list.push({ eventName, before, after, ttl })
    expected.set(k, list)
    changes++
    return true
  }
  const setModel = (k: string, after: Plain | undefined): void => {
    if (after === undefined) model.delete(k)
    else model.set(k, after)
  }
  const nowSeconds = (): number => Math.floor(clock.now() / 1000)

  function build(key: Key, spec: Spec): Item {
    const item: Item = { pk: key.pk, sk: key.sk }
    if (spec.v !== undefined) item.v = spec.v
    if (spec.tags !== undefined) item.tags = new Set(spec.tags)
    if (spec.expIn !== undefined) item.exp = nowSeconds() + spec.expIn
    return item
  }
  function applyOps(base: Plain | undefined, key: Key, ops: readonly Op[], exp: (n: number) => number): Plain {
    const next: Record<string, unknown> = { ...(base ?? { pk: key.pk, sk: key.sk }) }
    for (const o of ops) {
      if (o.op === 'setV') next.v = o.n
      else if (o.op === 'delV') delete next.v
      else if (o.op === 'setTags') next.tags = [...new Set(o.tags)].sort()
      else if (o.op === 'delTags') delete next.tags
      else if (o.op === 'setExp') next.exp = exp(o.in)
      else delete next.exp
    }
    return plain(next)
  }
  function recipe(ops: readonly Op[]) {
    return (draft: { v?: number; tags?: Set<string>; exp?: number }) => {
      for (const o of ops) {
        if (o.op === 'setV') draft.v = o.n
        else if (o.op === 'delV') delete draft.v
        else if (o.op === 'setTags') draft.tags = new Set(o.tags)
        else if (o.op === 'delTags') delete draft.tags
        else if (o.op === 'setExp') draft.exp = nowSeconds() + o.in
        else delete draft.exp
      }
    }
  }
  const condition = (cond: CondKind) => (cond === 'none' ? undefined : (current: { v?: number } | undefined) => holds(cond, current))
  const withCondition = (cond: CondKind) => {
    const c = condition(cond)
    return c === undefined ? undefined : { condition: c }
  }
  const expectConditionFailure = (fn: () => unknown, code: string): void => {
    let thrown: unknown
    try {
      fn()
    } catch (error) {
      thrown = error
    }
    expect(isStreamtableError(thrown) && thrown.code).toBe(code)
  }

  for (const command of run.commands) {
    switch (command.kind) {
      case 'put': {
        const k = id(command.key)
        const before = model.get(k)
        const item = build(command.key, command.spec)
        if (!holds(command.cond, before)) {
          expectConditionFailure(() => table.put(item, withCondition(command.cond)), 'ConditionalCheckFailedException')
          break
        }
        const after = plain(item)
        const result = table.put(item, withCondition(command.cond))
        expect(result.changed).toBe(record(k, before, after))
        setModel(k, after)
        break
      }
      case 'update': {
        const k = id(command.key)
        const before = model.get(k)
        if (!holds(command.cond, before)) {
          expectConditionFailure(() => table.update(command.key, recipe(command.ops), withCondition(command.cond)), 'ConditionalCheckFailedException')
          break
        }
        const after = applyOps(before, command.key, command.ops, (n) => nowSeconds() + n)
        const result = table.update(command.key, recipe(command.ops), withCondition(command.cond))
        expect(result.changed).toBe(record(k, before, after))
        setModel(k, after)
        break
      }
      case 'delete': {
        const k = id(command.key)
        const before = model.get(k)
        if (!holds(command.cond, before)) {
          expectConditionFailure(() => table.delete(command.key, withCondition(command.cond)), 'ConditionalCheckFailedException')
          break
        }
        const result = table.delete(command.key, withCondition(command.cond))
        expect(result.changed).toBe(record(k, before, undefined))
        setModel(k, undefined)
        break
      }
      case 'batch': {
        const items = command.actions.map((a) => (a.kind === 'put' ? build(a.key, a.spec) : undefined))
        const result = store.batchWrite((batch) => {
          command.actions.forEach((a, i) => {
            if (a.kind === 'put') batch.put(table, items[i] as Item)
            else batch.delete(table, a.key)
          })
        })
        let changed = 0
        command.actions.forEach((a, i) => {
          const k = id(a.key)
          const after = a.kind === 'put' ? plain(items[i]) : undefined
          if (record(k, model.get(k), after)) changed++
          setModel(k, after)
        })
        expect(result.changedItems).toBe(changed)
        break
      }
      case 'tx': {
        const items = command.actions.map((a) => (a.kind === 'put' ? build(a.key, a.spec) : undefined))
        const run = () =>
          store.transact((tx) => {
            command.actions.forEach((a, i) => {
              const c = condition(a.cond)
              const options = c === undefined ? undefined : { condition: c }
              if (a.kind === 'put') tx.put(table, items[i] as Item, options)
              else if (a.kind === 'update') tx.update(table, a.key, recipe(a.ops), options)
              else if (a.kind === 'delete') tx.delete(table, a.key, options)
              else tx.check(table, a.key, c ?? (() => true))
            })
          })
        if (!command.actions.every((a) => holds(a.cond, model.get(id(a.key))))) {
          expectConditionFailure(run, 'TransactionCanceledException')
          break
        }
        const result = run()
        let changed = 0
        command.actions.forEach((a, i) => {
          if (a.kind === 'check') return
          const k = id(a.key)
          const before = model.get(k)
          const after = a.kind === 'put' ? plain(items[i]) : a.kind === 'update' ? applyOps(before, a.key, a.ops, (n) => nowSeconds() + n) : undefined
          if (record(k, before, after)) changed++
          setModel(k, after)
        })
        expect(result.changedItems).toBe(changed)
        break
      }
      case 'split':
      case 'rollover': {
        const open = stream.describe().shards.filter((s) => s.sequenceNumberRange.endingSequenceNumber === undefined)
        const target = open[command.index % open.length] as ShardDescription
        if (command.kind === 'split') stream.splitShard(target.shardId)
        else stream.rolloverShard(target.shardId)
        break
      }
      case 'advance': {
        const to = clock.now() + command.ms
        // TTL deletes: every item whose expiry (epoch seconds) has come by the new time.
        const due = [...model].filter(([, item]) => item.exp !== undefined && item.exp * 1000 <= to).sort((a, b) => (a[1].exp as number) - (b[1].exp as number))
        clock.advance(command.ms)
        for (const [k, before] of due) {
          record(k, before, undefined, true)
          setModel(k, undefined)
        }
        break
      }
    }
  }
  return { clock, store, table, stream, model, expected, changes }
}

function scanAll(table: ReturnType<typeof execute>['table'], limit: number): Map<string, Plain> {
  const out = new Map<string, Plain>()
  let start: { pk: string; sk: number } | undefined
  for (let pages = 0; pages < 1000; pages++) {
    const page = table.scan(start === undefined ? { limit } : { limit, exclusiveStartKey: start })
    for (const item of page.items) out.set(id(item), plain(item))
    if (page.lastEvaluatedKey === undefined) return out
    start = { pk: page.lastEvaluatedKey.pk, sk: page.lastEvaluatedKey.sk }
  }
  throw new Error('scan did not end')
}

function runArb(viewType: fc.Arbitrary<ViewType>): fc.Arbitrary<Run> {
  return fc.record({
    viewType,
    initial: fc.integer({ min: 1, max: 4 }),
    splitAbovePerSecond: fc.integer({ min: 3, max: 30 }),
    readLimit: fc.integer({ min: 1, max: 50 }),
    scanLimit: fc.integer({ min: 1, max: 10 }),
    commands: fc.array(commandArb, { minLength: 1, maxLength: 60, size: 'max' }),
  })
}

// ---------------------------------------------------------------------------------------------------------------------

describe('properties of the stream under random writes, splits, rollovers and TTL expiry', () => {
  it('(1) replaying every shard in lineage order reproduces the table (NEW_AND_OLD_IMAGES)', () => {
    fc.assert(
      fc.property(runArb(fc.constant<ViewType>('NEW_AND_OLD_IMAGES')), (run) => {
        const { table, stream, model } = execute(run)
        const { records } = readLineage(stream, run.readLimit)
        const replayed = new Map<string, Plain>()
        for (const r of records) {
          const k = id(r.keys)
          const current = replayed.get(k)
          // The old image is exactly what the replay holds for the item: nothing was lost or reordered.
          if (r.eventName === 'INSERT') {
            expect(current).toBeUndefined()
            expect(r.oldImage).toBeUndefined()
          } else expect(plain(r.oldImage)).toEqual(current)
          if (r.eventName === 'DELETE') {
            expect(r.newImage).toBeUndefined()
            replayed.delete(k)
          } else replayed.set(k, plain(r.newImage))
        }
        const scanned = scanAll(table, run.scanLimit)
        expect(replayed).toEqual(scanned)
        expect(scanned).toEqual(model)
        expect(table.count()).toBe(model.size)
      }),
      { numRuns: 100 },
    )
  }, 60_000)

  it('(2) per item, sequence numbers strictly increase; per shard, the ranges hold', () => {
    fc.assert(
      fc.property(runArb(fc.constantFrom<ViewType>('KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES')), (run) => {
        const { stream } = execute(run)
        const shards = allShards(stream)
        const byId = new Map(shards.map((s) => [s.shardId, s]))
        for (const shard of shards) {
          const { records, closedAndDone } = readShard(stream, shard.shardId, run.readLimit)
          const start = seq(shard.sequenceNumberRange.startingSequenceNumber)
          const ending = shard.sequenceNumberRange.endingSequenceNumber
          expect(closedAndDone).toBe(ending !== undefined)
          let previous = start
          for (const r of records) {
            expect(r.shardId).toBe(shard.shardId)
            expect(seq(r)).toBeGreaterThan(previous)
            previous = seq(r)
          }
          if (ending !== undefined) expect(seq(ending)).toBeGreaterThanOrEqual(previous)
          const parent = shard.parentShardId === undefined ? undefined : byId.get(shard.parentShardId)
          if (parent !== undefined) expect(start).toBeGreaterThan(seq(parent.sequenceNumberRange.endingSequenceNumber as string))
        }
        const { records } = readLineage(stream, run.readLimit)
        const last = new Map<string, bigint>()
        for (const r of records) {
          const k = id(r.keys)
          const previous = last.get(k)
          if (previous !== undefined) expect(seq(r)).toBeGreaterThan(previous)
          last.set(k, seq(r))
        }
      }),
      { numRuns: 100 },
    )
  }, 60_000)

  it('(3) every write that changes an item yields exactly one record, every no-op none', () => {
    fc.assert(
      fc.property(runArb(fc.constantFrom<ViewType>('KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES')), (run) => {
        const { stream, expected, changes } = execute(run)
        const { records } = readLineage(stream, run.readLimit)
        expect(records).toHaveLength(changes)
        expect(new Set(records.map((r) => r.eventId)).size).toBe(changes)
        const actual = new Map<string, typeof records>()
        for (const r of records) actual.set(id(r.keys), [...(actual.get(id(r.keys)) ?? []), r])
        expect(new Set(actual.keys())).toEqual(new Set(expected.keys()))
        const hasNew = run.viewType === 'NEW_IMAGE' || run.viewType === 'NEW_AND_OLD_IMAGES'
        const hasOld = run.viewType === 'OLD_IMAGE' || run.viewType === 'NEW_AND_OLD_IMAGES'
        for (const [k, events] of expected) {
          const got = actual.get(k) ?? []
          expect(got.map((r) => r.eventName)).toEqual(events.map((e) => e.eventName))
          events.forEach((e, i) => {
            const r = got[i] as (typeof records)[number]
            expect(r.viewType).toBe(run.viewType)
            expect(plain(r.keys)).toEqual({ pk: (e.after ?? e.before)?.pk, sk: (e.after ?? e.before)?.sk })
            if (hasNew && e.after !== undefined) expect(plain(r.newImage)).toEqual(e.after)
            else expect(r).not.toHaveProperty('newImage')
            if (hasOld && e.before !== undefined) expect(plain(r.oldImage)).toEqual(e.before)
            else expect(r).not.toHaveProperty('oldImage')
            if (e.ttl) expect(r.userIdentity).toEqual({ type: 'Service', principalId: 'dynamodb.amazonaws.com' })
            else expect(r).not.toHaveProperty('userIdentity')
          })
        }
      }),
      { numRuns: 100 },
    )
  }, 60_000)
})
