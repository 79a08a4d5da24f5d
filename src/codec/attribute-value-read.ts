// The reading direction of DynamoDB's tagged JSON, with every check the service makes. Kept apart from the writing
// direction, which the consumer's filters use, so that importing the package does not load it.
import { SerializationException, ValidationException } from '../core/errors.js'
import type { AttributeMap, AttributeValue } from '../values/admission.js'
import { MAX_NESTING_DEPTH } from '../values/admission.js'
import { toHex } from '../values/utf8.js'
import { SERVICE_TEXT, UNEXPECTED_FIELD_TYPE, wrongJsonType } from './messages.js'
import { numberKey, parseNumber, type NumberValue } from '../values/number.js'
import { setMember } from '../values/members.js'

/** True for the members that name an AttributeValue's type: S, N, B, BOOL, NULL, M, L, SS, NS, BS. */
function isTypeMember(name: string): boolean {
  // Read once per value of every item: a few comparisons where a set lookup would hash the name.
  switch (name.length) {
    case 1:
      return name === 'S' || name === 'N' || name === 'B' || name === 'M' || name === 'L'
    case 2:
      return name === 'SS' || name === 'NS' || name === 'BS'
    case 4:
      return name === 'BOOL' || name === 'NULL'
    default:
      return false
  }
}
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/

function isJsonObject(value: unknown): value is { readonly [name: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

// JSON.parse makes `__proto__` an own member; plain assignment would set the prototype instead.
function readString(value: unknown): string {
  if (typeof value !== 'string') throw new SerializationException(wrongJsonType(value, 'String'))
  return value
}

function readList(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value
  throw new SerializationException(isJsonObject(value) ? 'Start of structure or map found where not expected' : UNEXPECTED_FIELD_TYPE)
}

function readBase64(value: unknown): Uint8Array {
  const text = readString(value)
  if (text.length % 4 !== 0) throw new SerializationException(SERVICE_TEXT.base64Length(text.length))
  if (!BASE64.test(text)) throw new SerializationException(SERVICE_TEXT.base64Character)
  const buffer = Buffer.from(text, 'base64')
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength)
}

/**
 * A value of DynamoDB's tagged JSON (as parsed from a request) in its native form, with the service's checks:
 * exactly one type member, non-empty sets without duplicates, numbers by the service's rules, `NULL` true only,
 * nesting within 32 levels. Wrong JSON types are SerializationException, wrong values ValidationException.
 * @param json the AttributeValue as parsed from JSON
 * @returns the native value
 */
export function unmarshallValue(json: unknown): AttributeValue {
  return readValue(json, 0)
}

/**
 * An item (a map of names to AttributeValues, as parsed from a request) in its native form, value by value.
 * @param json the attribute map as parsed from JSON
 * @returns the native item
 */
export function unmarshallItem(json: unknown): AttributeMap {
  return readMap(json, 0)
}

function readMap(json: unknown, depth: number): AttributeMap {
  if (!isJsonObject(json)) throw new SerializationException(Array.isArray(json) ? 'Start of list found where not expected' : UNEXPECTED_FIELD_TYPE)
  const out: Record<string, AttributeValue> = {}
  for (const name in json) {
    const member = json[name]
    if (member === null) throw new ValidationException(SERVICE_TEXT.nullMember(name))
    setMember(out, name, readValue(member, depth))
  }
  return out
}

function readValue(json: unknown, depth: number): AttributeValue {
  if (json === null) throw new ValidationException(SERVICE_TEXT.nullValue)
  if (!isJsonObject(json)) throw new SerializationException(Array.isArray(json) ? 'Start of list found where not expected' : UNEXPECTED_FIELD_TYPE)
  let type: string | undefined
  for (const name in json) {
    if (!isTypeMember(name) || json[name] === null) continue
    if (type !== undefined) throw new ValidationException(SERVICE_TEXT.severalTypes)
    type = name
  }
  if (type === undefined) throw new ValidationException(SERVICE_TEXT.emptyValue)
  const member = json[type]
  switch (type) {
    case 'S':
      return readString(member)
    case 'N':
      return parseNumber(readString(member))
    case 'B':
      return readBase64(member)
    case 'BOOL':
      if (typeof member !== 'boolean') throw new SerializationException(wrongJsonType(member, 'Boolean'))
      return member
    case 'NULL':
      if (typeof member !== 'boolean') throw new SerializationException(wrongJsonType(member, 'Boolean'))
      if (!member) throw new ValidationException(SERVICE_TEXT.nullNotTrue)
      return null
    case 'M':
      if (depth >= MAX_NESTING_DEPTH) throw new ValidationException(SERVICE_TEXT.tooDeep)
      return readMap(member, depth + 1)
    case 'L': {
      const list = readList(member)
      if (depth >= MAX_NESTING_DEPTH) throw new ValidationException(SERVICE_TEXT.tooDeep)
      return list.map((element) => readValue(element, depth + 1))
    }
    case 'SS':
      return readStringSet(readList(member))
    case 'NS':
      return readNumberSet(readList(member))
    default:
      return readBinarySet(readList(member))
  }
}

function readStringSet(list: readonly unknown[]): ReadonlySet<string> {
  const elements = list.map(readString)
  if (elements.length === 0) throw new ValidationException(SERVICE_TEXT.emptyStringSet)
  const set = new Set(elements)
  if (set.size !== elements.length) throw new ValidationException(SERVICE_TEXT.stringSetDuplicates(elements))
  return set
}

function readNumberSet(list: readonly unknown[]): ReadonlySet<NumberValue> {
  const texts = list.map(readString)
  if (texts.length === 0) throw new ValidationException(SERVICE_TEXT.emptyNumberSet)
  const set = new Set<NumberValue>()
  // Membership is numeric: "1" and "1.0" are duplicates, whichever form each one reads back as.
  const seen = new Set<string | number>()
  for (const text of texts) {
    if (text === '') throw new ValidationException(SERVICE_TEXT.notNumericInSet(text))
    const n = parseNumber(text)
    seen.add(numberKey(n))
    set.add(n)
  }
  if (seen.size !== texts.length) throw new ValidationException(SERVICE_TEXT.numberSetDuplicates)
  return set
}

function readBinarySet(list: readonly unknown[]): ReadonlySet<Uint8Array> {
  const elements = list.map(readBase64)
  if (elements.length === 0) throw new ValidationException(SERVICE_TEXT.emptyBinarySet)
  const seen = new Set<string>()
  for (const element of elements) seen.add(toHex(element))
  if (seen.size !== elements.length) throw new ValidationException(SERVICE_TEXT.binarySetDuplicates(list as readonly string[]))
  return new Set(elements)
}
