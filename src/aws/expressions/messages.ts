// Every text the expression engine sends, in one table: the service's wording (reference §3) is matched by clients and
// tests, so it lives here and nowhere else.

/** The request member an expression came in, as the service names it in its messages. */
export type ExpressionParameter =
  | 'ConditionExpression'
  | 'FilterExpression'
  | 'KeyConditionExpression'
  | 'UpdateExpression'
  | 'ProjectionExpression'

/** Prefixes a message about one expression with the member it came in. */
export const invalidExpression = (parameter: ExpressionParameter, body: string): string => `Invalid ${parameter}: ${body}`

export const EMPTY_EXPRESSION = 'The expression can not be empty;'
export const expressionTooLarge = (bytes: number): string =>
  `Expression size has exceeded the maximum allowed size; expression size: ${bytes}`
export const syntaxError = (token: string, near: string): string => `Syntax error; token: "${token}", near: "${near}"`
export const REDUNDANT_PARENTHESES = 'The expression has redundant parentheses;'
export const reservedKeyword = (word: string): string => `Attribute name is a reserved keyword; reserved keyword: ${word}`
export const undefinedName = (name: string): string =>
  `An expression attribute name used in the document path is not defined; attribute name: ${name}`
export const undefinedValue = (value: string): string =>
  `An expression attribute value used in expression is not defined; attribute value: ${value}`
export const invalidFunction = (name: string): string => `Invalid function name; function: ${name}`
export const operandCount = (name: string, count: number): string =>
  `Incorrect number of operands for operator or function; operator or function: ${name}, number of operands: ${count}`
export const requiresPath = (name: string): string =>
  `Operator or function requires a document path; operator or function: ${name}`
export const notUpdateFunction = (name: string): string => `The function is not allowed in an update expression; function: ${name}`
export const misusedFunction = (name: string): string =>
  `The function is not allowed to be used this way in an expression; function: ${name}`
export const notDistinct = (operator: string, path: string): string =>
  `The first operand must be distinct from the remaining operands for this operator or function; operator: ${operator}, first operand: ${path}`
export const operandType = (name: string, type: string): string =>
  `Incorrect operand type for operator or function; operator or function: ${name}, operand type: ${type}`
/** ADD and DELETE name the operator alone and spell the type out (`STRING`, `NUMBER`, …). */
export const clauseOperandType = (clause: 'ADD' | 'DELETE', type: string): string =>
  `Incorrect operand type for operator or function; operator: ${clause}, operand type: ${type}, typeSet: ALLOWED_FOR_${clause}_OPERAND`
// DynamoDB Local's order of the valid types; the reference's older capture lists {B,NULL,SS,BOOL,L,BS,N,NS,S,M}.
export const invalidTypeName = (type: string): string =>
  `Invalid attribute type name found; type: ${type}, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}`
export const betweenTypes = (lower: string, upper: string): string =>
  `The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: ${lower}, upper bound operand: AttributeValue: ${upper}`
export const betweenOrder = (lower: string, upper: string): string =>
  `The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: ${lower}, upper bound operand: AttributeValue: ${upper}`
export const tooManyInOperands = (count: number): string =>
  `The IN operator is provided with too many operands; number of operands: ${count}`
// The service documents the limit of 300 operators but not its text: this follows the wording of its neighbours.
export const tooManyOperators = (count: number): string =>
  `The expression contains too many operators or functions; limit: 300, number of operators or functions: ${count}`
export const pathTooDeep = (depth: number): string => `The document path has too many nesting levels; nesting levels: ${depth}`
export const sectionTwice = (clause: string): string => `The "${clause}" section can only be used once in an update expression;`
export const pathsOverlap = (one: string, two: string): string =>
  `Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`
export const pathsConflict = (one: string, two: string): string =>
  `Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`

// Key conditions: these travel without the `Invalid KeyConditionExpression: ` prefix.
export const keyInvalidOperator = (operator: string): string => `Invalid operator used in KeyConditionExpression: ${operator}`
export const KEY_ONE_CONDITION_PER_KEY = 'KeyConditionExpressions must only contain one condition per key'
export const KEY_NESTED_OPERATION = 'KeyConditionExpressions cannot contain nested operations'
export const KEY_NESTED_ATTRIBUTE = 'KeyConditionExpressions cannot have conditions on nested attributes'
export const keyNestedKey = (name: string): string =>
  `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${name}`
export const KEY_TOO_MANY_CONDITIONS = 'Conditions can be of length 1 or 2 only'
export const KEY_BEGINS_WITH_ORDER =
  'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand'
export const KEY_MULTIPLE_NAMES = 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition'
export const KEY_NO_NAME = 'Invalid condition in KeyConditionExpression: No key attribute specified'
export const keyMissedElement = (name: string): string => `Query condition missed key schema element: ${name}`
export const KEY_CONDITION_NOT_SUPPORTED = 'Query key condition not supported'
export const keyEmptyValue = (name: string): string =>
  `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: ${name}`
export const KEY_TYPE_MISMATCH = 'One or more parameter values were invalid: Condition parameter type does not match schema type'

// ExpressionAttributeNames and ExpressionAttributeValues.
export type PlaceholderMap = 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
export const mapEmpty = (map: PlaceholderMap): string => `${map} must not be empty`
export const mapInvalidKey = (map: PlaceholderMap, key: string): string => `${map} contains invalid key: Syntax error; key: "${key}"`
export const emptyName = (key: string): string => `ExpressionAttributeNames contains invalid value: Empty attribute name for key ${key}`
export const filterOnKey = (name: string): string =>
  `Filter Expression can only contain non-primary key attributes: Primary key attribute: ${name}`
export const mapInvalidValue = (detail: string, key: string): string =>
  `ExpressionAttributeValues contains invalid value: ${detail} for key ${key}`
export const mapUnused = (map: PlaceholderMap, keys: readonly string[]): string =>
  `Value provided in ${map} unused in expressions: keys: {${keys.join(', ')}}`
export const NAMES_WITHOUT_EXPRESSIONS = 'ExpressionAttributeNames can only be specified when using expressions'
export const valuesWithoutExpressions = (parameters: readonly string[]): string =>
  parameters.length === 0
    ? 'ExpressionAttributeValues can only be specified when using expressions'
    : `ExpressionAttributeValues can only be specified when using expressions: ${parameters.join(' and ')} ${parameters.length === 1 ? 'is' : 'are'} null`

// Update evaluation: item-dependent, so without the `Invalid UpdateExpression: ` prefix.
export const UPDATE_INVALID_PATH = 'The document path provided in the update expression is invalid for update'
export const UPDATE_MISSING_ATTRIBUTE = 'The provided expression refers to an attribute that does not exist in the item'
export const ARITHMETIC_PRECISION = 'DynamoDB only supports precision up to 38 digits'
export const UPDATE_WRONG_TYPE = 'An operand in the update expression has an incorrect data type'
export const updateKeyAttribute = (name: string): string =>
  `One or more parameter values were invalid: Cannot update attribute ${name}. This attribute is part of the key`
