// The one way tests catch and check errors.
import { expect } from 'vitest'
import { isStreamtableError, type ErrorCode } from '../../src/index.js'

/** What a test gets back from a call that threw: the error with its code and context fields. */
export type CaughtError = Error & { code?: string; [k: string]: unknown }

/** Calls `fn`, expecting it to throw; returns what it threw. */
export function catchError(fn: () => unknown): CaughtError {
  try {
    fn()
  } catch (error) {
    return error as CaughtError
  }
  throw new Error('expected the call to throw')
}

/** The code of the streamtable error `fn` throws, undefined when it returns, or a description of a foreign error. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn()
  } catch (error) {
    return isStreamtableError(error) ? error.code : `not a streamtable error: ${String(error)}`
  }
  return undefined
}

/** Runs `fn`, expects a streamtable error with `code` (and, when given, a message matching `message`); returns it. */
export function expectError(fn: () => unknown, code: ErrorCode, message?: string | RegExp): Error {
  let thrown: unknown
  try {
    fn()
  } catch (error) {
    thrown = error
  }
  expect(thrown, `expected ${code} to be thrown`).toBeDefined()
  expect(isStreamtableError(thrown), `expected a streamtable error, got ${String(thrown)}`).toBe(true)
  const error = thrown as Error & { code: ErrorCode }
  expect(error.code).toBe(code)
  expect(error.name).toBe(code)
  if (message !== undefined) {
    if (typeof message === 'string') expect(error.message).toContain(message)
    else expect(error.message).toMatch(message)
  }
  return error
}
