// A write's condition: a synchronous function of the item before the write, run as user code of the store, so that
// no write of that store can start inside it (see the table's `checkWritable`).
import type { ItemState } from '../capture/record.js'
import { invalidOption } from '../core/errors.js'
import { isThenable, settleQuietly } from '../core/thenable.js'
import { itemOfMaybe } from './hand-out.js'
import type { Condition } from './table-types.js'

/**
 * True when the write's condition returned false (false when the write has none). `userCode` is the store's depth in
 * user code; a condition that is no function, returns a promise or returns no boolean is refused.
 */
export function conditionFails(condition: Condition<unknown> | undefined, before: ItemState | undefined, userCode: { depth: number }, tableName: string): boolean {
  if (condition === undefined) return false
  if (typeof condition !== 'function') throw invalidOption('condition', 'a function of the current item returning a boolean', condition, { tableName })
  let verdict: unknown
  userCode.depth++
  try {
    verdict = condition(itemOfMaybe(before))
  } finally {
    userCode.depth--
  }
  if (isThenable(verdict)) {
    settleQuietly(verdict)
    throw invalidOption('condition', 'a synchronous function returning a boolean (a write cannot wait for a condition)', verdict, { tableName })
  }
  if (typeof verdict !== 'boolean') throw invalidOption('condition result', 'a boolean', verdict, { tableName })
  return !verdict
}
