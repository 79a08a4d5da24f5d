import { TransactWriteItemsCommand, type TransactionCanceledException, type TransactWriteItem } from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { snapshot } from '../../helpers/write-side.js'
import { sdkError } from '../clients.js'
import { itemSetup } from './setup.js'

const update = (id: string, UpdateExpression: string, extra: object = {}): TransactWriteItem => ({
  Update: { TableName: 'plain', Key: { id: { S: id } }, UpdateExpression, ExpressionAttributeValues: { ':one': { N: '1' } }, ...extra },
})

describe('TransactWriteItems faults', () => {
  it('cancels with a ValidationError reason when an update fails at run time, and writes nothing', async () => {
    const { dynamodb, plain } = itemSetup()
    plain.put({ id: 'a', s: 'text', n: 1 } as never)
    const before = snapshot(plain)
    const cases: [TransactWriteItem, string][] = [
      [update('a', 'SET s = s + :one'), 'An operand in the update expression has an incorrect data type'],
      [update('a', 'SET q = nope + :one'), 'The provided expression refers to an attribute that does not exist in the item'],
      [update('a', 'SET m.x = :one'), 'The document path provided in the update expression is invalid for update'],
      [update('a', 'ADD s :one'), 'An operand in the update expression has an incorrect data type'],
    ]
    for (const [action, message] of cases) {
      const error = await sdkError(dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: 'plain', Item: { id: { S: 'other' } } } }, action] })))
      expect(error.name).toBe('TransactionCanceledException')
      expect(error.message).toBe('Transaction cancelled, please refer cancellation reasons for specific reasons [None, ValidationError]')
      expect((error.error as TransactionCanceledException).CancellationReasons).toEqual([{ Code: 'None' }, { Code: 'ValidationError', Message: message }])
    }
    expect(snapshot(plain)).toEqual(before)
  })

  it('lists every action: a failed condition next to a run-time fault, and an update whose condition fails is not run', async () => {
    const { dynamodb, plain } = itemSetup()
    plain.put({ id: 'a', s: 'text' } as never)
    const error = await sdkError(
      dynamodb.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            update('a', 'SET s = s + :one', { ConditionExpression: 'attribute_not_exists(id)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' }),
            update('b', 'SET s = s + :one'),
            update('c', 'SET s = s + :one', { ConditionExpression: 'attribute_exists(id)' }),
          ],
        }),
      ),
    )
    expect((error.error as TransactionCanceledException).CancellationReasons).toEqual([
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed', Item: { id: { S: 'a' }, s: { S: 'text' } } },
      { Code: 'ValidationError', Message: 'The provided expression refers to an attribute that does not exist in the item' },
      { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' },
    ])
    expect(plain.count()).toBe(1)
  })

  it('refuses two actions on one item before evaluating any, and a transaction over 4 MB', async () => {
    const { dynamodb, plain } = itemSetup()
    const twice = await sdkError(dynamodb.send(new TransactWriteItemsCommand({ TransactItems: [update('a', 'SET s = s + :one'), { Delete: { TableName: 'plain', Key: { id: { S: 'a' } } } }] })))
    expect([twice.name, twice.message]).toEqual(['ValidationException', 'Transaction request cannot include multiple operations on one item'])
    const big = 'x'.repeat(400_000)
    const puts = Array.from({ length: 11 }, (_, i): TransactWriteItem => ({ Put: { TableName: 'plain', Item: { id: { S: `big${i}` }, v: { S: big } } } }))
    const large = await sdkError(dynamodb.send(new TransactWriteItemsCommand({ TransactItems: puts })))
    expect([large.name, large.message]).toEqual([
      'ValidationException',
      'Collection size of items exceeded, which can also be caused by the aggregate size of the items in the transaction exceeding the 4MB limit',
    ])
    await dynamodb.send(new TransactWriteItemsCommand({ TransactItems: puts.slice(0, 10) }))
    expect(plain.count()).toBe(10)
  })
})
