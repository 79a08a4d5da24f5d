// Every place that stores, sizes, compares or prints a DynamoDB number goes through this module, so that a
// representation able to hold 38 significant digits can replace the double without touching callers.

// DynamoDB's largest magnitude, 9.9999999999999999999999999999999999999E+125, rounds to 1E+126 as a double, so the
// check is "below 1E+126" rather than "at most the maximum".
const OVERFLOW_MAGNITUDE = 1e126
/** Smallest non-zero magnitude DynamoDB stores: 1E-130. */
const MIN_MAGNITUDE = 1e-130

/** Why `n` cannot be stored as a DynamoDB number, or undefined when it can. */
export function numberProblem(n: number): string | undefined {
  if (!Number.isFinite(n)) return 'a finite number'
  const magnitude = Math.abs(n)
  if (magnitude >= OVERFLOW_MAGNITUDE) return 'a number of magnitude at most 9.9999999999999999999999999999999999999E+125 (Number overflow)'
  if (magnitude !== 0 && magnitude < MIN_MAGNITUDE) return 'a number of magnitude at least 1E-130 (Number underflow)'
  return undefined
}

/** The significant digits of `n`, leading and trailing zeros trimmed. */
function significantDigits(n: number): number {
  if (n === 0) return 0
  let text = Math.abs(n).toString()
  const e = text.indexOf('e')
  if (e >= 0) text = text.slice(0, e)
  let start = 0
  let end = text.length
  while (start < end && (text[start] === '0' || text[start] === '.')) start++
  while (end > start && (text[end - 1] === '0' || text[end - 1] === '.')) end--
  let digits = end - start
  if (text.indexOf('.', start) >= 0 && text.indexOf('.', start) < end) digits--
  return digits
}

/** Bytes a number occupies in DynamoDB's item-size rule: ceil(significant digits / 2) + 1. */
export function numberSize(n: number): number {
  // Integers below 2^53 are the common case; counting digits arithmetically avoids a string.
  if (Number.isSafeInteger(n)) {
    let v = Math.abs(n)
    if (v === 0) return 1
    while (v % 10 === 0) v /= 10
    let digits = 0
    while (v >= 1) {
      v = Math.floor(v / 10)
      digits++
    }
    return Math.ceil(digits / 2) + 1
  }
  return Math.ceil(significantDigits(n) / 2) + 1
}

/** Orders numbers numerically. */
export function compareNumbers(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** The canonical text DynamoDB prints for a number: positional, no exponent, `-0` as `0`. */
export function formatNumber(n: number): string {
  if (n === 0) return '0'
  const text = String(n)
  if (!text.includes('e')) return text
  const negative = n < 0
  const [mantissa = '', exponentText = '0'] = Math.abs(n).toString().split('e')
  const exponent = Number(exponentText)
  const [whole = '', fraction = ''] = mantissa.split('.')
  const digits = whole + fraction
  const point = whole.length + exponent
  let out: string
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length)
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`
  return negative ? `-${out}` : out
}
