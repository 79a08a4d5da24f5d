import type { AttributeMap, AttributeValue } from '../values/admission.js'
import { isNumberKind, numberText, type NumberValue } from '../values/number.js'
import { setMember } from '../values/members.js'

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
  for (const name in item) setMember(out, name, marshallValue(item[name] as AttributeValue))
  return out
}

/** Binary bytes as the base64 text DynamoDB JSON carries. */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}
