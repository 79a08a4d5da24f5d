// Comparing two answers to one case: canonical forms (map keys sorted, sets and scan pages order-free), and the
// category a difference falls under.
import type { AttributeValueJson } from '../src/codec/attribute-value-json.js'
import { kindOf, type ItemJson, type OracleCase, type Outcome } from './cases.js'

/** A JSON text of an outcome in which equal answers are equal strings. */
export function canonicalOutcome(oracleCase: OracleCase, outcome: Outcome): string {
  if (!outcome.ok) return JSON.stringify({ error: outcome.name, message: outcome.message })
  const result = outcome.result
  if ('written' in result) return JSON.stringify({ written: true })
  if ('attributes' in result) return JSON.stringify({ attributes: canonicalItem(result.attributes) })
  const items = result.items.map((item) => JSON.stringify(canonicalItem(item)))
  if (oracleCase.kind === 'scan' || (oracleCase.kind === 'legacy' && oracleCase.operation === 'Scan')) items.sort()
  return `{"items":[${items.join(',')}],"count":${result.count},"scannedCount":${result.scannedCount}}`
}

/** The category of a difference: which kind of case, and how the answers differ. */
export function differenceCategory(oracleCase: OracleCase, local: Outcome, other: Outcome): string {
  const kind = kindOf(oracleCase)
  if (local.ok && other.ok) return `${kind}: different result`
  if (!local.ok && other.ok) return `${kind}: only DynamoDB Local fails (${local.name}: ${messageFamily(local.message)})`
  if (local.ok && !other.ok) return `${kind}: only streamtable fails (${other.name}: ${messageFamily(other.message)})`
  if (local.ok || other.ok) return `${kind}: different result`
  if (local.name !== other.name) return `${kind}: different error (${local.name} vs ${other.name})`
  return `${kind}: different message (${messageFamily(local.message)})`
}

/** A message with its case-specific parts (tokens, names, values, paths) removed, to group similar ones. */
export function messageFamily(message: string): string {
  return message
    .replace(/token: ".*?", near: ".*"$/s, 'token: …, near: …')
    .replace(/(keyword|function|attribute name|attribute value|operand type|operator|Key|key|type|first operand|keys|lower bound operand|path one|schema element|number of operands): .*?(?=[;,]|$)/g, '$1: …')
    .replace(/\{[^}]*\}/g, '{…}')
    .slice(0, 110)
}

function canonicalItem(item: ItemJson): unknown {
  const out: Record<string, unknown> = {}
  for (const name of Object.keys(item).sort()) out[name] = canonicalValue(item[name] as AttributeValueJson)
  return out
}

function canonicalValue(value: AttributeValueJson): unknown {
  if ('M' in value) return { M: canonicalItem(value.M) }
  if ('L' in value) return { L: value.L.map(canonicalValue) }
  if ('SS' in value) return { SS: [...value.SS].sort() }
  if ('NS' in value) return { NS: [...value.NS].sort() }
  if ('BS' in value) return { BS: [...value.BS].sort() }
  return value
}
