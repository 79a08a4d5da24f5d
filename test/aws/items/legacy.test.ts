import {
  BatchGetItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
  type AttributeValue,
  type ComparisonOperator,
  type ExpectedAttributeValue,
} from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { snapshot } from '../../helpers/write-side.js'
import { sdkError } from '../clients.js'
import { itemSetup } from './setup.js'

const STORED = { id: 'a', n: 1, s: 'hello', ss: new Set(['x', 'y']), l: ['x'] }

async function expectedOutcome(expected: Record<string, ExpectedAttributeValue>, conditionalOperator?: 'AND' | 'OR'): Promise<string> {
  const { dynamodb, plain } = itemSetup()
  plain.put(STORED as never)
  try {
    await dynamodb.send(
      new PutItemCommand({ TableName: 'plain', Item: { id: { S: 'a' }, done: { BOOL: true } }, Expected: expected, ...(conditionalOperator === undefined ? {} : { ConditionalOperator: conditionalOperator }) }),
    )
    return 'written'
  } catch (error) {
    const e = error as Error
    return e.name === 'ConditionalCheckFailedException' ? 'failed' : `${e.name}: ${e.message}`
  }
}

const op = (ComparisonOperator: ComparisonOperator, ...AttributeValueList: AttributeValue[]): ExpectedAttributeValue => ({ ComparisonOperator, AttributeValueList })

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

  it('refuses legacy parameters next to expressions, naming both in the service order, and writes nothing', async () => {
    const { dynamodb, plain } = itemSetup()
    const mix = await sdkError(dynamodb.send(new GetItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, AttributesToGet: ['n'], ProjectionExpression: 'n' })))
    expect(mix.message).toBe(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}',
    )
    const before = snapshot(plain)
    const update = await sdkError(
      dynamodb.send(
        new UpdateItemCommand({
          TableName: 'plain',
          Key: { id: { S: 'a' } },
          ConditionExpression: 'attribute_not_exists(id)',
          UpdateExpression: 'SET n = :n',
          ExpressionAttributeValues: { ':n': { N: '1' } },
          ConditionalOperator: 'OR',
          Expected: { n: { Exists: false }, m: { Exists: false } },
          AttributeUpdates: { n: { Value: { N: '2' } } },
        }),
      ),
    )
    expect(update.message).toBe(
      'Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates, Expected, ConditionalOperator} Expression parameters: {UpdateExpression, ConditionExpression}',
    )
    expect(snapshot(plain)).toEqual(before)
    // KeyConditions count as a mix next to a KeyConditionExpression only.
    const query = await sdkError(
      dynamodb.send(
        new QueryCommand({
          TableName: 'plain',
          KeyConditionExpression: 'id = :a',
          ExpressionAttributeValues: { ':a': { S: 'a' } },
          KeyConditions: { id: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'a' }] } },
        }),
      ),
    )
    expect(query.message).toBe('Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {KeyConditionExpression}')
  })

  it('evaluates Expected in its Exists, Value and ComparisonOperator forms, joined by ConditionalOperator', async () => {
    const cases: [Record<string, ExpectedAttributeValue>, string][] = [
      [{ n: { Value: { N: '1.0' } } }, 'written'],
      [{ n: { Exists: true, Value: { N: '2' } } }, 'failed'],
      [{ n: { Exists: false } }, 'failed'],
      [{ missing: { Exists: false } }, 'written'],
      [{ n: op('EQ', { N: '1' }) }, 'written'],
      [{ missing: op('NE', { S: '1' }) }, 'written'],
      [{ n: op('NE', { S: '1' }) }, 'written'],
      [{ n: op('LT', { N: '2' }) }, 'written'],
      [{ n: op('LE', { N: '0' }) }, 'failed'],
      [{ n: op('GT', { S: '0' }) }, 'failed'],
      [{ n: op('GE', { N: '1' }) }, 'written'],
      [{ s: op('NOT_NULL') }, 'written'],
      [{ missing: op('NULL') }, 'written'],
      [{ s: op('CONTAINS', { S: 'ell' }) }, 'written'],
      [{ ss: op('CONTAINS', { S: 'x' }) }, 'written'],
      [{ l: op('CONTAINS', { S: 'x' }) }, 'written'],
      [{ s: op('NOT_CONTAINS', { S: 'zz' }) }, 'written'],
      // NOT_CONTAINS is false where the attribute is missing, unlike NOT contains(…).
      [{ missing: op('NOT_CONTAINS', { S: 'zz' }) }, 'failed'],
      [{ s: op('BEGINS_WITH', { S: 'he' }) }, 'written'],
      [{ n: op('IN', { N: '5' }, { N: '1' }) }, 'written'],
      [{ ss: op('IN', { S: 'x' }) }, 'failed'],
      [{ n: op('BETWEEN', { N: '1' }, { N: '1' }) }, 'written'],
      [{ ss: op('EQ', { SS: ['y', 'x'] }) }, 'written'],
    ]
    for (const [expected, outcome] of cases) expect([expected, await expectedOutcome(expected)]).toEqual([expected, outcome])
    const two = { n: { Value: { N: '1' } }, s: { Value: { S: 'no' } } }
    expect(await expectedOutcome(two)).toBe('failed')
    expect(await expectedOutcome(two, 'AND')).toBe('failed')
    expect(await expectedOutcome(two, 'OR')).toBe('written')
  })

  it('answers malformed Expected entries and AttributeValueLists with the service texts', async () => {
    const invalid = 'ValidationException: One or more parameter values were invalid: '
    const cases: [Record<string, ExpectedAttributeValue>, string][] = [
      [{ n: { Exists: true } }, `${invalid}Value must be provided when Exists is true for Attribute: n`],
      [{ n: {} }, `${invalid}Value must be provided when Exists is null for Attribute: n`],
      [{ n: { Exists: false, Value: { N: '1' } } }, `${invalid}Value cannot be used when Exists is false for Attribute: n`],
      [{ n: { ComparisonOperator: 'EQ' } }, `${invalid}Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: n`],
      [{ n: { Exists: true, ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] } }, `${invalid}Exists and ComparisonOperator cannot be used together for Attribute: n`],
      [{ n: { Value: { N: '1' }, AttributeValueList: [{ N: '1' }] } }, `${invalid}Value and AttributeValueList cannot be used together for Attribute: n`],
      [{ n: { AttributeValueList: [{ N: '1' }] } }, `${invalid}AttributeValueList can only be used with a ComparisonOperator for Attribute: n`],
      [{ n: op('EQ', { N: '1' }, { N: '2' }) }, `${invalid}Invalid number of argument(s) for the EQ ComparisonOperator`],
      [{ n: op('NULL', { N: '1' }) }, `${invalid}Invalid number of argument(s) for the NULL ComparisonOperator`],
      [{ n: op('IN') }, `${invalid}Invalid number of argument(s) for the IN ComparisonOperator`],
      [{ n: op('BETWEEN', { N: '1' }) }, `${invalid}Invalid number of argument(s) for the BETWEEN ComparisonOperator`],
      [{ s: op('BEGINS_WITH', { N: '1' }) }, `${invalid}ComparisonOperator BEGINS_WITH is not valid for N AttributeValue type`],
      [{ s: op('LT', { SS: ['1'] }) }, `${invalid}ComparisonOperator LT is not valid for SS AttributeValue type`],
      [{ s: op('CONTAINS', { L: [] }) }, `${invalid}ComparisonOperator CONTAINS is not valid for L AttributeValue type`],
      [{ s: op('IN', { BOOL: true }) }, `${invalid}ComparisonOperator IN is not valid for BOOL AttributeValue type`],
      [{ n: op('IN', { N: '5' }, { S: '1' }) }, `${invalid}AttributeValues inside AttributeValueList must be of same type`],
      [{ n: op('BETWEEN', { N: '5' }, { N: '1' }) }, 'ValidationException: The BETWEEN condition was provided a range where the lower bound is greater than the upper bound'],
      [{ n: { ComparisonOperator: 'FOO' as ComparisonOperator, AttributeValueList: [] } }, "ValidationException: 1 validation error detected: Value 'FOO' at 'expected.n.member.comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"],
    ]
    for (const [expected, outcome] of cases) expect([expected, await expectedOutcome(expected)]).toEqual([expected, outcome])
    expect(await expectedOutcome({ n: { Value: { N: '1' } } }, 'OR')).toBe('ValidationException: ConditionalOperator can only be used when Filter or Expected has two or more elements')
    expect(await expectedOutcome({}, 'OR')).toBe('ValidationException: ConditionalOperator cannot be used without Filter or Expected')
  })

  it('applies AttributeUpdates PUT, ADD and DELETE as UpdateItem does, and refuses what the service refuses', async () => {
    const { dynamodb, plain } = itemSetup()
    plain.put(STORED as never)
    const key = { id: { S: 'a' } }
    const updated = await dynamodb.send(
      new UpdateItemCommand({
        TableName: 'plain',
        Key: key,
        AttributeUpdates: {
          n: { Action: 'ADD', Value: { N: '2' } },
          fresh: { Value: { S: 'v' } },
          s: { Action: 'DELETE' },
          ss: { Action: 'DELETE', Value: { SS: ['x'] } },
          l: { Action: 'ADD', Value: { L: [{ N: '5' }] } },
          nl: { Action: 'ADD', Value: { L: [{ N: '6' }] } },
          tags: { Action: 'ADD', Value: { SS: ['t'] } },
        },
        Expected: { n: { Value: { N: '1' } } },
        ReturnValues: 'UPDATED_NEW',
      }),
    )
    expect(updated.Attributes).toEqual({ n: { N: '3' }, fresh: { S: 'v' }, ss: { SS: ['y'] }, l: { L: [{ S: 'x' }, { N: '5' }] }, nl: { L: [{ N: '6' }] }, tags: { SS: ['t'] } })
    const upsert = await dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'b' } }, AttributeUpdates: { c: { Action: 'ADD', Value: { N: '1' } }, gone: { Action: 'DELETE' } }, ReturnValues: 'ALL_NEW' }))
    expect(upsert.Attributes).toEqual({ id: { S: 'b' }, c: { N: '1' } })
    const before = snapshot(plain)
    const refusals: [Record<string, unknown>, string][] = [
      [{ q: { Action: 'PUT' } }, 'One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified'],
      [{ q: { Action: 'ADD', Value: { S: '2' } } }, 'One or more parameter values were invalid: ADD action is not supported for the type STRING'],
      [{ q: { Action: 'ADD', Value: { M: {} } } }, 'One or more parameter values were invalid: ADD action is not supported for the type MAP'],
      [{ q: { Action: 'DELETE', Value: { L: [] } } }, 'One or more parameter values were invalid: DELETE action with value is not supported for the type LIST'],
      [{ id: { Value: { S: 'b' } } }, 'One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key'],
      [{ q: { Action: 'FOO', Value: { S: 'x' } } }, "1 validation error detected: Value 'FOO' at 'attributeUpdates.q.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]"],
      [{ n: { Action: 'ADD', Value: { SS: ['a'] } } }, 'Type mismatch for attribute to update'],
      [{ ss: { Action: 'DELETE', Value: { NS: ['1'] } } }, 'Type mismatch for attribute to update'],
      [{ n: { Action: 'ADD', Value: { L: [] } } }, 'Type mismatch for attribute to update'],
    ]
    for (const [updates, message] of refusals) {
      const error = await sdkError(dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: key, AttributeUpdates: updates as never })))
      expect([updates, error.name, error.message]).toEqual([updates, 'ValidationException', message])
    }
    expect(snapshot(plain)).toEqual(before)
  })

  it('reads KeyConditions, QueryFilter and ScanFilter as the expression twins', async () => {
    const { dynamodb, orders } = itemSetup()
    for (const sk of ['1', '2', '3']) orders.put({ pk: 'p', sk, status: `s${sk}`, total: Number(sk) })
    const eq = (v: string) => ({ ComparisonOperator: 'EQ' as const, AttributeValueList: [{ S: v }] })
    const query = await dynamodb.send(
      new QueryCommand({
        TableName: 'orders',
        KeyConditions: { pk: eq('p'), sk: { ComparisonOperator: 'GT', AttributeValueList: [{ S: '1' }] } },
        QueryFilter: { status: { ComparisonOperator: 'NE', AttributeValueList: [{ S: 's3' }] } },
        AttributesToGet: ['status'],
      }),
    )
    expect(query).toMatchObject({ Items: [{ status: { S: 's2' } }], Count: 1, ScannedCount: 2 })
    const between = await dynamodb.send(new QueryCommand({ TableName: 'orders', KeyConditions: { pk: eq('p'), sk: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ S: '2' }, { S: '3' }] } }, ScanIndexForward: false }))
    expect(between.Items?.map((item) => item.sk?.S)).toEqual(['3', '2'])
    const scan = await dynamodb.send(
      new ScanCommand({ TableName: 'orders', ScanFilter: { total: { ComparisonOperator: 'LT', AttributeValueList: [{ N: '2' }] }, status: eq('s3') }, ConditionalOperator: 'OR' }),
    )
    expect(scan.Items?.map((item) => item.sk?.S).sort()).toEqual(['1', '3'])
    const refusals: [Record<string, unknown>, string][] = [
      [{ KeyConditions: { pk: { ComparisonOperator: 'BEGINS_WITH', AttributeValueList: [{ S: 'p' }] } } }, 'Query key condition not supported'],
      [{ KeyConditions: { pk: eq('p'), sk: { ComparisonOperator: 'IN', AttributeValueList: [{ S: '1' }] } } }, 'Attempted conditional constraint is not an indexable operation'],
      [{ KeyConditions: { pk: eq('p'), status: eq('s1') } }, 'Query condition missed key schema element: sk'],
      [{ KeyConditions: { sk: eq('1') } }, 'Query condition missed key schema element: pk'],
      [{ KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ N: '1' }] } } }, 'One or more parameter values were invalid: Condition parameter type does not match schema type'],
      [{ KeyConditions: {} }, 'Conditions must be at least length 1'],
      [{ KeyConditions: { pk: eq('p'), sk: eq('1'), status: eq('s') } }, 'Conditions can be of length 1 or 2 only'],
      [{ KeyConditions: { pk: eq('p') }, QueryFilter: { sk: eq('1') } }, 'QueryFilter can only contain non-primary key attributes: Primary key attribute: sk'],
      [{ KeyConditions: { pk: eq('p') }, QueryFilter: { status: { ComparisonOperator: 'EQ' } } }, 'One or more parameter values were invalid: Invalid number of argument(s) for the EQ ComparisonOperator'],
      [{ KeyConditions: { pk: eq('p') }, QueryFilter: { status: { AttributeValueList: [{ S: 'x' }] } } }, "1 validation error detected: Value null at 'queryFilter.status.member.comparisonOperator' failed to satisfy constraint: Member must not be null"],
      // A key condition NE is reported last, after the QueryFilter's faults; IN before them (DynamoDB Local, probed).
      [
        { KeyConditions: { pk: eq('p'), sk: { ComparisonOperator: 'CONTAINS', AttributeValueList: [{ S: '1' }] } }, QueryFilter: { status: { ComparisonOperator: 'IN', AttributeValueList: [{ NULL: true }] } } },
        'Attempted conditional constraint is not an indexable operation',
      ],
      [
        { KeyConditions: { pk: eq('p'), sk: { ComparisonOperator: 'NE', AttributeValueList: [{ S: '1' }] } }, QueryFilter: { status: { ComparisonOperator: 'IN', AttributeValueList: [{ NULL: true }] } } },
        'One or more parameter values were invalid: ComparisonOperator IN is not valid for NULL AttributeValue type',
      ],
      [{ KeyConditions: { pk: eq('p'), sk: { ComparisonOperator: 'NE', AttributeValueList: [{ S: '1' }] } }, QueryFilter: { pk: eq('p') } }, 'QueryFilter can only contain non-primary key attributes: Primary key attribute: pk'],
    ]
    for (const [request, message] of refusals) {
      const error = await sdkError(dynamodb.send(new QueryCommand({ TableName: 'orders', ...request } as never)))
      expect([request, error.name, error.message]).toEqual([request, 'ValidationException', message])
    }
  })

  it('ranks the faults of legacy parameters as the service does', async () => {
    const { dynamodb, plain, orders } = itemSetup()
    plain.put(STORED as never)
    const update = (request: object) => sdkError(dynamodb.send(new UpdateItemCommand({ TableName: 'plain', Key: { id: { S: 'a' } }, ...request } as never)))
    // Expected is checked before AttributeUpdates, and a malformed update only once the condition holds.
    expect((await update({ Expected: { l: { Exists: true } }, AttributeUpdates: { b: { Action: 'PUT' } } })).message).toBe(
      'One or more parameter values were invalid: Value must be provided when Exists is true for Attribute: l',
    )
    expect((await update({ Expected: { n: { Value: { N: '2' } } }, AttributeUpdates: { n: { Action: 'DELETE', Value: { N: '1' } } } })).name).toBe('ConditionalCheckFailedException')
    // Value by value: the operator's types first, then one type for all.
    expect(await expectedOutcome({ s: op('BETWEEN', { S: 'a' }, { SS: ['b'] }) })).toBe('ValidationException: One or more parameter values were invalid: ComparisonOperator BETWEEN is not valid for SS AttributeValue type')
    expect(await expectedOutcome({ s: op('IN', { B: new Uint8Array([1]) }, { N: '1' }, { M: {} }) })).toBe('ValidationException: One or more parameter values were invalid: AttributeValues inside AttributeValueList must be of same type')
    // KeyConditions, matched to the key schema, before QueryFilter.
    orders.put({ pk: 'p', sk: '1' })
    const query = await sdkError(
      dynamodb.send(
        new QueryCommand({
          TableName: 'orders',
          KeyConditions: { pk: { ComparisonOperator: 'EQ', AttributeValueList: [{ S: 'p' }] }, sk: { ComparisonOperator: 'NOT_CONTAINS', AttributeValueList: [{ N: '1' }] } },
          QueryFilter: { status: { ComparisonOperator: 'BETWEEN', AttributeValueList: [{ M: {} }, { N: '1' }] } },
        }),
      ),
    )
    expect(query.message).toBe('One or more parameter values were invalid: Condition parameter type does not match schema type')
  })
})
