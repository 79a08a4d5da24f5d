// Reading the legacy parameters off the wire: their enums join the request's constraint violations while the
// members are read; their shapes are checked afterwards, entry by entry, with the service's texts, and become the
// comparisons and updates the expression engine lowers onto its trees.
import { unmarshallValue } from '../../codec/attribute-value-read.js'
import { UNEXPECTED_FIELD_TYPE } from '../../codec/messages.js'
import { isStreamtableError, SerializationException, ValidationException } from '../../core/errors.js'
import type { AttributeValue } from '../../values/admission.js'
import {
  compareScalars,
  compileLegacyCondition,
  compileLegacyUpdate,
  COMPARISON_OPERATORS,
  typeOf,
  type CompiledCondition,
  type CompiledUpdate,
  type ComparisonOperator,
  type LegacyAttributeUpdate,
  type LegacyComparison,
  type QueryKeySchema,
  type TypeName,
} from '../expressions/index.js'
import { ARITHMETIC_PRECISION, KEY_TYPE_MISMATCH } from '../expressions/messages.js'
import { isJsonObject, type JsonObject, type MemberReader } from '../protocol/input.js'
import { NOT_A_NUMBER } from './item-request.js'
import { LEGACY_TEXT } from './legacy-messages.js'

/** A map of legacy conditions: Expected, or a filter or KeyConditions. */
export type LegacyConditionMember = 'Expected' | 'QueryFilter' | 'ScanFilter' | 'KeyConditions'

/** One entry of a legacy condition map as sent, its enum already checked. */
export interface RawLegacyCondition {
  readonly attribute: string
  readonly operator: string | undefined
  readonly exists: boolean | undefined
  readonly value: unknown
  readonly list: unknown
}

/** One entry of AttributeUpdates as sent, its enum already checked. */
export interface RawAttributeUpdate {
  readonly attribute: string
  readonly action: string | undefined
  readonly value: unknown
}

const CONDITIONAL_OPERATORS = ['AND', 'OR'] as const
const ATTRIBUTE_ACTIONS = ['ADD', 'PUT', 'DELETE'] as const

const present = (json: JsonObject, name: string): unknown => (Object.prototype.hasOwnProperty.call(json, name) ? (json[name] ?? undefined) : undefined)

/** Reads a legacy condition map while the request's members are read; undefined when absent. */
export function readLegacyConditions(reader: MemberReader, input: JsonObject, member: LegacyConditionMember): RawLegacyCondition[] | undefined {
  // Only Expected may leave the operator out (its Exists and Value forms); in a filter the model requires it.
  const required = member !== 'Expected'
  const entries = reader.structureMap(member, (entry, attribute) => ({
    attribute,
    operator: entry.string('ComparisonOperator', { required, enum: COMPARISON_OPERATORS }),
    exists: entry.boolean('Exists'),
  }))
  if (entries === undefined) return undefined
  const map = input[member] as JsonObject
  return entries.map(([attribute, read]) => {
    const json = (map[attribute] ?? {}) as JsonObject
    return { ...read, value: present(json, 'Value'), list: present(json, 'AttributeValueList') }
  })
}

/** Reads ConditionalOperator while the request's members are read. */
export function readConditionalOperator(reader: MemberReader): string | undefined {
  return reader.string('ConditionalOperator', { enum: CONDITIONAL_OPERATORS })
}

/** Reads AttributeUpdates while the request's members are read; undefined when absent. */
export function readAttributeUpdates(reader: MemberReader, input: JsonObject): RawAttributeUpdate[] | undefined {
  const entries = reader.structureMap('AttributeUpdates', (entry, attribute) => ({ attribute, action: entry.string('Action', { enum: ATTRIBUTE_ACTIONS }) }))
  if (entries === undefined) return undefined
  const map = input.AttributeUpdates as JsonObject
  return entries.map(([attribute, read]) => ({ ...read, value: present((map[attribute] ?? {}) as JsonObject, 'Value') }))
}

/** A value of a legacy condition or update: a number it cannot read is worded as outside an item. */
function legacyValue(json: unknown): AttributeValue {
  try {
    return unmarshallValue(json)
  } catch (error) {
    if (isStreamtableError(error) && error.code === 'ValidationException' && error.message.startsWith('The parameter cannot be converted to a numeric value')) {
      throw new ValidationException(NOT_A_NUMBER)
    }
    throw error
  }
}

function valueList(json: unknown): AttributeValue[] {
  if (json === undefined) return []
  if (!Array.isArray(json)) throw new SerializationException(isJsonObject(json) ? 'Start of structure or map found where not expected' : UNEXPECTED_FIELD_TYPE)
  return json.map(legacyValue)
}

const SCALARS: ReadonlySet<TypeName> = new Set(['S', 'N', 'B'])
const NOT_CONTAINABLE: ReadonlySet<TypeName> = new Set(['SS', 'NS', 'BS', 'L', 'M'])

/** The types each operator takes in its AttributeValueList; undefined: any. */
function acceptedTypes(operator: ComparisonOperator): ((type: TypeName) => boolean) | undefined {
  switch (operator) {
    case 'EQ':
    case 'NE':
      return undefined
    case 'CONTAINS':
    case 'NOT_CONTAINS':
      return (type) => !NOT_CONTAINABLE.has(type)
    case 'BEGINS_WITH':
      return (type) => type === 'S' || type === 'B'
    default:
      return (type) => SCALARS.has(type)
  }
}

function arityFits(operator: ComparisonOperator, count: number): boolean {
  if (operator === 'NULL' || operator === 'NOT_NULL') return count === 0
  if (operator === 'BETWEEN') return count === 2
  if (operator === 'IN') return count >= 1
  return count === 1
}

/** Checks an operator's arguments as the service does: their number, each one's type, one type for all, BETWEEN's order. */
function checkArguments(operator: ComparisonOperator, values: readonly AttributeValue[]): void {
  if (!arityFits(operator, values.length)) throw new ValidationException(LEGACY_TEXT.argumentCount(operator))
  const accepts = acceptedTypes(operator)
  const types = values.map((value) => typeOf(value) as TypeName)
  // Value by value: its type must suit the operator, then match the first value's.
  for (const type of types) {
    if (accepts !== undefined && !accepts(type)) throw new ValidationException(LEGACY_TEXT.operatorType(operator, type))
    if (type !== types[0]) throw new ValidationException(LEGACY_TEXT.mixedTypes)
  }
  if (operator === 'BETWEEN' && (compareScalars(values[0], values[1]) ?? 0) > 0) throw new ValidationException(LEGACY_TEXT.betweenOrder)
}

/** The comparisons of Expected, each entry checked in the service's order. */
export function checkExpected(entries: readonly RawLegacyCondition[]): LegacyComparison[] {
  return entries.map(({ attribute, operator, exists, value, list }) => {
    if (exists !== undefined && operator !== undefined) throw new ValidationException(LEGACY_TEXT.existsWithOperator(attribute))
    if (value !== undefined && list !== undefined) throw new ValidationException(LEGACY_TEXT.valueWithList(attribute))
    if (operator === undefined && list !== undefined) throw new ValidationException(LEGACY_TEXT.listWithoutOperator(attribute))
    if (exists === false && value !== undefined) throw new ValidationException(LEGACY_TEXT.valueWhenNotExists(attribute))
    if (value === undefined && list === undefined) {
      if (operator !== undefined && operator !== 'NULL' && operator !== 'NOT_NULL') throw new ValidationException(LEGACY_TEXT.operatorNeedsValue(operator, attribute))
      if (operator === undefined && exists !== false) throw new ValidationException(LEGACY_TEXT.valueNeeded(exists === undefined ? 'null' : 'true', attribute))
    }
    if (operator === undefined) {
      return exists === false ? { attribute, operator: 'NULL', values: [] } : { attribute, operator: 'EQ', values: [legacyValue(value)] }
    }
    const values = value !== undefined ? [legacyValue(value)] : valueList(list)
    checkArguments(operator as ComparisonOperator, values)
    return { attribute, operator: operator as ComparisonOperator, values }
  })
}

/** The comparisons of a QueryFilter, ScanFilter or KeyConditions, each entry checked. */
export function checkConditions(entries: readonly RawLegacyCondition[]): LegacyComparison[] {
  return entries.map(({ attribute, operator, list }) => {
    const values = valueList(list)
    checkArguments(operator as ComparisonOperator, values)
    return { attribute, operator: operator as ComparisonOperator, values }
  })
}

/** How ConditionalOperator joins the `size` entries of the map it applies to. */
export function conjunctionOf(conditionalOperator: string | undefined, size: number): 'AND' | 'OR' {
  if (conditionalOperator === undefined) return 'AND'
  if (size === 0) throw new ValidationException(LEGACY_TEXT.conditionalOperatorAlone)
  if (size === 1) throw new ValidationException(LEGACY_TEXT.conditionalOperatorOne)
  return conditionalOperator as 'AND' | 'OR'
}

const LONG_TYPE_NAMES: Readonly<Record<TypeName, string>> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  SS: 'STRING_SET',
  NS: 'NUMBER_SET',
  BS: 'BINARY_SET',
  BOOL: 'BOOLEAN',
  NULL: 'NULL',
  L: 'LIST',
  M: 'MAP',
}
const ADDABLE: ReadonlySet<TypeName> = new Set(['N', 'SS', 'NS', 'BS', 'L'])
const DELETABLE: ReadonlySet<TypeName> = new Set(['SS', 'NS', 'BS'])

/** The updates of AttributeUpdates, each entry checked: PUT (the default) and ADD need a value of a type they take. */
export function checkAttributeUpdates(entries: readonly RawAttributeUpdate[]): LegacyAttributeUpdate[] {
  return entries.map(({ attribute, action = 'PUT', value: json }) => {
    const value = json === undefined ? undefined : legacyValue(json)
    if (value === undefined) {
      if (action !== 'DELETE') throw new ValidationException(LEGACY_TEXT.updateNeedsValue)
      return { attribute, action: 'DELETE' }
    }
    const type = typeOf(value) as TypeName
    if (action === 'DELETE' && !DELETABLE.has(type)) throw new ValidationException(LEGACY_TEXT.deleteValueType(LONG_TYPE_NAMES[type]))
    if (action === 'ADD' && !ADDABLE.has(type)) throw new ValidationException(LEGACY_TEXT.addValueType(LONG_TYPE_NAMES[type]))
    return { attribute, action: action as LegacyAttributeUpdate['action'], value }
  })
}

/**
 * Checks KeyConditions before they are matched to the key schema: one or two conditions, each with its arguments,
 * each an operator a key can be read by (NE is `unindexable`'s question, asked later).
 */
export function checkKeyConditions(entries: readonly RawLegacyCondition[], schema: QueryKeySchema): LegacyComparison[] {
  if (entries.length === 0) throw new ValidationException(LEGACY_TEXT.keyConditionsEmpty)
  if (entries.length > 2) throw new ValidationException(LEGACY_TEXT.keyConditionsTooMany)
  const comparisons = checkConditions(entries)
  const { partitionKey } = schema
  for (const { attribute, operator, values } of comparisons) {
    const keyType = attribute === partitionKey ? schema.partitionKeyType : attribute === schema.sortKey ? schema.sortKeyType : undefined
    if (keyType !== undefined && values.some((value) => typeOf(value) !== keyType)) throw new ValidationException(KEY_TYPE_MISMATCH)
    if (operator === 'NULL' || operator === 'NOT_NULL') throw new ValidationException(LEGACY_TEXT.keyNeedsScalar(attribute === partitionKey ? 'Hash' : 'Range'))
    if (attribute === partitionKey && operator !== 'EQ') throw new ValidationException(LEGACY_TEXT.keyConditionNotSupported)
    if (operator === 'IN' || operator === 'CONTAINS' || operator === 'NOT_CONTAINS') throw new ValidationException(LEGACY_TEXT.notIndexable)
  }
  return comparisons
}

/**
 * True when a key condition is NE, which no key can be read by either: the service refuses it with IN, CONTAINS and
 * NOT_CONTAINS, but last, once the QueryFilter has been checked (probed against DynamoDB Local).
 */
export function unindexable(comparisons: readonly LegacyComparison[]): boolean {
  return comparisons.some(({ operator }) => operator === 'NE')
}

/** Compiles a legacy condition map (Expected, QueryFilter, ScanFilter) joined by ConditionalOperator; undefined when empty. */
export function compileLegacyConditions(
  entries: readonly RawLegacyCondition[] | undefined,
  conditionalOperator: string | undefined,
  member: 'Expected' | 'QueryFilter' | 'ScanFilter',
): CompiledCondition | undefined {
  const comparisons = entries === undefined ? [] : member === 'Expected' ? checkExpected(entries) : checkConditions(entries)
  const conjunction = conjunctionOf(conditionalOperator, comparisons.length)
  return compileLegacyCondition(comparisons, conjunction, member === 'Expected' ? 'ConditionExpression' : 'FilterExpression')
}

function isUnstorableSum(error: unknown): boolean {
  if (!isStreamtableError(error) || error.code !== 'ValidationException') return false
  const message = error.serviceMessage ?? error.message
  return message === ARITHMETIC_PRECISION || /^Number (overflow|underflow)\./.test(message)
}

/**
 * AttributeUpdates as an update whose entries are checked when it is applied: the service checks their shapes
 * after the request's condition (a failed Expected is reported before a malformed update), one entry at a time.
 */
export function deferredAttributeUpdates(entries: readonly RawAttributeUpdate[]): CompiledUpdate {
  // The names alone decide the key check and which attributes UPDATED_OLD and UPDATED_NEW return.
  const paths = entries.map((entry) => [entry.attribute])
  return {
    paths,
    checkKeyAttributes(keyAttributes) {
      const key = keyAttributes.find((name) => entries.some((entry) => entry.attribute === name))
      if (key !== undefined) throw new ValidationException(LEGACY_TEXT.keyAttributeUpdate(key))
    },
    apply(before, key) {
      // Entry by entry, in the request's order: each is checked, then applied, so a fault of an earlier entry met
      // while applying it is reported before a malformed later one. The entries name distinct attributes. A sum that
      // cannot be stored is reported only once every entry has been checked, as the service computes sums last.
      let item = before
      let unstorableSum: unknown
      for (const entry of entries) {
        try {
          item = compileLegacyUpdate(checkAttributeUpdates([entry])).apply(item, key)
        } catch (error) {
          if (!isUnstorableSum(error)) throw error
          unstorableSum ??= error
        }
      }
      if (unstorableSum !== undefined) throw unstorableSum
      return item ?? key
    },
  }
}
