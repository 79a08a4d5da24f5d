import type { ItemState, UserIdentity } from '../capture/record.js'
import type { ShardOptions, StreamInternal, StreamServices } from '../log/stream.js'
import type { Partition, StoredPosition } from '../storage/storage.js'
import type { AttributeMap } from '../values/admission.js'
import type { EncodedKey, KeySchema, KeyTypes, KeyValue } from '../values/keys.js'
import type { Condition, Table, UpdateRecipe } from './table-types.js'

/** A write computed against the current state but not yet applied. */
export interface WritePlan {
  readonly table: TableInternal
  readonly partitionKey: KeyValue
  readonly sortKey: KeyValue | undefined
  readonly encodedKey: EncodedKey
  /** The item's state when the plan was made: its slot itself, which committing the plan rewrites (read it before). */
  readonly before: ItemState | undefined
  readonly after: ItemState | undefined
  readonly keyTypes: KeyTypes
  /** The partition and slot holding the item before the write (undefined for a new item). */
  readonly partition: Partition<Slot> | undefined
  readonly slot: Slot | undefined
  readonly identity?: UserIdentity
  /** The condition's verdict; a plan whose condition failed is never committed. */
  readonly conditionFailed: boolean
}

/** A table as the store drives it; `table` is its public face. */
export interface TableInternal {
  readonly table: Table<any, any, any, any, any>
  readonly name: string
  readonly schema: KeySchema
  planPut(item: unknown, condition: Condition<unknown> | undefined): WritePlan
  planUpdate(key: unknown, recipe: UpdateRecipe<any>, condition: Condition<unknown> | undefined): WritePlan
  planDelete(key: unknown, condition: Condition<unknown> | undefined): WritePlan
  planCheck(key: unknown, condition: Condition<unknown>): WritePlan
  /**
   * Checks that the plans of one request (on this table) agree on key types not yet fixed, table and index keys
   * alike: committed one after another, an earlier one would otherwise make a later one invalid half way through.
   */
  checkPlansAgree(plans: readonly WritePlan[]): void
  /** Applies a plan (appending its record to the enabled stream); false when it changed nothing. */
  commit(plan: WritePlan): boolean
  /** An identity of the plan's item, unique within the table. */
  itemIdentity(plan: WritePlan): string
  /** Marks the table deleted: its stream is disabled and every later call fails. */
  drop(): void
  /** True while the table's settings protect it against deletion. */
  isDeletionProtected(): boolean
}

/** The key values of one item, as the TTL sweeper queues them. */
export type ItemKeyValues = { partitionKey: KeyValue; sortKey: KeyValue | undefined }

/** What a table needs from its store. */
export interface TableContext extends StreamServices {
  readonly region: string
  readonly accountId: string
  readonly shards: ShardOptions
  /** How deep the store is in a condition or update recipe; no write may start there (see `checkWritable`). */
  readonly userCode: { depth: number }
  readonly registerStream: (stream: StreamInternal) => void
  /** A new table id (a UUID). */
  readonly newTableId: () => string
}

/**
 * Where one item lives, holding its current state. A write that replaces the item rewrites these fields rather
 * than storing a new state object: what every write would otherwise leave behind for the garbage collector to copy.
 */
export interface Slot extends ItemState, StoredPosition {
  item: AttributeMap
  sizeBytes: number
  hasBinarySet: boolean
  holdsBinary: boolean
}
