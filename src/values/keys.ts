import { attributeSize, markBinaryHolder, type AttributeMap } from './admission.js'
import { describeValue, ValidationException } from '../core/errors.js'
import { compareNumbers, isNumberKind, numberKey, numberProblem, numberText, type Decimal, type NumberValue } from './number.js'
import { compareBytes, compareUtf8, toHex, utf8Length } from './utf8.js'
import { memberOf } from './members.js'

/** A value a key attribute can hold. */
export type KeyValue = string | number | Decimal | Uint8Array

/** The type of a key attribute: DynamoDB's S, N and B. */
export type KeyType = 'string' | 'number' | 'binary'

/** A table's primary key: its partition key attribute and, optionally, its sort key attribute. */
export interface KeySchema {
  readonly partitionKey: string
  readonly sortKey?: string
}

/** A key value as a Map key: strings and doubles as themselves, Decimals as their text, binaries as hex. */
export type EncodedKey = string | number

/** DynamoDB's limit on a partition key value, in bytes. */
export const PARTITION_KEY_MAX_BYTES = 2048
/** DynamoDB's limit on a sort key value, in bytes. */
export const SORT_KEY_MAX_BYTES = 1024

/** Bytes of a string or binary key value that might exceed `limit`, or 0 when it cannot (numbers never do). */
export function keyBytesBeyond(value: KeyValue, limit: number): number {
  // A string of n UTF-16 units is at most 3n UTF-8 bytes: short keys need no count.
  if (typeof value === 'string') return value.length * 3 <= limit ? 0 : utf8Length(value)
  return value instanceof Uint8Array ? value.length : 0
}

/** The type of a key value, or undefined when it cannot be a key. */
export function keyTypeOf(value: unknown): KeyType | undefined {
  if (typeof value === 'string') return 'string'
  if (isNumberKind(value)) return 'number'
  if (value instanceof Uint8Array) return 'binary'
  return undefined
}

/** Orders two key values of one type the way DynamoDB sorts them. */
export function compareKeyValues(a: KeyValue, b: KeyValue): number {
  if (typeof a === 'string') return compareUtf8(a, b as string)
  if (a instanceof Uint8Array) return compareBytes(a, b as Uint8Array)
  return compareNumbers(a, b as NumberValue)
}

/** A key value as a Map key; unique within one key type, equal for numerically equal numbers. */
export function encodeKeyValue(value: KeyValue): EncodedKey {
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return toHex(value)
  return numberKey(value)
}

/** The key value as text, for messages and sequence-free identities. */
export function keyValueText(value: KeyValue): string {
  if (typeof value === 'string') return value
  if (value instanceof Uint8Array) return `0x${toHex(value)}`
  return numberText(value)
}

/** 32-bit FNV-1a of a partition key value, avalanched; routes records to shards and orders scans. */
export function hashKeyValue(value: KeyValue): number {
  let h = 0x811c9dc5
  if (!(value instanceof Uint8Array)) {
    // A number hashes by its normalised text, so a Decimal and the double equal to it land on one shard.
    const s = typeof value === 'string' ? value : numberText(value)
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i)
      h = Math.imul(h, 0x01000193)
    }
  } else {
    for (let i = 0; i < value.length; i++) {
      h ^= value[i] as number
      h = Math.imul(h, 0x01000193)
    }
  }
  // FNV-1a leaves a change in the last character in the low bits; shards own ranges of the high bits, so keys
  // differing only at their end (order-1, order-2, …) would crowd one shard without murmur3's final mix.
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

/** The declared (or first seen) types of a table's key attributes; fixed once known. */
export interface KeyTypes {
  partitionKey: KeyType | undefined
  sortKey: KeyType | undefined
}

function checkKeyValue(
  name: string,
  role: 'partition' | 'sort',
  value: unknown,
  declared: KeyType | undefined,
  tableName: string,
): KeyType {
  const type = keyTypeOf(value)
  if (value === undefined) {
    throw new ValidationException(`Missing the key ${name} in the item: expected the ${role} key attribute "${name}", received undefined`, { tableName, path: name })
  }
  if (type === undefined) {
    throw new ValidationException(`Invalid ${role} key "${name}": expected string, number or Uint8Array, received ${describeValue(value)}`, { tableName, path: name })
  }
  if (declared !== undefined && type !== declared) {
    throw new ValidationException(`Type mismatch for key ${name}: expected ${declared}, received ${describeValue(value)}`, { tableName, path: name })
  }
  if (type === 'string' && value === '') {
    throw new ValidationException(`Invalid ${role} key "${name}": expected a non-empty string (the AttributeValue for a key attribute cannot contain an empty string value), received string ""`, { tableName, path: name })
  }
  if (type === 'binary' && (value as Uint8Array).length === 0) {
    throw new ValidationException(`Invalid ${role} key "${name}": expected a non-empty binary (the AttributeValue for a key attribute cannot contain an empty binary value), received Uint8Array(0)`, { tableName, path: name })
  }
  if (type === 'number') {
    const problem = numberProblem(value as NumberValue)
    if (problem !== undefined) throw new ValidationException(`Invalid ${role} key "${name}": expected ${problem}, received ${describeValue(value)}`, { tableName, path: name })
  }
  const limit = role === 'partition' ? PARTITION_KEY_MAX_BYTES : SORT_KEY_MAX_BYTES
  const bytes = keyBytesBeyond(value as KeyValue, limit)
  if (bytes > limit) {
    throw new ValidationException(`Invalid ${role} key "${name}": expected at most ${limit} bytes, received ${bytes} bytes`, { tableName, path: name })
  }
  return type
}

/**
 * Checks the key attributes of `source` (an item or a key) against the schema and the known key types, and
 * returns the key types seen so a table can fix undeclared ones on its first write.
 */
export function checkKey(schema: KeySchema, types: KeyTypes, source: AttributeMap, tableName: string, isKeyOnly: boolean): KeyTypes {
  if (isKeyOnly) {
    for (const name in source) {
      if (name !== schema.partitionKey && name !== schema.sortKey) {
        throw new ValidationException(
          `The provided key element does not match the schema: expected only the key attributes ${[schema.partitionKey, schema.sortKey].filter(Boolean).join(', ')}, received attribute "${name}"`,
          { tableName, path: name },
        )
      }
    }
  }
  const partitionKey = checkKeyValue(schema.partitionKey, 'partition', memberOf(source, schema.partitionKey), types.partitionKey, tableName)
  let sortKey: KeyType | undefined
  if (schema.sortKey !== undefined) sortKey = checkKeyValue(schema.sortKey, 'sort', memberOf(source, schema.sortKey), types.sortKey, tableName)
  // Once a table's key types are known every write agrees with them: hand those back rather than a new object.
  if (partitionKey === types.partitionKey && sortKey === types.sortKey) return types
  return { partitionKey, sortKey }
}

/** The key attributes of an item, as a new frozen object. */
export function extractKey(schema: KeySchema, item: AttributeMap): AttributeMap {
  const partitionValue = item[schema.partitionKey] as KeyValue
  const sortValue = schema.sortKey === undefined ? undefined : (item[schema.sortKey] as KeyValue)
  // Computed names define own properties, so a key attribute named `__proto__` is one, as it is to DynamoDB.
  const key: AttributeMap = Object.freeze(
    schema.sortKey === undefined ? { [schema.partitionKey]: partitionValue } : { [schema.partitionKey]: partitionValue, [schema.sortKey]: sortValue as KeyValue },
  )
  const holdsBinary = partitionValue instanceof Uint8Array || sortValue instanceof Uint8Array
  // The key shares the item's stored bytes: whoever hands it out must hand out a copy (see `handOut`).
  if (holdsBinary) markBinaryHolder(key)
  return key
}

/** Size of an item's key attributes under DynamoDB's item-size rule. */
export function keySize(schema: KeySchema, item: AttributeMap): number {
  let size = attributeSize(schema.partitionKey, item[schema.partitionKey] as KeyValue)
  if (schema.sortKey !== undefined) size += attributeSize(schema.sortKey, item[schema.sortKey] as KeyValue)
  return size
}
