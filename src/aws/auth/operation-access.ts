// What each operation asks IAM for: the action and the resource of every part of the request. Single-item and
// table operations act on the table; Query and Scan on an index name act on the index; batch operations on each
// table they name; transactions on each item's table with the action of its kind (PutItem, UpdateItem,
// DeleteItem, ConditionCheckItem, GetItem); Streams operations on the stream; listings and limits on `*`.
import type { JsonObject } from '../protocol/input.js'
import { SERVICE_TARGETS } from '../protocol/registry.js'

/** One permission a request needs. */
export interface AccessRequirement {
  /** Such as `dynamodb:PutItem`. */
  readonly action: string
  /** The resource ARN, or `*`. */
  readonly resource: string
}

/** Where ARNs of the request's tables are: the partition is `aws`. */
export interface ArnContext {
  readonly region: string
  readonly accountId: string
}

type Access = (input: JsonObject, arns: ArnContext) => AccessRequirement[]

function tableArn(name: unknown, { region, accountId }: ArnContext): string | undefined {
  if (typeof name !== 'string') return undefined
  // TableName may itself be a table ARN.
  return name.startsWith('arn:') ? name : `arn:aws:dynamodb:${region}:${accountId}:table/${name}`
}

function need(action: string, resource: string | undefined): AccessRequirement[] {
  // A member the request lacks or mistypes names no resource: the operation's own validation answers the request.
  return resource === undefined ? [] : [{ action: `dynamodb:${action}`, resource }]
}

function onTable(action: string): Access {
  return (input, arns) => need(action, tableArn(input.TableName, arns))
}

function onTableOrIndex(action: string): Access {
  return (input, arns) => {
    const table = tableArn(input.TableName, arns)
    const index = input.IndexName
    return need(action, table !== undefined && typeof index === 'string' ? `${table}/index/${index}` : table)
  }
}

function onEveryTable(action: string): Access {
  return (input, arns) => {
    const items = input.RequestItems
    if (typeof items !== 'object' || items === null || Array.isArray(items)) return []
    return Object.keys(items).flatMap((name) => need(action, tableArn(name, arns)))
  }
}

function onEachTransactItem(kinds: { readonly [member: string]: string }): Access {
  return (input, arns) => {
    const items = input.TransactItems
    if (!Array.isArray(items)) return []
    return items.flatMap((item: unknown) => {
      if (typeof item !== 'object' || item === null) return []
      return Object.entries(kinds).flatMap(([member, action]) => {
        const part = (item as JsonObject)[member]
        return typeof part === 'object' && part !== null ? need(action, tableArn((part as JsonObject).TableName, arns)) : []
      })
    })
  }
}

function onMember(action: string, name: string): Access {
  return (input) => need(action, typeof input[name] === 'string' ? (input[name] as string) : undefined)
}

function onNothing(action: string): Access {
  return () => need(action, '*')
}

/** The stream ARN an iterator token starts with: tokens are shaped `{streamArn}|1|{opaque}`, as the service's. */
function iteratorStream(token: unknown): string | undefined {
  if (typeof token !== 'string') return undefined
  const bar = token.lastIndexOf('|1|')
  return bar > 0 ? token.slice(0, bar) : undefined
}

const DYNAMODB_ACCESS: { readonly [operation: string]: Access } = {
  PutItem: onTable('PutItem'),
  GetItem: onTable('GetItem'),
  UpdateItem: onTable('UpdateItem'),
  DeleteItem: onTable('DeleteItem'),
  Query: onTableOrIndex('Query'),
  Scan: onTableOrIndex('Scan'),
  BatchGetItem: onEveryTable('BatchGetItem'),
  BatchWriteItem: onEveryTable('BatchWriteItem'),
  TransactWriteItems: onEachTransactItem({ Put: 'PutItem', Update: 'UpdateItem', Delete: 'DeleteItem', ConditionCheck: 'ConditionCheckItem' }),
  TransactGetItems: onEachTransactItem({ Get: 'GetItem' }),
  CreateTable: onTable('CreateTable'),
  DeleteTable: onTable('DeleteTable'),
  DescribeTable: onTable('DescribeTable'),
  UpdateTable: onTable('UpdateTable'),
  DescribeContinuousBackups: onTable('DescribeContinuousBackups'),
  UpdateTimeToLive: onTable('UpdateTimeToLive'),
  DescribeTimeToLive: onTable('DescribeTimeToLive'),
  TagResource: onMember('TagResource', 'ResourceArn'),
  UntagResource: onMember('UntagResource', 'ResourceArn'),
  ListTagsOfResource: onMember('ListTagsOfResource', 'ResourceArn'),
  ListTables: onNothing('ListTables'),
  DescribeLimits: onNothing('DescribeLimits'),
  DescribeEndpoints: onNothing('DescribeEndpoints'),
}

const STREAMS_ACCESS: { readonly [operation: string]: Access } = {
  ListStreams: onNothing('ListStreams'),
  DescribeStream: onMember('DescribeStream', 'StreamArn'),
  GetShardIterator: onMember('GetShardIterator', 'StreamArn'),
  GetRecords: (input) => need('GetRecords', iteratorStream(input.ShardIterator)),
}

/**
 * The permissions a request needs, in the order its parts appear.
 * @param target the full target, such as `DynamoDBStreams_20120810.GetRecords`
 * @param input the parsed body
 * @param arns the region and account of the request's ARNs
 * @returns each action and resource the request needs
 */
export function accessOf(target: string, input: JsonObject, arns: ArnContext): readonly AccessRequirement[] {
  const dot = target.indexOf('.')
  const service = target.slice(0, dot)
  const operation = target.slice(dot + 1)
  const table = service === SERVICE_TARGETS.dynamodb ? DYNAMODB_ACCESS : service === SERVICE_TARGETS.streams ? STREAMS_ACCESS : undefined
  const access = table !== undefined && Object.hasOwn(table, operation) ? table[operation] : undefined
  if (access !== undefined) return access(input, arns)
  // An operation added to a registry: its own name as the action, on the table or stream it names, else on `*`.
  return need(operation, tableArn(input.TableName, arns) ?? (typeof input.StreamArn === 'string' ? input.StreamArn : '*'))
}

/** The operations an IAM action is known for, by service target prefix: a registry may add others. */
export function operationsWithAccess(): { readonly [service: string]: readonly string[] } {
  return { [SERVICE_TARGETS.dynamodb]: Object.keys(DYNAMODB_ACCESS), [SERVICE_TARGETS.streams]: Object.keys(STREAMS_ACCESS) }
}
