// A native table description in the service's TableDescription shape. Statuses are the caller's: the service
// answers CREATING, UPDATING and DELETING from the calls that start those changes, ACTIVE afterwards.
import type { IndexDescription, TableDescription, ThroughputDescription } from '../../index.js'
import type { JsonObject } from '../protocol/input.js'
import { letterOfKeyType } from './table-input.js'

/** The status a description reports, and that of the indexes it names. */
export interface DescriptionStatus {
  readonly table: 'CREATING' | 'ACTIVE' | 'UPDATING' | 'DELETING'
  /** Statuses of particular indexes (a new one CREATING, a deleted one DELETING); ACTIVE otherwise. */
  readonly indexes?: { readonly [name: string]: 'CREATING' | 'DELETING' }
}

const seconds = (ms: number): number => ms / 1000

function keySchemaJson(schema: { readonly partitionKey: string; readonly sortKey?: string }): JsonObject[] {
  const out: JsonObject[] = [{ AttributeName: schema.partitionKey, KeyType: 'HASH' }]
  if (schema.sortKey !== undefined) out.push({ AttributeName: schema.sortKey, KeyType: 'RANGE' })
  return out
}

function throughputJson(throughput: ThroughputDescription | undefined): JsonObject {
  if (throughput === undefined) return { NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 }
  return {
    ...(throughput.lastIncreaseAt === undefined ? {} : { LastIncreaseDateTime: seconds(throughput.lastIncreaseAt) }),
    ...(throughput.lastDecreaseAt === undefined ? {} : { LastDecreaseDateTime: seconds(throughput.lastDecreaseAt) }),
    NumberOfDecreasesToday: throughput.numberOfDecreasesToday,
    ReadCapacityUnits: throughput.readCapacityUnits,
    WriteCapacityUnits: throughput.writeCapacityUnits,
  }
}

/** An index's Projection member. */
export function projectionJson(projection: IndexDescription['projection']): JsonObject {
  return projection.nonKeyAttributes === undefined
    ? { ProjectionType: projection.type }
    : { ProjectionType: projection.type, NonKeyAttributes: [...projection.nonKeyAttributes] }
}

/** The ARN of the service's managed KMS key for DynamoDB in this table's account, or the ARN of a named key. */
function kmsKeyArn(tableArn: string, keyId: string | undefined): string {
  const [, , , region, account] = tableArn.split(':')
  if (keyId?.startsWith('arn:') === true) return keyId
  return `arn:aws:kms:${region as string}:${account as string}:${keyId === undefined ? 'alias/aws/dynamodb' : keyId.startsWith('alias/') ? keyId : `key/${keyId}`}`
}

/**
 * The TableDescription of a table.
 * @param description the native description
 * @param status the table status to report, and the status of indexes being created or deleted
 * @param deletedIndexes descriptions of global indexes deleted by the call being answered
 * @returns the wire shape
 */
export function tableDescriptionJson(description: TableDescription, status: DescriptionStatus, deletedIndexes: readonly IndexDescription[] = []): JsonObject {
  const { settings } = description
  const provisioned = settings.billingMode === 'PROVISIONED'
  const indexStatus = (name: string): string => status.indexes?.[name] ?? 'ACTIVE'
  const globals = [...(description.globalIndexes ?? []), ...deletedIndexes]
  return {
    AttributeDefinitions: Object.entries(description.keyAttributeTypes).map(([name, type]) => ({ AttributeName: name, AttributeType: letterOfKeyType(type) })),
    TableName: description.name,
    KeySchema: keySchemaJson(description.keySchema),
    TableStatus: status.table,
    CreationDateTime: seconds(description.createdAt),
    ProvisionedThroughput: throughputJson(settings.provisionedThroughput),
    TableSizeBytes: description.sizeBytes,
    ItemCount: description.itemCount,
    TableArn: description.arn,
    TableId: description.id,
    ...(provisioned
      ? {}
      : {
          BillingModeSummary: {
            BillingMode: 'PAY_PER_REQUEST',
            ...(settings.lastUpdateToPayPerRequestAt === undefined ? {} : { LastUpdateToPayPerRequestDateTime: seconds(settings.lastUpdateToPayPerRequestAt) }),
          },
        }),
    ...(description.localIndexes === undefined
      ? {}
      : {
          LocalSecondaryIndexes: description.localIndexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchemaJson(index.keySchema),
            Projection: projectionJson(index.projection),
            IndexSizeBytes: index.sizeBytes,
            ItemCount: index.itemCount,
            IndexArn: index.arn,
          })),
        }),
    ...(globals.length === 0
      ? {}
      : {
          GlobalSecondaryIndexes: globals.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchemaJson(index.keySchema),
            Projection: projectionJson(index.projection),
            IndexStatus: indexStatus(index.name),
            ...(indexStatus(index.name) === 'CREATING' ? { Backfilling: true } : {}),
            ProvisionedThroughput: throughputJson(settings.indexThroughput[index.name]),
            IndexSizeBytes: index.sizeBytes,
            ItemCount: index.itemCount,
            IndexArn: index.arn,
          })),
        }),
    ...(description.streamSpecification === undefined ? {} : { StreamSpecification: { StreamEnabled: true, StreamViewType: description.streamSpecification.viewType } }),
    ...(description.latestStreamLabel === undefined ? {} : { LatestStreamLabel: description.latestStreamLabel, LatestStreamArn: description.latestStreamArn }),
    ...(settings.encryption === undefined ? {} : { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: kmsKeyArn(description.arn, settings.encryption.kmsMasterKeyId) } }),
    ...(settings.tableClass === 'STANDARD' ? {} : { TableClassSummary: { TableClass: settings.tableClass } }),
    DeletionProtectionEnabled: settings.deletionProtection,
  }
}
