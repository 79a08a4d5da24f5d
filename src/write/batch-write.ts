import type { ViewType } from '../capture/record.js'
import { invalidOption } from '../core/errors.js'
import type { KeyAttributeName } from '../storage/index-definition.js'
import { checkDistinct, checkPlansAgree, collectActions, commitAll, type MultiWriteResult, type TableResolver } from './multi-write.js'
import type { ItemInput, ItemKey, Table } from './table-types.js'

/** Collects the puts and deletes of a batch write. */
export interface BatchWriteBuilder {
  put<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType, I>(table: Table<T, PK, SK, V, I>, item: ItemInput<T>): void
  delete<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType, I>(table: Table<T, PK, SK, V, I>, key: ItemKey<T, PK, SK>): void
}

/** DynamoDB's limit on the requests of one BatchWriteItem. */
export const MAX_BATCH_WRITES = 25

/** Writes up to 25 puts and deletes on distinct items, without conditions: all are checked before any is applied. */
export function batchWrite(build: (batch: BatchWriteBuilder) => void, internalOf: TableResolver): MultiWriteResult {
  const actions = collectActions(build, 'batchWrite', (list) => {
    const batch: BatchWriteBuilder = {
      put: (table, item) => {
        const t = internalOf(table)
        list.push(() => t.planPut(item, undefined))
      },
      delete: (table, key) => {
        const t = internalOf(table)
        list.push(() => t.planDelete(key, undefined))
      },
    }
    return batch
  })
  if (actions.length < 1 || actions.length > MAX_BATCH_WRITES) throw invalidOption('batchWrite', `1 to ${MAX_BATCH_WRITES} requests`, actions.length)
  const plans = actions.map((plan) => plan())
  checkDistinct(plans, 'Provided list of item keys contains duplicates')
  checkPlansAgree(plans)
  return commitAll(plans)
}
