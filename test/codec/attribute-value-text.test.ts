import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { marshallItem, marshallValue } from '../../src/codec/attribute-value-json.js'
import { attributeMapText, attributeValueText, quoted } from '../../src/codec/attribute-value-text.js'
import { Decimal, type AttributeMap, type AttributeValue } from '../../src/index.js'

// Any UTF-16 text: quotes, backslashes, control characters, paired and lone surrogates.
const text = fc.string({ unit: 'binary', maxLength: 12 })
const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e120, max: 1e120 }),
  fc.bigInt({ min: -(10n ** 36n), max: 10n ** 36n }).map((n) => Decimal.from(`${n}.5`)),
)
const bytes = fc.uint8Array({ maxLength: 8 })
const { value } = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    text,
    number,
    fc.boolean(),
    fc.constant(null),
    bytes,
    fc.uniqueArray(text, { minLength: 1, maxLength: 4 }).map((a) => new Set(a)),
    fc.uniqueArray(fc.integer(), { minLength: 1, maxLength: 4 }).map((a) => new Set(a)),
    fc.array(bytes, { minLength: 1, maxLength: 3 }).map((a) => new Set(a)),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(text, fc.nat({ max: 20 }).map(String)), tie('value'), { maxKeys: 3 }),
  ) as fc.Arbitrary<AttributeValue>,
}))
const item = fc.dictionary(fc.oneof(text, fc.nat({ max: 20 }).map(String)), value, { maxKeys: 6 }) as fc.Arbitrary<AttributeMap>

describe('attributeMapText', () => {
  it('writes exactly what JSON.stringify writes of the marshalled item, for any item', () => {
    fc.assert(fc.property(item, (i) => attributeMapText(i) === JSON.stringify(marshallItem(i))), { numRuns: 500 })
  })

  it('writes exactly what JSON.stringify writes of a marshalled value, for any value', () => {
    fc.assert(fc.property(value, (v) => attributeValueText(v) === JSON.stringify(marshallValue(v))), { numRuns: 500 })
  })

  it('quotes lone surrogates, control characters, quotes and backslashes as JSON.stringify does', () => {
    for (const s of ['\ud800', 'a\udc00b', '😀', '"', '\\', '\u0000\u001f', 'plain', '']) expect(quoted(s)).toBe(JSON.stringify(s))
  })

  it('keeps writing exactly once more names have come than it keeps', () => {
    const many: Record<string, AttributeValue> = {}
    for (let i = 0; i < 12_000; i++) many[`name-"${i}`] = i
    expect(attributeMapText(many)).toBe(JSON.stringify(marshallItem(many)))
  })
})
