import { QueryCommand, ScanCommand } from '@aws-sdk/client-dynamodb'
import { QueryCommand as DocQuery, ScanCommand as DocScan } from '@aws-sdk/lib-dynamodb'
import { describe, expect, it } from 'vitest'
import { sdkError } from '../clients.js'
import { itemSetup } from './setup.js'

function filled() {
  const setup = itemSetup()
  for (let i = 0; i < 10; i++) {
    setup.orders.put({ pk: 'c1', sk: `o${i}`, total: i, customer: i % 2 === 0 ? 'even' : 'odd', status: i < 5 ? 'open' : 'paid' })
  }
  setup.orders.put({ pk: 'c2', sk: 'o0', total: 100 })
  return setup
}

describe('Query', () => {
  it('reads a partition by key condition, in either order, with Limit and ExclusiveStartKey', async () => {
    const { doc } = filled()
    const first = await doc.send(new DocQuery({ TableName: 'orders', KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':p': 'c1', ':a': 'o2', ':b': 'o6' }, Limit: 3 }))
    expect(first.Items?.map((i) => i.sk)).toEqual(['o2', 'o3', 'o4'])
    expect([first.Count, first.ScannedCount]).toEqual([3, 3])
    expect(first.LastEvaluatedKey).toEqual({ pk: 'c1', sk: 'o4' })
    const rest = await doc.send(
      new DocQuery({ TableName: 'orders', KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b', ExpressionAttributeValues: { ':p': 'c1', ':a': 'o2', ':b': 'o6' }, ExclusiveStartKey: first.LastEvaluatedKey }),
    )
    expect(rest.Items?.map((i) => i.sk)).toEqual(['o5', 'o6'])
    expect(rest.LastEvaluatedKey).toBeUndefined()
    const reverse = await doc.send(new DocQuery({ TableName: 'orders', KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': 'c1', ':s': 'o' }, ScanIndexForward: false, Limit: 2 }))
    expect(reverse.Items?.map((i) => i.sk)).toEqual(['o9', 'o8'])
  })

  it('filters after Limit, counts, and projects', async () => {
    const { doc } = filled()
    const out = await doc.send(
      new DocQuery({
        TableName: 'orders',
        KeyConditionExpression: 'pk = :p',
        FilterExpression: '#t >= :min',
        ProjectionExpression: 'sk',
        ExpressionAttributeNames: { '#t': 'total' },
        ExpressionAttributeValues: { ':p': 'c1', ':min': 3 },
        Limit: 5,
      }),
    )
    expect(out.Items).toEqual([{ sk: 'o3' }, { sk: 'o4' }])
    expect([out.Count, out.ScannedCount]).toEqual([2, 5])
    const count = await doc.send(new DocQuery({ TableName: 'orders', KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': 'c1' }, Select: 'COUNT' }))
    expect(count.Items).toBeUndefined()
    expect(count.Count).toBe(10)
  })

  it('queries a global index and a local index, fetching what a local index does not project', async () => {
    const { doc } = filled()
    const global = await doc.send(new DocQuery({ TableName: 'orders', IndexName: 'byCustomer', KeyConditionExpression: 'customer = :c AND #t > :t', ExpressionAttributeNames: { '#t': 'total' }, ExpressionAttributeValues: { ':c': 'odd', ':t': 4 } }))
    expect(global.Items?.map((i) => i.total)).toEqual([5, 7, 9])
    expect(global.LastEvaluatedKey).toBeUndefined()
    const local = await doc.send(new DocQuery({ TableName: 'orders', IndexName: 'byStatus', KeyConditionExpression: 'pk = :p AND #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':p': 'c1', ':s': 'paid' }, Limit: 1 }))
    expect(local.Items).toEqual([{ pk: 'c1', sk: 'o5', status: 'paid' }])
    expect(local.LastEvaluatedKey).toEqual({ pk: 'c1', sk: 'o5', status: 'paid' })
    const whole = await doc.send(new DocQuery({ TableName: 'orders', IndexName: 'byStatus', Select: 'ALL_ATTRIBUTES', KeyConditionExpression: 'pk = :p AND #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':p': 'c1', ':s': 'paid' }, Limit: 1 }))
    expect(whole.Items?.[0]?.total).toBe(5)
  })

  it('answers the service errors', async () => {
    const { dynamodb } = filled()
    const key = { KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': { S: 'c1' } } }
    const index = await sdkError(dynamodb.send(new QueryCommand({ TableName: 'orders', IndexName: 'nope', ...key })))
    expect(index.message).toBe('The table does not have the specified index: nope')
    const consistent = await sdkError(dynamodb.send(new QueryCommand({ TableName: 'orders', IndexName: 'byCustomer', ConsistentRead: true, KeyConditionExpression: 'customer = :p', ExpressionAttributeValues: { ':p': { S: 'x' } } })))
    expect(consistent.message).toBe('Consistent reads are not supported on global secondary indexes')
    const filterOnKey = await sdkError(dynamodb.send(new QueryCommand({ TableName: 'orders', ...key, FilterExpression: 'sk = :p' })))
    expect(filterOnKey.message).toBe('Filter Expression can only contain non-primary key attributes: Primary key attribute: sk')
    const limit = await sdkError(dynamodb.send(new QueryCommand({ TableName: 'orders', ...key, Limit: 0 })))
    expect(limit.message).toBe("1 validation error detected: Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal to 1")
    const specific = await sdkError(dynamodb.send(new QueryCommand({ TableName: 'orders', ...key, Select: 'SPECIFIC_ATTRIBUTES' })))
    expect(specific.message).toBe('1 validation error detected: Must specify the AttributesToGet or ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES')
    const projected = await sdkError(dynamodb.send(new QueryCommand({ TableName: 'orders', ...key, Select: 'ALL_PROJECTED_ATTRIBUTES' })))
    expect(projected.message).toBe('ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName')
    const startKey = await sdkError(dynamodb.send(new QueryCommand({ TableName: 'orders', ...key, ExclusiveStartKey: { pk: { S: 'c1' }, sk: { N: '1' } } })))
    expect([startKey.name, startKey.message]).toEqual(['ValidationException', 'Type mismatch for attribute to update'])
    const scanStart = await sdkError(dynamodb.send(new ScanCommand({ TableName: 'orders', ExclusiveStartKey: { pk: { S: 'c1' } } })))
    expect([scanStart.name, scanStart.message]).toEqual(['ValidationException', "Exclusive Start Key must have same size as table's key schema"])
  })
})

describe('Scan', () => {
  it('pages through a table and a parallel scan covers it in disjoint segments', async () => {
    const { doc } = filled()
    const seen: string[] = []
    let start: Record<string, unknown> | undefined
    do {
      const page = await doc.send(new DocScan({ TableName: 'orders', Limit: 4, ExclusiveStartKey: start }))
      seen.push(...(page.Items ?? []).map((i) => `${i.pk}/${i.sk}`))
      start = page.LastEvaluatedKey
    } while (start !== undefined)
    expect(seen.sort()).toHaveLength(11)
    const segments: string[] = []
    for (let segment = 0; segment < 3; segment++) {
      let from: Record<string, unknown> | undefined
      do {
        const page = await doc.send(new DocScan({ TableName: 'orders', Segment: segment, TotalSegments: 3, Limit: 2, ExclusiveStartKey: from }))
        segments.push(...(page.Items ?? []).map((i) => `${i.pk}/${i.sk}`))
        from = page.LastEvaluatedKey
      } while (from !== undefined)
    }
    expect(segments.sort()).toEqual(seen.sort())
  })

  it('answers the segment rules and a zero limit', async () => {
    const { dynamodb } = filled()
    expect((await sdkError(dynamodb.send(new ScanCommand({ TableName: 'orders', Segment: 1 })))).message).toBe(
      'The TotalSegments parameter is required but was not present in the request when Segment parameter is present',
    )
    expect((await sdkError(dynamodb.send(new ScanCommand({ TableName: 'orders', Segment: 5, TotalSegments: 5 })))).message).toBe(
      'The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 5 is not less than TotalSegments: 5',
    )
    expect((await sdkError(dynamodb.send(new ScanCommand({ TableName: 'orders', Limit: 0 })))).message).toBe(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    )
  })

  it('filters a scan of an index', async () => {
    const { doc } = filled()
    const out = await doc.send(new DocScan({ TableName: 'orders', IndexName: 'byCustomer', FilterExpression: 'customer = :c', ExpressionAttributeValues: { ':c': 'even' }, ReturnConsumedCapacity: 'TOTAL' }))
    expect(out.Items?.map((i) => i.total).sort()).toEqual([0, 2, 4, 6, 8])
    expect([out.Count, out.ScannedCount]).toEqual([5, 10])
    expect(out.ConsumedCapacity).toEqual({ TableName: 'orders', CapacityUnits: 0.5 })
  })
})
