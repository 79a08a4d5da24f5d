// The DynamoDB operations that need nothing beyond the store's table list: ListTables and the two account
// descriptions, DescribeLimits and DescribeEndpoints.
import { readMembers } from '../protocol/input.js'
import { operationsOf, SERVICE_TARGETS, type Operation } from '../protocol/registry.js'

const MAX_TABLES_PAGE = 100
// DynamoDB's default account and table quotas for provisioned capacity (ServiceQuotas).
const ACCOUNT_MAX_CAPACITY_UNITS = 80_000
const TABLE_MAX_CAPACITY_UNITS = 40_000
// The service tells clients to cache its endpoint list for a day.
const ENDPOINT_CACHE_MINUTES = 1440

const listTables: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const start = reader.string('ExclusiveStartTableName', { min: 3, max: 255, pattern: /[a-zA-Z0-9_.-]+/ })
  const limit = reader.integer('Limit', { min: 1, max: MAX_TABLES_PAGE }) ?? MAX_TABLES_PAGE
  reader.finish()
  const names = store.listTables()
  // Names ascend by code unit, as the store lists them; the start need not name an existing table.
  let first = 0
  if (start !== undefined) while (first < names.length && (names[first] as string) <= start) first++
  const page = names.slice(first, first + limit)
  const more = first + limit < names.length
  return more ? { TableNames: page, LastEvaluatedTableName: page[page.length - 1] } : { TableNames: page }
}

const describeLimits: Operation = (input) => {
  readMembers(input).finish()
  return {
    AccountMaxReadCapacityUnits: ACCOUNT_MAX_CAPACITY_UNITS,
    AccountMaxWriteCapacityUnits: ACCOUNT_MAX_CAPACITY_UNITS,
    TableMaxReadCapacityUnits: TABLE_MAX_CAPACITY_UNITS,
    TableMaxWriteCapacityUnits: TABLE_MAX_CAPACITY_UNITS,
  }
}

const describeEndpoints: Operation = (input, { region }) => {
  readMembers(input).finish()
  return { Endpoints: [{ Address: `dynamodb.${region}.amazonaws.com`, CachePeriodInMinutes: ENDPOINT_CACHE_MINUTES }] }
}

/** The stateless DynamoDB operations by full target. */
export const TABLE_LIST_OPERATIONS = operationsOf(SERVICE_TARGETS.dynamodb, {
  ListTables: listTables,
  DescribeLimits: describeLimits,
  DescribeEndpoints: describeEndpoints,
})
