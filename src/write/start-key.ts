// The key a page resumes after (exclusiveStartKey), checked as DynamoDB checks it and in its order: the attribute
// set, each attribute's type, empty values; then, for a query, that the key lies in what the query reads.
import { describeValue, ValidationException } from '../core/errors.js'
import type { AttributeMap } from '../values/admission.js'
import { holdsHash, type HashRange } from '../storage/scan-order.js'
import { admitsStart, type SortKeyCondition } from '../storage/sort-condition.js'
import { compareKeyValues, keyTypeOf, keyValueText, type KeySchema, type KeyType, type KeyTypes, type KeyValue } from '../values/keys.js'
import { memberOf } from '../values/members.js'
import { numberProblem, type NumberValue } from '../values/number.js'

/** The service's texts for a start key that cannot start a page. */
export const START_KEY_TEXT = Object.freeze({
  invalid: 'The provided starting key is invalid',
  size: "Exclusive Start Key must have same size as table's key schema",
  typeMismatch: 'Type mismatch for attribute to update',
  outsideRange: 'The provided starting key does not match the range key predicate',
  outsideSegment: 'Exclusive start key must lie within the segment',
})

/** A key attribute a start key must hold, in the order the service checks them (the table's first). */
export interface StartKeyAttribute {
  readonly name: string
  /** Its known type; undefined while the table has not fixed it. */
  readonly type: KeyType | undefined
  readonly role: 'partition' | 'sort'
  /** The index the attribute is a key of, when it is not one of the table's. */
  readonly index?: string
}

/** Where a start key was read: the table's own key, or an index's (index key plus table key). */
export interface StartKeyPlace {
  readonly tableName: string
  readonly index?: string
  /** True for a local index, whose start key the service counts as it counts a table's. */
  readonly local?: boolean
}

/** The ValidationException of a start key: the service's text, then what was expected and received. */
export function startKeyError(serviceText: string, detail: string, place: StartKeyPlace): ValidationException {
  const where = place.index === undefined ? 'exclusiveStartKey' : `exclusiveStartKey of index ${place.index}`
  return new ValidationException(`${serviceText} (${where}: ${detail})`, { tableName: place.tableName, serviceMessage: serviceText })
}

// A partition key names at most one partition to read, so the service words an empty one as a query it cannot restart.
function emptyValueText(attribute: StartKeyAttribute, binary: boolean): string {
  const what = `cannot contain an empty ${binary ? 'binary' : 'string'} value`
  const detail =
    attribute.index === undefined
      ? `The AttributeValue for a key attribute ${what}. Key: ${attribute.name}`
      : `A value specified for a secondary index key is not supported. The AttributeValue for a key attribute ${what}. IndexName: ${attribute.index}, IndexKey: ${attribute.name}`
  const restart = attribute.role === 'partition' ? 'The query can return at most one row and cannot be restarted. ' : ''
  return `${restart}${START_KEY_TEXT.invalid}: One or more parameter values are not valid. ${detail}`
}

/**
 * Checks a start key against the key attributes it must hold, exactly those: a table's or a local index's key is
 * first counted, a global index's compared as a set, as the service does. Returns it as an attribute map.
 */
export function readStartKey(key: unknown, attributes: readonly StartKeyAttribute[], place: StartKeyPlace): AttributeMap {
  const expected = attributes.map((a) => a.name).join(', ')
  if (typeof key !== 'object' || key === null || Array.isArray(key) || key instanceof Uint8Array || key instanceof Set) {
    throw startKeyError(START_KEY_TEXT.invalid, `expected an object holding ${expected}, received ${describeValue(key)}`, place)
  }
  const source = key as AttributeMap
  const names = Object.keys(source)
  const held = `received ${names.length === 0 ? 'an empty object' : `attributes ${names.join(', ')}`}`
  if (names.length === 0) throw startKeyError(START_KEY_TEXT.invalid, `expected the key attributes ${expected}, ${held}`, place)
  if (place.index === undefined || place.local === true) {
    if (names.length !== attributes.length) throw startKeyError(START_KEY_TEXT.size, `expected the ${attributes.length} key attributes ${expected}, ${held}`, place)
  } else if (names.length !== attributes.length || names.some((n) => !attributes.some((a) => a.name === n))) {
    throw startKeyError(START_KEY_TEXT.invalid, `expected exactly the key attributes ${expected}, ${held}`, place)
  }
  for (const attribute of attributes) {
    if (!Object.hasOwn(source, attribute.name)) throw startKeyError(START_KEY_TEXT.invalid, `expected the key attributes ${expected}, ${held}`, place)
    const value = memberOf(source, attribute.name)
    const type = keyTypeOf(value)
    if (type === undefined || (attribute.type !== undefined && type !== attribute.type)) {
      throw startKeyError(START_KEY_TEXT.typeMismatch, `${attribute.name}: expected a ${attribute.type ?? 'string, number or Uint8Array'} value, received ${describeValue(value)}`, place)
    }
    const problem = type === 'number' ? numberProblem(value as NumberValue) : undefined
    if (problem !== undefined) throw startKeyError(START_KEY_TEXT.invalid, `${attribute.name}: expected ${problem}, received ${describeValue(value)}`, place)
  }
  for (const attribute of attributes) {
    const value = memberOf(source, attribute.name) as KeyValue
    if (value === '' || (value instanceof Uint8Array && value.length === 0)) {
      const text = emptyValueText(attribute, value instanceof Uint8Array)
      throw new ValidationException(text, { tableName: place.tableName, serviceMessage: text })
    }
  }
  return source
}

/** A start key of a table's own key, read as its partition and sort values. */
export function readTableStartKey(key: unknown, schema: KeySchema, types: KeyTypes, place: StartKeyPlace): { partitionValue: KeyValue; sortValue: KeyValue | undefined } {
  const attributes: StartKeyAttribute[] = [{ name: schema.partitionKey, type: types.partitionKey, role: 'partition' }]
  if (schema.sortKey !== undefined) attributes.push({ name: schema.sortKey, type: types.sortKey, role: 'sort' })
  const source = readStartKey(key, attributes, place)
  return {
    partitionValue: memberOf(source, schema.partitionKey) as KeyValue,
    sortValue: schema.sortKey === undefined ? undefined : (memberOf(source, schema.sortKey) as KeyValue),
  }
}

/**
 * Checks that a query's start key lies in what the query reads: its partition, and a sort key the condition admits
 * in the direction read (`strictToward`: see `admitsStart`).
 */
export function checkQueryStart(
  start: { readonly partitionValue: KeyValue; readonly sortValue: KeyValue | undefined },
  partitionValue: KeyValue,
  condition: SortKeyCondition<KeyValue>,
  reverse: boolean,
  strictToward: boolean,
  place: StartKeyPlace,
): void {
  const partition = place.index === undefined ? 'partition' : 'index partition'
  if (compareKeyValues(start.partitionValue, partitionValue) !== 0) {
    throw startKeyError(START_KEY_TEXT.outsideRange, `expected a key in ${partition} ${keyValueText(partitionValue)}, received one in ${keyValueText(start.partitionValue)}`, place)
  }
  if (start.sortValue !== undefined && !admitsStart(condition, start.sortValue, reverse, strictToward)) {
    throw startKeyError(START_KEY_TEXT.outsideRange, `expected a sort key the condition admits, read ${reverse ? 'backwards' : 'forwards'}, received ${keyValueText(start.sortValue)}`, place)
  }
}

/** Checks that a parallel scan's start key lies in the segment read. */
export function checkSegmentStart(partitionValue: KeyValue, segment: HashRange | undefined, place: StartKeyPlace): void {
  if (segment !== undefined && !holdsHash(segment, partitionValue)) {
    throw startKeyError(START_KEY_TEXT.outsideSegment, `expected a key whose partition is in the segment read, received one in ${keyValueText(partitionValue)}`, place)
  }
}
