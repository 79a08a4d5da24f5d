// Cross-region replication: the orders table in us-east-1 is replicated to its copy in eu-west-1 by a Lambda
// handler on the table's stream (an event source mapping) that writes through a DynamoDB client of the other
// region. Writes, deletes and TTL expiries reach the replica, which ends up equal to the source.
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb'
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBStreamHandler } from 'aws-lambda'
import { createStore } from 'streamtable'
import { awsClientConfig, createEventSourceMapping } from 'streamtable/aws'
import { ManualClock } from 'streamtable/testing'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid'; expiresAt?: number }

// Two regions, one timeline.
const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0))
const east = createStore({ clock, region: 'us-east-1' })
const west = createStore({ clock, region: 'eu-west-1' })
const table = { name: 'orders', partitionKey: 'customerId', sortKey: 'orderId' } as const
const source = east.createTable<Order>()({ ...table, ttlAttribute: 'expiresAt', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
// The replica expires nothing itself: the source's TTL deletes arrive through the stream.
west.createTable<Order>()({ ...table, keyTypes: { partitionKey: 'string', sortKey: 'string' } })

const replicaClient = new DynamoDBClient({ ...awsClientConfig(west) })
const replica = DynamoDBDocumentClient.from(replicaClient)
let ttlDeletes = 0
let failOnce = true
// The replication function: a put of the new image, a delete of the key. Both are idempotent, so the batch Lambda
// delivers again after a failure is harmless.
const replicate: DynamoDBStreamHandler = async (event) => {
  for (const record of event.Records) {
    const change = record.dynamodb ?? {}
    if (record.eventName === 'REMOVE') {
      if (record.userIdentity?.type === 'Service') ttlDeletes++
      await replica.send(new DeleteCommand({ TableName: 'orders', Key: unmarshall(change.Keys as never) }))
    } else {
      await replica.send(new PutCommand({ TableName: 'orders', Item: unmarshall(change.NewImage as never) }))
    }
  }
  if (failOnce) {
    failOnce = false
    throw new Error('eu-west-1 briefly unreachable')
  }
}
const mapping = createEventSourceMapping(east, { EventSourceArn: source.stream.arn, StartingPosition: 'TRIM_HORIZON', BatchSize: 25 }, replicate, { FunctionName: 'replicate-orders' })

const inAMinute = Math.floor(clock.now() / 1000) + 60
for (let i = 0; i < 120; i++) {
  const key = { customerId: `c-${i % 15}`, orderId: `o-${i}` }
  source.put({ ...key, total: i, status: 'open', ...(i % 8 === 0 ? { expiresAt: inAMinute } : {}) })
  if (i % 3 === 0) source.update(key, (draft) => void (draft.status = 'paid'))
  if (i % 10 === 5) source.delete(key)
}
await clock.runFor(10 * 60_000) // the retry after its backoff, and the TTL sweep of every eighth order

async function scanAll(client: DynamoDBClient): Promise<string[]> {
  const items: string[] = []
  let start: Record<string, never> | undefined
  do {
    const page = await client.send(new ScanCommand({ TableName: 'orders', ...(start === undefined ? {} : { ExclusiveStartKey: start }) }))
    for (const item of page.Items ?? []) items.push(JSON.stringify(Object.fromEntries(Object.entries(item).sort(([a], [b]) => (a < b ? -1 : 1)))))
    start = page.LastEvaluatedKey as Record<string, never> | undefined
  } while (start !== undefined)
  return items.sort()
}
const sourceClient = new DynamoDBClient({ ...awsClientConfig(east) })
const [inEast, inWest] = [await scanAll(sourceClient), await scanAll(replicaClient)]
console.log(`us-east-1: ${inEast.length} orders, eu-west-1: ${inWest.length} orders (${ttlDeletes} TTL expiries replicated)`)
console.log(JSON.stringify(inEast) === JSON.stringify(inWest) ? 'the replica equals the source' : 'the replica differs from the source')
const m = mapping.metrics()
console.log(`${m.invocations} invocations, ${m.retries} retry, iterator age ${m.iteratorAgeMs} ms`)
await mapping.disable()
