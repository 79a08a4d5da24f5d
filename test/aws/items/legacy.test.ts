import { BatchGetItemCommand, GetItemCommand, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { snapshot } from '../../helpers/write-side.js'
import { sdkError } from '../clients.js'
import { itemSetup } from './setup.js'

describe('legacy parameters', () => {
  it('reads AttributesToGet on GetItem, BatchGetItem and Scan, without adding the key', async () => {
    const { dynamodb, plain } = itemSetup()
    plain.put({ id: 'a', n: 1, m: 'x' } as never)
    const got = await dynamodb.send(new GetItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, AttributesToGet: ['n', 'missing'] }))
    expect(got.Item).toEqual({ n: { N: '1' } })
    const batch = await dynamodb.send(new BatchGetItemCommand({ RequestItems: { plain: { Keys: [{ id: { S: 'a' } }], AttributesToGet: ['m'] } } }))
    expect(batch.Responses?.plain).toEqual([{ m: { S: 'x' } }])
    const scan = await dynamodb.send(new ScanCommand({ TableName: 'plain', AttributesToGet: ['id', 'm'], Select: 'SPECIFIC_ATTRIBUTES' }))
    expect(scan.Items).toEqual([{ id: { S: 'a' }, m: { S: 'x' } }])
    const all = await sdkError(dynamodb.send(new ScanCommand({ TableName: 'plain', AttributesToGet: ['id'], Select: 'ALL_ATTRIBUTES' })))
    expect(all.message).toBe('Cannot specify the AttributesToGet when choosing to get ALL_ATTRIBUTES')
  })

  it('refuses AttributesToGet next to ProjectionExpression, and the legacy write parameters, writing nothing', async () => {
    const { dynamodb, plain } = itemSetup()
    const mix = await sdkError(dynamodb.send(new GetItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, AttributesToGet: ['n'], ProjectionExpression: 'n' })))
    expect(mix.message).toBe(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    )
    const before = snapshot(plain)
    const expected = await sdkError(dynamodb.send(new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' } }, Expected: { id: { Exists: false } } })))
    expect(expected.name).toBe('ValidationException')
    expect(expected.message).toContain('Expected')
    expect(snapshot(plain)).toEqual(before)
  })
})
