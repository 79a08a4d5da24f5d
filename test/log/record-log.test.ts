import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AttributeMap } from '../../src/values/admission.js'
import { CellPages, RecordKind, RecordLog } from '../../src/log/record-log.js'

// ---------------------------------------------------------------------------------------------------------------------
// A model of the log: the records it should hold, oldest first, and the answers a linear search gives.

interface Rec {
  readonly kind: RecordKind
  readonly keys: AttributeMap
  readonly newImage: AttributeMap | undefined
  readonly oldImage: AttributeMap | undefined
  readonly sizeBytes: number
  readonly createdAt: number
  readonly counter: number
}

import { T0 } from '../helpers/time.js'
import { seededRandom } from '../../src/testing.js'
const KINDS: readonly RecordKind[] = [RecordKind.Insert, RecordKind.Modify, RecordKind.Delete, RecordKind.TtlDelete]

// Positions (over every record ever appended) where a new chunk starts: 32, 64, 128, ... then 4,096 at a time.
const CHUNK_STARTS: readonly number[] = (() => {
  const starts: number[] = []
  let start = 0
  let capacity = 32
  while (start < 40_000) {
    start += capacity
    starts.push(start)
    capacity = Math.min(capacity * 2, 4096)
  }
  return starts
})()

/** A record whose every field tells which one it is, with images as the kind would have them. */
function makeRec(serial: number, counter: number, createdAt: number): Rec {
  const kind = KINDS[serial % KINDS.length] as RecordKind
  return {
    kind,
    keys: { id: serial },
    newImage: kind === RecordKind.Insert || kind === RecordKind.Modify ? { id: serial, v: 'new' } : undefined,
    oldImage: kind === RecordKind.Insert ? undefined : { id: serial, v: 'old' },
    sizeBytes: 1 + (serial % 997) * 3,
    createdAt,
    counter,
  }
}

function appendRec(log: RecordLog, model: Rec[], rec: Rec): void {
  log.append(rec.kind, rec.keys, rec.newImage, rec.oldImage, rec.sizeBytes, rec.createdAt, rec.counter)
  model.push(rec)
}

function modelSeekCounter(model: readonly Rec[], counter: number, after: boolean): number {
  const i = model.findIndex((r) => (after ? r.counter > counter : r.counter >= counter))
  return i === -1 ? model.length : i
}

function modelSeekCreatedAt(model: readonly Rec[], timeMs: number): number {
  const i = model.findIndex((r) => r.createdAt >= timeMs)
  return i === -1 ? model.length : i
}

// Thousands of records are compared at a time: a plain comparison first, and expect only for a mismatch, which keeps
// its message (field and index) without paying for an assertion per value.
function expectRecords(log: RecordLog, model: readonly Rec[]): void {
  expect(log.length).toBe(model.length)
  for (let i = 0; i < model.length; i++) {
    const r = model[i] as Rec
    if (
      log.kindOf(i) !== r.kind ||
      log.keysOf(i) !== r.keys ||
      log.newImageOf(i) !== r.newImage ||
      log.oldImageOf(i) !== r.oldImage ||
      log.sizeBytesOf(i) !== r.sizeBytes ||
      log.createdAtOf(i) !== r.createdAt ||
      log.counterOf(i) !== r.counter
    ) {
      const actual = { kind: log.kindOf(i), keys: log.keysOf(i), newImage: log.newImageOf(i), oldImage: log.oldImageOf(i), sizeBytes: log.sizeBytesOf(i), createdAt: log.createdAtOf(i), counter: log.counterOf(i) }
      expect({ index: i, ...actual }).toStrictEqual({ index: i, ...r })
      expect(log.keysOf(i)).toBe(r.keys)
      expect(log.newImageOf(i)).toBe(r.newImage)
      expect(log.oldImageOf(i)).toBe(r.oldImage)
    }
  }
}

function expectSeekCounter(log: RecordLog, model: readonly Rec[], counter: number, after: boolean): void {
  const expected = modelSeekCounter(model, counter, after)
  const actual = log.seekCounter(counter, after)
  if (actual !== expected) expect({ seekCounter: counter, after, index: actual }).toEqual({ seekCounter: counter, after, index: expected })
}

function expectSeekCreatedAt(log: RecordLog, model: readonly Rec[], timeMs: number): void {
  const expected = modelSeekCreatedAt(model, timeMs)
  const actual = log.seekCreatedAt(timeMs)
  if (actual !== expected) expect({ seekCreatedAt: timeMs, index: actual }).toEqual({ seekCreatedAt: timeMs, index: expected })
}

/** Probes around up to `samples` held records (exact hits, one below, one above, halfway) and beyond both ends. */
function expectSeeksAround(log: RecordLog, model: readonly Rec[], samples: number): void {
  const probes = new Set<number>()
  const times = new Set<number>()
  if (model.length === 0) {
    for (const p of [-1, 0, 1, T0]) {
      probes.add(p)
      times.add(p)
    }
  }
  const step = Math.max(1, Math.floor(model.length / samples))
  const indices: number[] = []
  for (let i = 0; i < model.length; i += step) indices.push(i)
  if (model.length > 0) indices.push(model.length - 1)
  for (const i of indices) {
    const r = model[i] as Rec
    for (const d of [-1, -0.5, 0, 0.5, 1]) {
      probes.add(r.counter + d)
      times.add(r.createdAt + d)
    }
  }
  for (const p of probes) {
    expectSeekCounter(log, model, p, false)
    expectSeekCounter(log, model, p, true)
  }
  for (const t of times) expectSeekCreatedAt(log, model, t)
}

/** Appends `count` records: counters 100, 103, 106, ...; seven records per millisecond. */
function filled(count: number): { log: RecordLog; model: Rec[] } {
  const log = new RecordLog(new CellPages())
  const model: Rec[] = []
  for (let i = 0; i < count; i++) appendRec(log, model, makeRec(i, 100 + 3 * i, T0 + Math.floor(i / 7)))
  return { log, model }
}

// ---------------------------------------------------------------------------------------------------------------------

describe('RecordLog', () => {
  it('is empty at first, and every seek finds index 0', () => {
    const log = new RecordLog(new CellPages())
    expect(log.length).toBe(0)
    expect(log.seekCounter(0, false)).toBe(0)
    expect(log.seekCounter(0, true)).toBe(0)
    expect(log.seekCounter(Number.MAX_SAFE_INTEGER, true)).toBe(0)
    expect(log.seekCreatedAt(0)).toBe(0)
    expect(log.seekCreatedAt(T0)).toBe(0)
    log.dropFirst(0)
    expect(log.length).toBe(0)
    expect(log.seekCounter(1, false)).toBe(0)
  })

  it('holds one record', () => {
    const log = new RecordLog(new CellPages())
    const keys = { pk: 'a' }
    const newImage = { pk: 'a', n: 1 }
    log.append(RecordKind.Insert, keys, newImage, undefined, 17, T0, 5)
    expect(log.length).toBe(1)
    expect(log.kindOf(0)).toBe(RecordKind.Insert)
    expect(log.keysOf(0)).toBe(keys)
    expect(log.newImageOf(0)).toBe(newImage)
    expect(log.oldImageOf(0)).toBeUndefined()
    expect(log.sizeBytesOf(0)).toBe(17)
    expect(log.createdAtOf(0)).toBe(T0)
    expect(log.counterOf(0)).toBe(5)
    expect([log.seekCounter(4, false), log.seekCounter(5, false), log.seekCounter(5, true), log.seekCounter(6, false)]).toEqual([0, 0, 1, 1])
    expect([log.seekCreatedAt(T0 - 1), log.seekCreatedAt(T0), log.seekCreatedAt(T0 + 1)]).toEqual([0, 0, 1])
  })

  it('reads back every field of 10,000 records, across many chunks', () => {
    const { log, model } = filled(10_000)
    expectRecords(log, model)
    // Every kind, with and without images, is among them.
    expect(new Set(model.map((r) => r.kind))).toEqual(new Set(KINDS))
  })

  it('keeps the exact value of large counters, sizes and fractional times', () => {
    const log = new RecordLog(new CellPages())
    const big = Number.MAX_SAFE_INTEGER - 10
    log.append(RecordKind.Modify, { k: 1 }, { k: 1 }, { k: 1 }, 409_600, T0 + 0.25, big)
    log.append(RecordKind.TtlDelete, { k: 2 }, undefined, { k: 2 }, 1, T0 + 0.5, big + 1)
    expect([log.counterOf(0), log.counterOf(1)]).toEqual([big, big + 1])
    expect([log.createdAtOf(0), log.createdAtOf(1)]).toEqual([T0 + 0.25, T0 + 0.5])
    expect([log.sizeBytesOf(0), log.kindOf(1)]).toEqual([409_600, RecordKind.TtlDelete])
    expect(log.seekCounter(big, true)).toBe(1)
    expect(log.seekCreatedAt(T0 + 0.3)).toBe(1)
  })

  it('finds every record by counter and by creation time', () => {
    const { log, model } = filled(10_000)
    for (let i = 0; i < model.length; i++) {
      const c = 100 + 3 * i
      // Counters go up by 3: the two values in each gap lead to the next record.
      if (log.seekCounter(c, false) !== i) expect({ c, index: log.seekCounter(c, false) }).toEqual({ c, index: i })
      if (log.seekCounter(c, true) !== i + 1) expect({ c, after: true, index: log.seekCounter(c, true) }).toEqual({ c, after: true, index: i + 1 })
      if (log.seekCounter(c - 1, false) !== i) expect({ c: c - 1, index: log.seekCounter(c - 1, false) }).toEqual({ c: c - 1, index: i })
      if (log.seekCounter(c - 2, true) !== i) expect({ c: c - 2, after: true, index: log.seekCounter(c - 2, true) }).toEqual({ c: c - 2, after: true, index: i })
    }
    // Seven records share each millisecond: the first of them is found.
    for (let ms = 0; ms * 7 < model.length; ms++) {
      if (log.seekCreatedAt(T0 + ms) !== ms * 7) expect({ ms, index: log.seekCreatedAt(T0 + ms) }).toEqual({ ms, index: ms * 7 })
      if (log.seekCreatedAt(T0 + ms - 0.5) !== ms * 7) expect({ ms: ms - 0.5, index: log.seekCreatedAt(T0 + ms - 0.5) }).toEqual({ ms: ms - 0.5, index: ms * 7 })
    }
  })

  it('seeks to the first and last record, and beyond both ends', () => {
    const { log, model } = filled(5000)
    const last = model.length - 1
    const lastCounter = 100 + 3 * last
    expect(log.seekCounter(100, false)).toBe(0)
    expect(log.seekCounter(100, true)).toBe(1)
    expect(log.seekCounter(-1e15, false)).toBe(0)
    expect(log.seekCounter(-1e15, true)).toBe(0)
    expect(log.seekCounter(99, true)).toBe(0)
    expect(log.seekCounter(lastCounter, false)).toBe(last)
    expect(log.seekCounter(lastCounter, true)).toBe(model.length)
    expect(log.seekCounter(lastCounter - 1, true)).toBe(last)
    expect(log.seekCounter(lastCounter + 1, false)).toBe(model.length)
    expect(log.seekCounter(1e15, true)).toBe(model.length)
    expect(log.seekCreatedAt(0)).toBe(0)
    expect(log.seekCreatedAt(T0)).toBe(0)
    expect(log.seekCreatedAt(model[last]!.createdAt)).toBe(last - (last % 7))
    expect(log.seekCreatedAt(model[last]!.createdAt + 1)).toBe(model.length)
    expect(log.seekCreatedAt(Number.POSITIVE_INFINITY)).toBe(model.length)
    expect(log.seekCounter(Number.NEGATIVE_INFINITY, false)).toBe(0)
    expect(log.seekCounter(Number.POSITIVE_INFINITY, false)).toBe(model.length)
  })

  it('seeks when every record has the same creation time', () => {
    const log = new RecordLog(new CellPages())
    const model: Rec[] = []
    for (let i = 0; i < 300; i++) appendRec(log, model, makeRec(i, i + 1, T0))
    expect(log.seekCreatedAt(T0)).toBe(0)
    expect(log.seekCreatedAt(T0 - 1)).toBe(0)
    expect(log.seekCreatedAt(T0 + 1)).toBe(300)
    log.dropFirst(100)
    expect(log.seekCreatedAt(T0)).toBe(0)
    expect(log.seekCreatedAt(T0 + 1)).toBe(200)
  })

  it('drops records one call at a time up to, at and past chunk boundaries', () => {
    const { log, model } = filled(10_000)
    const targets = [0, 1, 31, 32, 33, 95, 96, 97, 223, 224, 225, 479, 480, 992, 2015, 2016, 2017, 4064, 8159, 8160, 8161, 9999, 10_000]
    let dropped = 0
    for (const target of targets) {
      log.dropFirst(target - dropped)
      model.splice(0, target - dropped)
      dropped = target
      expectRecords(log, model)
      expectSeeksAround(log, model, 50)
    }
    expect(log.length).toBe(0)
  })

  it('drops many chunks in one call, stopping before, at or after a boundary', () => {
    for (const count of [31, 32, 33, 2015, 2016, 2017, 4063, 4064, 4065, 8160, 9000]) {
      const { log, model } = filled(10_000)
      log.dropFirst(count)
      model.splice(0, count)
      expectRecords(log, model)
      expectSeeksAround(log, model, 100)
      // Records dropped are out of reach: probes at their counters and times lead to the oldest one held.
      expect(log.seekCounter(100, false)).toBe(0)
      expect(log.seekCounter(100 + 3 * (count - 1), true)).toBe(0)
      expect(log.seekCreatedAt(T0)).toBe(0)
    }
  })

  it('drops everything, then takes new records and finds them', () => {
    // Emptied exactly at a chunk's end, inside a chunk, and after several chunks.
    for (const first of [32, 50, 96, 224, 4064, 5000]) {
      const { log, model } = filled(first)
      log.dropFirst(first)
      model.length = 0
      expect(log.length).toBe(0)
      expect(log.seekCounter(100, false)).toBe(0)
      expect(log.seekCreatedAt(T0 + 1e9)).toBe(0)
      for (let i = first; i < first + 3000; i++) appendRec(log, model, makeRec(i, 100 + 3 * i, T0 + Math.floor(i / 7)))
      expectRecords(log, model)
      expectSeeksAround(log, model, 100)
      // A second round: emptied again, then refilled, with a leftover record from before the drop.
      log.dropFirst(log.length - 1)
      model.splice(0, model.length - 1)
      expectRecords(log, model)
      log.dropFirst(1)
      model.length = 0
      for (let i = first + 3000; i < first + 3100; i++) appendRec(log, model, makeRec(i, 100 + 3 * i, T0 + Math.floor(i / 7)))
      expectRecords(log, model)
      expectSeeksAround(log, model, 100)
    }
  })

  it('alternates appends and drops like a shard under retention', () => {
    const log = new RecordLog(new CellPages())
    const model: Rec[] = []
    let serial = 0
    for (let round = 0; round < 40; round++) {
      for (let i = 0; i < 250; i++, serial++) appendRec(log, model, makeRec(serial, 10 + 2 * serial, T0 + serial * 10))
      const cutoff = T0 + (serial - 300) * 10
      const drop = log.seekCreatedAt(cutoff)
      expect(drop).toBe(modelSeekCreatedAt(model, cutoff))
      log.dropFirst(drop)
      model.splice(0, drop)
      expect(log.length).toBe(Math.min(300, serial))
    }
    expectRecords(log, model)
    expectSeeksAround(log, model, 300)
  })
})

// ---------------------------------------------------------------------------------------------------------------------
// Random sequences of appends, drops and seeks, checked against the model.

type Op =
  | { op: 'append'; count: number; maxGap: number; maxStep: number; seed: number }
  | { op: 'drop'; fraction: number }
  | { op: 'dropToBoundary'; delta: number }
  | { op: 'dropAll' }
  | { op: 'seekCounter'; probes: { at: number; offset: number; after: boolean }[] }
  | { op: 'seekCreatedAt'; probes: { at: number; offset: number }[] }

// Mostly short appends, some of thousands: a run of a dozen operations then spans from one chunk to a dozen.
const countArb = fc.oneof({ arbitrary: fc.integer({ min: 1, max: 40 }), weight: 4 }, { arbitrary: fc.integer({ min: 1, max: 600 }), weight: 3 }, { arbitrary: fc.integer({ min: 1000, max: 6000 }), weight: 2 })

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    arbitrary: fc.record({
      op: fc.constant('append' as const),
      count: countArb,
      // Gap 1 means consecutive counters; a step of 0 repeats the creation time.
      maxGap: fc.constantFrom(1, 2, 5, 1000),
      maxStep: fc.constantFrom(0, 1, 3, 100),
      seed: fc.integer(),
    }),
    weight: 4,
  },
  { arbitrary: fc.record({ op: fc.constant('drop' as const), fraction: fc.double({ min: 0, max: 1, noNaN: true }) }), weight: 2 },
  { arbitrary: fc.record({ op: fc.constant('dropToBoundary' as const), delta: fc.integer({ min: -1, max: 1 }) }), weight: 2 },
  { arbitrary: fc.constant({ op: 'dropAll' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant('seekCounter' as const),
      // `at` picks a held record (or past either end); `offset` lands on it, in a gap, or beyond.
      probes: fc.array(fc.record({ at: fc.double({ min: -0.1, max: 1.1, noNaN: true }), offset: fc.constantFrom(-2, -1, -0.5, 0, 0, 0, 0.5, 1, 2, 1e6, -1e6), after: fc.boolean() }), { minLength: 1, maxLength: 20 }),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record({
      op: fc.constant('seekCreatedAt' as const),
      probes: fc.array(fc.record({ at: fc.double({ min: -0.1, max: 1.1, noNaN: true }), offset: fc.constantFrom(-1, -0.5, 0, 0, 0, 0.5, 1, 1e6, -1e6) }), { minLength: 1, maxLength: 20 }),
    }),
    weight: 2,
  },
)

/** The value a probe aims at: a held record's value plus the offset, or a value past either end. */
function probeValue(model: readonly Rec[], at: number, offset: number, field: 'counter' | 'createdAt', fallback: number): number {
  if (model.length === 0) return fallback + offset
  if (at < 0) return (model[0] as Rec)[field] - 1 + offset
  if (at >= 1) return (model[model.length - 1] as Rec)[field] + 1 + offset
  return (model[Math.floor(at * model.length)] as Rec)[field] + offset
}

describe('RecordLog against a model', () => {
  it('agrees on every field and every seek through random appends, drops and seeks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.array(opArb, { minLength: 1, maxLength: 14 }), (firstCounter, ops) => {
        const log = new RecordLog(new CellPages())
        const model: Rec[] = []
        let serial = 0
        let nextCounter = firstCounter
        let time = T0
        let dropped = 0
        const drop = (k: number) => {
          log.dropFirst(k)
          model.splice(0, k)
          dropped += k
        }
        for (const o of ops) {
          switch (o.op) {
            case 'append': {
              const random = seededRandom(o.seed)
              for (let i = 0; i < o.count; i++) {
                appendRec(log, model, makeRec(serial++, nextCounter, time))
                nextCounter += 1 + Math.floor(random() * o.maxGap)
                time += Math.floor(random() * (o.maxStep + 1))
              }
              break
            }
            case 'drop':
              drop(Math.min(model.length, Math.floor(o.fraction * (model.length + 1))))
              break
            case 'dropToBoundary': {
              // The first chunk start past the oldest record held, give or take one: a drop ending there.
              const boundary = CHUNK_STARTS.find((s) => s > dropped) as number
              const k = boundary + o.delta - dropped
              if (k >= 0 && k <= model.length) drop(k)
              break
            }
            case 'dropAll':
              drop(model.length)
              break
            case 'seekCounter':
              for (const p of o.probes) expectSeekCounter(log, model, probeValue(model, p.at, p.offset, 'counter', nextCounter), p.after)
              break
            case 'seekCreatedAt':
              for (const p of o.probes) expectSeekCreatedAt(log, model, probeValue(model, p.at, p.offset, 'createdAt', time))
              break
          }
          expectRecords(log, model)
        }
        expectSeeksAround(log, model, 40)
      }),
      { numRuns: 150 },
    )
  })
})
