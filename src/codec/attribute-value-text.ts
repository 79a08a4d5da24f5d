// Native items written straight as DynamoDB JSON text: exactly `JSON.stringify(marshallItem(item))`, without the
// tagged tree in between. A page's JSON is most of what a read costs, and on Node 20 JSON.stringify walks the tree's
// small objects at about 100 MB/s; concatenating the text is faster and allocates no objects.
import type { AttributeMap, AttributeValue } from '../values/admission.js'
import { isNumberKind, numberText, type NumberValue } from '../values/number.js'

// JSON.stringify escapes quotes, backslashes, control characters and lone surrogates. Text without any of them,
// nor any surrogate at all (which keeps the test a single class), is quoted as it is; the rest goes to JSON.stringify.
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/

/** A string as JSON text: `JSON.stringify(text)`, exactly. */
export function quoted(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text)
}

// Attribute names repeat across the items of a page and a stream: each one's quoted text with its colon is kept,
// up to a bound, so that a table of ever new names (maps keyed by ids) cannot grow the cache without end.
const MAX_NAMES = 10_000
const nameTexts = new Map<string, string>()

function nameText(name: string): string {
  let text = nameTexts.get(name)
  if (text === undefined) {
    text = `${quoted(name)}:`
    if (nameTexts.size < MAX_NAMES) nameTexts.set(name, text)
  }
  return text
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

function setText(set: ReadonlySet<unknown>): string {
  const elements = [...set]
  const first = elements[0]
  let out = ''
  // The set's kind follows its first element, as marshallValue decides it.
  if (isNumberKind(first)) {
    for (const n of elements) out += `${out === '' ? '' : ','}"${numberText(n as NumberValue)}"`
    return `{"NS":[${out}]}`
  }
  if (first instanceof Uint8Array) {
    for (const b of elements) out += `${out === '' ? '' : ','}"${base64(b as Uint8Array)}"`
    return `{"BS":[${out}]}`
  }
  for (const s of elements) out += `${out === '' ? '' : ','}${quoted(s as string)}`
  return `{"SS":[${out}]}`
}

/** A native value as DynamoDB JSON text: `JSON.stringify(marshallValue(value))`, exactly. */
export function attributeValueText(value: AttributeValue): string {
  if (typeof value === 'string') return `{"S":${quoted(value)}}`
  if (typeof value === 'boolean') return value ? '{"BOOL":true}' : '{"BOOL":false}'
  if (isNumberKind(value)) return `{"N":"${numberText(value)}"}`
  if (value === null) return '{"NULL":true}'
  if (value instanceof Uint8Array) return `{"B":"${base64(value)}"}`
  if (value instanceof Set) return setText(value as ReadonlySet<unknown>)
  if (Array.isArray(value)) {
    let out = ''
    for (const element of value as readonly AttributeValue[]) out += `${out === '' ? '' : ','}${attributeValueText(element)}`
    return `{"L":[${out}]}`
  }
  return `{"M":${attributeMapText(value as AttributeMap)}}`
}

/** A native item as DynamoDB JSON text: `JSON.stringify(marshallItem(item))`, exactly. */
export function attributeMapText(item: AttributeMap): string {
  let out = ''
  for (const name in item) out += `${out === '' ? '' : ','}${nameText(name)}${attributeValueText(item[name] as AttributeValue)}`
  return `{${out}}`
}
