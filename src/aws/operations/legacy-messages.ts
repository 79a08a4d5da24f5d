// The texts DynamoDB sends for faults of the legacy parameters (Expected, AttributeUpdates, KeyConditions,
// QueryFilter, ScanFilter, ConditionalOperator), in one table. Sources: reference §4.9 and DynamoDB Local, which
// runs AWS's own request converter; [I] where the wording is ours.

const INVALID = 'One or more parameter values were invalid: '

/** Error texts of the legacy parameters. */
export const LEGACY_TEXT = Object.freeze({
  argumentCount: (operator: string): string => `${INVALID}Invalid number of argument(s) for the ${operator} ComparisonOperator`,
  operatorType: (operator: string, type: string): string => `${INVALID}ComparisonOperator ${operator} is not valid for ${type} AttributeValue type`,
  mixedTypes: `${INVALID}AttributeValues inside AttributeValueList must be of same type`,
  betweenOrder: 'The BETWEEN condition was provided a range where the lower bound is greater than the upper bound',
  existsWithOperator: (attribute: string): string => `${INVALID}Exists and ComparisonOperator cannot be used together for Attribute: ${attribute}`,
  valueWithList: (attribute: string): string => `${INVALID}Value and AttributeValueList cannot be used together for Attribute: ${attribute}`,
  listWithoutOperator: (attribute: string): string => `${INVALID}AttributeValueList can only be used with a ComparisonOperator for Attribute: ${attribute}`,
  valueWhenNotExists: (attribute: string): string => `${INVALID}Value cannot be used when Exists is false for Attribute: ${attribute}`,
  operatorNeedsValue: (operator: string, attribute: string): string =>
    `${INVALID}Value or AttributeValueList must be used with ComparisonOperator: ${operator} for Attribute: ${attribute}`,
  valueNeeded: (exists: 'null' | 'true', attribute: string): string => `${INVALID}Value must be provided when Exists is ${exists} for Attribute: ${attribute}`,
  conditionalOperatorAlone: 'ConditionalOperator cannot be used without Filter or Expected',
  conditionalOperatorOne: 'ConditionalOperator can only be used when Filter or Expected has two or more elements',
  updateNeedsValue: `${INVALID}Only DELETE action is allowed when no attribute value is specified`,
  deleteValueType: (type: string): string => `${INVALID}DELETE action with value is not supported for the type ${type}`,
  addValueType: (type: string): string => `${INVALID}ADD action is not supported for the type ${type}`,
  keyConditionsEmpty: 'Conditions must be at least length 1',
  keyConditionsTooMany: 'Conditions can be of length 1 or 2 only',
  keyConditionNotSupported: 'Query key condition not supported',
  keyAttributeUpdate: (name: string): string => `${INVALID}Cannot update attribute ${name}. This attribute is part of the key`,
  notIndexable: 'Attempted conditional constraint is not an indexable operation',
  keyNeedsScalar: (key: 'Hash' | 'Range'): string => `Only scalar types can be used as ${key} Key values`,
  queryFilterOnKey: (name: string): string => `QueryFilter can only contain non-primary key attributes: Primary key attribute: ${name}`,
})
