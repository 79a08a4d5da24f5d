import { describe, expect, it } from 'vitest'
import { marshallItem, marshallValue, type AttributeValueJson } from '../../src/codec/attribute-value-json.js'
import { unmarshallItem, unmarshallValue } from '../../src/codec/attribute-value-read.js'
import { Decimal } from '../../src/index.js'
import { expectError } from '../helpers/errors.js'

describe('marshallValue', () => {
  it.each([
    ['a string', 'x', { S: 'x' }],
    ['an integer', 42, { N: '42' }],
    ['a negative decimal', -1.5, { N: '-1.5' }],
    ['a large number without exponent', 1e21, { N: '1000000000000000000000' }],
    ['a tiny number without exponent', 1e-7, { N: '0.0000001' }],
    ['true', true, { BOOL: true }],
    ['null', null, { NULL: true }],
    ['binary as base64', new Uint8Array([1, 2, 255]), { B: 'AQL/' }],
    ['a string set', new Set(['a', 'b']), { SS: ['a', 'b'] }],
    ['a number set', new Set([1, 2.5]), { NS: ['1', '2.5'] }],
    ['a Decimal', Decimal.from('12345678901234567890.5'), { N: '12345678901234567890.5' }],
    ['a number set with a Decimal', new Set([1, Decimal.from('1E+100')]), { NS: ['1', `1${'0'.repeat(100)}`] }],
    ['a binary set', new Set([new Uint8Array([0]), new Uint8Array([1])]), { BS: ['AA==', 'AQ=='] }],
    ['a list', ['a', 1, [true]], { L: [{ S: 'a' }, { N: '1' }, { L: [{ BOOL: true }] }] }],
    ['a map', { a: { b: 'c' } }, { M: { a: { M: { b: { S: 'c' } } } } }],
  ])('marshalls %s', (_name, value, expected) => {
    expect(marshallValue(value as never)).toEqual(expected)
  })

  it('marshalls a binary that is a view into a larger buffer by its own bytes', () => {
    const buffer = new Uint8Array([9, 9, 1, 2, 9])
    expect(marshallValue(buffer.subarray(2, 4))).toEqual({ B: 'AQI=' })
  })

  it('marshalls an attribute named __proto__ as an attribute of its own', () => {
    const marshalled = marshallItem(JSON.parse('{"__proto__":"x","id":"a"}') as never)
    expect(Object.keys(marshalled)).toEqual(['__proto__', 'id'])
    expect(JSON.stringify(marshalled)).toBe('{"__proto__":{"S":"x"},"id":{"S":"a"}}')
  })

  it('marshalls an item attribute by attribute', () => {
    expect(marshallItem({ id: 'x', n: 0, tags: new Set(['t']) })).toEqual({ id: { S: 'x' }, n: { N: '0' }, tags: { SS: ['t'] } })
  })
})

describe('unmarshallValue', () => {
  it.each([
    ['a string', { S: 'x' }, 'x'],
    ['a number a double holds', { N: '1.50' }, 1.5],
    ['a number a double cannot hold', { N: '9007199254740993' }, Decimal.from('9007199254740993')],
    ['binary from base64', { B: 'AQL/' }, new Uint8Array([1, 2, 255])],
    ['a boolean', { BOOL: false }, false],
    ['null', { NULL: true }, null],
    ['a list', { L: [{ N: '1' }, { S: 'a' }] }, [1, 'a']],
    ['a map', { M: { a: { N: '-0' } } }, { a: 0 }],
    ['a string set', { SS: ['a', 'b'] }, new Set(['a', 'b'])],
    ['a number set', { NS: ['1', '1E+40'] }, new Set([1, 1e40])],
    ['a binary set', { BS: ['AA=='] }, new Set([new Uint8Array([0])])],
  ])('reads %s', (_name, json, expected) => {
    expect(unmarshallValue(json as AttributeValueJson)).toEqual(expected)
  })

  it('reads back what it wrote, numbers exactly', () => {
    const item = { id: 'x', big: Decimal.from('-0.000000000000000000000000000000000001234567890123456789'), ns: new Set([Decimal.from('1.1234567890123456789')]), l: [new Uint8Array([3])] }
    expect(unmarshallItem(marshallItem(item))).toEqual(item)
  })

  it.each([
    [{}, 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes'],
    [{ S: 'a', N: '1' }, 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes'],
    [{ N: 'abc' }, 'The parameter cannot be converted to a numeric value: abc'],
    [{ N: '1E+126' }, 'Number overflow. Attempting to store a number with magnitude larger than supported range'],
    [{ NULL: false }, 'Null attribute value types must have the value of true'],
    [{ SS: [] }, 'An string set  may not be empty'],
    [{ NS: [] }, 'An number set  may not be empty'],
    [{ BS: [] }, 'Binary sets should not be empty'],
  ])('rejects %j with the service’s message', (json, message) => {
    expectError(() => unmarshallValue(json as unknown as AttributeValueJson), 'ValidationException', message)
  })
})
