// The writing door of DynamoDB's number text: every `{"N": …}` the codec writes comes from `numberText`, and every
// one it reads goes through `parseNumberText` (number-read.ts), so that exact decimals can replace doubles there.
import { formatNumber } from '../values/number.js'

/**
 * The service's normalised text of a number: positional, no exponent, no trailing fractional zeros, `-0` as `0`.
 * @param n a finite number
 * @returns the `N` member to send
 */
export function numberText(n: number): string {
  return formatNumber(n)
}
