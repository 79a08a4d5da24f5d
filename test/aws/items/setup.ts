// Tables for the item operation tests, created natively, reached through the SDK clients.
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb'
import { sdkSetup } from '../clients.js'

type Order = { pk: string; sk: string; status?: string; total?: number; customer?: string }

/** A store with `orders` (pk/sk, string keys, a stream, a global index by customer and a local index by status) and `plain` (pk only). */
export function itemSetup() {
  const setup = sdkSetup()
  const orders = setup.store.createTable<Order>()({
    name: 'orders',
    partitionKey: 'pk',
    sortKey: 'sk',
    keyTypes: { partitionKey: 'string', sortKey: 'string' },
    stream: { viewType: 'NEW_AND_OLD_IMAGES' },
    globalIndexes: { byCustomer: { partitionKey: 'customer', sortKey: 'total', projection: 'ALL' } },
    localIndexes: { byStatus: { sortKey: 'status', projection: 'KEYS_ONLY' } },
  })
  const plain = setup.store.createTable<{ id: string; n?: unknown }>()({ name: 'plain', partitionKey: 'id', keyTypes: { partitionKey: 'string' } })
  const doc = DynamoDBDocumentClient.from(setup.dynamodb)
  return { ...setup, orders, plain, doc }
}
