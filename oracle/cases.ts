// The shape of one oracle case: a request-level description that either side can answer, and the answer.
import type { AttributeValueJson } from '../src/codec/attribute-value-json.js'

/** An item in DynamoDB JSON. */
export type ItemJson = { readonly [name: string]: AttributeValueJson }

/** Names and values of a request's expressions, as sent on the wire (absent when the request has none). */
export interface Placeholders {
  readonly ExpressionAttributeNames?: { readonly [ref: string]: string }
  readonly ExpressionAttributeValues?: { readonly [ref: string]: unknown }
}

/** A table the cases run against: a partition key and an optional sort key. */
export interface TableSpec {
  readonly name: string
  readonly partitionKey: { readonly name: string; readonly type: 'S' | 'N' }
  readonly sortKey?: { readonly name: string; readonly type: 'S' | 'N' }
}

/** PutItem of `item` with a ConditionExpression, on a table holding `existing` (or nothing) under the same key. */
export interface ConditionCase extends Placeholders {
  readonly kind: 'condition'
  readonly id: number
  readonly table: TableSpec
  readonly existing: ItemJson | null
  readonly item: ItemJson
  readonly ConditionExpression: string
}

/** UpdateItem (ReturnValues ALL_NEW) of `key`, on a table holding `existing` (or nothing) under that key. */
export interface UpdateCase extends Placeholders {
  readonly kind: 'update'
  readonly id: number
  readonly table: TableSpec
  readonly existing: ItemJson | null
  readonly key: ItemJson
  readonly UpdateExpression: string
  readonly ConditionExpression?: string
}

/** Scan of a table holding exactly `items`, with a FilterExpression and/or a ProjectionExpression. */
export interface ScanCase extends Placeholders {
  readonly kind: 'scan'
  readonly id: number
  readonly table: TableSpec
  readonly items: readonly ItemJson[]
  readonly FilterExpression?: string
  readonly ProjectionExpression?: string
}

/** Query of a table holding exactly `items`, with a KeyConditionExpression (and maybe a filter and a projection). */
export interface QueryCase extends Placeholders {
  readonly kind: 'query'
  readonly id: number
  readonly table: TableSpec
  readonly items: readonly ItemJson[]
  readonly KeyConditionExpression: string
  readonly FilterExpression?: string
  readonly ProjectionExpression?: string
}

/**
 * A request with legacy parameters (Expected, AttributeUpdates, ScanFilter, KeyConditions, QueryFilter,
 * AttributesToGet, ConditionalOperator), sent as it stands to a table holding `existing` (PutItem, UpdateItem) or
 * exactly `items` (Scan, Query).
 */
export interface LegacyCase {
  readonly kind: 'legacy'
  readonly id: number
  readonly table: TableSpec
  readonly existing: ItemJson | null
  readonly items?: readonly ItemJson[]
  readonly operation: 'PutItem' | 'UpdateItem' | 'Scan' | 'Query'
  /** The request body without its TableName. */
  readonly request: { readonly [member: string]: unknown }
}

/** One generated case. */
export type OracleCase = ConditionCase | UpdateCase | ScanCase | QueryCase | LegacyCase

/** The kind a case is reported under: legacy cases by their operation. */
export function kindOf(oracleCase: OracleCase): string {
  return oracleCase.kind === 'legacy' ? `legacy ${oracleCase.operation}` : oracleCase.kind
}

/** What a side answered: a result (its shape depends on the case kind) or the service error it raised. */
export type Outcome =
  | { readonly ok: true; readonly result: CaseResult }
  | { readonly ok: false; readonly name: string; readonly message: string }

/** Condition: the put happened. Update: the item after. Scan/Query: the page read. */
export type CaseResult =
  | { readonly written: true }
  | { readonly attributes: ItemJson }
  | { readonly items: readonly ItemJson[]; readonly count: number; readonly scannedCount: number }

/** Something that answers oracle cases: DynamoDB Local over HTTP, or streamtable in process. */
export interface CaseRunner {
  readonly name: string
  run(oracleCase: OracleCase): Promise<Outcome>
}

/** The request parameters of a case that are expressions, in the order they appear in reports. */
export function expressionsOf(oracleCase: OracleCase): { readonly [parameter: string]: string } {
  const out: Record<string, string> = {}
  if (oracleCase.kind === 'legacy') {
    for (const [member, json] of Object.entries(oracleCase.request)) if (member !== 'Item' && member !== 'Key' && member !== 'ReturnValues') out[member] = JSON.stringify(json)
    return out
  }
  for (const parameter of ['KeyConditionExpression', 'UpdateExpression', 'ConditionExpression', 'FilterExpression', 'ProjectionExpression'] as const) {
    const text = (oracleCase as unknown as Record<string, string | undefined>)[parameter]
    if (text !== undefined) out[parameter] = text
  }
  return out
}
