// Every number operation of the expression engine goes through this file, so that the exact decimal numbers of
// src/values/number.ts replace these double-based ones by re-export, without touching the engine.
import { ValidationException } from '../../core/errors.js'
import { NUMBER_OVERFLOW, NUMBER_UNDERFLOW } from './messages.js'

/** A DynamoDB number in its native form. */
export type NumberValue = number

// 9.9999999999999999999999999999999999999E+125 rounds to 1E+126 as a double: the bound is exclusive.
const OVERFLOW_MAGNITUDE = 1e126
const MIN_MAGNITUDE = 1e-130

/** True for a native DynamoDB number. */
export function isNumberValue(value: unknown): value is NumberValue {
  return typeof value === 'number' && Number.isFinite(value)
}

/** Orders two numbers numerically: negative, zero or positive. */
export function compareNumbers(a: NumberValue, b: NumberValue): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** True when two numbers are numerically equal. */
export function numbersEqual(a: NumberValue, b: NumberValue): boolean {
  return a === b
}

function checked(result: number): NumberValue {
  const magnitude = Math.abs(result)
  if (!Number.isFinite(result) || magnitude >= OVERFLOW_MAGNITUDE) {
    throw new ValidationException(NUMBER_OVERFLOW, { serviceMessage: NUMBER_OVERFLOW })
  }
  if (magnitude !== 0 && magnitude < MIN_MAGNITUDE) {
    throw new ValidationException(NUMBER_UNDERFLOW, { serviceMessage: NUMBER_UNDERFLOW })
  }
  return result === 0 ? 0 : result
}

/** `a + b`; a result outside DynamoDB's range is a ValidationException with the service's text. */
export function addNumbers(a: NumberValue, b: NumberValue): NumberValue {
  return checked(a + b)
}

/** `a - b`; a result outside DynamoDB's range is a ValidationException with the service's text. */
export function subtractNumbers(a: NumberValue, b: NumberValue): NumberValue {
  return checked(a - b)
}
