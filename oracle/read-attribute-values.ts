// DynamoDB JSON to native values for the oracle's streamtable side. Only well-formed values are read: a value the
// service would reject makes the case one the expression engine alone cannot answer (the service's checks of
// AttributeValue JSON belong to the codec's reader, not to the engine), and the case is set aside, not compared.
import type { AttributeMap, AttributeValue } from '../src/values/admission.js'
import { isStreamtableError } from '../src/core/errors.js'
import { parseNumber, type NumberValue } from '../src/values/number.js'
import { canonicalNumberKey } from './generate-values.js'

/** Thrown for a value the service would reject: the case is outside what the engine answers. */
export class OutsideEngine extends Error {}

/** A native value from DynamoDB JSON; throws OutsideEngine for JSON the service would reject. */
export function readValue(json: unknown): AttributeValue {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new OutsideEngine(`not an AttributeValue: ${JSON.stringify(json)}`)
  const entries = Object.entries(json as Record<string, unknown>)
  const [entry, ...rest] = entries
  if (entry === undefined || rest.length > 0) throw new OutsideEngine(`expected exactly one member, received ${entries.length}`)
  const [type, payload] = entry
  switch (type) {
    case 'S':
      return expectString(payload)
    case 'N':
      return readNumber(payload)
    case 'B':
      return Uint8Array.from(Buffer.from(expectString(payload), 'base64'))
    case 'BOOL':
      if (typeof payload !== 'boolean') throw new OutsideEngine('BOOL must be a boolean')
      return payload
    case 'NULL':
      if (payload !== true) throw new OutsideEngine('NULL must be true')
      return null
    case 'M':
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new OutsideEngine('M must be an object')
      return readItem(payload as Record<string, unknown>)
    case 'L':
      if (!Array.isArray(payload)) throw new OutsideEngine('L must be an array')
      return payload.map(readValue)
    case 'SS':
      return readSet(payload, expectString, (s) => s)
    case 'NS':
      return readSet(payload, readNumber, (_n, text) => canonicalNumberKey(text))
    case 'BS':
      return readSet(payload, (b) => Uint8Array.from(Buffer.from(expectString(b), 'base64')), (_b, text) => text)
    default:
      throw new OutsideEngine(`unknown AttributeValue type ${type}`)
  }
}

/** A native item (or map) from DynamoDB JSON. */
export function readItem(json: Readonly<Record<string, unknown>>): AttributeMap {
  const out: Record<string, AttributeValue> = {}
  for (const [name, value] of Object.entries(json)) out[name] = readValue(value)
  return out
}

function expectString(payload: unknown): string {
  if (typeof payload !== 'string') throw new OutsideEngine('expected a string payload')
  return payload
}

// A number the service would reject is outside what the engine answers; every other one is read exactly.
function readNumber(payload: unknown): NumberValue {
  try {
    return parseNumber(expectString(payload))
  } catch (error) {
    if (isStreamtableError(error)) throw new OutsideEngine(`not a storable number: ${String(payload)}`)
    throw error
  }
}

function readSet<T>(payload: unknown, read: (element: unknown) => T, identity: (element: T, text: string) => string): Set<T> {
  if (!Array.isArray(payload) || payload.length === 0) throw new OutsideEngine('a set must be a non-empty array')
  const seen = new Set<string>()
  const out = new Set<T>()
  for (const element of payload) {
    const value = read(element)
    const id = identity(value, String(element))
    if (seen.has(id)) throw new OutsideEngine('a set must not hold duplicates')
    seen.add(id)
    out.add(value)
  }
  return out
}

/** True when a DynamoDB JSON value holds a number a double cannot carry exactly (more than 15 significant digits). */
export function holdsLongNumber(json: unknown): boolean {
  if (typeof json !== 'object' || json === null) return false
  if (Array.isArray(json)) return json.some(holdsLongNumber)
  for (const [type, payload] of Object.entries(json as Record<string, unknown>)) {
    if (type === 'N' && typeof payload === 'string' && significantDigits(payload) > 15) return true
    if (type === 'NS' && Array.isArray(payload) && payload.some((n) => typeof n === 'string' && significantDigits(n) > 15)) return true
    if (typeof payload === 'object' && holdsLongNumber(payload)) return true
  }
  return false
}

function significantDigits(text: string): number {
  return (canonicalNumberKey(text).split('e')[0] ?? '').replace(/^-/, '').length
}
