// DynamoDB's view of native values: their type names, equality, order and size, as expressions compare them.
import type { AttributeValue } from '../../values/admission.js'
import { bytesEqual, compareBytes, compareUtf8 } from '../../values/utf8.js'
import { compareNumbers, isNumberValue, numbersEqual, type NumberValue } from '../../values/number.js'

/** The DynamoDB type of a value, as `attribute_type` names it. */
export type TypeName = 'S' | 'N' | 'B' | 'BOOL' | 'NULL' | 'SS' | 'NS' | 'BS' | 'L' | 'M'

/** The type names `attribute_type` accepts. */
export const TYPE_NAMES: ReadonlySet<string> = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'])

/** The DynamoDB type of a native value; undefined for what is no DynamoDB value (an empty set, undefined). */
export function typeOf(value: unknown): TypeName | undefined {
  switch (typeof value) {
    case 'string':
      return 'S'
    case 'boolean':
      return 'BOOL'
    case 'number':
      return isNumberValue(value) ? 'N' : undefined
    case 'object':
      break
    default:
      return undefined
  }
  if (value === null) return 'NULL'
  // Before the map check: an exact number may be an object.
  if (isNumberValue(value)) return 'N'
  if (value instanceof Uint8Array) return 'B'
  if (Array.isArray(value)) return 'L'
  if (value instanceof Set) {
    for (const member of value) {
      const t = typeOf(member)
      return t === 'S' ? 'SS' : t === 'N' ? 'NS' : t === 'B' ? 'BS' : undefined
    }
    return undefined
  }
  return 'M'
}

/** True for the set types. */
export function isSetType(type: TypeName | undefined): type is 'SS' | 'NS' | 'BS' {
  return type === 'SS' || type === 'NS' || type === 'BS'
}

/** The element type of a set type. */
export function elementType(setType: 'SS' | 'NS' | 'BS'): 'S' | 'N' | 'B' {
  return setType === 'SS' ? 'S' : setType === 'NS' ? 'N' : 'B'
}

type Member = string | NumberValue | Uint8Array

/** True when `set` holds a member equal to `element` (numbers numerically, binaries by content). */
export function setHas(set: ReadonlySet<unknown>, element: unknown): boolean {
  if (set.has(element)) return true
  if (typeof element === 'string') return false
  if (element instanceof Uint8Array) {
    for (const member of set) if (member instanceof Uint8Array && bytesEqual(member, element)) return true
    return false
  }
  if (isNumberValue(element)) {
    for (const member of set) if (isNumberValue(member) && numbersEqual(member, element)) return true
  }
  return false
}

/** True when two values are equal as DynamoDB's `=` sees them: same type, numbers numerically, sets unordered. */
export function valuesEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  const type = typeOf(a)
  if (type === undefined || type !== typeOf(b)) return false
  switch (type) {
    case 'S':
    case 'BOOL':
    case 'NULL':
      return false
    case 'N':
      return numbersEqual(a as NumberValue, b as NumberValue)
    case 'B':
      return bytesEqual(a as Uint8Array, b as Uint8Array)
    case 'SS':
    case 'NS':
    case 'BS': {
      const x = a as ReadonlySet<Member>
      const y = b as ReadonlySet<Member>
      if (x.size !== y.size) return false
      for (const member of x) if (!setHas(y, member)) return false
      return true
    }
    case 'L': {
      const x = a as readonly unknown[]
      const y = b as readonly unknown[]
      return x.length === y.length && x.every((element, i) => valuesEqual(element, y[i]))
    }
    case 'M': {
      const x = a as Readonly<Record<string, unknown>>
      const y = b as Readonly<Record<string, unknown>>
      const keys = Object.keys(x)
      if (keys.length !== Object.keys(y).length) return false
      return keys.every((k) => Object.prototype.hasOwnProperty.call(y, k) && valuesEqual(x[k], y[k]))
    }
  }
}

/**
 * Orders two scalars of one type (S by UTF-8 bytes, N numerically, B by unsigned bytes); undefined when they are
 * not both S, both N or both B, which makes every ordering comparison false.
 */
export function compareScalars(a: unknown, b: unknown): number | undefined {
  const type = typeOf(a)
  if (type !== typeOf(b)) return undefined
  switch (type) {
    case 'S':
      return compareUtf8(a as string, b as string)
    case 'N':
      return compareNumbers(a as NumberValue, b as NumberValue)
    case 'B':
      return compareBytes(a as Uint8Array, b as Uint8Array)
    default:
      return undefined
  }
}

/**
 * What `size()` gives for a value: string length, bytes of a binary, members of a set, elements of a list or
 * map; undefined for numbers, booleans, null and missing values.
 */
export function sizeOf(value: unknown): number | undefined {
  switch (typeOf(value)) {
    case 'S':
      // Measured in UTF-16 code units, as the service does.
      return (value as string).length
    case 'B':
      return (value as Uint8Array).length
    case 'SS':
    case 'NS':
    case 'BS':
      return (value as ReadonlySet<unknown>).size
    case 'L':
      return (value as readonly unknown[]).length
    case 'M':
      return Object.keys(value as object).length
    default:
      return undefined
  }
}

/** A value as the service prints it inside a message: `{N:1}`, `{S:a}`. */
export function describeAttributeValue(value: AttributeValue): string {
  const type = typeOf(value)
  switch (type) {
    case 'S':
    case 'N':
    case 'BOOL':
      return `{${type}:${String(value)}}`
    case 'NULL':
      return '{NULL:true}'
    case 'B':
      return `{B:${Buffer.from(value as Uint8Array).toString('base64')}}`
    case undefined:
      return '{}'
    default:
      return `{${type}:${JSON.stringify(value, (_k, v: unknown) => (v instanceof Set ? [...v] : v))}}`
  }
}
