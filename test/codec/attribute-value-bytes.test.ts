import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { marshallItem, marshallValue } from '../../src/codec/attribute-value-json.js'
import { writeAttributeMap, writeAttributeValue } from '../../src/codec/attribute-value-bytes.js'
import { JsonWriter } from '../../src/codec/json-writer.js'
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

const decoder = new TextDecoder()

function written(write: (out: JsonWriter) => void, capacity?: number): string {
  const out = new JsonWriter(capacity)
  write(out)
  return decoder.decode(out.finish())
}

// UTF-8 of any well-formed JSON text, which is what JSON.stringify writes.
const encoded = (text: string): string => decoder.decode(Buffer.from(text, 'utf8'))

describe('writeAttributeMap', () => {
  it('writes exactly the UTF-8 of what JSON.stringify writes of the marshalled item, for any item', () => {
    fc.assert(fc.property(item, (i) => written((out) => writeAttributeMap(out, i)) === encoded(JSON.stringify(marshallItem(i)))), { numRuns: 500 })
  })

  it('writes exactly the UTF-8 of what JSON.stringify writes of a marshalled value, for any value', () => {
    fc.assert(fc.property(value, (v) => written((out) => writeAttributeValue(out, v)) === encoded(JSON.stringify(marshallValue(v)))), { numRuns: 500 })
  })

  it('grows its buffer from one byte to an item of 12,000 attributes', () => {
    const many: Record<string, AttributeValue> = {}
    for (let i = 0; i < 12_000; i++) many[`name-"${i}`] = i % 2 === 0 ? i : `é${i}`
    expect(written((out) => writeAttributeMap(out, many), 1)).toBe(JSON.stringify(marshallItem(many)))
  })

  it('writes numbers past 32 bits, negative, fractional and exact decimals as their normalised text', () => {
    const numbers: Record<string, AttributeValue> = { a: 0, b: -0, c: 4294967295, d: 4294967296, e: -1, f: 1.5, g: 1e21, h: Decimal.from('12345678901234567890.123456789') }
    expect(written((out) => writeAttributeMap(out, numbers))).toBe(JSON.stringify(marshallItem(numbers)))
  })
})

describe('JsonWriter', () => {
  it('quotes any UTF-16 text as JSON.stringify does: escapes, pairs, lone surrogates', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => written((out) => out.string(s)) === encoded(JSON.stringify(s))), { numRuns: 1000 })
    for (const s of ['\ud800', 'a\udc00b', '\udbff\udfff', '😀', '"', '\\', '\u0000\b\t\n\f\r\u001f\u007f', 'plain', '']) {
      expect(written((out) => out.string(s))).toBe(encoded(JSON.stringify(s)))
    }
  })

  it('passes JSON text through as UTF-8, whatever JSON.stringify wrote', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => written((out) => out.json(JSON.stringify(v))) === encoded(JSON.stringify(v))), { numRuns: 300 })
  })

  it('writes integers as JSON.stringify does, and anything else through String', () => {
    for (const n of [0, 7, 10, 99, 100, 4294967295, 4294967296, -3, 2.5, 1e21]) expect(written((out) => out.integer(n))).toBe(JSON.stringify(n))
  })
})

describe('JsonWriter on the shared scratch buffer', () => {
  it('hands out bytes of their own: an answer written later does not change one written before', () => {
    const first = new JsonWriter()
    first.string('first answer')
    const firstBytes = first.finish()
    const second = new JsonWriter()
    second.string('the second, longer answer')
    const secondBytes = second.finish()
    expect(decoder.decode(firstBytes)).toBe('"first answer"')
    expect(decoder.decode(secondBytes)).toBe('"the second, longer answer"')
    expect(firstBytes.buffer === secondBytes.buffer && firstBytes.byteOffset === secondBytes.byteOffset).toBe(false)
  })

  it('gives a writer started while another is writing a buffer of its own', () => {
    const outer = new JsonWriter()
    outer.string('outer')
    const inner = new JsonWriter()
    inner.string('inner')
    expect(decoder.decode(inner.finish())).toBe('"inner"')
    outer.byte(0x2c)
    outer.string('still outer')
    expect(decoder.decode(outer.finish())).toBe('"outer","still outer"')
  })

  it('writes an answer larger than the scratch buffer, and the next answer after it is whole', () => {
    const many: Record<string, AttributeValue> = {}
    for (let i = 0; i < 40_000; i++) many[`n${i}`] = `value ${i}`
    const large = written((out) => writeAttributeMap(out, many))
    expect(large).toBe(JSON.stringify(marshallItem(many)))
    expect(written((out) => writeAttributeMap(out, { a: 'b' }))).toBe('{"a":{"S":"b"}}')
  })
})
