import { describe, expect, it } from 'vitest'
import { marshallItem, marshallValue } from '../../src/codec/attribute-value-json.js'

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

  it('marshalls an item attribute by attribute', () => {
    expect(marshallItem({ id: 'x', n: 0, tags: new Set(['t']) })).toEqual({ id: { S: 'x' }, n: { N: '0' }, tags: { SS: ['t'] } })
  })
})
