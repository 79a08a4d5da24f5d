// The ways DynamoDB Local answers differently from DynamoDB. A difference explained by a documented deviation (the
// service's behaviour is documented or observed, and DynamoDB Local's differs) is left out of the count and
// reported under the deviation's name; one explained by a suspected deviation (a Java artifact, undocumented) stays
// in the count, labelled, for a person to judge.
import type { AttributeValueJson } from '../src/codec/attribute-value-json.js'
import type { ItemJson, OracleCase, Outcome } from './cases.js'
import { canonicalOutcome } from './compare.js'
import { canonicalNumberKey } from './generate-values.js'

/** A difference between DynamoDB Local and DynamoDB, and the differences it explains. */
export interface Deviation {
  readonly name: string
  /** Where the service's behaviour is documented or observed (or, for a suspected one, why it is suspected). */
  readonly source: string
  readonly documented: boolean
  explains(oracleCase: OracleCase, local: Outcome, streamtable: Outcome): boolean
}

const DRIFT_PREFIX = '1 validation error detected: '
const MISSED_KEY = 'Query condition missed key schema element'
const TYPE_SET_SUFFIX = /, typeSet: ALLOWED_FOR_(ADD|DELETE)_OPERAND$/
const JAVA_BUFFER = /java\.nio\.HeapByteBuffer\[pos=\d+ lim=\d+ cap=\d+\]/

const bothFail = (local: Outcome, streamtable: Outcome): [Extract<Outcome, { ok: false }>, Extract<Outcome, { ok: false }>] | undefined =>
  !local.ok && !streamtable.ok && local.name === streamtable.name ? [local, streamtable] : undefined

/** Every deviation the oracle knows, first match wins. */
export const DEVIATIONS: readonly Deviation[] = [
  {
    name: 'message-drift-2026-09',
    source: 'reference dynamodb-wire-protocol, "Message drift": since 2026-09 DynamoDB prefixes ValidationException messages with "1 validation error detected: "; DynamoDB Local keeps the classic wording',
    documented: true,
    explains: (_case, local, streamtable) => {
      const pair = bothFail(local, streamtable)
      return pair !== undefined && (pair[1].message === `${DRIFT_PREFIX}${pair[0].message}` || pair[0].message === `${DRIFT_PREFIX}${pair[1].message}`)
    },
  },
  {
    name: 'numbers-not-normalised',
    source:
      'reference dynamodb-wire-protocol §2.2 [O: CONF numberPrecision]: DynamoDB returns numbers normalised (3.1400 → 3.14, 1.0 → 1, 1.5E2 → 150); DynamoDB Local returns them as sent (3.1400, 1E+2) and arithmetic results with trailing zeros (38.8600)',
    documented: true,
    explains: (oracleCase, local, streamtable) =>
      local.ok && streamtable.ok && canonicalOutcome(oracleCase, normalised(local)) === canonicalOutcome(oracleCase, normalised(streamtable)),
  },
  {
    name: 'missed-key-element-unnamed',
    source: 'reference dynamodb-wire-protocol §3.4 [O: CONF]: DynamoDB says "Query condition missed key schema element: <name>"; DynamoDB Local leaves the name out',
    documented: true,
    explains: (_case, local, streamtable) => {
      const pair = bothFail(local, streamtable)
      return pair !== undefined && pair[0].message === MISSED_KEY && pair[1].message.startsWith(`${MISSED_KEY}: `)
    },
  },
  {
    name: 'add-delete-operand-typeset-suffix',
    source:
      'DynamoDB replies quoted in serverless/serverless#7184 and baseprime/dynamodb#51 ("… operator: ADD, operand type: LIST") end at the type name; DynamoDB Local appends ", typeSet: ALLOWED_FOR_ADD_OPERAND" (or _DELETE_)',
    documented: true,
    explains: (_case, local, streamtable) => {
      const pair = bothFail(local, streamtable)
      return pair !== undefined && TYPE_SET_SUFFIX.test(pair[0].message) && pair[0].message.replace(TYPE_SET_SUFFIX, '') === pair[1].message
    },
  },
  {
    name: 'key-update-checked-in-item-stage',
    source:
      'reference dynamodb-wire-protocol §5: key-attribute updates are a schema check (stage 5), made before the item checks (stage 6) where the condition is evaluated and the update applied; DynamoDB Local checks them while applying the update: it answers a failed condition first, and for AttributeUpdates the item fault of an entry written before the key\'s (a type mismatch, a DELETE of a value from a number)',
    documented: true,
    explains: (oracleCase, local, streamtable) => {
      if (streamtable.ok || !/ Cannot update attribute .*\. This attribute is part of the key$/.test(streamtable.message) || local.ok) return false
      if (oracleCase.kind === 'update') return local.name === 'ConditionalCheckFailedException'
      if (oracleCase.kind !== 'legacy' || oracleCase.operation !== 'UpdateItem') return false
      if (local.name === 'ConditionalCheckFailedException') return true
      const keys = [oracleCase.table.partitionKey.name, oracleCase.table.sortKey?.name]
      const entries = Object.keys((oracleCase.request.AttributeUpdates ?? {}) as Record<string, unknown>)
      return local.name === 'ValidationException' && entries.findIndex((name) => keys.includes(name)) > 0 && !/part of the key/.test(local.message)
    },
  },
  {
    name: 'internal-failure-on-input',
    source:
      'reference dynamodb-wire-protocol §1.4 and issue 10 ("input never produces a 500"): InternalServerError is a server fault; DynamoDB Local answers InternalFailure where its own request converter throws on input it should refuse (a KeyConditions operator no key can be read by)',
    documented: true,
    explains: (_case, local, streamtable) => !local.ok && local.name === 'InternalFailure' && !streamtable.ok && streamtable.name === 'ValidationException',
  },
  {
    name: 'attribute-update-without-action-ignored',
    source:
      'AWS API reference AttributeValueUpdate: "Action … PUT (default)"; DynamoDB Local leaves an AttributeUpdates entry without an Action undone',
    documented: true,
    explains: (oracleCase, local, streamtable) => {
      if (oracleCase.kind !== 'legacy' || oracleCase.operation !== 'UpdateItem' || !local.ok || !streamtable.ok) return false
      const updates = oracleCase.request.AttributeUpdates as Record<string, { Action?: string }> | undefined
      return updates !== undefined && Object.values(updates).some((update) => update.Action === undefined)
    },
  },
  {
    name: 'legacy-number-set-delete-by-scale',
    source:
      'reference dynamodb-wire-protocol §2.2: set membership is numeric (1 = 1.0); probed: DynamoDB Local stores a number set normalised and matches an AttributeUpdates DELETE operand as sent, with its scale, so DELETE [1.0] leaves 1, and DELETE [1E+2] leaves 1E+2 itself',
    documented: true,
    explains: (oracleCase, local, streamtable) => {
      if (oracleCase.kind !== 'legacy' || oracleCase.operation !== 'UpdateItem' || !local.ok || !streamtable.ok || !('attributes' in local.result)) return false
      const updates = (oracleCase.request.AttributeUpdates ?? {}) as Record<string, { Action?: string; Value?: AttributeValueJson }>
      const localItem = normaliseItem(local.result.attributes) as Record<string, AttributeValueJson>
      let changed = false
      for (const [name, update] of Object.entries(updates)) {
        const stored = localItem[name]
        if (update.Action !== 'DELETE' || update.Value === undefined || !('NS' in update.Value) || stored === undefined || !('NS' in stored)) continue
        const deleted = new Set(update.Value.NS.map(canonicalNumberKey))
        const left = stored.NS.filter((n) => !deleted.has(n))
        if (left.length === stored.NS.length) continue
        changed = true
        if (left.length === 0) delete localItem[name]
        else localItem[name] = { NS: left }
      }
      return changed && canonicalOutcome(oracleCase, { ok: true, result: { attributes: localItem } }) === canonicalOutcome(oracleCase, normalised(streamtable))
    },
  },
  {
    name: 'binary-rendered-as-java-buffer',
    source: 'suspected: DynamoDB Local prints a binary operand of a BETWEEN message as java.nio.HeapByteBuffer[pos=… lim=… cap=…], the toString of its Java buffer; no capture of DynamoDB shows how it prints one',
    documented: false,
    explains: (_case, local, streamtable) => {
      const pair = bothFail(local, streamtable)
      if (pair === undefined || !JAVA_BUFFER.test(pair[0].message)) return false
      const pattern = new RegExp(`^${escapeRegExp(pair[0].message).replace(/java\\\.nio\\\.HeapByteBuffer\\\[pos=\d+ lim=\d+ cap=\d+\\\]/g, '[A-Za-z0-9+/=]*')}$`)
      return pattern.test(pair[1].message)
    },
  },
]

/** The deviation that explains a difference, if any. */
export function deviationOf(oracleCase: OracleCase, local: Outcome, streamtable: Outcome): Deviation | undefined {
  return DEVIATIONS.find((deviation) => deviation.explains(oracleCase, local, streamtable))
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function normalised(outcome: Extract<Outcome, { ok: true }>): Outcome {
  const result = outcome.result
  if ('written' in result) return outcome
  if ('attributes' in result) return { ok: true, result: { attributes: normaliseItem(result.attributes) } }
  return { ok: true, result: { ...result, items: result.items.map(normaliseItem) } }
}

function normaliseItem(item: ItemJson): ItemJson {
  const out: Record<string, AttributeValueJson> = {}
  for (const [name, value] of Object.entries(item)) out[name] = normaliseValue(value)
  return out
}

function normaliseValue(value: AttributeValueJson): AttributeValueJson {
  if ('N' in value) return { N: canonicalNumberKey(value.N) }
  if ('NS' in value) return { NS: value.NS.map(canonicalNumberKey) }
  if ('M' in value) return { M: normaliseItem(value.M) }
  if ('L' in value) return { L: value.L.map(normaliseValue) }
  return value
}
