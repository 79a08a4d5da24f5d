import { GetItemCommand, PutItemCommand, UpdateItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { sdkError } from '../clients.js'
import { itemSetup } from './setup.js'

const WRONG_TYPE = 'An operand in the update expression has an incorrect data type'
const MISSING = 'The provided expression refers to an attribute that does not exist in the item'
const INVALID_PATH = 'The document path provided in the update expression is invalid for update'

describe('UpdateItem run-time faults', () => {
  it('reports the fault DynamoDB reports when several actions fail, whatever the order written', async () => {
    const { dynamodb, plain } = itemSetup()
    plain.put({ id: 'a', s: 'text', n: 1, c: new Set([1]) } as never)
    const values: Record<string, AttributeValue> = { ':one': { N: '1' }, ':ss': { SS: ['x'] }, ':l': { L: [] } }
    const cases: [string, string, Record<string, string>?][] = [
      ['SET a = nope + :one, b = s + :one', WRONG_TYPE],
      ['SET b = s + :one, a = nope + :one', WRONG_TYPE],
      ['SET c = nope, b = s + n', MISSING],
      ['SET b = s + n, c = nope', MISSING],
      ['SET c = nope DELETE s :ss', WRONG_TYPE],
      ['DELETE s :ss SET c = nope', MISSING],
      ['SET x.y = :one, a = nope + :one', INVALID_PATH],
      ['SET b = s + nope', WRONG_TYPE],
      ['SET b = nope + s', MISSING],
      ['SET #i = :one - #i, d = list_append(:l, c)', WRONG_TYPE, { '#i': 'items' }],
    ]
    for (const [expression, message, names] of cases) {
      const used = Object.fromEntries(Object.entries(values).filter(([ref]) => new RegExp(`${ref}\\b`).test(expression)))
      const error = await sdkError(
        dynamodb.send(
          new UpdateItemCommand({
            TableName: 'plain',
            Key: { id: { S: 'a' } },
            UpdateExpression: expression,
            ...(Object.keys(used).length === 0 ? {} : { ExpressionAttributeValues: used }),
            ...(names === undefined ? {} : { ExpressionAttributeNames: names }),
          }),
        ),
      )
      expect([expression, error.message]).toEqual([expression, message])
    }
  })

  it('reports an ExpressionAttributeValues entry that is no AttributeValue with its key, after the maps are checked', async () => {
    const { dynamodb } = itemSetup()
    const bad = await sdkError(
      dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { SS: [] } } })),
    )
    expect(bad.message).toBe('ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty for key :v')
    const duplicates = await sdkError(
      dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { SS: ['a', 'a'] } } })),
    )
    expect(duplicates.message).toBe('ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: Input collection [a, a] contains duplicates for key :v')
    const without = await sdkError(dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ExpressionAttributeValues: { ':v': { SS: [] } } })))
    expect(without.message).toBe('ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null')
  })
})

describe('expression details the engine shows', () => {
  it('keeps a NULL attribute in if_not_exists, and reports an undefined #name in a projection before an overlap', async () => {
    const { dynamodb, plain } = itemSetup()
    plain.put({ id: 'a', tags: null } as never)
    const updated = await dynamodb.send(
      new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, UpdateExpression: 'SET tags = if_not_exists(tags, :v)', ExpressionAttributeValues: { ':v': { N: '1' } }, ReturnValues: 'ALL_NEW' }),
    )
    expect(updated.Attributes?.tags).toEqual({ NULL: true })
    const projection = await sdkError(dynamodb.send(new GetItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ProjectionExpression: 'a, #n[1], #n' })))
    expect(projection.message).toBe('Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #n')
  })

  it('words a number it cannot read outside an item as the service does', async () => {
    const { dynamodb } = itemSetup()
    const value = await sdkError(
      dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, UpdateExpression: 'SET a = :v', ExpressionAttributeValues: { ':v': { N: 'abc' } } })),
    )
    expect(value.message).toBe('ExpressionAttributeValues contains invalid value: A value provided cannot be converted into a number for key :v')
    const expected = await sdkError(dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' } }, Expected: { n: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: 'x' }] } } })))
    expect(expected.message).toBe('A value provided cannot be converted into a number')
  })
})
