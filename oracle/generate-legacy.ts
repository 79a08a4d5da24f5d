// Oracle cases for the legacy parameters: Expected with ConditionalOperator on PutItem, AttributeUpdates (and
// Expected) on UpdateItem, ScanFilter, and KeyConditions with QueryFilter and AttributesToGet, each sent as the
// request itself; some entries malformed on purpose (operator arity, types, Exists/Value forms).
import type { AttributeValueJson } from '../src/codec/attribute-value-json.js'
import type { ItemJson, LegacyCase, TableSpec } from './cases.js'
import { attributeName, item, scalar, value } from './generate-values.js'
import type { Random } from './random.js'

const OPERATORS = ['EQ', 'NE', 'LE', 'LT', 'GE', 'GT', 'NOT_NULL', 'NULL', 'CONTAINS', 'NOT_CONTAINS', 'BEGINS_WITH', 'IN', 'BETWEEN'] as const
const KEY_OPERATORS = ['EQ', 'LE', 'LT', 'GE', 'GT', 'BEGINS_WITH', 'BETWEEN'] as const

/** How many values an operator takes, as the service counts them. */
function arity(operator: string, random: Random): number {
  if (operator === 'NULL' || operator === 'NOT_NULL') return 0
  if (operator === 'BETWEEN') return 2
  if (operator === 'IN') return random.int(1, 3)
  return 1
}

/** A value for a comparison: mostly one of the item's own (so conditions hold sometimes), else a fresh one. */
function operand(random: Random, items: readonly ItemJson[], attribute: string): AttributeValueJson {
  const own = items.map((i) => i[attribute]).filter((v): v is AttributeValueJson => v !== undefined)
  if (own.length > 0 && random.chance(0.5)) return random.pick(own)
  return random.chance(0.75) ? scalar(random) : value(random, 1)
}

function comparison(random: Random, items: readonly ItemJson[], attribute: string, operators: readonly string[] = OPERATORS): Record<string, unknown> {
  const operator = random.pick(operators)
  let count = arity(operator, random)
  if (random.chance(0.05)) count += random.pick([-1, 1])
  const sameType = random.chance(0.85)
  const first = operand(random, items, attribute)
  const type = Object.keys(first)[0] as 'S' | 'N' | 'B'
  const list = Array.from({ length: Math.max(0, count) }, (_, i) =>
    i === 0 ? first : sameType && (type === 'S' || type === 'N' || type === 'B') ? scalar(random, type) : operand(random, items, attribute),
  )
  if (operator === 'BETWEEN' && list.length === 2 && random.chance(0.7)) list.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
  return random.chance(0.1) && list.length === 0 ? { ComparisonOperator: operator } : { ComparisonOperator: operator, AttributeValueList: list }
}

function expectedEntry(random: Random, items: readonly ItemJson[], attribute: string): Record<string, unknown> {
  const form = random.weighted<string>([[3, 'value'], [2, 'absent'], [1, 'exists'], [4, 'operator'], [0.4, 'malformed']])
  switch (form) {
    case 'value':
      return random.chance(0.3) ? { Exists: true, Value: operand(random, items, attribute) } : { Value: operand(random, items, attribute) }
    case 'absent':
      return { Exists: false }
    case 'exists':
      return { Exists: true }
    case 'operator':
      return comparison(random, items, attribute)
    default:
      return random.pick<Record<string, unknown>>([
        { Exists: false, Value: scalar(random) },
        { ComparisonOperator: 'EQ', Value: scalar(random), AttributeValueList: [scalar(random)] },
        { Exists: true, ComparisonOperator: 'EQ', AttributeValueList: [scalar(random)] },
        { AttributeValueList: [scalar(random)] },
        {},
      ])
  }
}

function attributes(random: Random, items: readonly ItemJson[], count: number, exclude: readonly string[] = []): string[] {
  const names = new Set<string>()
  const present = [...new Set(items.flatMap((i) => Object.keys(i)))].filter((n) => !exclude.includes(n))
  for (let tries = 0; names.size < count && tries < 20; tries++) {
    const name = present.length > 0 && random.chance(0.7) ? random.pick(present) : attributeName(random)
    if (!exclude.includes(name)) names.add(name)
  }
  return [...names]
}

function conditionMap(random: Random, items: readonly ItemJson[], entry: (attribute: string) => Record<string, unknown>, exclude: readonly string[] = []): Record<string, unknown> {
  return Object.fromEntries(attributes(random, items, random.int(1, 3), exclude).map((a) => [a, entry(a)]))
}

function conditionalOperator(random: Random, size: number): { ConditionalOperator?: string } {
  if (size < 2 && !random.chance(0.05)) return {}
  return random.chance(0.6) ? { ConditionalOperator: random.pick(['AND', 'OR']) } : {}
}

/** PutItem with Expected on a table holding `existing` (or nothing) under the item's key. */
export function legacyConditionCase(random: Random, id: number, table: TableSpec): LegacyCase {
  const key = { pk: { S: `legacy-${id}` } }
  const existing = random.chance(0.85) ? item(random, key) : null
  const Expected = conditionMap(random, existing === null ? [] : [existing], (a) => expectedEntry(random, existing === null ? [] : [existing], a))
  return {
    kind: 'legacy', id, table, existing, operation: 'PutItem',
    request: { Item: { ...key, a: { S: 'written' } }, Expected, ...conditionalOperator(random, Object.keys(Expected).length) },
  }
}

function updateEntry(random: Random, existing: ItemJson | null, attribute: string): Record<string, unknown> {
  const own = existing?.[attribute]
  const action = random.weighted<string>([[4, 'PUT'], [3, 'ADD'], [3, 'DELETE']])
  const valueFor = (): AttributeValueJson => {
    if (action === 'ADD') return random.weighted<AttributeValueJson>([[4, scalar(random, 'N')], [2, { SS: ['a', 'zz'] }], [1, { NS: ['1', '2'] }], [1, { L: [scalar(random)] }], [0.5, value(random, 1)]])
    if (action === 'DELETE') return own !== undefined && random.chance(0.5) ? own : random.weighted<AttributeValueJson>([[3, { SS: ['a', 'b'] }], [1, { NS: ['1'] }], [0.5, value(random, 1)]])
    return value(random, 1)
  }
  if (action === 'DELETE' && random.chance(0.5)) return { Action: 'DELETE' }
  if (random.chance(0.03)) return { Action: action }
  // DynamoDB Local leaves an update without an Action undone (the default is PUT): the Action is always named.
  return { Action: action, Value: valueFor() }
}

/** UpdateItem (ReturnValues ALL_NEW) with AttributeUpdates and sometimes Expected. */
export function legacyUpdateCase(random: Random, id: number, table: TableSpec): LegacyCase {
  const key = { pk: { S: `legacy-${id}` } }
  const existing = random.chance(0.85) ? item(random, key) : null
  const seen = existing === null ? [] : [existing]
  const AttributeUpdates = conditionMap(random, seen, (a) => updateEntry(random, existing, a), random.chance(0.97) ? ['pk'] : [])
  const Expected = random.chance(0.3) ? conditionMap(random, seen, (a) => expectedEntry(random, seen, a)) : undefined
  return {
    kind: 'legacy', id, table, existing, operation: 'UpdateItem',
    request: { Key: key, AttributeUpdates, ...(Expected === undefined ? {} : { Expected }), ReturnValues: 'ALL_NEW' },
  }
}

/** Scan with ScanFilter (and sometimes AttributesToGet) over `items`. */
export function legacyScanCase(random: Random, id: number, table: TableSpec, items: readonly ItemJson[]): LegacyCase {
  const ScanFilter = conditionMap(random, items, (a) => comparison(random, items, a))
  const attributesToGet = random.chance(0.3) ? { AttributesToGet: attributes(random, items, random.int(1, 3)) } : {}
  return { kind: 'legacy', id, table, existing: null, items, operation: 'Scan', request: { ScanFilter, ...conditionalOperator(random, Object.keys(ScanFilter).length), ...attributesToGet } }
}

/** Query with KeyConditions (and sometimes QueryFilter and AttributesToGet) over `items`. */
export function legacyQueryCase(random: Random, id: number, table: TableSpec, items: readonly ItemJson[]): LegacyCase {
  const pk = random.chance(0.9) ? { S: random.pick(['p0', 'p1', 'p2']) } : scalar(random)
  const KeyConditions: Record<string, unknown> = { pk: random.chance(0.95) ? { ComparisonOperator: 'EQ', AttributeValueList: [pk] } : comparison(random, items, 'pk') }
  if (table.sortKey !== undefined && random.chance(0.7)) {
    const sk = table.sortKey.name
    KeyConditions[sk] = random.chance(0.92) ? comparison(random, items, sk, KEY_OPERATORS) : comparison(random, items, sk)
  }
  const filterItems = items
  const QueryFilter = random.chance(0.4) ? conditionMap(random, filterItems, (a) => comparison(random, filterItems, a), random.chance(0.95) ? ['pk', 'sk'] : []) : undefined
  const attributesToGet = random.chance(0.25) ? { AttributesToGet: attributes(random, items, random.int(1, 3)) } : {}
  return {
    kind: 'legacy', id, table, existing: null, items, operation: 'Query',
    request: { KeyConditions, ...(QueryFilter === undefined ? {} : { QueryFilter, ...conditionalOperator(random, Object.keys(QueryFilter).length) }), ...attributesToGet },
  }
}
