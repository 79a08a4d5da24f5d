import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { insertAt, insertPairAt, insertTripleAt, removeAt, removeRecordAt, shiftTriple } from '../../src/storage/array-moves.js'

// Each move must leave the array exactly as the plain splice would, for short moves (done by hand) and long ones
// (left to splice) alike.
const arrays = fc.array(fc.integer(), { maxLength: 90 })

function pairsOf(values: readonly number[]): number[] {
  return values.flatMap((v) => [v, -v])
}

function triplesOf(values: readonly number[]): number[] {
  return values.flatMap((v) => [v, -v, 2 * v])
}

describe('array moves', () => {
  it('insertAt and removeAt do what splice does', () => {
    fc.assert(
      fc.property(arrays, fc.nat(), fc.integer(), (values, seed, value) => {
        const at = seed % (values.length + 1)
        const inserted = [...values]
        insertAt(inserted, at, value)
        expect(inserted).toEqual([...values.slice(0, at), value, ...values.slice(at)])
        if (values.length === 0) return
        const removed = [...values]
        removeAt(removed, at % values.length)
        expect(removed).toEqual(values.filter((_, i) => i !== at % values.length))
      }),
    )
  })

  it('the pair moves insert and remove whole pairs as splice does elements', () => {
    fc.assert(
      fc.property(arrays, fc.nat(), fc.integer(), (values, f, value) => {
        const at = f % (values.length + 1)
        const inserted = pairsOf(values)
        insertPairAt(inserted, at, value, -value)
        expect(inserted).toEqual(pairsOf([...values.slice(0, at), value, ...values.slice(at)]))
        if (values.length === 0) return
        const from = f % values.length
        const removed = pairsOf(values)
        removeRecordAt(removed, from, 2)
        expect(removed).toEqual(pairsOf(values.filter((_, i) => i !== from)))
      }),
    )
  })

  it('the triple moves insert, remove and move whole triples as splice does elements', () => {
    fc.assert(
      fc.property(arrays, fc.nat(), fc.nat(), fc.integer(), (values, f, t, value) => {
        const at = f % (values.length + 1)
        const inserted = triplesOf(values)
        insertTripleAt(inserted, at, value, -value, 2 * value)
        expect(inserted).toEqual(triplesOf([...values.slice(0, at), value, ...values.slice(at)]))
        if (values.length === 0) return
        const from = f % values.length
        const to = t % values.length
        const removed = triplesOf(values)
        removeRecordAt(removed, from, 3)
        expect(removed).toEqual(triplesOf(values.filter((_, i) => i !== from)))
        const moved = triplesOf(values)
        shiftTriple(moved, from, to, value, -value, 2 * value)
        const shifted = values.filter((_, i) => i !== from)
        shifted.splice(to, 0, value)
        expect(moved).toEqual(triplesOf(shifted))
      }),
    )
  })
})
