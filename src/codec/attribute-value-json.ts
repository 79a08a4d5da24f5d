import { ValidationException } from '../core/errors.js'
import type { AttributeMap, AttributeValue } from '../values/admission.js'
import { isNumberKind, numberText, parseNumber, type NumberValue } from '../values/number.js'

/** A value in DynamoDB's tagged JSON: exactly one of S, N, B, BOOL, NULL, M, L, SS, NS, BS. */
export type AttributeValueJson =
  | { readonly S: string }
  | { readonly N: string }
  | { readonly B: string }
  | { readonly BOOL: boolean }
  | { readonly NULL: true }
  | { readonly M: { readonly [name: string]: AttributeValueJson } }
  | { readonly L: readonly AttributeValueJson[] }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly string[] }
  | { readonly BS: readonly string[] }

/** A native value in DynamoDB JSON: numbers as their normalised text, binaries as base64. */
export function marshallValue(value: AttributeValue): AttributeValueJson {
  if (typeof value === 'string') return { S: value }
  if (typeof value === 'boolean') return { BOOL: value }
  if (isNumberKind(value)) return { N: numberText(value) }
  if (value === null) return { NULL: true }
  if (value instanceof Uint8Array) return { B: base64(value) }
  if (value instanceof Set) {
    const elements = [...(value as ReadonlySet<unknown>)]
    const first = elements[0]
    if (isNumberKind(first)) return { NS: elements.map((n) => numberText(n as NumberValue)) }
    if (first instanceof Uint8Array) return { BS: elements.map((b) => base64(b as Uint8Array)) }
    return { SS: elements as string[] }
  }
  if (Array.isArray(value)) return { L: (value as readonly AttributeValue[]).map(marshallValue) }
  return { M: marshallItem(value as AttributeMap) }
}

/** A native item in DynamoDB JSON, attribute by attribute. */
export function marshallItem(item: AttributeMap): { readonly [name: string]: AttributeValueJson } {
  const out: Record<string, AttributeValueJson> = {}
  for (const name in item) out[name] = marshallValue(item[name] as AttributeValue)
  return out
}

const TAGS: ReadonlySet<string> = new Set(['S', 'N', 'B', 'BOOL', 'NULL', 'M', 'L', 'SS', 'NS', 'BS'])

function invalid(message: string): never {
  throw new ValidationException(message)
}

/**
 * A value of DynamoDB JSON in its native form: numbers a double holds exactly as numbers, others as Decimal;
 * binaries from base64. Throws ValidationException with the service's message for a malformed value.
 */
export function unmarshallValue(json: AttributeValueJson): AttributeValue {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes')
  let tag: string | undefined
  for (const name in json) {
    if (!TAGS.has(name)) continue
    if (tag !== undefined) invalid('Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes')
    tag = name
  }
  if (tag === undefined) invalid('Supplied AttributeValue is empty, must contain exactly one of the supported datatypes')
  const v = (json as Record<string, unknown>)[tag]
  switch (tag) {
    case 'S':
      return v as string
    case 'N':
      return parseNumber(v as string)
    case 'B':
      return fromBase64(v as string)
    case 'BOOL':
      return v as boolean
    case 'NULL':
      if (v !== true) invalid('One or more parameter values were invalid: Null attribute value types must have the value of true')
      return null
    case 'M':
      return unmarshallItem(v as { readonly [name: string]: AttributeValueJson })
    case 'L':
      return (v as readonly AttributeValueJson[]).map(unmarshallValue)
    case 'SS':
      if ((v as readonly string[]).length === 0) invalid('One or more parameter values were invalid: An string set  may not be empty')
      return new Set(v as readonly string[])
    case 'NS':
      if ((v as readonly string[]).length === 0) invalid('One or more parameter values were invalid: An number set  may not be empty')
      return new Set((v as readonly string[]).map(parseNumber))
    default:
      if ((v as readonly string[]).length === 0) invalid('One or more parameter values were invalid: Binary sets should not be empty')
      return new Set((v as readonly string[]).map(fromBase64))
  }
}

/** An item of DynamoDB JSON in its native form, attribute by attribute. */
export function unmarshallItem(json: { readonly [name: string]: AttributeValueJson }): AttributeMap {
  const out: Record<string, AttributeValue> = {}
  for (const name in json) {
    const value = unmarshallValue(json[name] as AttributeValueJson)
    if (name === '__proto__') Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true })
    else out[name] = value
  }
  return out
}

function fromBase64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'))
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}
