import { DescribeStreamCommand, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams'
import { BatchGetItemCommand, BatchWriteItemCommand, TransactGetItemsCommand, TransactWriteItemsCommand, type TransactionCanceledException } from '@aws-sdk/client-dynamodb'
import { BatchWriteCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { MINUTE } from '../../helpers/time.js'
import { snapshot } from '../../helpers/write-side.js'
import { sdkError } from '../clients.js'
import { itemSetup } from './setup.js'

describe('BatchWriteItem and BatchGetItem', () => {
  it('writes puts and deletes over two tables and reads them back, missing keys left out', async () => {
    const { doc, dynamodb, plain, orders } = itemSetup()
    plain.put({ id: 'gone' })
    const out = await doc.send(
      new BatchWriteCommand({
        RequestItems: {
          plain: [{ PutRequest: { Item: { id: 'a', n: 1 } } }, { DeleteRequest: { Key: { id: 'gone' } } }],
          orders: [{ PutRequest: { Item: { pk: 'c', sk: 'o', total: 2 } } }],
        },
      }),
    )
    expect(out.UnprocessedItems).toEqual({})
    expect(plain.get({ id: 'gone' })).toBeUndefined()
    expect(orders.count()).toBe(1)
    const got = await dynamodb.send(
      new BatchGetItemCommand({
        RequestItems: { plain: { Keys: [{ id: { S: 'a' } }, { id: { S: 'none' } }], ProjectionExpression: 'n' }, orders: { Keys: [{ pk: { S: 'c' }, sk: { S: 'o' } }] } },
        ReturnConsumedCapacity: 'TOTAL',
      }),
    )
    expect(got.Responses).toEqual({ plain: [{ n: { N: '1' } }], orders: [{ pk: { S: 'c' }, sk: { S: 'o' }, total: { N: '2' } }] })
    expect(got.UnprocessedKeys).toEqual({})
    expect(got.ConsumedCapacity).toHaveLength(2)
  })

  it('refuses duplicates, 26 requests, 101 keys and a missing table, writing nothing', async () => {
    const { dynamodb, plain } = itemSetup()
    const before = snapshot(plain)
    const dup = await sdkError(dynamodb.send(new BatchWriteItemCommand({ RequestItems: { plain: [{ PutRequest: { Item: { id: { S: 'a' } } } }, { DeleteRequest: { Key: { id: { S: 'a' } } } }] } })))
    expect(dup.message).toBe('Provided list of item keys contains duplicates')
    const many = Array.from({ length: 26 }, (_, i) => ({ PutRequest: { Item: { id: { S: `k${i}` } } } }))
    expect((await sdkError(dynamodb.send(new BatchWriteItemCommand({ RequestItems: { plain: many } })))).name).toBe('ValidationException')
    const keys = Array.from({ length: 101 }, (_, i) => ({ id: { S: `k${i}` } }))
    expect((await sdkError(dynamodb.send(new BatchGetItemCommand({ RequestItems: { plain: { Keys: keys } } })))).message).toBe(
      "1 validation error detected: Value at 'RequestItems.plain.member.Keys' failed to satisfy constraint: Member must have length less than or equal to 100",
    )
    const missing = await sdkError(dynamodb.send(new BatchWriteItemCommand({ RequestItems: { plain: [{ PutRequest: { Item: { id: { S: 'x' } } } }], nothing: [{ PutRequest: { Item: { id: { S: 'x' } } } }] } })))
    expect(missing.name).toBe('ResourceNotFoundException')
    const empty = await sdkError(dynamodb.send(new BatchWriteItemCommand({ RequestItems: {} })))
    expect(empty.message).toBe('The requestItems parameter is required for BatchWriteItem')
    expect(snapshot(plain)).toEqual(before)
  })
})

describe('TransactWriteItems and TransactGetItems', () => {
  it('writes all actions together and reads them in order', async () => {
    const { doc, dynamodb, plain } = itemSetup()
    plain.put({ id: 'check', n: 1 })
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: 'plain', Item: { id: 'a', n: 1 }, ConditionExpression: 'attribute_not_exists(id)' } },
          { Update: { TableName: 'plain', Key: { id: 'b' }, UpdateExpression: 'SET n = :v', ExpressionAttributeValues: { ':v': 2 } } },
          { ConditionCheck: { TableName: 'plain', Key: { id: 'check' }, ConditionExpression: 'n = :one', ExpressionAttributeValues: { ':one': 1 } } },
        ],
      }),
    )
    const got = await dynamodb.send(
      new TransactGetItemsCommand({ TransactItems: [{ Get: { TableName: 'plain', Key: { id: { S: 'b' } } } }, { Get: { TableName: 'plain', Key: { id: { S: 'none' } } } }, { Get: { TableName: 'plain', Key: { id: { S: 'a' } }, ProjectionExpression: 'n' } }] }),
    )
    expect(got.Responses).toEqual([{ Item: { id: { S: 'b' }, n: { N: '2' } } }, {}, { Item: { n: { N: '1' } } }])
  })

  it('cancels with one reason per action, the item on condition failure, and writes nothing', async () => {
    const { dynamodb, plain } = itemSetup()
    plain.put({ id: 'a', n: 1 })
    const before = snapshot(plain)
    const error = await sdkError(
      dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: 'plain', Item: { id: { S: 'new' } } } },
            { Delete: { TableName: 'plain', Key: { id: { S: 'a' } }, ConditionExpression: 'n = :two', ExpressionAttributeValues: { ':two': { N: '2' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
          ],
        }),
      ),
    )
    expect(error.name).toBe('TransactionCanceledException')
    expect(error.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ConditionalCheckFailed]')
    expect((error.error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { id: { S: 'a' }, n: { N: '1' } } },
    ])
    expect(snapshot(plain)).toEqual(before)
    const keyError = await sdkError(dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [{ Delete: { TableName: 'plain', Key: { id: { N: '1' } } } }] })))
    expect((keyError.error as TransactionCanceledException).CancellationReasons).toEqual([{ Code: 'ValidationError', Message: 'The provided key element does not match the schema' }])
    const same = await sdkError(
      dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [{ Delete: { TableName: 'plain', Key: { id: { S: 'a' } } } }, { Put: { TableName: 'plain', Item: { id: { S: 'a' } } } }] })),
    )
    expect(same.message).toBe('Transaction request cannot include multiple operations on one item')
    expect(snapshot(plain)).toEqual(before)
  })

  it('applies a ClientRequestToken once within 10 minutes, and refuses it with other parameters', async () => {
    const { dynamodb, plain, clock } = itemSetup()
    const request = (n: string) =>
      new TransactWriteItemsCommand({
        ClientRequestToken: 'token-1',
        TransactItems: [{ Update: { TableName: 'plain', Key: { id: { S: 'a' } }, UpdateExpression: 'ADD n :v', ExpressionAttributeValues: { ':v': { N: n } } } }],
      })
    await dynamodb.send(request('1'))
    await dynamodb.send(request('1'))
    expect(plain.get({ id: 'a' })).toEqual({ id: 'a', n: 1 })
    const mismatch = await sdkError(dynamodb.send(request('2')))
    expect([mismatch.name, mismatch.message]).toEqual(['IdempotentParameterMismatchException', 'Request parameters do not match with the original request for this ClientRequestToken'])
    clock.advance(10 * MINUTE)
    await dynamodb.send(request('1'))
    expect(plain.get({ id: 'a' })).toEqual({ id: 'a', n: 2 })
  })
})

describe('the stream of batch and transaction writes', () => {
  it('holds one record per changed item, read back through DynamoDBStreamsClient, and none for a cancelled transaction', async () => {
    const { doc, streams, orders } = itemSetup()
    await doc.send(new BatchWriteCommand({ RequestItems: { orders: [{ PutRequest: { Item: { pk: 'c', sk: '1' } } }, { PutRequest: { Item: { pk: 'c', sk: '2' } } }] } }))
    await doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: 'orders', Key: { pk: 'c', sk: '1' } } },
          { Update: { TableName: 'orders', Key: { pk: 'c', sk: '2' }, UpdateExpression: 'SET customer = :c', ExpressionAttributeValues: { ':c': 'x' } } },
        ],
      }),
    )
    await sdkError(doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: 'orders', Item: { pk: 'c', sk: '3' } } }, { ConditionCheck: { TableName: 'orders', Key: { pk: 'c', sk: '2' }, ConditionExpression: 'attribute_not_exists(pk)' } }] })))
    const described = await streams.send(new DescribeStreamCommand({ StreamArn: orders.stream.arn }))
    const shardId = described.StreamDescription?.Shards?.[0]?.ShardId as string
    const iterator = await streams.send(new GetShardIteratorCommand({ StreamArn: orders.stream.arn, ShardId: shardId, ShardIteratorType: 'TRIM_HORIZON' }))
    const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator.ShardIterator as string }))
    expect(page.Records?.map((r) => `${r.eventName} ${r.dynamodb?.Keys?.sk?.S}`)).toEqual(['INSERT 1', 'INSERT 2', 'REMOVE 1', 'MODIFY 2'])
    expect(page.Records?.[3]?.dynamodb?.NewImage?.customer).toEqual({ S: 'x' })
  })
})
