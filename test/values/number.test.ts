import DecimalJs from 'decimal.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Decimal } from '../../src/index.js'
import {
  addNumbers,
  compareNumbers,
  isNumberValue,
  numberKey,
  numberProblem,
  numbersEqual,
  numberSize,
  numberText,
  parseNumber,
  subtractNumbers,
  type NumberValue,
} from '../../src/values/number.js'
import { expectError } from '../helpers/errors.js'

// Exact for every sum of two storable numbers: they span at most 10^-167 .. 10^126.
const Exact = DecimalJs.clone({ precision: 400 })

const OVERFLOW = 'Number overflow. Attempting to store a number with magnitude larger than supported range'
const UNDERFLOW = 'Number underflow. Attempting to store a number with magnitude smaller than supported range'
const PRECISION = 'Attempting to store more than 38 significant digits in a Number'
const MAX = '9.9999999999999999999999999999999999999E+125'
// Property runs take about a second on an idle machine; a busy one may take several.
const PROPERTY_TIMEOUT_MS = 60_000

/** decimal.js's positional text, `-0` as `0`: the service's normalised form. */
function normalised(d: DecimalJs): string {
  return d.isZero() ? '0' : d.toFixed()
}

/** The service's message for a value decimal.js holds exactly, or undefined when it can be stored. */
function problemOf(d: DecimalJs): string | undefined {
  if (d.isZero()) return undefined
  if (d.e > 125) return OVERFLOW
  if (d.e < -130) return UNDERFLOW
  if (d.sd() > 38) return PRECISION
  return undefined
}

/** Number texts the service accepts, in every spelling: signs, leading and trailing zeros, exponents. */
const storableText = fc
  .record({
    negative: fc.boolean(),
    plus: fc.boolean(),
    digits: fc.stringMatching(/^[1-9][0-9]{0,37}$/),
    leadingPower: fc.integer({ min: -130, max: 125 }),
    leadingZeros: fc.integer({ min: 0, max: 3 }),
    trailingZeros: fc.integer({ min: 0, max: 3 }),
    form: fc.constantFrom('exponent', 'positional', 'E+'),
    zero: fc.integer({ min: 0, max: 20 }),
  })
  .map(({ negative, plus, digits, leadingPower, leadingZeros, trailingZeros, form, zero }) => {
    const sign = negative ? '-' : plus ? '+' : ''
    if (zero === 0) return `${sign}${'0'.repeat(leadingZeros + 1)}${trailingZeros > 0 ? `.${'0'.repeat(trailingZeros)}` : ''}`
    const padded = `${'0'.repeat(leadingZeros)}${digits}${'0'.repeat(trailingZeros)}`
    // The value is 0.padded × 10^(leadingPower + 1 + leadingZeros), written in the chosen form.
    const exponent = leadingPower + 1 + leadingZeros - padded.length
    if (form === 'positional') {
      if (exponent >= 0) return `${sign}${padded}${'0'.repeat(exponent)}`
      const point = padded.length + exponent
      return point > 0 ? `${sign}${padded.slice(0, point)}.${padded.slice(point)}` : `${sign}0.${'0'.repeat(-point)}${padded}`
    }
    return `${sign}${padded}${form === 'E+' ? 'E' : 'e'}${exponent >= 0 && form === 'E+' ? '+' : ''}${exponent}`
  })

/** Doubles inside DynamoDB's range, including integers, fractions and the extremes. */
const storableDouble = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -9.99e125, max: 9.99e125 }).filter((d) => d === 0 || Math.abs(d) >= 1e-130),
)

const anyNumber: fc.Arbitrary<string> = fc.oneof(storableText, storableDouble.map((d) => numberText(d)))

describe('parseNumber: the service’s normalised form', () => {
  it.each([
    ['00042', '42'],
    ['1.0', '1'],
    ['3.1400', '3.14'],
    ['1.5E2', '150'],
    ['1E2', '100'],
    ['-0', '0'],
    ['+7', '7'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['-0.000', '0'],
    ['1E-130', `0.${'0'.repeat(129)}1`],
    [MAX, '9'.repeat(38) + '0'.repeat(88)],
    ['12345678901234567890.123456789', '12345678901234567890.123456789'],
  ])('%s reads as %s', (text, expected) => {
    expect(numberText(parseNumber(text))).toBe(expected)
  })

  it('reads every integer text as the full parse does, small plain integers included', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^-?\d{1,20}$/), (text) => {
        const n = parseNumber(text)
        expect(numberText(n)).toBe(normalised(new Exact(text)))
        if (new Exact(text).abs().lte(Number.MAX_SAFE_INTEGER)) {
          expect(typeof n).toBe('number')
          expect(Object.is(n, -0)).toBe(false)
        }
      }),
      { numRuns: 3000 },
    )
    expect(Object.is(parseNumber('-0'), 0)).toBe(true)
    expect(parseNumber('-000000000000042')).toBe(-42)
    expect(() => parseNumber('-')).toThrow('The parameter cannot be converted to a numeric value: -')
  }, PROPERTY_TIMEOUT_MS)

  it('gives a double where the double prints as the same text, else a Decimal', () => {
    expect(parseNumber('1.50')).toBe(1.5)
    expect(parseNumber('9007199254740991')).toBe(9007199254740991)
    expect(parseNumber('1e21')).toBe(1e21)
    expect(parseNumber('0.1')).toBe(0.1)
    const big = parseNumber('9007199254740993')
    expect(big).toBeInstanceOf(Decimal)
    expect((big as Decimal).value).toBe('9007199254740993')
    expect(parseNumber(MAX)).toBeInstanceOf(Decimal)
    // A double stands for its shortest text: 1e125 prints as exactly 1E+125.
    expect(parseNumber('1E+125')).toBe(1e125)
    expect(parseNumber('1.0000000000000000000001E+125')).toBeInstanceOf(Decimal)
  })

  it.each([
    ['1E+126', OVERFLOW],
    ['-1E+126', OVERFLOW],
    ['99999999999999999999999999999999999999.5E+125', OVERFLOW],
    ['1E-131', UNDERFLOW],
    ['-1E-131', UNDERFLOW],
    ['1'.repeat(39), PRECISION],
    [`0.${'0'.repeat(50)}${'1'.repeat(39)}`, PRECISION],
    ['1e99999999999999999999999', OVERFLOW],
    ['', 'The parameter cannot be converted to a numeric value'],
    ['abc', 'The parameter cannot be converted to a numeric value: abc'],
    ['NaN', 'The parameter cannot be converted to a numeric value: NaN'],
    ['Infinity', 'The parameter cannot be converted to a numeric value: Infinity'],
    ['0x10', 'The parameter cannot be converted to a numeric value: 0x10'],
    [' 1', 'The parameter cannot be converted to a numeric value:  1'],
    ['1e', 'The parameter cannot be converted to a numeric value: 1e'],
    ['.', 'The parameter cannot be converted to a numeric value: .'],
    ['--1', 'The parameter cannot be converted to a numeric value: --1'],
  ])('rejects %s with the service’s message', (text, message) => {
    const error = expectError(() => parseNumber(text), 'ValidationException')
    expect(error.message).toBe(`${message} (ValidationException)`)
  })

  it('accepts zero with any exponent, and 38 significant digits among any number of zeros', () => {
    expect(parseNumber('0e999999')).toBe(0)
    expect(numberText(parseNumber(`000${'9'.repeat(38)}000`))).toBe(`${'9'.repeat(38)}000`)
  })

  it('quotes at most 100 characters of a text it cannot read', () => {
    const error = expectError(() => parseNumber(`x${'1'.repeat(70_000)}`), 'ValidationException')
    expect(error.message.length).toBeLessThan(200)
    expect(error.message).toContain('70001 characters')
  })

  it('matches decimal.js on every spelling of a storable number', () => {
    fc.assert(
      fc.property(storableText, (text) => {
        const expected = normalised(new Exact(text))
        const n = parseNumber(text)
        expect(numberText(n)).toBe(expected)
        const double = Number(expected)
        if (numberText(double) === expected) expect(n).toBe(double === 0 ? 0 : double)
        else expect(n).toBeInstanceOf(Decimal)
      }),
      { numRuns: 1000 },
    )
  }, PROPERTY_TIMEOUT_MS)

  it('rejects out-of-range and over-precise texts with the message decimal.js predicts', () => {
    const digits = fc.stringMatching(/^[1-9][0-9]{0,45}$/)
    fc.assert(
      fc.property(digits, fc.integer({ min: -200, max: 200 }), fc.boolean(), (d, exponent, negative) => {
        const text = `${negative ? '-' : ''}${d}e${exponent}`
        const problem = problemOf(new Exact(text))
        if (problem === undefined) expect(numberText(parseNumber(text))).toBe(normalised(new Exact(text)))
        else expect(() => parseNumber(text)).toThrow(problem)
      }),
      { numRuns: 1000 },
    )
  }, PROPERTY_TIMEOUT_MS)
})

describe('numberText of doubles', () => {
  it.each([
    [1e21, '1000000000000000000000'],
    [1e-7, '0.0000001'],
    [-1.5e-10, '-0.00000000015'],
    [-0, '0'],
    [123.456, '123.456'],
    [1.2345e25, '12345000000000000000000000'],
  ])('%s prints as %s', (n, text) => {
    expect(numberText(n)).toBe(text)
  })

  it('prints every double in range as decimal.js prints the double’s shortest text', () => {
    fc.assert(
      fc.property(storableDouble, (d) => {
        expect(numberText(d)).toBe(normalised(new Exact(String(d))))
      }),
      { numRuns: 1000 },
    )
  }, PROPERTY_TIMEOUT_MS)
})

describe('compareNumbers and numbersEqual', () => {
  it('orders exactly where doubles cannot tell values apart', () => {
    const a = parseNumber('12345678901234567890.123456789')
    const b = parseNumber('12345678901234567890.123456788')
    expect(compareNumbers(a, b)).toBe(1)
    expect(compareNumbers(b, a)).toBe(-1)
    expect(compareNumbers(a, 12345678901234567000)).toBe(1)
    expect(compareNumbers(-1, Decimal.from('-0.99999999999999999999999'))).toBe(-1)
    expect(numbersEqual(Decimal.from('1.50'), 1.5)).toBe(true)
    expect(numbersEqual(Decimal.from('9007199254740993'), 9007199254740992)).toBe(false)
  })

  it('matches decimal.js on any two numbers', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, (x, y) => {
        const expected = new Exact(x).cmp(new Exact(y))
        const a = parseNumber(x)
        const b = parseNumber(y)
        expect(Math.sign(compareNumbers(a, b))).toBe(expected)
        expect(numbersEqual(a, b)).toBe(expected === 0)
        expect(numbersEqual(a, Decimal.from(x))).toBe(true)
        expect(numberKey(a) === numberKey(Decimal.from(x))).toBe(true)
        expect(numberKey(a) === numberKey(b)).toBe(expected === 0)
      }),
      { numRuns: 1000 },
    )
  }, PROPERTY_TIMEOUT_MS)
})

describe('addNumbers and subtractNumbers', () => {
  it('are exact on decimals a double rounds', () => {
    expect(addNumbers(0.1, 0.2)).toBe(0.3)
    expect(subtractNumbers(0.3, 0.1)).toBe(0.2)
    expect(numberText(addNumbers(Decimal.from('100000000000000000000.00000001'), -1))).toBe('99999999999999999999.00000001')
    expect(addNumbers(Number.MAX_SAFE_INTEGER, 2)).toEqual(Decimal.from('9007199254740993'))
    expect(subtractNumbers(Decimal.from('9007199254740993'), 1)).toBe(9007199254740992)
    expect(addNumbers(-5, 5)).toBe(0)
    expect(Object.is(addNumbers(-0, -0), 0)).toBe(true)
  })

  it('fail with the service’s messages when the result cannot be stored', () => {
    expect(() => addNumbers(Decimal.from(MAX), Decimal.from('1E+88'))).toThrow(OVERFLOW)
    expect(() => subtractNumbers(Decimal.from(`-${MAX}`), Decimal.from(MAX))).toThrow(OVERFLOW)
    expect(() => addNumbers(Decimal.from('1E+100'), 1)).toThrow(PRECISION)
  })

  it('match decimal.js on any two numbers', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, (x, y) => {
        for (const [result, expected] of [
          [() => addNumbers(parseNumber(x), parseNumber(y)), new Exact(x).plus(y)],
          [() => subtractNumbers(parseNumber(x), parseNumber(y)), new Exact(x).minus(y)],
        ] as const) {
          const problem = problemOf(expected)
          if (problem === undefined) expect(numberText(result())).toBe(normalised(expected))
          else expect(result).toThrow(problem)
        }
      }),
      { numRuns: 1000 },
    )
  }, PROPERTY_TIMEOUT_MS)
})

describe('numberSize, numberProblem, isNumberValue', () => {
  it('sizes by significant digits: ceil(digits / 2) + 1', () => {
    expect(numberSize(0)).toBe(1)
    expect(numberSize(100)).toBe(2)
    expect(numberSize(12.5)).toBe(3)
    expect(numberSize(Decimal.from(MAX))).toBe(20)
    expect(numberSize(Decimal.from('1E+125'))).toBe(2)
    expect(numberSize(Decimal.from('-0.00000000000000000000000000000000000000000001'))).toBe(2)
    fc.assert(
      fc.property(anyNumber, (text) => {
        expect(numberSize(parseNumber(text))).toBe(Math.ceil((new Exact(text).isZero() ? 0 : new Exact(text).sd()) / 2) + 1)
      }),
    )
  })

  it('sizes integers exactly on both sides of 2^31, trailing zeros left out', () => {
    const sizeOfText = (n: number): number => (n === 0 ? 1 : Math.ceil(new Exact(n).sd() / 2) + 1)
    for (const n of [1, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 31 + 1, 2 ** 31 - 10, 2_000_000_000, 2_147_483_640, 2 ** 53 - 1, -(2 ** 31), -(2 ** 31) - 1]) {
      expect([n, numberSize(n)]).toEqual([n, sizeOfText(n)])
    }
    const integer = fc.oneof(fc.integer(), fc.integer({ min: 2 ** 31 - 5000, max: 2 ** 31 + 5000 }), fc.maxSafeInteger())
    fc.assert(
      fc.property(integer, fc.integer({ min: 0, max: 9 }), (n, zeros) => {
        const value = Number.isSafeInteger(n * 10 ** zeros) ? n * 10 ** zeros : n
        expect(numberSize(value)).toBe(sizeOfText(value))
      }),
      { numRuns: 2000 },
    )
  })

  it('says why a double cannot be stored, and nothing for a Decimal', () => {
    expect(numberProblem(Number.NaN)).toBe('a finite number')
    expect(numberProblem(1e126)).toContain(OVERFLOW)
    expect(numberProblem(1e-131)).toContain(UNDERFLOW)
    expect(numberProblem(Decimal.from(MAX))).toBeUndefined()
    expect(isNumberValue(Decimal.from('1'))).toBe(true)
    expect(isNumberValue(Number.POSITIVE_INFINITY)).toBe(false)
    expect(isNumberValue('1')).toBe(false)
  })
})

describe('Decimal', () => {
  it('is immutable and prints its normalised text', () => {
    const d = Decimal.from('0012345678901234567890.1234567890')
    expect(d.value).toBe('12345678901234567890.123456789')
    expect(String(d)).toBe(d.value)
    expect(JSON.stringify({ d })).toBe('{"d":"12345678901234567890.123456789"}')
    expect(Object.isFrozen(d)).toBe(true)
    expect(() => {
      ;(d as { value: string }).value = '1'
    }).toThrow(TypeError)
    expect(new Decimal('1.50').value).toBe('1.5')
  })

  it('validates what it is made from', () => {
    expectError(() => Decimal.from('1E+126'), 'ValidationException', OVERFLOW)
    expectError(() => Decimal.from('one'), 'ValidationException', 'The parameter cannot be converted to a numeric value: one')
    expectError(() => Decimal.from(''), 'ValidationException', 'The parameter cannot be converted to a numeric value')
    expectError(() => Decimal.from(5 as never), 'ValidationException', 'Invalid Decimal text: expected a string such as "12345678901234567890.5", received number 5')
    expectError(() => Decimal.from(null as never), 'ValidationException', 'received null')
    expectError(() => Decimal.from(1n as never), 'ValidationException', 'received bigint 1')
  })

  it('adds, subtracts and compares exactly, handing back a number where a double holds the result', () => {
    const big = Decimal.from('12345678901234567890.123456789')
    expect(Decimal.add(big, 1)).toEqual(Decimal.from('12345678901234567891.123456789'))
    expect(Decimal.subtract(big, Decimal.from('12345678901234567890'))).toBe(0.123456789)
    expect(Decimal.add(0.1, 0.2)).toBe(0.3)
    expect(Decimal.add(Decimal.from('9007199254740993'), -2)).toBe(9007199254740991)
    expect([Decimal.compare(big, 1), Decimal.compare(1, big), Decimal.compare(Decimal.from('2.50'), 2.5)]).toEqual([1, -1, 0])
    const sorted = [big, 3, Decimal.from('-1E+100'), Decimal.from('12345678901234567890.12345678')].sort(Decimal.compare)
    expect(sorted.map(numberText)).toEqual(['-1E+100', '3', '12345678901234567890.12345678', '12345678901234567890.123456789'].map((t) => numberText(parseNumber(t))))
    expectError(() => Decimal.add(Decimal.from('9.9999999999999999999999999999999999999E+125'), Decimal.from('1E+125')), 'ValidationException', OVERFLOW)
    expectError(() => Decimal.add(big, '1' as never), 'ValidationException', 'Invalid Decimal.add operand: expected a number or Decimal, received string "1"')
    expectError(() => Decimal.compare(Number.NaN, 1), 'ValidationException', 'Invalid Decimal.compare operand: expected a finite number, received number NaN')
  })

  it('refuses the implicit conversions that would concatenate or compare its text, and converts on request', () => {
    const big = Decimal.from('12345678901234567890.5')
    const loose = big as unknown as number
    expect(() => loose + 1).toThrow(/Invalid use of Decimal 12345678901234567890.5: expected Decimal.add, Decimal.subtract or Decimal.compare.*implicit conversion to a primitive/)
    expect(() => loose < 2).toThrow(/implicit conversion to a number/)
    expect(() => Number(big)).toThrow(TypeError)
    expect(`${big}`).toBe('12345678901234567890.5')
    expect(big.toNumber()).toBe(12345678901234567890.5)
  })

  it('compares with doubles of the same value as equal', () => {
    const values: NumberValue[] = [Decimal.from('2'), 1, Decimal.from('1.5'), Decimal.from('-3')]
    expect(values.sort(compareNumbers).map(numberText)).toEqual(['-3', '1', '1.5', '2'])
    expect(numberKey(Decimal.from('2.0'))).toBe(2)
  })
})
