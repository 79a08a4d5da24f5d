// The texts DynamoDB sends for the item operations' errors, in one table. Marked [I] where no capture of the real
// text is known and the wording is ours; the code, status and member it names are the service's.

/** Error texts of the item, query, batch and transaction operations. */
export const ITEM_TEXT = Object.freeze({
  tableNotFound: 'Requested resource not found',
  keyMismatch: 'The provided key element does not match the schema',
  missingKey: (name: string): string => `One or more parameter values were invalid: Missing the key ${name} in the item`,
  keyTypeMismatch: (name: string, expected: string, actual: string): string =>
    `One or more parameter values were invalid: Type mismatch for key ${name} expected: ${expected} actual: ${actual}`,
  emptyKey: (name: string, kind: 'string' | 'binary'): string =>
    `One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty ${kind} value. Key: ${name}`,
  conditionFailed: 'The conditional request failed',
  returnValuesPutDelete: 'ReturnValues can only be ALL_OLD or NONE',
  legacyMix: (legacy: readonly string[], expressions: readonly string[]): string =>
    `Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {${legacy.join(', ')}} Expression parameters: {${expressions.join(', ')}}`,
  attributesToGetEmpty: "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1",
  /** [I] */
  attributesToGetDuplicate: (name: string): string => `One or more parameter values were invalid: Duplicate value in attribute name: ${name}`,
  attributesToGetWithAll: 'Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES',
  attributesToGetWithCount: 'Cannot specify the AttributesToGet when choosing to get only the Count',
  updateNeedsExpression: 'Update expression is required: expected an UpdateExpression, received none',
  indexNotFound: (index: string): string => `The table does not have the specified index: ${index}`,
  consistentReadOnGlobalIndex: 'Consistent reads are not supported on global secondary indexes',
  queryNeedsKeyCondition: 'Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.',
  specificNeedsProjection: 'Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES',
  projectionWithAll: 'Cannot specify the ProjectionExpression when choosing to get ALL_ATTRIBUTES',
  projectionWithCount: 'Cannot specify the ProjectionExpression when choosing to get only the Count',
  projectedNeedsIndex: 'ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName',
  allOnPartialIndex: (index: string): string =>
    `One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index ${index} because its projection type is not ALL`,
  segmentNeedsTotal: 'The TotalSegments parameter is required but was not present in the request when Segment parameter is present',
  totalNeedsSegment: 'The Segment parameter is required but was not present in the request when parameter TotalSegments is present',
  segmentTooLarge: (segment: number, total: number): string =>
    `The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: ${segment} is not less than TotalSegments: ${total}`,
  batchGetRequired: 'The requestItems parameter is required for BatchGetItem',
  batchWriteRequired: 'The requestItems parameter is required for BatchWriteItem',
  duplicateKeys: 'Provided list of item keys contains duplicates',
  tooManyBatchKeys: (table: string): string =>
    `1 validation error detected: Value at 'RequestItems.${table}.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100`,
  /** [I] the dump of the requests is left out */
  tooManyBatchWrites: 'Member must have length less than or equal to 25',
  /** [I] */
  writeRequestShape: 'Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes',
  transactSameItem: 'Transaction request cannot include multiple operations on one item',
  transactEmpty: "1 validation error detected: Value '[]' at 'transactItems' failed to satisfy constraint: Member must have length greater than or equal to 1",
  /** [I] the dump of the actions is left out */
  transactTooMany: "1 validation error detected: Value at 'transactItems' failed to satisfy constraint: Member must have length less than or equal to 100",
  /** [I] text from another emulator; the code and the limit are the service's */
  transactTooLarge: 'Collection size of items exceeded, which can also be caused by the aggregate size of the items in the transaction exceeding the 4MB limit',
  updateTooLarge: 'Item size to update has exceeded the maximum allowed size',
  /** [I] */
  transactActionShape: 'TransactItems can only contain one of Check, Put, Update or Delete',
  idempotentMismatch: 'Request parameters do not match with the original request for this ClientRequestToken',
})
