import deepEqual from 'fast-deep-equal/es6/index.js'
import type { AttributeMap } from './admission.js'
import { isDecimal, isNumberKind, numbersEqual } from './number.js'
import { bytesEqual } from './utf8.js'

function membersEqual(x: unknown, y: unknown): boolean {
  if (x instanceof Uint8Array) return y instanceof Uint8Array && bytesEqual(x, y)
  return isNumberKind(x) && isNumberKind(y) && numbersEqual(x, y)
}

// fast-deep-equal already compares doubles by value, byte arrays by content, Decimals by their text (toString) and
// string/double sets without order; a Set of Uint8Array or Decimal needs more, since Set#has finds objects by
// reference, and a Decimal equals a double of the same value.
function contentEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (isDecimal(a) || isDecimal(b)) return isNumberKind(a) && isNumberKind(b) && numbersEqual(a, b)
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && bytesEqual(a, b)
  }
  if (a instanceof Set || b instanceof Set) {
    if (!(a instanceof Set && b instanceof Set) || a.size !== b.size) return false
    for (const x of a) {
      if (b.has(x)) continue
      let found = false
      for (const y of b) if (membersEqual(x, y)) found = true
      if (!found) return false
    }
    return true
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((x, i) => contentEqual(x, b[i]))
  }
  const keysA = Object.keys(a)
  if (keysA.length !== Object.keys(b).length) return false
  return keysA.every((k) => Object.prototype.hasOwnProperty.call(b, k) && contentEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
}

/** True when two DynamoDB values are equal: numbers numerically, sets without order, binaries by content. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  return contentEqual(a, b)
}

/**
 * True when two admitted items hold the same DynamoDB values: numbers compared numerically, sets without order,
 * binaries by content. `mayHoldBinarySets` says whether either item holds a Set of Uint8Array or Decimal.
 */
export function itemsEqual(a: AttributeMap, b: AttributeMap, mayHoldBinarySets: boolean): boolean {
  // Every write compares its item with the stored one: the top level is walked here without allocating (as
  // fast-deep-equal's Object.keys would), nested values go to fast-deep-equal. Admitted items hold no undefined
  // values, so a value present in `a` and equal in `b` is present in `b`.
  let names = 0
  for (const name in a) {
    names++
    const x = a[name]
    const y = b[name]
    if (x === y) continue
    // Admission stores a number a double holds as that double, so a stored Decimal never equals a stored double.
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
    if (!deepEqual(x, y) && !(mayHoldBinarySets && contentEqual(x, y))) return false
  }
  for (const _name in b) names--
  return names === 0
}
