import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb'
import { GetRecordsCommand, GetShardIteratorCommand, DescribeStreamCommand } from '@aws-sdk/client-dynamodb-streams'
import { DynamoDBDocumentClient, GetCommand, NumberValue, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { snapshot } from '../../helpers/write-side.js'
import { sdkError } from '../clients.js'
import { itemSetup } from './setup.js'

describe('PutItem and GetItem', () => {
  it('writes an item and reads it back, missing keys read as {}', async () => {
    const { dynamodb, orders } = itemSetup()
    const put = await dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'c1' }, sk: { S: 'o1' }, total: { N: '10' } } }))
    expect(put.Attributes).toBeUndefined()
    expect(orders.get({ pk: 'c1', sk: 'o1' })).toEqual({ pk: 'c1', sk: 'o1', total: 10 })
    const got = await dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'c1' }, sk: { S: 'o1' } } }))
    expect(got.Item).toEqual({ pk: { S: 'c1' }, sk: { S: 'o1' }, total: { N: '10' } })
    const missing = await dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'c1' }, sk: { S: 'none' } } }))
    expect(missing.Item).toBeUndefined()
  })

  it('returns ALL_OLD only when there was an item', async () => {
    const { dynamodb } = itemSetup()
    const first = await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, n: { N: '1' } }, ReturnValues: 'ALL_OLD' }))
    expect(first.Attributes).toBeUndefined()
    const second = await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, n: { N: '2' } }, ReturnValues: 'ALL_OLD' }))
    expect(second.Attributes).toEqual({ id: { S: 'a' }, n: { N: '1' } })
  })

  it('counts a write by the larger of the item it replaces and the item it writes, with or without a condition', async () => {
    const { dynamodb } = itemSetup()
    const big = { id: { S: 'a' }, text: { S: 'x'.repeat(2500) } }
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: big }))
    const small = await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' } }, ReturnConsumedCapacity: 'TOTAL' }))
    expect(small.ConsumedCapacity).toEqual({ TableName: 'plain', CapacityUnits: 3 })
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: big }))
    const guarded = await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' } }, ConditionExpression: 'attribute_exists(id)', ReturnConsumedCapacity: 'TOTAL' }))
    expect(guarded.ConsumedCapacity).toEqual({ TableName: 'plain', CapacityUnits: 3 })
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: big }))
    const deleted = await dynamodb.send(new DeleteItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ReturnConsumedCapacity: 'TOTAL', ReturnValues: 'ALL_OLD' }))
    expect(deleted.ConsumedCapacity).toEqual({ TableName: 'plain', CapacityUnits: 3 })
    expect(deleted.Attributes).toEqual(big)
    const none = await dynamodb.send(new DeleteItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ReturnConsumedCapacity: 'TOTAL', ReturnValues: 'ALL_OLD' }))
    expect(none.Attributes).toBeUndefined()
    expect(none.ConsumedCapacity).toEqual({ TableName: 'plain', CapacityUnits: 1 })
  })

  it('refuses ReturnValues other than NONE and ALL_OLD on PutItem and DeleteItem', async () => {
    const { dynamodb } = itemSetup()
    const put = await sdkError(dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' } }, ReturnValues: 'ALL_NEW' })))
    expect([put.name, put.message, put.status]).toEqual(['ValidationException', 'ReturnValues can only be ALL_OLD or NONE', 400])
    const del = await sdkError(dynamodb.send(new DeleteItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ReturnValues: 'UPDATED_OLD' })))
    expect(del.message).toBe('ReturnValues can only be ALL_OLD or NONE')
  })

  it('projects GetItem results and reports consumed capacity', async () => {
    const { dynamodb } = itemSetup()
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, n: { N: '1' }, m: { M: { x: { S: 'y' }, z: { S: 'w' } } } } }))
    const got = await dynamodb.send(
      new GetItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ProjectionExpression: '#m.x', ExpressionAttributeNames: { '#m': 'm' }, ReturnConsumedCapacity: 'TOTAL' }),
    )
    expect(got.Item).toEqual({ m: { M: { x: { S: 'y' } } } })
    expect(got.ConsumedCapacity).toEqual({ TableName: 'plain', CapacityUnits: 0.5 })
    const consistent = await dynamodb.send(new GetItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ConsistentRead: true, ReturnConsumedCapacity: 'TOTAL' }))
    expect(consistent.ConsumedCapacity?.CapacityUnits).toBe(1)
  })

  it('checks keys against the schema with the service texts', async () => {
    const { dynamodb } = itemSetup()
    const wrongType = await sdkError(dynamodb.send(new GetItemCommand({ TableName: 'plain', Key: { id: { N: '1' } } })))
    expect([wrongType.name, wrongType.message]).toEqual(['ValidationException', 'The provided key element does not match the schema'])
    const extra = await sdkError(dynamodb.send(new GetItemCommand({ TableName: 'plain', Key: { id: { S: 'a' }, x: { S: 'b' } } })))
    expect(extra.message).toBe('The provided key element does not match the schema')
    const missing = await sdkError(dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'a' } } })))
    expect(missing.message).toBe('One or more parameter values were invalid: Missing the key sk in the item')
    const mismatch = await sdkError(dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { N: '1' } } })))
    expect(mismatch.message).toBe('One or more parameter values were invalid: Type mismatch for key id expected: S actual: N')
    const table = await sdkError(dynamodb.send(new GetItemCommand({ TableName: 'nothing', Key: { id: { S: 'a' } } })))
    expect([table.name, table.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found'])
  })

  it('reports an invalid TableName alone, and every bad enum of PutItem together', async () => {
    const { dynamodb } = itemSetup()
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' } } }))
    const alone = await sdkError(dynamodb.send(new PutItemCommand({ TableName: 'a!', Item: { id: { S: 'a' } }, ReturnValues: 'BAD' as never })))
    expect(alone.message).toBe(
      "2 validation errors detected: Value 'a!' at 'tableName' failed to satisfy constraint: Member must have length greater than or equal to 3; Value 'a!' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
    )
    const enums = await sdkError(
      dynamodb.send(new PutItemCommand({ TableName: 'nothing', Item: { id: { S: 'a' } }, ReturnConsumedCapacity: 'BAD' as never, ReturnItemCollectionMetrics: 'BAD' as never })),
    )
    expect(enums.message).toMatch(/^2 validation errors detected: .*'returnConsumedCapacity'.*; .*'returnItemCollectionMetrics'/)
    // A name that passed before passes again, and one that failed fails again, whatever came between.
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'b' } } }))
    const again = await sdkError(dynamodb.send(new DeleteItemCommand({ TableName: 'a!', Key: { id: { S: 'a' } } })))
    expect(again.message).toBe(alone.message)
  })

  it('refuses legacy parameters next to expressions', async () => {
    const { dynamodb } = itemSetup()
    const error = await sdkError(
      dynamodb.send(
        new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(id)', Expected: { id: { Exists: false } } }),
      ),
    )
    expect(error.message).toBe(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}',
    )
  })
})

describe('conditions', () => {
  it('fails a put whose condition is false, with the item when asked, and leaves the store as it was', async () => {
    const { dynamodb, plain } = itemSetup()
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, n: { N: '1' } } }))
    const before = snapshot(plain)
    const error = await sdkError(
      dynamodb.send(
        new PutItemCommand({
          TableName: 'plain',
          Item: { id: { S: 'a' }, n: { N: '2' } },
          ConditionExpression: 'attribute_not_exists(id)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    )
    expect([error.name, error.message, error.status]).toEqual(['ConditionalCheckFailedException', 'The conditional request failed', 400])
    expect((error.error as ConditionalCheckFailedException).Item).toEqual({ id: { S: 'a' }, n: { N: '1' } })
    expect(snapshot(plain)).toEqual(before)
  })

  it('sees a missing item as empty', async () => {
    const { dynamodb, plain } = itemSetup()
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' } }, ConditionExpression: 'attribute_not_exists(id) AND n <> :v', ExpressionAttributeValues: { ':v': { N: '1' } } }))
    expect(plain.count()).toBe(1)
    const failed = await sdkError(
      dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'b' } }, UpdateExpression: 'SET n = :v', ConditionExpression: 'n = :v', ExpressionAttributeValues: { ':v': { N: '1' } } })),
    )
    expect(failed.name).toBe('ConditionalCheckFailedException')
    expect(plain.get({ id: 'b' })).toBeUndefined()
  })

  it('deletes with a condition and returns ALL_OLD; a missing key deletes nothing and succeeds', async () => {
    const { dynamodb, plain } = itemSetup()
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, n: { N: '1' } } }))
    const failed = await sdkError(dynamodb.send(new DeleteItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ConditionExpression: 'n > :v', ExpressionAttributeValues: { ':v': { N: '5' } } })))
    expect(failed.name).toBe('ConditionalCheckFailedException')
    const deleted = await dynamodb.send(new DeleteItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ReturnValues: 'ALL_OLD' }))
    expect(deleted.Attributes).toEqual({ id: { S: 'a' }, n: { N: '1' } })
    expect(plain.count()).toBe(0)
    const again = await dynamodb.send(new DeleteItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ReturnValues: 'ALL_OLD' }))
    expect(again.Attributes).toBeUndefined()
  })

  it('reports expression errors with the service text, before the table is looked up', async () => {
    const { dynamodb } = itemSetup()
    const error = await sdkError(dynamodb.send(new PutItemCommand({ TableName: 'nothing', Item: { id: { S: 'a' } }, ConditionExpression: 'n = :v' })))
    expect(error.name).toBe('ValidationException')
    expect(error.message).toBe('Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :v')
  })
})

describe('UpdateItem', () => {
  it('answers every ReturnValues', async () => {
    const { dynamodb } = itemSetup()
    const key = { id: { S: 'a' } }
    const created = await dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: key, UpdateExpression: 'SET n = :one, m = :m', ExpressionAttributeValues: { ':one': { N: '1' }, ':m': { S: 'x' } }, ReturnValues: 'ALL_NEW' }))
    expect(created.Attributes).toEqual({ id: { S: 'a' }, n: { N: '1' }, m: { S: 'x' } })
    const add = (returnValues: 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW') =>
      dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: key, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': { N: '1' } }, ReturnValues: returnValues }))
    expect((await add('NONE')).Attributes).toBeUndefined()
    expect((await add('ALL_OLD')).Attributes).toEqual({ id: { S: 'a' }, n: { N: '2' }, m: { S: 'x' } })
    expect((await add('UPDATED_OLD')).Attributes).toEqual({ n: { N: '3' } })
    expect((await add('UPDATED_NEW')).Attributes).toEqual({ n: { N: '5' } })
    expect((await add('ALL_NEW')).Attributes).toEqual({ id: { S: 'a' }, n: { N: '6' }, m: { S: 'x' } })
  })

  it('reads the item before the update, and refuses key updates', async () => {
    const { dynamodb, plain } = itemSetup()
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, a: { N: '1' }, b: { N: '2' } } }))
    await dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, UpdateExpression: 'SET a = b, b = a' }))
    expect(plain.get({ id: 'a' })).toEqual({ id: 'a', a: 2, b: 1 })
    const before = snapshot(plain)
    const error = await sdkError(dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, UpdateExpression: 'SET id = :v', ExpressionAttributeValues: { ':v': { S: 'b' } } })))
    expect(error.name).toBe('ValidationException')
    expect(error.message).toContain('id')
    expect(snapshot(plain)).toEqual(before)
  })

  it('fails an update whose operands do not fit, or an item past 400 KB, and leaves the store as it was', async () => {
    const { dynamodb, plain } = itemSetup()
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, s: { S: 'text' } } }))
    const before = snapshot(plain)
    const operand = await sdkError(dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, UpdateExpression: 'SET s = s + :v', ExpressionAttributeValues: { ':v': { N: '1' } } })))
    expect([operand.name, operand.message]).toEqual(['ValidationException', 'An operand in the update expression has an incorrect data type'])
    const big = { S: 'x'.repeat(410_000) }
    const put = await sdkError(dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, big } })))
    expect(put.message).toBe('Item size has exceeded the maximum allowed size')
    const update = await sdkError(dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, UpdateExpression: 'SET big = :b', ExpressionAttributeValues: { ':b': big } })))
    expect(update.message).toBe('Item size to update has exceeded the maximum allowed size')
    expect(snapshot(plain)).toEqual(before)
  })

  it('creates the key-only item when there is no update expression', async () => {
    const { dynamodb, plain } = itemSetup()
    await dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'k' } } }))
    expect(plain.get({ id: 'k' })).toEqual({ id: 'k' })
  })

  it('reports INDEXES capacity and item collection metrics on a table with a local index', async () => {
    const { dynamodb } = itemSetup()
    const out = await dynamodb.send(
      new PutItemCommand({
        TableName: 'orders',
        Item: { pk: { S: 'c' }, sk: { S: 'o' }, status: { S: 'open' }, customer: { S: 'x' }, total: { N: '3' } },
        ReturnConsumedCapacity: 'INDEXES',
        ReturnItemCollectionMetrics: 'SIZE',
      }),
    )
    expect(out.ConsumedCapacity).toEqual({
      TableName: 'orders',
      CapacityUnits: 3,
      Table: { CapacityUnits: 1 },
      GlobalSecondaryIndexes: { byCustomer: { CapacityUnits: 1 } },
      LocalSecondaryIndexes: { byStatus: { CapacityUnits: 1 } },
    })
    expect(out.ItemCollectionMetrics).toEqual({ ItemCollectionKey: { pk: { S: 'c' } }, SizeEstimateRangeGB: [0, 1] })
  })
})

describe('numbers and the stream', () => {
  const digits = '12345678901234567890.123456789'

  it('round-trips a 29-digit number through DynamoDBClient and DocumentClient with wrapNumbers', async () => {
    const { dynamodb, dynamodb: client } = itemSetup()
    await dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'n' }, n: { N: digits } } }))
    const raw = await dynamodb.send(new GetItemCommand({ TableName: 'plain', Key: { id: { S: 'n' } } }))
    expect(raw.Item?.n).toEqual({ N: digits })
    const doc = DynamoDBDocumentClient.from(client, { unmarshallOptions: { wrapNumbers: true } })
    await doc.send(new PutCommand({ TableName: 'plain', Item: { id: 'w', n: NumberValue.from('00100.500') } }))
    const wrapped = await doc.send(new GetCommand({ TableName: 'plain', Key: { id: 'n' } }))
    expect((wrapped.Item?.n as { toString(): string }).toString()).toBe(digits)
    const normalised = await doc.send(new GetCommand({ TableName: 'plain', Key: { id: 'w' } }))
    expect((normalised.Item?.n as { toString(): string }).toString()).toBe('100.5')
    const added = await doc.send(new UpdateCommand({ TableName: 'plain', Key: { id: 'n' }, UpdateExpression: 'ADD n :d', ExpressionAttributeValues: { ':d': NumberValue.from('0.000000001') }, ReturnValues: 'UPDATED_NEW' }))
    expect((added.Attributes?.n as { toString(): string }).toString()).toBe('12345678901234567890.12345679')
  })

  it('writes the stream records a DynamoDBStreamsClient reads back', async () => {
    const { doc, streams, orders } = itemSetup()
    await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'c', sk: 'o', total: 1 } }))
    await doc.send(new UpdateCommand({ TableName: 'orders', Key: { pk: 'c', sk: 'o' }, UpdateExpression: 'SET #t = :t', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':t': 2 } }))
    await sdkError(doc.send(new UpdateCommand({ TableName: 'orders', Key: { pk: 'c', sk: 'o' }, UpdateExpression: 'SET #t = :t', ConditionExpression: '#t = :t', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':t': 9 } })))
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: orders.stream.arn }))
    const shardId = described.StreamDescription?.Shards?.[0]?.ShardId as string
    const it = await streams.send(new GetShardIteratorCommand({ StreamArn: orders.stream.arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: it.ShardIterator as string }))
    expect(page.Records?.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY'])
    expect(page.Records?.[1]?.dynamodb?.NewImage?.total).toEqual({ N: '2' })
    expect(page.Records?.[1]?.dynamodb?.OldImage?.total).toEqual({ N: '1' })
  })
})
