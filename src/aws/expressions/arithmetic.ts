// `+`, `-` and ADD of numbers in an update. The sum is exact (values/number.ts); what differs is the failure: the
// service words a result of more than 38 significant digits its own way, and checks it before the range, so that
// 9.99…E+125 + 9.99…E+125 fails on precision, not overflow.
import { serviceError } from './scope.js'
import { addNumbers, numberText, subtractNumbers, type NumberValue } from '../../values/number.js'
import { ARITHMETIC_PRECISION } from './messages.js'

const MAX_SIGNIFICANT_DIGITS = 38

/** A number's positional text as an integer coefficient and the power of ten of its last digit. */
function scaled(n: NumberValue): { readonly coefficient: bigint; readonly exponent: number } {
  const text = numberText(n)
  const point = text.indexOf('.')
  if (point < 0) return { coefficient: BigInt(text), exponent: 0 }
  return { coefficient: BigInt(text.slice(0, point) + text.slice(point + 1)), exponent: -(text.length - point - 1) }
}

function significantDigits(value: bigint): number {
  const digits = (value < 0n ? -value : value).toString().replace(/0+$/, '')
  return digits === '' ? 0 : digits.length
}

/** The exact result of `a + b` or `a - b`; ValidationException with the service's message when it cannot be stored. */
export function updateArithmetic(operator: '+' | '-', a: NumberValue, b: NumberValue): NumberValue {
  const x = scaled(a)
  const y = scaled(b)
  const exponent = Math.min(x.exponent, y.exponent)
  const left = x.coefficient * 10n ** BigInt(x.exponent - exponent)
  const right = y.coefficient * 10n ** BigInt(y.exponent - exponent)
  if (significantDigits(operator === '+' ? left + right : left - right) > MAX_SIGNIFICANT_DIGITS) throw serviceError(ARITHMETIC_PRECISION)
  return operator === '+' ? addNumbers(a, b) : subtractNumbers(a, b)
}
