import type { AnyChangeRecord } from '../capture/record.js'
import { describeValue, ValidationException } from '../core/errors.js'
import { marshallItem } from '../codec/attribute-value-json.js'
import { memberOf } from '../values/members.js'

/** One filter: an event pattern as a JSON string (the service's `Pattern`) or as the parsed object. */
export type FilterPattern = string | { readonly [key: string]: unknown }

/** The service's limits: 5 filters per mapping by default, 4,096 characters per pattern. */
export const FILTER_LIMITS = Object.freeze({ maxFilters: 5, maxPatternLength: 4096 })

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json }

type Rule =
  | { readonly kind: 'exact'; readonly value: null | boolean | number | string }
  | { readonly kind: 'prefix' | 'suffix'; readonly value: string; readonly ignoreCase: boolean }
  | { readonly kind: 'equals-ignore-case'; readonly value: string }
  | { readonly kind: 'wildcard'; readonly regex: RegExp }
  | { readonly kind: 'anything-but'; readonly values: readonly (string | number)[] }
  | { readonly kind: 'numeric'; readonly tests: readonly (readonly [string, number])[] }
  | { readonly kind: 'exists'; readonly value: boolean }

type Node =
  | { readonly kind: 'fields'; readonly fields: readonly (readonly [string, Node])[]; readonly or: readonly Node[][] }
  | { readonly kind: 'leaf'; readonly rules: readonly Rule[] }

/** A compiled filter: true when a record, in its service shape, matches the pattern. */
export type RecordFilter = (serviceRecord: unknown) => boolean

// EventBridge's numeric range, which the Lambda filter engine shares.
const NUMERIC_LIMIT = 5e9

class PatternError extends Error {}

function bad(path: readonly string[], expected: string, received: unknown): never {
  throw new PatternError(`${path.length === 0 ? 'the pattern' : path.join('.')}: expected ${expected}, received ${describeValue(received)}`)
}

function isObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringOperand(path: string[], op: string, value: unknown, allowIgnoreCase: boolean): { value: string; ignoreCase: boolean } {
  if (typeof value === 'string') return { value, ignoreCase: false }
  if (allowIgnoreCase && isObject(value)) {
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === 'equals-ignore-case' && typeof value['equals-ignore-case'] === 'string') {
      return { value: value['equals-ignore-case'], ignoreCase: true }
    }
  }
  return bad([...path, op], allowIgnoreCase ? 'a string or {"equals-ignore-case": string}' : 'a string', value)
}

function compileWildcard(path: string[], value: unknown): RegExp {
  if (typeof value !== 'string') bad([...path, 'wildcard'], 'a string', value)
  if (/(^|[^\\])\*\*/.test(value)) bad([...path, 'wildcard'], 'a pattern without consecutive * characters', value)
  let source = ''
  for (let i = 0; i < value.length; i++) {
    const c = value[i] as string
    if (c === '\\' && value[i + 1] === '*') {
      source += '\\*'
      i++
    } else if (c === '*') source += '.*'
    else source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
  }
  return new RegExp(`^${source}$`, 's')
}

function compileNumeric(path: string[], value: unknown): readonly (readonly [string, number])[] {
  const where = [...path, 'numeric']
  const expected = 'an array of one comparison ["=" | ">" | ">=" | "<" | "<=", number] or a range [">" | ">=", number, "<" | "<=", number]'
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 4)) bad(where, expected, value)
  const tests: [string, number][] = []
  for (let i = 0; i < value.length; i += 2) {
    const op: unknown = value[i]
    const n: unknown = value[i + 1]
    if (op !== '=' && op !== '>' && op !== '>=' && op !== '<' && op !== '<=') bad(where, `an operator =, >, >=, < or <= at position ${i}`, op)
    if (typeof n !== 'number' || !Number.isFinite(n) || Math.abs(n) > NUMERIC_LIMIT) bad(where, `a number from -5e9 to 5e9 after "${op}"`, n)
    tests.push([op, n])
  }
  if (tests.length === 2) {
    const [[low], [high]] = tests as [[string, number], [string, number]]
    if (!(low === '>' || low === '>=') || !(high === '<' || high === '<=')) bad(where, 'a lower bound (> or >=) followed by an upper bound (< or <=)', value)
  }
  return tests
}

function compileRule(path: string[], value: unknown): Rule {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return { kind: 'exact', value }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) bad(path, 'a finite number', value)
    return { kind: 'exact', value }
  }
  if (!isObject(value)) return bad(path, 'a string, number, boolean, null or an operator object', value)
  const keys = Object.keys(value)
  if (keys.length !== 1) bad(path, 'an operator object with exactly one operator', value)
  const op = keys[0] as string
  const operand = value[op]
  switch (op) {
    case 'prefix':
    case 'suffix': {
      const { value: text, ignoreCase } = stringOperand(path, op, operand, true)
      return { kind: op, value: ignoreCase ? text.toLowerCase() : text, ignoreCase }
    }
    case 'equals-ignore-case':
      return { kind: op, value: stringOperand(path, op, operand, false).value.toLowerCase() }
    case 'wildcard':
      return { kind: op, regex: compileWildcard(path, operand) }
    case 'anything-but': {
      const list = Array.isArray(operand) ? operand : [operand]
      if (list.length === 0) bad([...path, op], 'a string, a number or a non-empty array of them', operand)
      for (const item of list) {
        if (typeof item !== 'string' && !(typeof item === 'number' && Number.isFinite(item))) {
          bad([...path, op], 'a string, a number or an array of them (anything-but with prefix, suffix or equals-ignore-case is not supported by event source mappings)', item)
        }
      }
      return { kind: op, values: list as (string | number)[] }
    }
    case 'numeric':
      return { kind: op, tests: compileNumeric(path, operand) }
    case 'exists':
      if (typeof operand !== 'boolean') bad([...path, op], 'true or false', operand)
      return { kind: op, value: operand }
    default:
      return bad(path, 'one of the operators prefix, suffix, equals-ignore-case, wildcard, anything-but, numeric, exists', op)
  }
}

function compileNode(path: string[], value: unknown): Node {
  if (Array.isArray(value)) {
    if (value.length === 0) bad(path, 'a non-empty array of values or operators', value)
    return { kind: 'leaf', rules: value.map((rule, i) => compileRule([...path, `[${i}]`], rule)) }
  }
  if (!isObject(value)) return bad(path, 'an array of values or operators, or an object of fields', value)
  const keys = Object.keys(value)
  if (keys.length === 0) bad(path, 'an object with at least one field', value)
  const fields: [string, Node][] = []
  const or: Node[][] = []
  for (const key of keys) {
    const child = value[key]
    if (key === '$or') {
      if (!Array.isArray(child) || child.length < 2 || !child.every(isObject)) bad([...path, '$or'], 'an array of at least 2 pattern objects', child)
      or.push(child.map((sub, i) => compileNode([...path, `$or[${i}]`], sub)))
    } else fields.push([key, compileNode([...path, key], child)])
  }
  return { kind: 'fields', fields, or }
}

function textMatches(rule: Rule, value: string): boolean {
  switch (rule.kind) {
    case 'prefix':
      return (rule.ignoreCase ? value.toLowerCase() : value).startsWith(rule.value)
    case 'suffix':
      return (rule.ignoreCase ? value.toLowerCase() : value).endsWith(rule.value)
    case 'equals-ignore-case':
      return value.toLowerCase() === rule.value
    case 'wildcard':
      return rule.regex.test(value)
    default:
      return false
  }
}

function ruleMatchesScalar(rule: Rule, value: Json): boolean {
  switch (rule.kind) {
    case 'exact':
      return value === rule.value
    case 'prefix':
    case 'suffix':
    case 'equals-ignore-case':
    case 'wildcard':
      return typeof value === 'string' && textMatches(rule, value)
    case 'anything-but':
      return !rule.values.includes(value as string | number)
    case 'numeric':
      return typeof value === 'number' && rule.tests.every(([op, n]) => (op === '=' ? value === n : op === '>' ? value > n : op === '>=' ? value >= n : op === '<' ? value < n : value <= n))
    case 'exists':
      return rule.value
  }
}

function leafMatches(rules: readonly Rule[], value: Json | undefined): boolean {
  if (value === undefined) return rules.some((r) => r.kind === 'exists' && !r.value)
  // exists:false also holds where the path ends at an object rather than a value.
  if (isObject(value)) return rules.some((r) => r.kind === 'exists' && !r.value)
  if (Array.isArray(value)) {
    const scalars = (value as readonly Json[]).filter((v) => !isObject(v) && !Array.isArray(v))
    return rules.some((r) => (r.kind === 'exists' ? r.value === scalars.length > 0 : scalars.some((v) => ruleMatchesScalar(r, v))))
  }
  return rules.some((r) => ruleMatchesScalar(r, value))
}

function nodeMatches(node: Node, value: Json | undefined): boolean {
  if (node.kind === 'leaf') return leafMatches(node.rules, value)
  // Objects inside arrays stand for the field itself: one element must satisfy the whole sub-pattern.
  if (Array.isArray(value)) return (value as readonly Json[]).some((element) => isObject(element) && nodeMatches(node, element))
  const object = isObject(value) ? (value as { readonly [key: string]: Json }) : undefined
  for (const [key, child] of node.fields) if (!nodeMatches(child, object === undefined ? undefined : (memberOf(object, key) as Json | undefined))) return false
  for (const alternatives of node.or) if (!alternatives.some((alternative) => nodeMatches(alternative, value))) return false
  return true
}

/** Compiles one pattern; an invalid pattern is a ValidationException saying which part is wrong. */
export function compileFilter(pattern: unknown, where = 'filter pattern'): RecordFilter {
  let parsed: unknown = pattern
  if (typeof pattern === 'string') {
    if (pattern.length > FILTER_LIMITS.maxPatternLength) {
      throw new ValidationException(`Invalid filter pattern definition: ${where}: expected at most ${FILTER_LIMITS.maxPatternLength} characters, received ${pattern.length}`)
    }
    try {
      parsed = JSON.parse(pattern)
    } catch (error) {
      throw new ValidationException(`Invalid filter pattern definition: ${where}: expected a JSON object, received unparsable JSON (${(error as Error).message})`)
    }
  } else if (isObject(pattern) && JSON.stringify(pattern).length > FILTER_LIMITS.maxPatternLength) {
    throw new ValidationException(`Invalid filter pattern definition: ${where}: expected at most ${FILTER_LIMITS.maxPatternLength} characters of JSON, received ${JSON.stringify(pattern).length}`)
  }
  if (!isObject(parsed)) throw new ValidationException(`Invalid filter pattern definition: ${where}: expected a JSON object (or its text), received ${describeValue(parsed)}`)
  let root: Node
  try {
    root = compileNode([], parsed)
  } catch (error) {
    if (error instanceof PatternError) throw new ValidationException(`Invalid filter pattern definition: ${where} at ${error.message}`)
    throw error
  }
  return (record) => nodeMatches(root, record as Json)
}

/** Compiles a filter list; a record is kept when it matches any of them, and every record is kept when there are none. */
export function compileFilters(patterns: readonly unknown[]): RecordFilter | undefined {
  if (patterns.length === 0) return undefined
  const filters = patterns.map((pattern, i) => compileFilter(pattern, `filters[${i}]`))
  return (record) => filters.some((filter) => filter(record))
}

/** The record as the service delivers it and filters see it: `REMOVE`, `dynamodb` with typed attribute values, times in seconds. */
export function toServiceRecord(record: AnyChangeRecord, region: string): Readonly<Record<string, unknown>> {
  const dynamodb: Record<string, unknown> = {
    // The service's records carry whole seconds, so a whole-second numeric pattern must see whole seconds too.
    ApproximateCreationDateTime: Math.floor(record.createdAt / 1000),
    Keys: marshallItem(record.keys),
    ...(record.newImage === undefined ? {} : { NewImage: marshallItem(record.newImage) }),
    ...(record.oldImage === undefined ? {} : { OldImage: marshallItem(record.oldImage) }),
    SequenceNumber: record.sequenceNumber,
    SizeBytes: record.sizeBytes,
    StreamViewType: record.viewType,
  }
  return {
    eventID: record.eventId,
    eventName: record.eventName === 'DELETE' ? 'REMOVE' : record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: region,
    dynamodb,
    eventSourceARN: record.streamArn,
    ...(record.userIdentity === undefined ? {} : { userIdentity: { ...record.userIdentity } }),
  }
}
