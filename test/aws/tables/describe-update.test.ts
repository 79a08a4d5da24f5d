import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  ListTablesCommand,
  UpdateTableCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { T0 } from '../../helpers/time.js'
import { sdkError, sdkSetup } from '../clients.js'

const PROVISIONED: CreateTableCommandInput = {
  TableName: 'orders',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
  GlobalSecondaryIndexes: [
    { IndexName: 'byG', KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['n'] }, ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 3 } },
  ],
  ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
}

const ON_DEMAND: CreateTableCommandInput = {
  TableName: 'plain',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
}

async function withTables(...inputs: CreateTableCommandInput[]) {
  const setup = sdkSetup()
  for (const input of inputs) await setup.dynamodb.send(new CreateTableCommand(input))
  return setup
}

describe('DescribeTable', () => {
  it('describes a provisioned table in full (checklist 16, 81)', async () => {
    const { dynamodb, store } = await withTables(PROVISIONED)
    store.getTable('orders').put({ pk: 'a', sk: '1', g: 'x', n: 1 })
    const table = (await dynamodb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table
    const arn = `arn:aws:dynamodb:us-east-1:000000000000:table/orders`
    expect(table).toMatchObject({
      TableName: 'orders',
      TableStatus: 'ACTIVE',
      TableArn: arn,
      ItemCount: 1,
      ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 5, WriteCapacityUnits: 5 },
      DeletionProtectionEnabled: false,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'S' }, { AttributeName: 'g', AttributeType: 'S' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byG',
          IndexStatus: 'ACTIVE',
          IndexArn: `${arn}/index/byG`,
          ItemCount: 1,
          KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' }],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['n'] },
          ProvisionedThroughput: { NumberOfDecreasesToday: 0, ReadCapacityUnits: 2, WriteCapacityUnits: 3 },
        },
      ],
    })
    expect(table?.CreationDateTime?.getTime()).toBe(T0)
    expect(table?.TableSizeBytes).toBeGreaterThan(0)
    expect(table?.TableId).toMatch(/^[0-9a-f-]{36}$/)
    // A provisioned table has no billing summary; absent members are omitted, never null.
    expect(table?.BillingModeSummary).toBeUndefined()
    expect(table?.StreamSpecification).toBeUndefined()
    expect(table?.SSEDescription).toBeUndefined()
  })

  it('on-demand tables report PAY_PER_REQUEST and 0/0 throughput (checklist 80); settings round-trip', async () => {
    const { dynamodb } = await withTables({
      ...ON_DEMAND,
      DeletionProtectionEnabled: true,
      TableClass: 'STANDARD_INFREQUENT_ACCESS',
      SSESpecification: { Enabled: true },
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    })
    const table = (await dynamodb.send(new DescribeTableCommand({ TableName: 'plain' }))).Table
    expect(table?.BillingModeSummary).toEqual({ BillingMode: 'PAY_PER_REQUEST' })
    expect(table?.ProvisionedThroughput).toEqual({ NumberOfDecreasesToday: 0, ReadCapacityUnits: 0, WriteCapacityUnits: 0 })
    expect(table?.DeletionProtectionEnabled).toBe(true)
    expect(table?.TableClassSummary).toEqual({ TableClass: 'STANDARD_INFREQUENT_ACCESS' })
    expect(table?.SSEDescription).toMatchObject({ Status: 'ENABLED', SSEType: 'KMS' })
    expect(table?.SSEDescription?.KMSMasterKeyArn).toMatch(/^arn:aws:kms:us-east-1:000000000000:/)
    expect(table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_IMAGE' })
    expect(table?.LatestStreamArn).toBe(`${table?.TableArn}/stream/${table?.LatestStreamLabel}`)
  })

  it('describes a table created natively: key types learnt from the first write, on-demand by default', async () => {
    const { dynamodb, store } = sdkSetup()
    const native = store.createTable<{ id: string; n?: number }>()({ name: 'native', partitionKey: 'id' })
    expect((await dynamodb.send(new DescribeTableCommand({ TableName: 'native' }))).Table?.AttributeDefinitions).toEqual([])
    native.put({ id: 'a' })
    const table = (await dynamodb.send(new DescribeTableCommand({ TableName: 'native' }))).Table
    expect(table?.AttributeDefinitions).toEqual([{ AttributeName: 'id', AttributeType: 'S' }])
    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST')
    expect(table?.TableId).toBe(native.describe().id)
  })

  it('a missing table is ResourceNotFoundException with the control-plane text (checklist 71)', async () => {
    const { dynamodb } = sdkSetup()
    for (const command of [new DescribeTableCommand({ TableName: 'nothing' }), new DeleteTableCommand({ TableName: 'nothing' }), new UpdateTableCommand({ TableName: 'nothing', BillingMode: 'PAY_PER_REQUEST' })]) {
      const e = await sdkError(dynamodb.send(command as never))
      expect([e.name, e.message, e.status]).toEqual(['ResourceNotFoundException', 'Requested resource not found: Table: nothing not found', 400])
    }
  })
})

describe('UpdateTable', () => {
  it('changes throughput and counts the decrease; unchanged throughput is refused (checklist 82)', async () => {
    const { dynamodb, clock } = await withTables(PROVISIONED)
    const same = await sdkError(dynamodb.send(new UpdateTableCommand({ TableName: 'orders', BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } })))
    expect([same.name, same.message]).toEqual([
      'ValidationException',
      'The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: 5. Requested ReadCapacityUnits: 5. Current WriteCapacityUnits provisioned for the table: 5. Requested WriteCapacityUnits: 5. Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.',
    ])
    clock.advance(1000)
    const out = await dynamodb.send(new UpdateTableCommand({ TableName: 'orders', ProvisionedThroughput: { ReadCapacityUnits: 2, WriteCapacityUnits: 5 } }))
    expect(out.TableDescription?.TableStatus).toBe('UPDATING')
    const table = (await dynamodb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table
    expect(table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 2, WriteCapacityUnits: 5, NumberOfDecreasesToday: 1 })
    expect(table?.ProvisionedThroughput?.LastDecreaseDateTime?.getTime()).toBe(T0 + 1000)
  })

  it('PAY_PER_REQUEST to PAY_PER_REQUEST is accepted; 0 RCU or PAY_PER_REQUEST with throughput are refused (checklist 82, 83)', async () => {
    const { dynamodb } = await withTables(PROVISIONED, ON_DEMAND)
    await dynamodb.send(new UpdateTableCommand({ TableName: 'plain', BillingMode: 'PAY_PER_REQUEST' }))
    const zero = await sdkError(dynamodb.send(new UpdateTableCommand({ TableName: 'orders', ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 5 } })))
    expect(zero.message).toBe("1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1")
    const both = await sdkError(dynamodb.send(new UpdateTableCommand({ TableName: 'orders', BillingMode: 'PAY_PER_REQUEST', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } })))
    expect(both.message).toBe('One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST')
    const onDemand = await sdkError(dynamodb.send(new UpdateTableCommand({ TableName: 'plain', ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } })))
    expect(onDemand.message).toBe('One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST')
  })

  it('switches billing mode both ways', async () => {
    const { dynamodb, clock } = await withTables(PROVISIONED)
    clock.advance(2000)
    await dynamodb.send(new UpdateTableCommand({ TableName: 'orders', BillingMode: 'PAY_PER_REQUEST' }))
    let table = (await dynamodb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table
    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST')
    expect(table?.BillingModeSummary?.LastUpdateToPayPerRequestDateTime?.getTime()).toBe(T0 + 2000)
    expect(table?.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 0, WriteCapacityUnits: 0 })
    await dynamodb.send(new UpdateTableCommand({
      TableName: 'orders',
      BillingMode: 'PROVISIONED',
      ProvisionedThroughput: { ReadCapacityUnits: 7, WriteCapacityUnits: 8 },
      GlobalSecondaryIndexUpdates: [{ Update: { IndexName: 'byG', ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } } }],
    }))
    table = (await dynamodb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table
    expect(table?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 7, WriteCapacityUnits: 8 })
    expect(table?.GlobalSecondaryIndexes?.[0]?.ProvisionedThroughput).toMatchObject({ ReadCapacityUnits: 1, WriteCapacityUnits: 1 })
  })

  it('needs at least one change; index updates name one action each', async () => {
    const { dynamodb } = await withTables(ON_DEMAND)
    const none = await sdkError(dynamodb.send(new UpdateTableCommand({ TableName: 'plain' })))
    expect(none.message).toBe('At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required')
    const empty = await sdkError(dynamodb.send(new UpdateTableCommand({ TableName: 'plain', GlobalSecondaryIndexUpdates: [{}] })))
    expect(empty.message).toBe('One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null')
  })

  it('creates a global index with backfill, then deletes it', async () => {
    const { dynamodb, store } = await withTables(ON_DEMAND)
    const plain = store.getTable('plain')
    plain.put({ pk: 'a', color: 'red' })
    plain.put({ pk: 'b', color: 'red' })
    plain.put({ pk: 'c' })
    const created = await dynamodb.send(new UpdateTableCommand({
      TableName: 'plain',
      AttributeDefinitions: [{ AttributeName: 'color', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byColor', KeySchema: [{ AttributeName: 'color', KeyType: 'HASH' }], Projection: { ProjectionType: 'KEYS_ONLY' } } }],
    }))
    expect(created.TableDescription?.TableStatus).toBe('UPDATING')
    expect(created.TableDescription?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'byColor', IndexStatus: 'CREATING', Backfilling: true })
    expect(plain.query('red', { index: 'byColor' } as never).items).toHaveLength(2)
    const table = (await dynamodb.send(new DescribeTableCommand({ TableName: 'plain' }))).Table
    expect(table?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'byColor', IndexStatus: 'ACTIVE', ItemCount: 2 })
    expect(table?.AttributeDefinitions).toEqual([{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'color', AttributeType: 'S' }])
    const again = await sdkError(dynamodb.send(new UpdateTableCommand({
      TableName: 'plain',
      AttributeDefinitions: [{ AttributeName: 'color', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byColor', KeySchema: [{ AttributeName: 'color', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
    })))
    expect(again.message).toBe('One or more parameter values were invalid: Index already exists: byColor')
    const undefinedKey = await sdkError(dynamodb.send(new UpdateTableCommand({
      TableName: 'plain',
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'bySize', KeySchema: [{ AttributeName: 'size', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
    })))
    expect(undefinedKey.message).toBe('One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [size], AttributeDefinitions: []')
    const deleted = await dynamodb.send(new UpdateTableCommand({ TableName: 'plain', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byColor' } }] }))
    expect(deleted.TableDescription?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'byColor', IndexStatus: 'DELETING' })
    expect((await dynamodb.send(new DescribeTableCommand({ TableName: 'plain' }))).Table?.GlobalSecondaryIndexes).toBeUndefined()
    const missing = await sdkError(dynamodb.send(new UpdateTableCommand({ TableName: 'plain', GlobalSecondaryIndexUpdates: [{ Delete: { IndexName: 'byColor' } }] })))
    expect(missing.name).toBe('ResourceNotFoundException')
  })

  it('streams: enable, refuse a second enable, disable (the specification goes, the ARN stays), refuse a second disable', async () => {
    const { dynamodb } = await withTables(ON_DEMAND)
    const enabled = await dynamodb.send(new UpdateTableCommand({ TableName: 'plain', StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' } }))
    const arn = enabled.TableDescription?.LatestStreamArn
    expect(enabled.TableDescription?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'KEYS_ONLY' })
    const twice = await sdkError(dynamodb.send(new UpdateTableCommand({ TableName: 'plain', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' } })))
    expect([twice.name, twice.message]).toEqual(['ValidationException', 'Table already has an enabled stream: TableName: plain'])
    const withType = await sdkError(dynamodb.send(new UpdateTableCommand({ TableName: 'plain', StreamSpecification: { StreamEnabled: false, StreamViewType: 'NEW_IMAGE' } })))
    expect(withType.message).toBe('One or more parameter values were invalid: If stream is being disabled, then UpdateViewType must not be specified')
    await dynamodb.send(new UpdateTableCommand({ TableName: 'plain', StreamSpecification: { StreamEnabled: false } }))
    const table = (await dynamodb.send(new DescribeTableCommand({ TableName: 'plain' }))).Table
    expect(table?.StreamSpecification).toBeUndefined()
    expect(table?.LatestStreamArn).toBe(arn)
    const again = await sdkError(dynamodb.send(new UpdateTableCommand({ TableName: 'plain', StreamSpecification: { StreamEnabled: false } })))
    expect(again.message).toBe('Table has no stream to disable: TableName: plain')
  })

  it('turns KMS encryption on and back to the service-owned key; changes the table class', async () => {
    const { dynamodb } = await withTables(ON_DEMAND)
    const on = await dynamodb.send(new UpdateTableCommand({ TableName: 'plain', SSESpecification: { Enabled: true, SSEType: 'KMS', KMSMasterKeyId: 'alias/mine' } }))
    expect(on.TableDescription?.SSEDescription).toEqual({ Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: 'arn:aws:kms:us-east-1:000000000000:alias/mine' })
    await dynamodb.send(new UpdateTableCommand({ TableName: 'plain', SSESpecification: { Enabled: false }, TableClass: 'STANDARD_INFREQUENT_ACCESS' }))
    const table = (await dynamodb.send(new DescribeTableCommand({ TableName: 'plain' }))).Table
    expect(table?.SSEDescription).toBeUndefined()
    expect(table?.TableClassSummary?.TableClass).toBe('STANDARD_INFREQUENT_ACCESS')
  })

  it('deletion protection blocks DeleteTable until UpdateTable turns it off', async () => {
    const { dynamodb } = await withTables({ ...ON_DEMAND, DeletionProtectionEnabled: true })
    const e = await sdkError(dynamodb.send(new DeleteTableCommand({ TableName: 'plain' })))
    expect([e.name, e.message, e.status]).toEqual(['ValidationException', 'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.', 400])
    await dynamodb.send(new UpdateTableCommand({ TableName: 'plain', DeletionProtectionEnabled: false }))
    await dynamodb.send(new DeleteTableCommand({ TableName: 'plain' }))
  })
})

describe('DeleteTable', () => {
  it('answers the description as DELETING and the table leaves ListTables (checklist 84)', async () => {
    const { dynamodb } = await withTables(ON_DEMAND, PROVISIONED)
    const out = await dynamodb.send(new DeleteTableCommand({ TableName: 'plain' }))
    expect(out.TableDescription).toMatchObject({ TableName: 'plain', TableStatus: 'DELETING' })
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(['orders'])
  })
})

describe('DescribeContinuousBackups', () => {
  it('continuous backups ENABLED, point-in-time recovery DISABLED; a missing table is TableNotFoundException', async () => {
    const { dynamodb } = await withTables(ON_DEMAND)
    const out = await dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: 'plain' }))
    expect(out.ContinuousBackupsDescription).toEqual({ ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' } })
    const e = await sdkError(dynamodb.send(new DescribeContinuousBackupsCommand({ TableName: 'nothing' })))
    expect([e.name, e.message, e.status]).toEqual(['TableNotFoundException', 'Table not found: nothing', 400])
  })
})
