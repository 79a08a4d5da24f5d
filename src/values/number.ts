import { describeValue, invalidOption, quoteText, ValidationException } from '../core/errors.js'

// Every place that stores, sizes, compares or prints a DynamoDB number goes through this module. A number is a
// JavaScript double wherever the double holds it exactly (the common case, kept fast), otherwise a Decimal holding
// the service's normalised text; arithmetic and mixed comparisons work on exact decimal parts with BigInt.

/** DynamoDB's limit on the significant digits of a number. */
const MAX_SIGNIFICANT_DIGITS = 38
/** Position of the most significant digit (as a power of ten) of the largest and smallest magnitudes stored. */
const MAX_LEADING_POWER = 125
const MIN_LEADING_POWER = -130
// DynamoDB's largest magnitude, 9.9999999999999999999999999999999999999E+125, rounds to 1E+126 as a double, so a
// double is checked against "below 1E+126" rather than "at most the maximum".
const OVERFLOW_MAGNITUDE = 1e126
const MIN_MAGNITUDE = 1e-130
/** How much of a rejected text a message quotes. */
const QUOTED_TEXT_MAX = 100

const OVERFLOW_TEXT = 'Number overflow. Attempting to store a number with magnitude larger than supported range'
const UNDERFLOW_TEXT = 'Number underflow. Attempting to store a number with magnitude smaller than supported range'
const PRECISION_TEXT = 'Attempting to store more than 38 significant digits in a Number'
const SYNTAX = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/

/** A number as exact decimal parts: (-1)^negative × digits × 10^exponent; zero has empty digits. */
interface Parts {
  readonly negative: boolean
  /** Significant digits, without leading or trailing zeros. */
  readonly digits: string
  readonly exponent: number
}

const ZERO: Parts = { negative: false, digits: '', exponent: 0 }

/** Parts from a sign, a digit string that may carry leading and trailing zeros, and the exponent of its last digit. */
function partsOf(negative: boolean, raw: string, exponent: number): Parts {
  let start = 0
  let end = raw.length
  while (start < end && raw.charCodeAt(start) === 48) start++
  while (end > start && raw.charCodeAt(end - 1) === 48) end--
  if (start === end) return ZERO
  return { negative, digits: raw.slice(start, end), exponent: exponent + (raw.length - end) }
}

/** The parts of a DynamoDB number text, or undefined when it is not one. */
function parseParts(text: string): Parts | undefined {
  const match = SYNTAX.exec(text)
  if (match === null) return undefined
  const [, sign = '', whole = '', fraction = '', exponentText] = match
  if (whole === '' && fraction === '') return undefined
  // An exponent of more digits than a double holds is far out of range either way: Infinity says so.
  const exponent = exponentText === undefined ? 0 : Number(exponentText)
  return partsOf(sign === '-', whole + fraction, exponent - fraction.length)
}

/** The service's message when parts cannot be stored, or undefined when they can. */
function partsProblem(parts: Parts): string | undefined {
  if (parts.digits === '') return undefined
  const leading = parts.exponent + parts.digits.length - 1
  if (leading > MAX_LEADING_POWER) return OVERFLOW_TEXT
  if (leading < MIN_LEADING_POWER) return UNDERFLOW_TEXT
  if (parts.digits.length > MAX_SIGNIFICANT_DIGITS) return PRECISION_TEXT
  return undefined
}

/** Positional text of parts: no exponent, no leading or trailing zeros, zero as "0". */
function formatParts(parts: Parts): string {
  const { digits, exponent } = parts
  if (digits === '') return '0'
  let out: string
  if (exponent >= 0) out = digits + '0'.repeat(exponent)
  else {
    const point = digits.length + exponent
    out = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`
  }
  return parts.negative ? `-${out}` : out
}

// These messages are the service's own texts: the AWS surfaces send them as they are.
function serviceError(message: string): ValidationException {
  return new ValidationException(message, { serviceMessage: message })
}

/** Parts of a text, or the service's ValidationException. */
function validParts(text: unknown): Parts {
  if (typeof text !== 'string') throw invalidOption('Decimal text', 'a string such as "12345678901234567890.5"', text)
  if (text === '') throw serviceError('The parameter cannot be converted to a numeric value')
  const parts = parseParts(text)
  if (parts === undefined) throw serviceError(`The parameter cannot be converted to a numeric value: ${quoteText(text, QUOTED_TEXT_MAX)}`)
  const problem = partsProblem(parts)
  if (problem !== undefined) throw serviceError(problem)
  return parts
}

/** The double that prints as exactly `text` (a normalised number text), or undefined when no double does. */
function exactDouble(text: string): number | undefined {
  const n = Number(text)
  return numberText(n) === text ? n : undefined
}

// The exact parts and double of a Decimal, for this module only: callers see `value`, `from`, `toString`, `toJSON`.
let decimalParts: (d: Decimal) => Parts
let decimalDouble: (d: Decimal) => number | undefined

/**
 * A DynamoDB number that a JavaScript double cannot hold exactly, kept as the service's normalised text. Immutable;
 * compares, sorts, keys and equals by numeric value.
 */
// A Decimal made by another copy of this package (its CommonJS build next to the ESM one, or two installed versions)
// is another class: the brand is how the two recognise each other's numbers.
const DECIMAL_BRAND: unique symbol = Symbol.for('streamtable.decimal') as never

export class Decimal {
  /** The service's normalised text, e.g. "12345678901234567890.123456789". */
  readonly value: string
  /** Marks Decimals across copies of the package. */
  readonly [DECIMAL_BRAND] = true
  readonly #parts: Parts
  readonly #double: number | undefined

  /** Parses and validates a DynamoDB number text; throws ValidationException with the service's message. */
  constructor(text: string) {
    const parts = validParts(text)
    this.#parts = parts
    this.value = formatParts(parts)
    this.#double = exactDouble(this.value)
    Object.freeze(this)
  }

  /** Parses and validates a DynamoDB number text; throws ValidationException with the service's message. */
  static from(text: string): Decimal {
    return new Decimal(text)
  }

  /** The normalised text. */
  toString(): string {
    return this.value
  }

  /** The normalised text, so that JSON keeps every digit. */
  toJSON(): string {
    return this.value
  }

  /** The nearest double: digits beyond a double's precision are lost, as the name of the conversion says. */
  toNumber(): number {
    return Number(this.value)
  }

  /**
   * The text in a template literal or `String(d)`; any other conversion throws, because `d + 1` would silently
   * concatenate text and `d < e` compare it: Decimal.add, Decimal.subtract and Decimal.compare are exact.
   */
  [Symbol.toPrimitive](hint: 'string' | 'number' | 'default'): string {
    if (hint === 'string') return this.value
    throw new TypeError(
      `Invalid use of Decimal ${this.value}: expected Decimal.add, Decimal.subtract or Decimal.compare for arithmetic and comparison, or toNumber() for the nearest double, received an implicit conversion to a ${hint === 'number' ? 'number' : 'primitive'}`,
    )
  }

  /** The exact sum of two numbers, as DynamoDB's ADD and `SET a = a + b` compute it: a number when a double holds it. */
  static add(a: number | Decimal, b: number | Decimal): number | Decimal {
    return addNumbers(operand(a, 'add'), operand(b, 'add'))
  }

  /** The exact difference of two numbers, as DynamoDB's `SET a = a - b` computes it: a number when a double holds it. */
  static subtract(a: number | Decimal, b: number | Decimal): number | Decimal {
    return subtractNumbers(operand(a, 'subtract'), operand(b, 'subtract'))
  }

  /** -1, 0 or 1 as `a` is numerically below, equal to or above `b`, exactly (a sort comparator). */
  static compare(a: number | Decimal, b: number | Decimal): -1 | 0 | 1 {
    return Math.sign(compareNumbers(operand(a, 'compare'), operand(b, 'compare'))) as -1 | 0 | 1
  }

  /** True for a Decimal of this package, whichever copy of it made the value. */
  static [Symbol.hasInstance](value: unknown): boolean {
    return typeof value === 'object' && value !== null && (value as { [DECIMAL_BRAND]?: unknown })[DECIMAL_BRAND] === true
  }

  static {
    // Another copy's Decimal has no private fields of this class: its parts come from its normalised text.
    decimalParts = (d) => (#parts in d ? d.#parts : validParts((d as { value: string }).value))
    decimalDouble = (d) => (#double in d ? d.#double : exactDouble((d as { value: string }).value))
  }
}

Object.freeze(Decimal.prototype)

/** An argument of Decimal's arithmetic, checked as a storable number. */
function operand(n: unknown, operation: string): NumberValue {
  const problem = typeof n === 'number' || n instanceof Decimal ? numberProblem(n) : 'a number or Decimal'
  if (problem !== undefined) throw new ValidationException(`Invalid Decimal.${operation} operand: expected ${problem}, received ${describeValue(n)}`)
  return n as NumberValue
}

/** A DynamoDB number in its native form: a double when one holds it exactly, else a Decimal. */
export type NumberValue = number | Decimal

function fromParts(parts: Parts): NumberValue {
  const problem = partsProblem(parts)
  if (problem !== undefined) throw serviceError(problem)
  const text = formatParts(parts)
  const double = exactDouble(text)
  return double ?? new Decimal(text)
}

/** True for a finite double or a Decimal. */
export function isNumberValue(v: unknown): v is NumberValue {
  return typeof v === 'number' ? Number.isFinite(v) : v instanceof Decimal
}

/** True for a value of DynamoDB's number type, storable or not: any double (NaN included) or a Decimal. */
export function isNumberKind(v: unknown): v is NumberValue {
  return typeof v === 'number' || v instanceof Decimal
}

/** True for a Decimal. */
export function isDecimal(v: unknown): v is Decimal {
  return v instanceof Decimal
}

/**
 * A DynamoDB number text as a native number: the double when it prints back as the same normalised text, else a
 * Decimal. Throws ValidationException with the service's message when the text is not a storable number.
 */
export function parseNumber(text: string): NumberValue {
  return plainInteger(text) ? Number(text) : fromParts(validParts(text))
}

// Most number texts on the wire are small integers already in normal form: a double holds them exactly, so the parse
// into parts and the print back that prove it are skipped.
const PLAIN_INTEGER_MAX_LENGTH = 15

/** True for `0` or an integer of at most 15 digits without leading zeros, optionally negative. */
function plainInteger(text: string): boolean {
  const length = text.length
  if (length === 0 || length > PLAIN_INTEGER_MAX_LENGTH) return false
  const start = text.charCodeAt(0) === 45 ? 1 : 0
  if (start === length) return false
  const first = text.charCodeAt(start)
  if (first === 48) return length === 1
  if (first < 49 || first > 57) return false
  for (let i = start + 1; i < length; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) return false
  }
  return true
}

/** A number as it is stored: a Decimal that a double holds exactly becomes that double, and -0 becomes 0. */
export function canonicalNumber(n: NumberValue): NumberValue {
  if (typeof n === 'number') return n === 0 ? 0 : n
  return decimalDouble(n) ?? n
}

/** The service's normalised text of a number: positional, no exponent, no needless zeros, `-0` as `0`. */
export function numberText(n: NumberValue): string {
  if (typeof n !== 'number') return n.value
  if (n === 0) return '0'
  const text = String(n)
  if (!text.includes('e')) return text
  const [mantissa = '', exponentText = '0'] = text.split('e')
  const negative = mantissa.startsWith('-')
  const [whole = '', fraction = ''] = (negative ? mantissa.slice(1) : mantissa).split('.')
  return formatParts(partsOf(negative, whole + fraction, Number(exponentText) - fraction.length))
}

/** The double nearest to a number (the number itself when it is a double). */
export function nearestDouble(n: NumberValue): number {
  return typeof n === 'number' ? n : Number(n.value)
}

function exactParts(n: NumberValue): Parts {
  if (typeof n !== 'number') return decimalParts(n)
  return parseParts(numberText(n)) as Parts
}

function coefficient(parts: Parts, exponent: number): bigint {
  if (parts.digits === '') return 0n
  const c = BigInt(parts.digits) * 10n ** BigInt(parts.exponent - exponent)
  return parts.negative ? -c : c
}

function compareParts(a: Parts, b: Parts): number {
  const sign = (p: Parts): number => (p.digits === '' ? 0 : p.negative ? -1 : 1)
  const sa = sign(a)
  const sb = sign(b)
  if (sa !== sb || sa === 0) return sa - sb
  const exponent = Math.min(a.exponent, b.exponent)
  const ca = coefficient(a, exponent)
  const cb = coefficient(b, exponent)
  return ca < cb ? -1 : ca > cb ? 1 : 0
}

/** Orders numbers numerically and exactly. */
export function compareNumbers(a: NumberValue, b: NumberValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0
  return compareParts(exactParts(a), exactParts(b))
}

/** True when two numbers are numerically equal (`1.5` and `Decimal.from("1.50")`). */
export function numbersEqual(a: NumberValue, b: NumberValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b
  return compareNumbers(a, b) === 0
}

function addParts(a: Parts, b: Parts): Parts {
  const exponent = Math.min(a.exponent, b.exponent)
  const sum = coefficient(a, exponent) + coefficient(b, exponent)
  const negative = sum < 0n
  return partsOf(negative, (negative ? -sum : sum).toString(), exponent)
}

/** The exact sum; ValidationException with the service's message when it cannot be stored. */
export function addNumbers(a: NumberValue, b: NumberValue): NumberValue {
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a) && Number.isSafeInteger(b)) {
    const sum = a + b
    if (Number.isSafeInteger(sum)) return sum === 0 ? 0 : sum
  }
  return fromParts(addParts(exactParts(a), exactParts(b)))
}

/** The exact difference; ValidationException with the service's message when it cannot be stored. */
export function subtractNumbers(a: NumberValue, b: NumberValue): NumberValue {
  if (typeof b === 'number') return addNumbers(a, -b)
  const parts = decimalParts(b)
  return fromParts(addParts(exactParts(a), { ...parts, negative: !parts.negative }))
}

const INT32_MAX = 2 ** 31 - 1

/** Significant digits of a double, counted without a string for integers below 2^53 (the common case). */
function doubleDigits(n: number): number {
  if (Number.isSafeInteger(n)) {
    let v = Math.abs(n)
    if (v === 0) return 0
    if (v <= INT32_MAX) return int32Digits(v)
    while (v % 10 === 0) v /= 10
    let digits = 0
    while (v >= 1) {
      v = Math.floor(v / 10)
      digits++
    }
    return digits
  }
  return exactParts(n).digits.length
}

// Every number attribute of every write is sized: in int32 arithmetic V8 divides by 10 with a multiplication, where
// a double's `%` and `Math.floor(v / 10)` take a division each.
function int32Digits(positive: number): number {
  let v = positive | 0
  while (v % 10 === 0) v = (v / 10) | 0
  let digits = 1
  while (v >= 10) {
    v = (v / 10) | 0
    digits++
  }
  return digits
}

/** Bytes a number occupies under DynamoDB's item-size rule: ceil(significant digits / 2) + 1. */
export function numberSize(n: NumberValue): number {
  const digits = typeof n === 'number' ? doubleDigits(n) : decimalParts(n).digits.length
  return Math.ceil(digits / 2) + 1
}

/**
 * Why `n` cannot be stored as a DynamoDB number, phrased as what was expected, or undefined when it can. A Decimal
 * was validated when it was made.
 */
export function numberProblem(n: NumberValue): string | undefined {
  if (typeof n !== 'number') return n instanceof Decimal ? undefined : 'a number or Decimal'
  if (!Number.isFinite(n)) return 'a finite number'
  const magnitude = Math.abs(n)
  if (magnitude >= OVERFLOW_MAGNITUDE) return `a number of magnitude at most 9.9999999999999999999999999999999999999E+125 (${OVERFLOW_TEXT})`
  if (magnitude !== 0 && magnitude < MIN_MAGNITUDE) return `a number of magnitude at least 1E-130 (${UNDERFLOW_TEXT})`
  return undefined
}

/** A Map key for a number, equal for numerically equal values: a double as itself, else the normalised text. */
export function numberKey(n: NumberValue): string | number {
  if (typeof n === 'number') return n === 0 ? 0 : n
  return decimalDouble(n) ?? n.value
}
