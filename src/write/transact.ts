import type { ViewType } from '../capture/record.js'
import { checkOptionNames, invalidOption, TransactionCanceledException, type CancellationReason } from '../core/errors.js'
import type { KeyAttributeName } from '../storage/index-definition.js'
import { checkDistinct, checkPlansAgree, collectActions, commitAll, type MultiWriteResult, type TableResolver } from './multi-write.js'
import type { WritePlan } from './table.js'
import type { Condition, ItemInput, ItemKey, Table, UpdateRecipe } from './table-types.js'
import { handOut } from '../values/admission.js'

/** Options of one action of a transaction. */
export interface TransactWriteOptions<T> {
  readonly condition?: Condition<T>
  /** Put the current item on this action's cancellation reason when its condition fails. */
  readonly returnItemOnConditionFailure?: boolean
}

/** Collects the actions of a transaction; nothing is written until the callback returns. */
export interface TransactionBuilder {
  put<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType, I>(table: Table<T, PK, SK, V, I>, item: ItemInput<T>, options?: TransactWriteOptions<T>): void
  update<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType, I>(
    table: Table<T, PK, SK, V, I>,
    key: ItemKey<T, PK, SK>,
    recipe: UpdateRecipe<T>,
    options?: TransactWriteOptions<T>,
  ): void
  delete<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType, I>(table: Table<T, PK, SK, V, I>, key: ItemKey<T, PK, SK>, options?: TransactWriteOptions<T>): void
  /** A condition on an item that the transaction does not write (DynamoDB's ConditionCheck). */
  check<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType, I>(table: Table<T, PK, SK, V, I>, key: ItemKey<T, PK, SK>, condition: Condition<T>): void
}

/** DynamoDB's limit on the actions of one TransactWriteItems. */
export const MAX_TRANSACT_ACTIONS = 100

const TRANSACT_OPTION_NAMES: ReadonlySet<string> = new Set(['condition', 'returnItemOnConditionFailure'])

/** Writes up to 100 actions on distinct items all together, or none of them. */
export function transact(build: (tx: TransactionBuilder) => void, internalOf: TableResolver): MultiWriteResult {
  const failureOptions: (TransactWriteOptions<unknown> | undefined)[] = []
  const actions = collectActions(build, 'transact', (list) => {
    const add = (options: TransactWriteOptions<unknown> | undefined, plan: () => WritePlan): void => {
      if (options !== undefined && (typeof options !== 'object' || options === null)) throw invalidOption('transaction action options', 'an object', options)
      if (options !== undefined) checkOptionNames(options, TRANSACT_OPTION_NAMES, 'transaction action')
      failureOptions.push(options)
      list.push(plan)
    }
    const tx: TransactionBuilder = {
      put: (table, item, o) => {
        const t = internalOf(table)
        add(o as TransactWriteOptions<unknown>, () => t.planPut(item, o?.condition as Condition<unknown>))
      },
      update: (table, key, recipe, o) => {
        const t = internalOf(table)
        add(o as TransactWriteOptions<unknown>, () => t.planUpdate(key, recipe as UpdateRecipe<unknown>, o?.condition as Condition<unknown>))
      },
      delete: (table, key, o) => {
        const t = internalOf(table)
        add(o as TransactWriteOptions<unknown>, () => t.planDelete(key, o?.condition as Condition<unknown>))
      },
      check: (table, key, condition) => {
        const t = internalOf(table)
        add(undefined, () => t.planCheck(key, condition as Condition<unknown>))
      },
    }
    return tx
  })
  if (actions.length < 1 || actions.length > MAX_TRANSACT_ACTIONS) {
    throw invalidOption('transaction', `1 to ${MAX_TRANSACT_ACTIONS} actions`, actions.length)
  }
  const plans = actions.map((plan) => plan())
  checkDistinct(plans, 'Transaction request cannot include multiple operations on one item')
  checkPlansAgree(plans)
  if (plans.some((p) => p.conditionFailed)) {
    const reasons: CancellationReason[] = plans.map((p, i) => {
      if (!p.conditionFailed) return { code: 'None' }
      const item = failureOptions[i]?.returnItemOnConditionFailure === true ? handOut(p.before?.item) : undefined
      return item === undefined ? { code: 'ConditionalCheckFailed', message: 'The conditional request failed' } : { code: 'ConditionalCheckFailed', message: 'The conditional request failed', item }
    })
    throw new TransactionCanceledException(reasons)
  }
  return commitAll(plans)
}
