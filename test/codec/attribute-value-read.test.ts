import { describe, expect, it } from 'vitest'
import { marshallItem, marshallValue } from '../../src/codec/attribute-value-json.js'
import { unmarshallItem, unmarshallValue } from '../../src/codec/attribute-value-read.js'
import { numberText, parseNumber as parseNumberText } from '../../src/values/number.js'
import { expectError } from '../helpers/errors.js'

const NUMERIC = 'The parameter cannot be converted to a numeric value'

describe('unmarshallValue', () => {
  it.each([
    ['a string', { S: 'x' }, 'x'],
    ['an empty string', { S: '' }, ''],
    ['a number', { N: '-1.5' }, -1.5],
    ['a binary', { B: 'AQL/' }, new Uint8Array([1, 2, 255])],
    ['an empty binary', { B: '' }, new Uint8Array([])],
    ['true', { BOOL: true }, true],
    ['NULL', { NULL: true }, null],
    ['a map', { M: { a: { M: { b: { S: 'c' } } } } }, { a: { b: 'c' } }],
    ['an empty list', { L: [] }, []],
    ['a list with empty strings and binaries', { L: [{ S: '' }, { B: '' }] }, ['', new Uint8Array([])]],
    ['a string set', { SS: ['a', 'b'] }, new Set(['a', 'b'])],
    ['a string set holding the empty string', { SS: [''] }, new Set([''])],
    ['a number set', { NS: ['1', '2.5'] }, new Set([1, 2.5])],
    ['a binary set with an empty member', { BS: ['', 'AA=='] }, new Set([new Uint8Array([]), new Uint8Array([0])])],
  ])('reads %s', (_name, json, expected) => {
    expect(unmarshallValue(json)).toEqual(expected)
  })

  it('round-trips what marshallValue writes', () => {
    const item = { s: 'x', n: 42, b: new Uint8Array([7]), t: true, z: null, l: [1, 'a', [false]], m: { k: { j: 'v' } }, ss: new Set(['p']), ns: new Set([3]), bs: new Set([new Uint8Array([9])]) }
    expect(unmarshallItem(marshallItem(item))).toEqual(item)
  })

  it.each([
    ['00042', 42, '42'],
    ['1.0', 1, '1'],
    ['3.1400', 3.14, '3.14'],
    ['1.5E2', 150, '150'],
    ['1E2', 100, '100'],
    ['-0', 0, '0'],
    ['+5', 5, '5'],
  ])('reads the number %s as %d and writes it back normalised as %s', (text, value, normalised) => {
    expect(Object.is(unmarshallValue({ N: text }), value)).toBe(true)
    expect(marshallValue(unmarshallValue({ N: text }))).toEqual({ N: normalised })
  })

  it('accepts 38 significant digits and refuses 39', () => {
    expect(numberText(parseNumberText('1'.repeat(38)))).toBe('1'.repeat(38))
    expect(numberText(parseNumberText(`0.000${'1'.repeat(38)}000`))).toBe(`0.000${'1'.repeat(38)}`)
    expectError(() => unmarshallValue({ N: '1'.repeat(39) }), 'ValidationException', 'Attempting to store more than 38 significant digits in a Number')
  })

  it('accepts the ends of the range and refuses beyond them', () => {
    for (const text of ['9.9999999999999999999999999999999999999E+125', '-9.9999999999999999999999999999999999999E+125', '1E-130', '-1E-130']) {
      expect(() => parseNumberText(text)).not.toThrow()
    }
    for (const text of ['1E+126', '-1E+126', '10E+125']) {
      expectError(() => parseNumberText(text), 'ValidationException', 'Number overflow. Attempting to store a number with magnitude larger than supported range')
    }
    expectError(() => parseNumberText('1E-131'), 'ValidationException', 'Number underflow. Attempting to store a number with magnitude smaller than supported range')
    expectError(() => parseNumberText('0.1E-130'), 'ValidationException', 'Number underflow')
  })

  it.each(['abc', 'NaN', 'Infinity', '0x10', ' 1', '1 ', '1e', '--1', '.'])('refuses the number text %j with the text quoted', (text) => {
    const error = expectError(() => unmarshallValue({ N: text }), 'ValidationException')
    expect(error.message).toBe(`${NUMERIC}: ${text} (ValidationException)`)
  })

  it('refuses an empty N without, and an empty NS member with, the colon', () => {
    expect(expectError(() => unmarshallValue({ N: '' }), 'ValidationException').message).toBe(`${NUMERIC} (ValidationException)`)
    expect(expectError(() => unmarshallValue({ NS: [''] }), 'ValidationException').message).toBe(`${NUMERIC}:  (ValidationException)`)
  })

  it.each([
    ['an empty value', {}, 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'],
    ['two types', { S: 'a', N: '1' }, 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes'],
    ['an empty SS', { SS: [] }, 'One or more parameter values were invalid: An string set  may not be empty'],
    ['an empty NS', { NS: [] }, 'One or more parameter values were invalid: An number set  may not be empty'],
    ['an empty BS', { BS: [] }, 'One or more parameter values were invalid: Binary sets should not be empty'],
    ['duplicate SS members', { SS: ['a', 'a'] }, 'One or more parameter values were invalid: Input collection [a, a] contains duplicates.'],
    ['duplicate BS members', { BS: ['', ''] }, 'One or more parameter values were invalid: Input collection ["",""]of type BS contains duplicates.'],
    ['numerically equal NS members', { NS: ['1', '1.0'] }, 'Input collection contains duplicates'],
    ['NULL false', { NULL: false }, 'One or more parameter values were invalid: Null attribute value types must have the value of true'],
  ])('refuses %s with the service text', (_name, json, message) => {
    expect(expectError(() => unmarshallValue(json), 'ValidationException').message).toBe(`${message} (ValidationException)`)
  })

  it('refuses a null in place of an AttributeValue, in an item, a nested map or a list, as DynamoDB Local does', () => {
    const NULL_VALUE = 'The supplied Item contains a null AttributeValue'
    expect(expectError(() => unmarshallItem({ id: { S: 'a' }, n: null }), 'ValidationException').message).toBe(`${NULL_VALUE}: n is null (ValidationException)`)
    expect(expectError(() => unmarshallItem({ m: { M: { x: null } } }), 'ValidationException').message).toBe(`${NULL_VALUE}: x is null (ValidationException)`)
    expect(expectError(() => unmarshallItem({ l: { L: [null] } }), 'ValidationException').message).toBe(`${NULL_VALUE} (ValidationException)`)
    expect(expectError(() => unmarshallValue(null), 'ValidationException').message).toBe(`${NULL_VALUE} (ValidationException)`)
  })

  it('ignores null members and members that are no type', () => {
    expect(unmarshallValue({ S: 'a', N: null, X: 1 })).toBe('a')
    expectError(() => unmarshallValue({ S: null }), 'ValidationException', 'Supplied AttributeValue is empty')
  })

  it('refuses nesting beyond 32 levels', () => {
    let json: unknown = { S: 'leaf' }
    for (let i = 0; i < 32; i++) json = { L: [json] }
    expect(() => unmarshallValue(json)).not.toThrow()
    expectError(() => unmarshallValue({ M: { deeper: json as never } }), 'ValidationException', 'Nesting Levels have exceeded supported limits')
  })

  it.each([
    ['a number as S', { S: 5 }, 'NUMBER_VALUE cannot be converted to String'],
    ['a number as N', { N: 5 }, 'NUMBER_VALUE cannot be converted to String'],
    ['a string as BOOL', { BOOL: 'true' }, 'STRING_VALUE cannot be converted to Boolean'],
    ['an object as S', { S: {} }, 'Start of structure or map found where not expected'],
    ['a list as S', { S: [] }, 'Start of list found where not expected'],
    ['an object as L', { L: {} }, 'Start of structure or map found where not expected'],
    ['a string as M', { M: 'x' }, 'Unexpected field type'],
    ['a value that is a string', 'x', 'Unexpected field type'],
    ['badly padded base64', { B: 'abc' }, 'Base64 encoded length is expected a multiple of 4 bytes but found: 3'],
  ])('refuses %s as a SerializationException', (_name, json, message) => {
    expect(expectError(() => unmarshallValue(json), 'SerializationException').message).toBe(`${message} (SerializationException)`)
  })

  it('keeps an attribute named __proto__ as an attribute', () => {
    const item = unmarshallItem(JSON.parse('{"__proto__":{"S":"x"},"a":{"M":{"__proto__":{"N":"1"}}}}'))
    expect(Object.getPrototypeOf(item)).toBe(Object.prototype)
    expect(Object.keys(item)).toEqual(['__proto__', 'a'])
    expect(Object.getOwnPropertyDescriptor(item, '__proto__')?.value).toBe('x')
  })

  it('writes numbers through numberText', () => {
    expect(numberText(1e21)).toBe('1000000000000000000000')
    expect(numberText(-0)).toBe('0')
  })
})
