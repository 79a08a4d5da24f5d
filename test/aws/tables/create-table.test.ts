import { CreateTableCommand, DescribeTableCommand, ListTablesCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { sdkError, sdkSetup } from '../clients.js'

const BASE: CreateTableCommandInput = {
  TableName: 'orders',
  AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST',
}

async function rejected(input: Partial<CreateTableCommandInput>, base: CreateTableCommandInput = BASE) {
  const { dynamodb, store } = sdkSetup()
  const error = await sdkError(dynamodb.send(new CreateTableCommand({ ...base, ...input } as CreateTableCommandInput)))
  expect(store.listTables()).toEqual([])
  return error
}

describe('CreateTable through DynamoDBClient', () => {
  it('creates a table: CREATING in the answer, ACTIVE in DescribeTable, listed by ListTables', async () => {
    const { dynamodb, store } = sdkSetup()
    const out = await dynamodb.send(new CreateTableCommand({
      ...BASE,
      AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    }))
    expect(out.TableDescription?.TableStatus).toBe('CREATING')
    expect(out.TableDescription?.KeySchema).toEqual([{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }])
    expect(out.TableDescription?.AttributeDefinitions).toEqual([{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'sk', AttributeType: 'N' }])
    expect((await dynamodb.send(new DescribeTableCommand({ TableName: 'orders' }))).Table?.TableStatus).toBe('ACTIVE')
    expect((await dynamodb.send(new ListTablesCommand({}))).TableNames).toEqual(['orders'])
    // The native table has the declared key types.
    expect(store.getTable('orders').describe().keyTypes).toEqual({ partitionKey: 'string', sortKey: 'number' })
  })

  it('creates local and global indexes the native table maintains, with tags, a stream and declared index key types', async () => {
    const { dynamodb, store } = sdkSetup()
    const out = await dynamodb.send(new CreateTableCommand({
      TableName: 'orders',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
        { AttributeName: 'placed', AttributeType: 'N' },
        { AttributeName: 'status', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      LocalSecondaryIndexes: [{ IndexName: 'byPlaced', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'placed', KeyType: 'RANGE' }], Projection: { ProjectionType: 'KEYS_ONLY' } }],
      GlobalSecondaryIndexes: [{ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: ['total'] } }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
      Tags: [{ Key: 'env', Value: 'test' }],
    }))
    expect(out.TableDescription?.GlobalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'byStatus', IndexStatus: 'CREATING' })
    expect(out.TableDescription?.LocalSecondaryIndexes?.[0]).toMatchObject({ IndexName: 'byPlaced', Projection: { ProjectionType: 'KEYS_ONLY' } })
    expect(out.TableDescription?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' })
    const orders = store.getTable('orders')
    orders.put({ pk: 'c1', sk: 'o1', placed: 3, status: 'open', total: 5, note: 'x' })
    expect(orders.query('open', { index: 'byStatus' } as never).items).toEqual([{ pk: 'c1', sk: 'o1', status: 'open', total: 5 }])
    expect(orders.query('c1', { index: 'byPlaced' } as never).items).toEqual([{ pk: 'c1', sk: 'o1', placed: 3 }])
    expect(orders.tags()).toEqual({ env: 'test' })
    // The declared types bind: an index key of another type is refused.
    expect(() => orders.put({ pk: 'c1', sk: 'o2', placed: 'soon' })).toThrow(/ValidationException/)
  })

  it('an existing name is ResourceInUseException (checklist 76)', async () => {
    const { dynamodb } = sdkSetup()
    await dynamodb.send(new CreateTableCommand(BASE))
    const e = await sdkError(dynamodb.send(new CreateTableCommand(BASE)))
    expect([e.name, e.message, e.status]).toEqual(['ResourceInUseException', 'Table already exists: orders', 400])
  })

  it('names a missing TableName, then a short or malformed one alone (checklist 73, 121)', async () => {
    expect((await rejected({ TableName: undefined })).message).toBe("The parameter 'TableName' is required but was not present in the request")
    const short = await rejected({ TableName: 'ab', BillingMode: 'BAD' as never })
    expect([short.name, short.message]).toEqual(['ValidationException', "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3"])
    expect((await rejected({ TableName: 'a b c' })).message).toBe("1 validation error detected: Value 'a b c' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+")
  })

  it('bad KeyType and AttributeType are enum violations with the service paths (checklist 74)', async () => {
    expect((await rejected({ KeySchema: [{ AttributeName: 'pk', KeyType: 'INVALID' as never }] })).message).toBe(
      "1 validation error detected: Value 'INVALID' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]",
    )
    expect((await rejected({ AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'INVALID' as never }] })).message).toBe(
      "1 validation error detected: Value 'INVALID' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]",
    )
    const two = await rejected({ BillingMode: 'BAD' as never, KeySchema: [{ AttributeName: 'pk', KeyType: 'BAD' as never }] })
    expect(two.message).toBe(
      "2 validation errors detected: Value 'BAD' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]; Value 'BAD' at 'keySchema.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]",
    )
  })

  it('more than two key elements: the length violation prints the elements as the service does', async () => {
    const e = await rejected({
      AttributeDefinitions: ['pk', 'sk', 'extra'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }, { AttributeName: 'extra', KeyType: 'RANGE' }],
    })
    expect(e.message).toBe(
      "1 validation error detected: Value '[KeySchemaElement(attributeName=pk, keyType=HASH), KeySchemaElement(attributeName=sk, keyType=RANGE), KeySchemaElement(attributeName=extra, keyType=RANGE)]' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2",
    )
  })

  it('key schema shape and definitions (checklist 77)', async () => {
    expect((await rejected({ KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'pk', KeyType: 'RANGE' }] })).message).toBe('Invalid KeySchema: Some index key attribute have no definition')
    expect((await rejected({ KeySchema: [{ AttributeName: 'pk', KeyType: 'RANGE' }] })).message).toBe('Invalid KeySchema: The first KeySchemaElement is not a HASH key type')
    expect((await rejected({ KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }] })).message).toBe(
      'One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [id], AttributeDefinitions: [pk]',
    )
    const extra = await rejected({ AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'unused', AttributeType: 'S' }] })
    expect([extra.name, extra.message]).toEqual(['ValidationException', 'One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions'])
  })

  it('billing mode and provisioned throughput', async () => {
    expect((await rejected({ BillingMode: undefined })).message).toBe('One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED')
    expect((await rejected({ ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } })).message).toBe(
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    )
    expect((await rejected({ BillingMode: 'PROVISIONED', ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 1 } })).message).toBe(
      "1 validation error detected: Value '0' at 'provisionedThroughput.readCapacityUnits' failed to satisfy constraint: Member must have value greater than or equal to 1",
    )
  })

  it('local indexes need a table range key, the table hash key, a range key of their own, unique names (checklist 78, 79)', async () => {
    const lsi = (name: string, sk = 'lsk') => ({ IndexName: name, KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' as const }, { AttributeName: sk, KeyType: 'RANGE' as const }], Projection: { ProjectionType: 'ALL' as const } })
    expect((await rejected({ AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }, { AttributeName: 'lsk', AttributeType: 'S' }], LocalSecondaryIndexes: [lsi('byL')] })).message).toBe(
      'One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex',
    )
    const ranged: CreateTableCommandInput = {
      ...BASE,
      AttributeDefinitions: ['pk', 'sk', 'lsk'].map((AttributeName) => ({ AttributeName, AttributeType: 'S' as const })),
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
    }
    expect((await rejected({ LocalSecondaryIndexes: [lsi('dup'), lsi('dup')] }, ranged)).message).toBe('One or more parameter values were invalid: Duplicate index name: dup')
    expect((await rejected({ LocalSecondaryIndexes: [] }, ranged)).message).toBe('One or more parameter values were invalid: List of LocalSecondaryIndexes is empty')
  })

  it('global indexes: duplicate names across GSI and LSI, projections, throughput by billing mode', async () => {
    const gsi = (name: string, projection: object = { ProjectionType: 'ALL' }) => ({ IndexName: name, KeySchema: [{ AttributeName: 'g', KeyType: 'HASH' as const }], Projection: projection })
    const withG = { AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' as const }, { AttributeName: 'g', AttributeType: 'S' as const }] }
    expect((await rejected({ ...withG, GlobalSecondaryIndexes: [gsi('same'), gsi('same')] })).message).toBe('One or more parameter values were invalid: Duplicate index name: same')
    expect((await rejected({ ...withG, GlobalSecondaryIndexes: [gsi('inc', { ProjectionType: 'INCLUDE' })] })).message).toBe('One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified')
    expect((await rejected({ ...withG, GlobalSecondaryIndexes: [gsi('keysOnly', { ProjectionType: 'KEYS_ONLY', NonKeyAttributes: ['x'] })] })).message).toBe(
      'One or more parameter values were invalid: ProjectionType is KEYS_ONLY, but NonKeyAttributes is specified',
    )
    expect((await rejected({ ...withG, GlobalSecondaryIndexes: [{ ...gsi('onDemand'), ProvisionedThroughput: { ReadCapacityUnits: 1, WriteCapacityUnits: 1 } }] })).message).toBe(
      'One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: onDemand when BillingMode is PAY_PER_REQUEST',
    )
    expect((await rejected({ ...withG, GlobalSecondaryIndexes: [{ ...gsi('bad'), Projection: { ProjectionType: 'SOME' as never } }] })).message).toBe(
      "1 validation error detected: Value 'SOME' at 'globalSecondaryIndexes.1.member.projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]",
    )
  })

  it('a disabled stream with a view type is refused', async () => {
    expect((await rejected({ StreamSpecification: { StreamEnabled: false, StreamViewType: 'NEW_IMAGE' } })).message).toBe(
      'One or more parameter values were invalid: Table is being created with a stream disabled, UpdateViewType should not be specified',
    )
    expect((await rejected({ StreamSpecification: { StreamEnabled: true, StreamViewType: 'ALL' as never } })).message).toBe(
      "1 validation error detected: Value 'ALL' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]",
    )
  })

  it('a wrong JSON type is a SerializationException', async () => {
    const e = await rejected({ KeySchema: { AttributeName: 'pk' } as never })
    expect([e.name, e.status]).toEqual(['SerializationException', 400])
  })
})
