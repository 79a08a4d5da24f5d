// Every text the service sends about a malformed AttributeValue, in one table, in the service's words (the
// "classic" wording, without the `1 validation error detected: ` prefix some regions added in 2026).

const INVALID = 'One or more parameter values were invalid: '

/** The service's messages for AttributeValue JSON it refuses. */
export const SERVICE_TEXT = Object.freeze({
  emptyValue: 'Supplied AttributeValue is empty, must contain exactly one of the supported datatypes',
  // DynamoDB Local's engine words every attribute map as an Item, a key and a nested map included.
  nullValue: 'The supplied Item contains a null AttributeValue',
  nullMember: (name: string) => `The supplied Item contains a null AttributeValue: ${name} is null`,
  severalTypes: 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
  // "An string set  may not be empty": the article and the two spaces are the service's.
  emptyStringSet: `${INVALID}An string set  may not be empty`,
  emptyNumberSet: `${INVALID}An number set  may not be empty`,
  emptyBinarySet: `${INVALID}Binary sets should not be empty`,
  stringSetDuplicates: (elements: readonly string[]): string => `${INVALID}Input collection [${elements.join(', ')}] contains duplicates.`,
  // No space before "of": the service's.
  binarySetDuplicates: (base64Elements: readonly string[]): string => `${INVALID}Input collection [${base64Elements.map((e) => `"${e}"`).join(',')}]of type BS contains duplicates.`,
  numberSetDuplicates: 'Input collection contains duplicates',
  // A number set names even the empty element after the colon.
  notNumericInSet: (text: string): string => `The parameter cannot be converted to a numeric value: ${text}`,
  nullNotTrue: `${INVALID}Null attribute value types must have the value of true`,
  tooDeep: 'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit',
  base64Length: (length: number): string => `Base64 encoded length is expected a multiple of 4 bytes but found: ${length}`,
  base64Character: 'Invalid Base64 character found',
})

/** The JSON token names the service's deserializer uses when a member has the wrong JSON type. */
export function jsonTokenName(value: unknown): string {
  if (typeof value === 'string') return 'STRING_VALUE'
  if (typeof value === 'number') return 'NUMBER_VALUE'
  if (value === true) return 'TRUE_VALUE'
  if (value === false) return 'FALSE_VALUE'
  return 'NULL_VALUE'
}

/** The service's SerializationException text for `value` where a scalar of type `expected` belongs. */
export function wrongJsonType(value: unknown, expected: 'String' | 'Boolean' | 'Integer' | 'Long' | 'Double' | 'Timestamp'): string {
  if (Array.isArray(value)) return 'Start of list found where not expected'
  if (typeof value === 'object' && value !== null) return 'Start of structure or map found where not expected'
  return `${jsonTokenName(value)} cannot be converted to ${expected}`
}

/** The service's SerializationException text for a scalar or list where a structure or map belongs. */
export const UNEXPECTED_FIELD_TYPE = 'Unexpected field type'
