// The texts DynamoDB sends for control-plane errors, in one table. Marked [I] where no capture of the real text is
// known and the wording is ours; the code, status and member named are the service's.

const INVALID = 'One or more parameter values were invalid'

/** Control-plane error texts. */
export const TABLE_TEXT = Object.freeze({
  tableNameRequired: "The parameter 'TableName' is required but was not present in the request",
  tableNotFound: (name: string): string => `Requested resource not found: Table: ${name} not found`,
  tableExists: (name: string): string => `Table already exists: ${name}`,
  firstNotHash: 'Invalid KeySchema: The first KeySchemaElement is not a HASH key type',
  secondNotRange: 'Invalid KeySchema: The second KeySchemaElement is not a RANGE key type',
  sameHashAndRange: 'Both the Hash Key and the Range Key element in the KeySchema have the same name',
  keysWithoutDefinition: 'Invalid KeySchema: Some index key attribute have no definition',
  keysNotDefined: (keys: readonly string[], defined: readonly string[]): string =>
    `${INVALID}: Some index key attributes are not defined in AttributeDefinitions. Keys: [${keys.join(', ')}], AttributeDefinitions: [${defined.join(', ')}]`,
  definitionCount: `${INVALID}: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions`,
  throughputRequired: `${INVALID}: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED`,
  throughputRefused: `${INVALID}: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`,
  indexThroughputRefused: (index: string): string => `${INVALID}: ProvisionedThroughput should not be specified for index: ${index} when BillingMode is PAY_PER_REQUEST`,
  /** [I] */
  indexThroughputRequired: (index: string): string => `${INVALID}: ProvisionedThroughput must be specified for index: ${index}`,
  updateThroughputRequired: `${INVALID}: ProvisionedThroughput must be specified when BillingMode is PROVISIONED`,
  emptyIndexList: (list: 'LocalSecondaryIndexes' | 'GlobalSecondaryIndexes'): string => `${INVALID}: List of ${list} is empty`,
  lsiWithoutTableRange: `${INVALID}: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`,
  lsiWithoutRange: (index: string): string => `${INVALID}: Index KeySchema does not have a range key for index: ${index}`,
  lsiHashMismatch: (index: string, indexHash: string, tableHash: string): string =>
    `${INVALID}: Index KeySchema does not have the same leading hash key as table KeySchema for index: ${index}. index hash key: ${indexHash}, table hash key: ${tableHash}`,
  tooManyLsi: `${INVALID}: Number of LocalSecondaryIndexes exceeds per-table limit of 5`,
  tooManyGsi: `${INVALID}: GlobalSecondaryIndex count exceeds the per-table limit of 20`,
  duplicateIndex: (index: string): string => `${INVALID}: Duplicate index name: ${index}`,
  unknownProjectionType: `${INVALID}: Unknown ProjectionType: null`,
  includeWithoutAttributes: `${INVALID}: ProjectionType is INCLUDE, but NonKeyAttributes is not specified`,
  attributesWithoutInclude: (type: string): string => `${INVALID}: ProjectionType is ${type}, but NonKeyAttributes is specified`,
  streamDisabledWithViewType: `${INVALID}: Table is being created with a stream disabled, UpdateViewType should not be specified`,
  /** [I] */
  streamEnabledWithoutViewType: `${INVALID}: StreamViewType is required when the stream is enabled`,
  streamDisableWithViewType: `${INVALID}: If stream is being disabled, then UpdateViewType must not be specified`,
  streamAlreadyEnabled: (name: string): string => `Table already has an enabled stream: TableName: ${name}`,
  streamNothingToDisable: (name: string): string => `Table has no stream to disable: TableName: ${name}`,
  atLeastOneChange: 'At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required',
  throughputUnchanged: (read: number, write: number, newRead: number, newWrite: number): string =>
    `The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: ${read}. Requested ReadCapacityUnits: ${newRead}. Current WriteCapacityUnits provisioned for the table: ${write}. Requested WriteCapacityUnits: ${newWrite}. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.`,
  indexUpdateEmpty: `${INVALID}: One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null`,
  indexUpdateRepeated: (index: string): string => `${INVALID}: Only one global secondary index update per index is allowed simultaneously. Index: ${index}`,
  indexExists: (index: string): string => `${INVALID}: Index already exists: ${index}`,
  indexUpdateBlocked: 'This operation cannot be performed with given input values. Please contact DynamoDB service team for more info: Action Blocked: IndexUpdate',
  oneIndexAtATime: 'Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table',
  deletionProtected: 'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.',
  ttlAlreadyEnabled: 'TimeToLive is already enabled',
  ttlAlreadyDisabled: 'TimeToLive is already disabled',
  invalidArn: (arn: string): string => `Invalid TableArn: Invalid ResourceArn provided as input ${arn}`,
  resourceArnNotFound: (arn: string): string => `Requested resource not found: ResourcArn: ${arn} not found`,
  /** [I] */
  accessDenied: (arn: string): string => `User is not authorized to access the resource ${arn}: it belongs to another account`,
  noTags: 'Atleast one Tag needs to be provided as Input.',
  noTagKeys: 'Atleast one Tag Key needs to be provided as Input.',
  tooManyTags: 'The number of tags exceeds the limit of 50',
  continuousBackupsTableNotFound: (name: string): string => `Table not found: ${name}`,
})
