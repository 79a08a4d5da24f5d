import { invalidOption, ValidationException } from '../core/errors.js'
import { isThenable, settleQuietly } from '../core/thenable.js'
import type { TableInternal, WritePlan } from './table.js'

/** What a transaction or batch write did. */
export interface MultiWriteResult {
  /** How many items changed (and so how many stream records were produced on streamed tables). */
  readonly changedItems: number
}

/** Finds the table behind a public table object; a ValidationException for a table of another store. */
export type TableResolver = (table: unknown) => TableInternal

/** Runs the callback that adds a request's actions, collecting them; nothing is planned until it returns. */
export function collectActions<B>(build: unknown, what: string, builder: (actions: (() => WritePlan)[]) => B): (() => WritePlan)[] {
  if (typeof build !== 'function') throw invalidOption(`${what} callback`, 'a function that adds the actions', build)
  const actions: (() => WritePlan)[] = []
  const returned: unknown = build(builder(actions))
  if (isThenable(returned)) {
    settleQuietly(returned)
    throw invalidOption(`${what} callback`, 'a synchronous function (actions are collected when it returns)', returned)
  }
  return actions
}

/** Refuses two actions on one item. */
export function checkDistinct(plans: readonly WritePlan[], message: string): void {
  const seen = new Set<string>()
  for (const plan of plans) {
    const identity = `${plan.table.name}\u0001${plan.table.itemIdentity(plan)}`
    if (seen.has(identity)) throw new ValidationException(message, { tableName: plan.table.name })
    seen.add(identity)
  }
}

/** Checks that the plans of one request agree on the key types they would fix. */
// Tables whose key types (or index key types) are not declared take them from their first write; every write of
// one multi-item request must agree, or the first commit would make a later one invalid half way through.
export function checkPlansAgree(plans: readonly WritePlan[]): void {
  const byTable = new Map<TableInternal, WritePlan[]>()
  for (const plan of plans) {
    const list = byTable.get(plan.table)
    if (list === undefined) byTable.set(plan.table, [plan])
    else list.push(plan)
  }
  for (const [table, list] of byTable) table.checkPlansAgree(list)
}

/** Commits plans that were all checked (`checkPlansAgree` among them); none of them can fail now. */
export function commitAll(plans: readonly WritePlan[]): MultiWriteResult {
  let changedItems = 0
  for (const plan of plans) if (plan.table.commit(plan)) changedItems++
  return Object.freeze({ changedItems })
}
