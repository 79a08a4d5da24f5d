import { describe, expect, it } from 'vitest'
import { accessOf, operationsWithAccess } from '../../../src/aws/auth/operation-access.js'
import { DEFAULT_OPERATIONS } from '../../../src/aws/index.js'

const ARNS = { region: 'eu-west-1', accountId: '111122223333' }
const TABLE = (name: string) => `arn:aws:dynamodb:eu-west-1:111122223333:table/${name}`
const STREAM = `${TABLE('orders')}/stream/2026-01-15T12:00:00.000`
const ddb = (operation: string, input: object) => accessOf(`DynamoDB_20120810.${operation}`, input as never, ARNS)
const streams = (operation: string, input: object) => accessOf(`DynamoDBStreams_20120810.${operation}`, input as never, ARNS)

describe('the permissions each operation needs', () => {
  it('knows an IAM action for every operation the AWS door answers', () => {
    const known = Object.entries(operationsWithAccess()).flatMap(([service, operations]) => operations.map((name) => `${service}.${name}`))
    expect([...DEFAULT_OPERATIONS.keys()].sort()).toEqual(known.sort())
  })

  it('asks single-item and table operations for the table', () => {
    for (const operation of ['PutItem', 'GetItem', 'UpdateItem', 'DeleteItem', 'CreateTable', 'DeleteTable', 'DescribeTable', 'UpdateTable', 'UpdateTimeToLive', 'DescribeTimeToLive', 'DescribeContinuousBackups']) {
      expect(ddb(operation, { TableName: 'orders' })).toEqual([{ action: `dynamodb:${operation}`, resource: TABLE('orders') }])
    }
    expect(ddb('GetItem', { TableName: TABLE('customers') })).toEqual([{ action: 'dynamodb:GetItem', resource: TABLE('customers') }])
  })

  it('asks Query and Scan for the index when they name one', () => {
    expect(ddb('Query', { TableName: 'orders' })).toEqual([{ action: 'dynamodb:Query', resource: TABLE('orders') }])
    expect(ddb('Query', { TableName: 'orders', IndexName: 'byCustomer' })).toEqual([{ action: 'dynamodb:Query', resource: `${TABLE('orders')}/index/byCustomer` }])
    expect(ddb('Scan', { TableName: 'orders', IndexName: 'byStatus' })).toEqual([{ action: 'dynamodb:Scan', resource: `${TABLE('orders')}/index/byStatus` }])
  })

  it('asks batch operations for every table, and transactions for each item with the action of its kind', () => {
    expect(ddb('BatchWriteItem', { RequestItems: { orders: [], audit: [] } })).toEqual([
      { action: 'dynamodb:BatchWriteItem', resource: TABLE('orders') },
      { action: 'dynamodb:BatchWriteItem', resource: TABLE('audit') },
    ])
    expect(ddb('BatchGetItem', { RequestItems: { orders: {} } })).toEqual([{ action: 'dynamodb:BatchGetItem', resource: TABLE('orders') }])
    const items = [{ Put: { TableName: 'orders' } }, { Update: { TableName: 'customers' } }, { Delete: { TableName: 'carts' } }, { ConditionCheck: { TableName: 'limits' } }]
    expect(ddb('TransactWriteItems', { TransactItems: items })).toEqual([
      { action: 'dynamodb:PutItem', resource: TABLE('orders') },
      { action: 'dynamodb:UpdateItem', resource: TABLE('customers') },
      { action: 'dynamodb:DeleteItem', resource: TABLE('carts') },
      { action: 'dynamodb:ConditionCheckItem', resource: TABLE('limits') },
    ])
    expect(ddb('TransactGetItems', { TransactItems: [{ Get: { TableName: 'orders' } }, { Get: { TableName: 'customers' } }] })).toEqual([
      { action: 'dynamodb:GetItem', resource: TABLE('orders') },
      { action: 'dynamodb:GetItem', resource: TABLE('customers') },
    ])
  })

  it('asks tag operations for the resource ARN, and listings for *', () => {
    expect(ddb('TagResource', { ResourceArn: TABLE('orders') })).toEqual([{ action: 'dynamodb:TagResource', resource: TABLE('orders') }])
    for (const operation of ['ListTables', 'DescribeLimits', 'DescribeEndpoints']) expect(ddb(operation, {})).toEqual([{ action: `dynamodb:${operation}`, resource: '*' }])
    expect(streams('ListStreams', { TableName: 'orders' })).toEqual([{ action: 'dynamodb:ListStreams', resource: '*' }])
  })

  it('asks Streams operations for the stream, GetRecords for the stream its iterator reads', () => {
    expect(streams('DescribeStream', { StreamArn: STREAM })).toEqual([{ action: 'dynamodb:DescribeStream', resource: STREAM }])
    expect(streams('GetShardIterator', { StreamArn: STREAM, ShardId: 'shardId-1' })).toEqual([{ action: 'dynamodb:GetShardIterator', resource: STREAM }])
    expect(streams('GetRecords', { ShardIterator: `${STREAM}|1|AAAA` })).toEqual([{ action: 'dynamodb:GetRecords', resource: STREAM }])
  })

  it('leaves a request that names no resource to the operation, which answers its ValidationException', () => {
    expect(ddb('PutItem', {})).toEqual([])
    expect(ddb('BatchWriteItem', { RequestItems: 'orders' })).toEqual([])
    expect(ddb('TransactWriteItems', { TransactItems: [{ Put: {} }, 7] })).toEqual([])
    expect(streams('GetRecords', { ShardIterator: 'not-a-token' })).toEqual([])
  })

  it('asks an operation added to a registry for its own name as the action', () => {
    expect(ddb('ExecuteStatement', {})).toEqual([{ action: 'dynamodb:ExecuteStatement', resource: '*' }])
    expect(ddb('RestoreTableToPointInTime', { TableName: 'orders' })).toEqual([{ action: 'dynamodb:RestoreTableToPointInTime', resource: TABLE('orders') }])
  })
})
