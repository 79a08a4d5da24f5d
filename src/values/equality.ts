import type { AttributeMap } from './admission.js'
import { isDecimal, isNumberKind, numbersEqual } from './number.js'
import { bytesEqual } from './utf8.js'

function membersEqual(x: unknown, y: unknown): boolean {
  if (x instanceof Uint8Array) return y instanceof Uint8Array && bytesEqual(x, y)
  return isNumberKind(x) && isNumberKind(y) && numbersEqual(x, y)
}

function setsEqual(a: ReadonlySet<unknown>, b: ReadonlySet<unknown>, objectMembers: boolean): boolean {
  if (a.size !== b.size) return false
  for (const x of a) {
    if (b.has(x)) continue
    // Set#has finds a binary or a Decimal by reference only, and a Decimal equals a double of the same value.
    if (!objectMembers) return false
    let found = false
    for (const y of b) {
      if (membersEqual(x, y)) {
        found = true
        break
      }
    }
    if (!found) return false
  }
  return true
}

// Walked with plain loops: every write that replaces an item compares it with the stored one.
function contentEqual(a: unknown, b: unknown, objectSetMembers: boolean): boolean {
  if (a === b) return true
  if (isDecimal(a) || isDecimal(b)) return isNumberKind(a) && isNumberKind(b) && numbersEqual(a, b)
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!contentEqual(a[i], b[i], objectSetMembers)) return false
    return true
  }
  if (Array.isArray(b)) return false
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && bytesEqual(a, b)
  }
  if (a instanceof Set || b instanceof Set) return a instanceof Set && b instanceof Set && setsEqual(a, b, objectSetMembers)
  return mapsEqual(a as Readonly<Record<string, unknown>>, b as Readonly<Record<string, unknown>>, objectSetMembers)
}

function mapsEqual(a: Readonly<Record<string, unknown>>, b: Readonly<Record<string, unknown>>, objectSetMembers: boolean): boolean {
  let names = 0
  for (const name in a) {
    names++
    if (!Object.prototype.hasOwnProperty.call(b, name) || !contentEqual(a[name], b[name], objectSetMembers)) return false
  }
  for (const _name in b) names--
  return names === 0
}

/** True when two DynamoDB values are equal: numbers numerically, sets without order, binaries by content. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  return contentEqual(a, b, true)
}

/**
 * True when two admitted items hold the same DynamoDB values: numbers compared numerically, sets without order,
 * binaries by content. `mayHoldBinarySets` says whether either item holds a Set of Uint8Array or Decimal.
 */
export function itemsEqual(a: AttributeMap, b: AttributeMap, mayHoldBinarySets: boolean): boolean {
  // Admission stores a number a double holds as that double, so a stored Decimal never equals a stored double,
  // and admitted items hold no undefined values: a name of `a` whose value equals `b`'s is one of `b`'s names.
  let names = 0
  for (const name in a) {
    names++
    const x = a[name]
    const y = b[name]
    if (x === y) continue
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) return false
    if (!contentEqual(x, y, mayHoldBinarySets)) return false
  }
  for (const _name in b) names--
  return names === 0
}
