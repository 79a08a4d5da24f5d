import { GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { itemSetup } from './setup.js'

async function failure(send: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await send
  } catch (error) {
    return error as { name: string; message: string }
  }
  throw new Error('expected the call to fail')
}

describe('what the operations give the expression engine besides the expressions', () => {
  it('refuses a path inside a key attribute in a condition, a projection or a filter', async () => {
    const { dynamodb, orders } = itemSetup()
    orders.put({ pk: 'p', sk: 's', total: 1 })
    const condition = await failure(
      dynamodb.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'p' }, sk: { S: 't' } }, ConditionExpression: 'attribute_exists(pk.x)' })),
    )
    expect(condition.message).toBe('Key attributes must be scalars; list random access \'[]\' and map lookup \'.\' are not allowed: Key: pk')
    const projection = await failure(dynamodb.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'p' }, sk: { S: 's' } }, ProjectionExpression: 'sk[0]' })))
    expect(projection.message).toBe('Key attributes must be scalars; list random access \'[]\' and map lookup \'.\' are not allowed: Key: sk')
    const filter = await failure(dynamodb.send(new ScanCommand({ TableName: 'orders', FilterExpression: 'sk.a = :v', ExpressionAttributeValues: { ':v': { S: 'x' } } })))
    expect(filter.name).toBe('ValidationException')
    expect(filter.message).toContain('Key: sk')
    expect(orders.count()).toBe(1)
  })

  it('quotes BETWEEN bounds as the request wrote them', async () => {
    const { dynamodb } = itemSetup()
    const error = await failure(
      dynamodb.send(
        new ScanCommand({
          TableName: 'orders',
          FilterExpression: '#t BETWEEN :hi AND :lo',
          ExpressionAttributeNames: { '#t': 'total' },
          ExpressionAttributeValues: { ':hi': { N: '1.5E2' }, ':lo': { N: '3.1400' } },
        }),
      ),
    )
    expect(error.message).toContain('lower bound operand: AttributeValue: {N:1.5E2}, upper bound operand: AttributeValue: {N:3.1400}')
  })
})
