// The documented ways DynamoDB Local answers differently from DynamoDB: a difference that falls under one of
// these is left out of the oracle's count and reported under the deviation's name instead.
import type { OracleCase, Outcome } from './cases.js'

/** A documented difference between DynamoDB Local and DynamoDB, and the differences it explains. */
export interface Deviation {
  readonly name: string
  /** Where the deviation is documented. */
  readonly source: string
  explains(oracleCase: OracleCase, local: Outcome, streamtable: Outcome): boolean
}

const DRIFT_PREFIX = '1 validation error detected: '

/** Every deviation the oracle knows, first match wins. */
export const DEVIATIONS: readonly Deviation[] = [
  {
    name: 'message-drift-2026-09',
    source:
      'dynamodb-wire-protocol reference, "Message drift": DynamoDB prefixed ValidationException messages with "1 validation error detected: " in 2026-09; DynamoDB Local keeps the classic wording',
    explains: (_case, local, streamtable) =>
      !local.ok &&
      !streamtable.ok &&
      local.name === streamtable.name &&
      (streamtable.message === `${DRIFT_PREFIX}${local.message}` || local.message === `${DRIFT_PREFIX}${streamtable.message}`),
  },
]

/** The deviation that explains a difference, if any. */
export function deviationOf(oracleCase: OracleCase, local: Outcome, streamtable: Outcome): Deviation | undefined {
  return DEVIATIONS.find((deviation) => deviation.explains(oracleCase, local, streamtable))
}
