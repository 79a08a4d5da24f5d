import type { AnyChangeRecord } from '../capture/record.js'
import { valuesEqual } from '../values/equality.js'
import { Decimal } from '../values/number.js'

type Leaf = string | number | bigint | boolean | null | undefined | Uint8Array | Decimal

/** A pattern for one value: plain objects match as subsets, arrays element by element, anything else by value. */
export type ValuePattern<V> = V extends Leaf
  ? V
  : V extends ReadonlySet<infer E>
    ? ReadonlySet<E>
    : V extends readonly (infer E)[]
      ? readonly ValuePattern<E>[]
      : V extends object
        ? { readonly [K in keyof V]?: ValuePattern<V[K]> }
        : V

/**
 * A partial change record: the fields given must match (keys, images and nested maps as subsets; a field given as
 * undefined must be absent), the others may be anything. Asymmetric matchers (`expect.any(Number)`) work anywhere.
 */
export type RecordPattern<R = AnyChangeRecord> = R extends unknown ? { readonly [K in keyof R]?: ValuePattern<R[K]> } : never

interface AsymmetricMatcher {
  asymmetricMatch(other: unknown): boolean
}

function isAsymmetric(value: unknown): value is AsymmetricMatcher {
  return typeof value === 'object' && value !== null && typeof (value as AsymmetricMatcher).asymmetricMatch === 'function'
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/** True when `actual` matches `pattern` (see `RecordPattern`). */
export function matchesPattern(actual: unknown, pattern: unknown): boolean {
  if (isAsymmetric(pattern)) return pattern.asymmetricMatch(actual)
  if (Array.isArray(pattern)) {
    return Array.isArray(actual) && actual.length === pattern.length && pattern.every((p, i) => matchesPattern(actual[i], p))
  }
  if (isPlainObject(pattern)) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false
    for (const name of Object.keys(pattern)) {
      const expected = pattern[name]
      const value = (actual as Record<string, unknown>)[name]
      if (expected === undefined ? value !== undefined : !matchesPattern(value, expected)) return false
    }
    return true
  }
  return Object.is(actual, pattern) || valuesEqual(actual, pattern)
}

// vitest and jest name a matcher by toString() and keep what it was given in `sample`; the two print it differently.
function printMatcher(matcher: AsymmetricMatcher & { sample?: unknown; inverse?: boolean }): string {
  const name = String(matcher)
  if (!('sample' in matcher)) return name
  const sample = matcher.sample
  if (typeof sample === 'function') return `${name}<${sample.name}>`
  return `${name} ${printValue(sample)}`
}

/** A short, one-line rendering of a value for messages: attribute values as written, matchers by their names. */
export function printValue(value: unknown, depth = 0): string {
  if (isAsymmetric(value)) return printMatcher(value)
  if (value === undefined) return 'undefined'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value !== 'object' || value === null) return String(value)
  if (value instanceof Decimal) return value.value
  if (value instanceof Uint8Array) return `Uint8Array [${[...value.subarray(0, 16)].join(', ')}${value.length > 16 ? ', …' : ''}]`
  if (depth > 4) return Array.isArray(value) ? '[…]' : '{…}'
  if (value instanceof Set) return `Set {${[...value].map((v) => printValue(v, depth + 1)).join(', ')}}`
  if (Array.isArray(value)) return `[${value.map((v) => printValue(v, depth + 1)).join(', ')}]`
  const entries = Object.keys(value).map((name) => `${/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name)}: ${printValue((value as Record<string, unknown>)[name], depth + 1)}`)
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`
}

/** One record on one line: event, keys, images, identity and sequence number. */
export function printRecord(record: unknown): string {
  if (typeof record !== 'object' || record === null) return printValue(record)
  const r = record as Partial<AnyChangeRecord>
  const parts = [`${r.eventName ?? '?'} ${printValue(r.keys)}`]
  if (r.newImage !== undefined) parts.push(`new ${printValue(r.newImage)}`)
  if (r.oldImage !== undefined) parts.push(`old ${printValue(r.oldImage)}`)
  if (r.userIdentity !== undefined) parts.push('(TTL)')
  if (r.sequenceNumber !== undefined) parts.push(`seq ${r.sequenceNumber}`)
  return parts.join(' ')
}
