import { invalidOption } from '../core/errors.js'
import { describeSource, emittedRecords, type EmittedSource } from './emitted.js'
import { matchesPattern, printRecord, printValue } from './record-pattern.js'

/** What a matcher returns to vitest's or jest's `expect`. */
export interface MatcherResult {
  readonly pass: boolean
  readonly message: () => string
}

/** The part of a test framework's matcher context these matchers read. */
export interface MatcherContextLike {
  readonly isNot?: boolean
}

const LISTED = 25

function listRecords(records: readonly unknown[], matched: ReadonlySet<number>): string {
  if (records.length === 0) return '  (no records)'
  const lines = records.slice(0, LISTED).map((record, i) => `  ${i + 1}. ${printRecord(record)}${matched.has(i) ? '  ← matches' : ''}`)
  if (records.length > LISTED) lines.push(`  … and ${records.length - LISTED} more`)
  return lines.join('\n')
}

function describePattern(pattern: unknown): string {
  return pattern === undefined ? 'any record' : `a record matching ${printValue(pattern)}`
}

function evaluate(received: unknown, pattern: unknown): { records: unknown[]; matched: Set<number>; source: string } {
  if (pattern !== undefined && (typeof pattern !== 'object' || pattern === null || Array.isArray(pattern))) {
    throw invalidOption('record pattern', 'an object of record fields (eventName, keys, newImage, oldImage, …)', pattern)
  }
  const records = emittedRecords(received as EmittedSource<unknown>)
  const matched = new Set<number>()
  records.forEach((record, i) => {
    if (pattern === undefined || matchesPattern(record, pattern)) matched.add(i)
  })
  return { records, matched, source: describeSource(received) }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}

/**
 * `expect(source).toHaveEmitted(pattern?)`: the table, stream, mark or records hold at least one record matching the
 * partial record (all records when no pattern is given).
 */
function toHaveEmitted(this: MatcherContextLike | undefined, received: unknown, pattern?: unknown): MatcherResult {
  const { records, matched, source } = evaluate(received, pattern)
  const pass = matched.size > 0
  return {
    pass,
    message: () =>
      pass
        ? `expected ${source} not to have emitted ${describePattern(pattern)}, but ${matched.size} of its ${plural(records.length, 'record')} did:\n${listRecords(records, matched)}`
        : `expected ${source} to have emitted ${describePattern(pattern)}, but ${records.length === 0 ? 'it emitted no records' : records.length === 1 ? 'its only record does not match' : `none of its ${records.length} records matches`}:\n${listRecords(records, matched)}`,
  }
}

/** `expect(source).toHaveEmittedTimes(n, pattern?)`: exactly `n` records match the partial record (or exist, without one). */
function toHaveEmittedTimes(this: MatcherContextLike | undefined, received: unknown, times: number, pattern?: unknown): MatcherResult {
  if (!Number.isInteger(times) || times < 0) throw invalidOption('times', 'an integer >= 0', times)
  const { records, matched, source } = evaluate(received, pattern)
  const pass = matched.size === times
  const what = pattern === undefined ? plural(times, 'record') : `${plural(times, 'record')} matching ${printValue(pattern)}`
  return {
    pass,
    message: () =>
      pass
        ? `expected ${source} not to have emitted ${what}, but it did:\n${listRecords(records, matched)}`
        : `expected ${source} to have emitted ${what}, but ${matched.size} of its ${plural(records.length, 'record')} ${pattern === undefined ? 'exist' : 'match'}:\n${listRecords(records, pattern === undefined ? new Set() : matched)}`,
  }
}

/** The matchers, for `expect.extend(streamtableMatchers)` in a framework the registration imports do not cover. */
export const streamtableMatchers = Object.freeze({ toHaveEmitted, toHaveEmittedTimes })
