// The reading door of DynamoDB's number text (see number-text.ts for the writing one). Apart from it so that the
// package's main entry, which only writes numbers, does not load the checks.
import { ValidationException } from '../core/errors.js'
import { SERVICE_TEXT } from './messages.js'

const NUMBER_SYNTAX = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/
const MAX_SIGNIFICANT_DIGITS = 38
// Exponents of the leading significant digit: 9.99…E+125 is the largest magnitude, 1E-130 the smallest.
const MAX_LEADING_EXPONENT = 125
const MIN_LEADING_EXPONENT = -130

/**
 * Reads DynamoDB number text with the service's checks (syntax, 38 significant digits, range) and messages.
 * @param text the `N` member as sent
 * @returns the number
 */
export function parseNumberText(text: string): number {
  if (!NUMBER_SYNTAX.test(text)) throw new ValidationException(SERVICE_TEXT.notNumeric(text))
  const exponentAt = text.search(/[eE]/)
  const mantissa = (exponentAt < 0 ? text : text.slice(0, exponentAt)).replace(/^[+-]/, '')
  const exponent = exponentAt < 0 ? 0 : Number(text.slice(exponentAt + 1))
  const point = mantissa.indexOf('.')
  const digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1)
  const wholeDigits = point < 0 ? mantissa.length : point
  const first = digits.search(/[1-9]/)
  if (first < 0) return 0
  let last = digits.length - 1
  while (digits[last] === '0') last--
  if (last - first + 1 > MAX_SIGNIFICANT_DIGITS) throw new ValidationException(SERVICE_TEXT.tooManyDigits)
  const leadingExponent = wholeDigits - first - 1 + exponent
  if (leadingExponent > MAX_LEADING_EXPONENT) throw new ValidationException(SERVICE_TEXT.numberOverflow)
  if (leadingExponent < MIN_LEADING_EXPONENT) throw new ValidationException(SERVICE_TEXT.numberUnderflow)
  const value = Number(text)
  return value === 0 ? 0 : value
}
