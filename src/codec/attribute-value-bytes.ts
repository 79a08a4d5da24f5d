// Native items written straight as DynamoDB JSON bytes: exactly the UTF-8 of `JSON.stringify(marshallItem(item))`,
// without the tagged tree, nor the text, in between.
import type { AttributeMap, AttributeValue } from '../values/admission.js'
import { isNumberKind, numberText, type NumberValue } from '../values/number.js'
import { base64 } from './attribute-value-json.js'
import { encodedJson, JSON_BYTE, stringBound, writeDigits, writeStringContent, type JsonWriter } from './json-writer.js'

const STRING_TAG = encodedJson('{"S":')
const NUMBER_TAG = encodedJson('{"N":"')
const NUMBER_END = encodedJson('"}')

function writeSet(out: JsonWriter, set: ReadonlySet<unknown>): void {
  let first = true
  let kind: 'N' | 'B' | 'S' | undefined
  for (const element of set) {
    if (first) {
      // The set's kind follows its first element, as marshallValue decides it.
      kind = isNumberKind(element) ? 'N' : element instanceof Uint8Array ? 'B' : 'S'
      out.json(kind === 'N' ? '{"NS":[' : kind === 'B' ? '{"BS":[' : '{"SS":[')
      first = false
    } else out.json(',')
    if (kind === 'N') out.json(`"${numberText(element as NumberValue)}"`)
    else if (kind === 'B') out.json(`"${base64(element as Uint8Array)}"`)
    else out.string(element as string)
  }
  out.json(first ? '{"SS":[]}' : ']}')
}

/** Writes a native value as DynamoDB JSON: the UTF-8 of `JSON.stringify(marshallValue(value))`, exactly. */
export function writeAttributeValue(out: JsonWriter, value: AttributeValue): void {
  if (typeof value === 'string') {
    out.encoded(STRING_TAG)
    out.string(value)
    out.byte(JSON_BYTE.closeBrace)
  } else if (typeof value === 'boolean') out.json(value ? '{"BOOL":true}' : '{"BOOL":false}')
  else if (typeof value === 'number' && value >= 0 && value <= 0xffffffff && Number.isInteger(value)) {
    out.encoded(NUMBER_TAG)
    out.integer(value)
    out.encoded(NUMBER_END)
  } else if (isNumberKind(value)) {
    out.encoded(NUMBER_TAG)
    out.json(numberText(value))
    out.encoded(NUMBER_END)
  } else if (value === null) out.json('{"NULL":true}')
  else if (value instanceof Uint8Array) out.json(`{"B":"${base64(value)}"}`)
  else if (value instanceof Set) writeSet(out, value as ReadonlySet<unknown>)
  else if (Array.isArray(value)) {
    out.json('{"L":[')
    const list = value as readonly AttributeValue[]
    for (let i = 0; i < list.length; i++) {
      if (i > 0) out.byte(JSON_BYTE.comma)
      writeAttributeValue(out, list[i] as AttributeValue)
    }
    out.json(']}')
  } else {
    out.json('{"M":')
    writeAttributeMap(out, value as AttributeMap)
    out.json('}')
  }
}

/** Writes a native item as DynamoDB JSON: the UTF-8 of `JSON.stringify(marshallItem(item))`, exactly. */
export function writeAttributeMap(out: JsonWriter, item: AttributeMap): void {
  out.byte(JSON_BYTE.openBrace)
  let first = true
  for (const name in item) {
    const value = item[name] as AttributeValue
    // Strings and small integers, most attributes, are written whole in one reserve: name, tag, value and braces.
    const bytes = out.reserve(stringBound(name) + (typeof value === 'string' ? stringBound(value) : 0) + MEMBER_FRAME_BYTES)
    let at = out.at
    if (first) first = false
    else bytes[at++] = JSON_BYTE.comma
    bytes[at++] = JSON_BYTE.quote
    at = writeStringContent(bytes, at, name)
    bytes[at++] = JSON_BYTE.quote
    bytes[at++] = JSON_BYTE.colon
    if (typeof value === 'string') {
      at = writeTag(bytes, at, 0x53)
      at = writeStringContent(bytes, at, value)
      bytes[at++] = JSON_BYTE.quote
      bytes[at++] = JSON_BYTE.closeBrace
      out.at = at
    } else if (typeof value === 'number' && value >= 0 && value <= 0xffffffff && Number.isInteger(value)) {
      at = writeDigits(bytes, writeTag(bytes, at, 0x4e), value)
      bytes[at++] = JSON_BYTE.quote
      bytes[at++] = JSON_BYTE.closeBrace
      out.at = at
    } else {
      out.at = at
      writeAttributeValue(out, value)
    }
  }
  out.byte(JSON_BYTE.closeBrace)
}

// Beyond the name's and a string value's bounds: a comma, the colon, `{"S":` and its closing quote and brace, or an
// integer's ten digits in `{"N":"…"}`.
const MEMBER_FRAME_BYTES = 24

/** Writes `{"S":"` (or `{"N":"`, by the tag letter's code) from `at`; returns where it ends. */
function writeTag(bytes: Uint8Array, at: number, letter: number): number {
  bytes[at++] = JSON_BYTE.openBrace
  bytes[at++] = JSON_BYTE.quote
  bytes[at++] = letter
  bytes[at++] = JSON_BYTE.quote
  bytes[at++] = JSON_BYTE.colon
  bytes[at++] = JSON_BYTE.quote
  return at
}
