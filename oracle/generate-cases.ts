// Oracle cases from a seed: condition puts, updates, scans and queries over generated items, each with its
// expressions and placeholders, some of them broken on purpose.
import type { ItemJson, OracleCase, TableSpec } from './cases.js'
import { PlaceholderBuilder, breakSyntax, condition, keyCondition, projection, update, type ExpressionContext } from './generate-expressions.js'
import { canonicalNumberKey, drawShortNumbersOnly, item, scalar } from './generate-values.js'
import { legacyConditionCase, legacyQueryCase, legacyScanCase, legacyUpdateCase } from './generate-legacy.js'
import { createRandom, type Random } from './random.js'

/** The tables cases run against. */
export const TABLES = {
  items: { name: 'oracle_items', partitionKey: { name: 'pk', type: 'S' } },
  stringSorted: { name: 'oracle_query_s', partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'S' } },
  numberSorted: { name: 'oracle_query_n', partitionKey: { name: 'pk', type: 'S' }, sortKey: { name: 'sk', type: 'N' } },
} as const satisfies Record<string, TableSpec>

/** How often each fault is injected into a case. */
const FAULTS = { syntax: 0.04, unusedName: 0.025, unusedValue: 0.025, undefinedName: 0.02, undefinedValue: 0.02, invalidValue: 0.01 }

/**
 * `count` cases from `seed`; scans and queries come in groups sharing one set of items. With `shortNumbers`, every
 * number is one a double holds exactly (to tell apart the differences that only exact decimals remove).
 */
export function generateCases(seed: number, count: number, options: { readonly shortNumbers?: boolean } = {}): OracleCase[] {
  const random = createRandom(seed)
  if (options.shortNumbers === true) drawShortNumbersOnly(random)
  const cases: OracleCase[] = []
  while (cases.length < count) {
    const kind = random.weighted<string>([
      [3, 'condition'], [3.5, 'update'], [0.2, 'scan'], [0.15, 'query'],
      [1, 'legacy-condition'], [1, 'legacy-update'], [0.1, 'legacy-scan'], [0.1, 'legacy-query'],
    ])
    if (kind === 'condition' || kind === 'update') {
      cases.push(kind === 'condition' ? conditionCase(random, cases.length) : updateCase(random, cases.length))
      continue
    }
    if (kind === 'legacy-condition' || kind === 'legacy-update') {
      cases.push((kind === 'legacy-condition' ? legacyConditionCase : legacyUpdateCase)(random, cases.length, TABLES.items))
      continue
    }
    const table = random.pick([TABLES.stringSorted, TABLES.numberSorted])
    const items = itemSet(random, table)
    const next: Record<string, (id: number) => OracleCase> = {
      scan: (id) => scanCase(random, id, table, items),
      query: (id) => queryCase(random, id, table, items),
      'legacy-scan': (id) => legacyScanCase(random, id, table, items),
      'legacy-query': (id) => legacyQueryCase(random, id, table, items),
    }
    for (let i = random.int(5, 15); i > 0 && cases.length < count; i--) cases.push((next[kind] as (id: number) => OracleCase)(cases.length))
  }
  return cases
}

function conditionCase(random: Random, id: number): OracleCase {
  const key = { pk: { S: `case-${id}` } }
  const existing = random.chance(0.85) ? item(random, key) : null
  const { context, builder } = start(random, existing === null ? [] : [random.chance(0.9) ? withoutKeys(existing) : existing])
  let text = condition(context, random.int(0, 2))
  faults(random, builder)
  if (random.chance(FAULTS.syntax)) text = breakSyntax(random, text)
  return { kind: 'condition', id, table: TABLES.items, existing, item: { ...key, a: { S: 'written' } }, ConditionExpression: text, ...builder.placeholders() }
}

function updateCase(random: Random, id: number): OracleCase {
  const key = { pk: { S: `case-${id}` } }
  const existing = random.chance(0.85) ? item(random, key) : null
  const { context, builder } = start(random, existing === null ? [] : [withoutKeys(existing)])
  let UpdateExpression = update(context, ['pk'])
  let ConditionExpression = random.chance(0.25) ? condition(context, 1) : undefined
  faults(random, builder)
  if (random.chance(FAULTS.syntax)) {
    if (ConditionExpression !== undefined && random.chance(0.3)) ConditionExpression = breakSyntax(random, ConditionExpression)
    else UpdateExpression = breakSyntax(random, UpdateExpression)
  }
  return {
    kind: 'update', id, table: TABLES.items, existing, key, UpdateExpression,
    ...(ConditionExpression === undefined ? {} : { ConditionExpression }),
    ...builder.placeholders(),
  }
}

function scanCase(random: Random, id: number, table: TableSpec, items: readonly ItemJson[]): OracleCase {
  const { context, builder } = start(random, items)
  const shape = random.weighted<string>([[5, 'filter'], [2, 'projection'], [2, 'both']])
  let FilterExpression = shape === 'projection' ? undefined : condition(context, random.int(0, 2))
  let ProjectionExpression = shape === 'filter' ? undefined : projection(context)
  faults(random, builder)
  if (random.chance(FAULTS.syntax)) {
    if (FilterExpression !== undefined) FilterExpression = breakSyntax(random, FilterExpression)
    else if (ProjectionExpression !== undefined) ProjectionExpression = breakSyntax(random, ProjectionExpression)
  }
  return {
    kind: 'scan', id, table, items,
    ...(FilterExpression === undefined ? {} : { FilterExpression }),
    ...(ProjectionExpression === undefined ? {} : { ProjectionExpression }),
    ...builder.placeholders(),
  }
}

function queryCase(random: Random, id: number, table: TableSpec, items: readonly ItemJson[]): OracleCase {
  const { context, builder } = start(random, items)
  let KeyConditionExpression = keyCondition(context, table)
  const filterContext = random.chance(0.1) ? context : { ...context, items: items.map(withoutKeys) }
  let FilterExpression = random.chance(0.3) ? condition(filterContext, 1) : undefined
  const ProjectionExpression = random.chance(0.25) ? projection(context) : undefined
  faults(random, builder)
  if (random.chance(FAULTS.syntax)) {
    if (FilterExpression !== undefined && random.chance(0.4)) FilterExpression = breakSyntax(random, FilterExpression)
    else KeyConditionExpression = breakSyntax(random, KeyConditionExpression)
  }
  return {
    kind: 'query', id, table, items, KeyConditionExpression,
    ...(FilterExpression === undefined ? {} : { FilterExpression }),
    ...(ProjectionExpression === undefined ? {} : { ProjectionExpression }),
    ...builder.placeholders(),
  }
}

function withoutKeys(from: ItemJson): ItemJson {
  const { pk: _pk, sk: _sk, ...rest } = from
  return rest
}

function start(random: Random, items: readonly ItemJson[]): { context: ExpressionContext; builder: PlaceholderBuilder } {
  const builder = new PlaceholderBuilder(random)
  return { context: { random, builder, items }, builder }
}

function faults(random: Random, builder: PlaceholderBuilder): void {
  if (random.chance(FAULTS.unusedName)) builder.addUnusedName()
  if (random.chance(FAULTS.unusedValue)) builder.addUnusedValue()
  if (random.chance(FAULTS.undefinedName)) builder.dropName()
  if (random.chance(FAULTS.undefinedValue)) builder.dropValue()
  if (random.chance(FAULTS.invalidValue)) builder.corruptValue()
}

function itemSet(random: Random, table: TableSpec): ItemJson[] {
  const items: ItemJson[] = []
  const seen = new Set<string>()
  const partitions = ['p0', 'p1', 'p2'].slice(0, random.int(1, 3))
  for (let i = random.int(2, 10); i > 0; i--) {
    const pk = { S: random.pick(partitions) }
    const sk = table.sortKey?.type === 'N' ? scalar(random, 'N') : { S: `${random.pick(['', 'a', 'b', 'ab', 'é', 'B'])}${random.int(0, 20)}` }
    const identity = `${pk.S}|${'N' in sk ? canonicalNumberKey(sk.N) : (sk as { S: string }).S}`
    if (seen.has(identity)) continue
    seen.add(identity)
    items.push(item(random, { pk, sk }))
  }
  return items
}
