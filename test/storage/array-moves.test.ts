import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { insertAt, insertPairAt, removeAt, removePairAt, shift, shiftPair } from '../../src/storage/array-moves.js'

// Each move must leave the array exactly as the plain splice would, for short moves (done by hand) and long ones
// (left to splice) alike.
const arrays = fc.array(fc.integer(), { maxLength: 90 })

function pairsOf(values: readonly number[]): number[] {
  return values.flatMap((v) => [v, -v])
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

  it('shift moves one element to another place with its new value', () => {
    fc.assert(
      fc.property(arrays.filter((a) => a.length > 0), fc.nat(), fc.nat(), fc.integer(), (values, f, t, value) => {
        const from = f % values.length
        const to = t % values.length
        const expected = values.filter((_, i) => i !== from)
        expected.splice(to, 0, value)
        const moved = [...values]
        shift(moved, from, to, value)
        expect(moved).toEqual(expected)
      }),
    )
  })

  it('the pair moves do to pairs what the single moves do to elements', () => {
    fc.assert(
      fc.property(arrays, fc.nat(), fc.nat(), fc.integer(), (values, f, t, value) => {
        const at = f % (values.length + 1)
        const inserted = pairsOf(values)
        insertPairAt(inserted, at, value, -value)
        const single = [...values]
        insertAt(single, at, value)
        expect(inserted).toEqual(pairsOf(single))
        if (values.length === 0) return
        const from = f % values.length
        const to = t % values.length
        const removed = pairsOf(values)
        removePairAt(removed, from)
        expect(removed).toEqual(pairsOf(values.filter((_, i) => i !== from)))
        const moved = pairsOf(values)
        shiftPair(moved, from, to, value, -value)
        const shifted = [...values]
        shift(shifted, from, to, value)
        expect(moved).toEqual(pairsOf(shifted))
      }),
    )
  })
})
