import type { Draft } from 'immer'
import type { ChangeRecord, ViewType } from '../capture/record.js'
import type { ChangeStream } from '../log/stream.js'
import type { GlobalIndexDefinition, KeyAttributeName } from '../storage/index-definition.js'
import type { Page } from '../storage/page.js'
import type { IndexDescription } from '../storage/secondary-index.js'
import type { SortKeyCondition } from '../storage/sort-condition.js'
import type { Frozen } from '../values/admission.js'
import type { KeySchema, KeyType } from '../values/keys.js'
import type { StreamSpecification } from './table-options.js'
import type { ProvisionedThroughput, TableSettings, TableSettingsDescription } from './table-settings.js'

/** The primary key of an item of `T`: its partition key and, when the table has one, its sort key. */
export type ItemKey<T, PK extends keyof T, SK extends keyof T = never> = { [K in PK | SK]: T[K] }

/** A condition on the item as it stands before a write (undefined when there is none); false cancels the write. */
export type Condition<T> = (current: Frozen<T> | undefined) => boolean

/** Options every single-item write accepts. */
export interface WriteOptions<T> {
  /** Evaluated against the current item; when it returns false the write throws ConditionalCheckFailedException. */
  readonly condition?: Condition<T>
  /** Put the current item on the ConditionalCheckFailedException (DynamoDB's ReturnValuesOnConditionCheckFailure). */
  readonly returnItemOnConditionFailure?: boolean
  /** Return the item as it was before the write in `oldItem` (DynamoDB's ReturnValues: ALL_OLD). */
  readonly returnOld?: boolean
}

/** What a write did. */
export interface WriteResult<T> {
  /** False when the write left the item as it was (and so produced no stream record). */
  readonly changed: boolean
  /** The item after the write; undefined after a delete. */
  readonly item: Frozen<T> | undefined
  /** The item before the write, when `returnOld` was set; undefined when there was none. */
  readonly oldItem?: Frozen<T> | undefined
}

/** What `put()` did: a put always leaves an item, the one written (or the identical one already there). */
export interface PutResult<T> extends WriteResult<T> {
  readonly item: Frozen<T>
}

/** An item as writes take it: of the item type, or frozen as the store hands items out (`get`, record images). */
export type ItemInput<T> = T | Frozen<T>

/** A recipe that changes an immer draft of the item in place (or returns a replacement item). */
export type UpdateRecipe<T> = (draft: Draft<T>) => void | ItemInput<T>

/** Options of `query()`. */
export interface QueryOptions<K, S> extends SortKeyCondition<S> {
  /** At most this many items (1 or more); a page also ends after 1 MB of items. */
  readonly limit?: number
  /** Descending sort key order (DynamoDB's ScanIndexForward: false). */
  readonly reverse?: boolean
  /** Continue after this key: a `lastEvaluatedKey` of an earlier page. */
  readonly exclusiveStartKey?: K
}

/** Options of `scan()`. */
export interface ScanOptions<K> {
  /** At most this many items (1 or more); a page also ends after 1 MB of items. */
  readonly limit?: number
  /** Continue after this key: a `lastEvaluatedKey` of an earlier page. */
  readonly exclusiveStartKey?: K
  /** Of a parallel scan: which segment (0 to totalSegments - 1) this scan reads; given with `totalSegments`. */
  readonly segment?: number
  /** Of a parallel scan: how many segments (1 to 1,000,000) the partitions are split into, by partition key hash. */
  readonly totalSegments?: number
}

/** A table's indexes by name: its global indexes, and its local ones with the table's partition key. */
export type TableIndexes<PK extends string, G, L> = { readonly [N in keyof G & string]: G[N] } & {
  readonly [N in keyof L & string]: L[N] & { readonly partitionKey: PK }
}

type IndexPartitionKey<D> = D extends { readonly partitionKey: infer P extends string } ? P : never
type IndexSortKey<D> = D extends { readonly sortKey: infer S extends string } ? S : never
type Included<D> = D extends { readonly projection: { readonly include: readonly (infer A extends string)[] } } ? A : never
// An item is in an index only when it has the index key attributes: they are always present on what it returns.
type WithIndexKeys<T, D> = { readonly [K in (IndexPartitionKey<D> | IndexSortKey<D>) & keyof T]-?: Exclude<T[K], undefined> }

/** The items of index `D` of a table of `T`: the whole item, or the keys (and included attributes) it projects. */
export type IndexItem<T, PK extends keyof T, SK extends keyof T, D> = D extends { readonly projection: 'KEYS_ONLY' | { readonly include: readonly string[] } }
  ? Pick<T, (PK | SK | Included<D>) & keyof T> & WithIndexKeys<T, D>
  : T & WithIndexKeys<T, D>

/** The `lastEvaluatedKey` of a page of index `D`: the table's key and the index key. */
export type IndexKey<T, PK extends keyof T, SK extends keyof T, D> = ItemKey<T, PK, SK> & WithIndexKeys<T, D>

/** Options of a query of an index. */
export interface IndexQueryOptions<T, PK extends keyof T, SK extends keyof T, N extends string, D> extends QueryOptions<IndexKey<T, PK, SK, D>, Exclude<T[IndexSortKey<D> & keyof T], undefined>> {
  /** The index to read. */
  readonly index: N
}

/** Options of a scan of an index. */
export interface IndexScanOptions<T, PK extends keyof T, SK extends keyof T, N extends string, D> extends ScanOptions<IndexKey<T, PK, SK, D>> {
  /** The index to read. */
  readonly index: N
}

/** What `describe()` tells of a table. */
export interface TableDescription {
  readonly name: string
  readonly arn: string
  /** A UUID naming this table (a table created again under the same name gets another). */
  readonly id: string
  readonly keySchema: KeySchema
  readonly keyTypes: { readonly partitionKey?: KeyType; readonly sortKey?: KeyType }
  readonly createdAt: number
  readonly itemCount: number
  /** Sum of the items' sizes by DynamoDB's item-size rule. */
  readonly sizeBytes: number
  readonly ttlAttribute?: string
  /** The stream settings while a stream is enabled; absent otherwise (as DynamoDB omits StreamSpecification). */
  readonly streamSpecification?: { readonly streamEnabled: true; readonly viewType: ViewType }
  readonly latestStreamArn?: string
  readonly latestStreamLabel?: string
  /** The global secondary indexes, in creation order; absent when there are none (as DynamoDB omits them). */
  readonly globalIndexes?: readonly IndexDescription[]
  /** The local secondary indexes; absent when there are none. */
  readonly localIndexes?: readonly IndexDescription[]
  /**
   * Types of the key attributes of the table and of its indexes (DynamoDB's AttributeDefinitions), table keys first;
   * an attribute whose type is neither declared nor fixed by a write yet is left out.
   */
  readonly keyAttributeTypes: { readonly [attribute: string]: KeyType }
  /** Billing, capacity, table class, deletion protection and encryption. */
  readonly settings: TableSettingsDescription
}

/** The change record type of a table of `T` with key `PK`/`SK` and view type `V`. */
export type TableRecord<T, PK extends keyof T, SK extends keyof T, V extends ViewType> = ChangeRecord<T, ItemKey<T, PK, SK>, V>

// A table created without a stream may have none; `Table<any, any, any, any>` (code taking any table) must accept it.
type TableStream<T, PK extends keyof T, SK extends keyof T, V extends ViewType> = [V] extends [never]
  ? ChangeStream<TableRecord<T, PK, SK, ViewType>> | undefined
  : unknown extends V
    ? ChangeStream<TableRecord<T, PK, SK, ViewType>> | undefined
    : ChangeStream<TableRecord<T, PK, SK, V>>

/** A typed table: writes go through change capture into the table's stream, and keep its indexes `I` exact. */
export interface Table<T, PK extends KeyAttributeName<T> = KeyAttributeName<T>, SK extends KeyAttributeName<T> = never, V extends ViewType = never, I = {}> {
  readonly name: string
  readonly arn: string
  readonly keySchema: KeySchema
  /** The table's latest stream (enabled, or disabled and still readable), typed by the creation view type. */
  readonly stream: TableStream<T, PK, SK, V>
  /** Writes a whole item, replacing any item with its key. */
  put(item: ItemInput<T>, options?: WriteOptions<T>): PutResult<T>
  /** Changes an item with an immer recipe; a missing item is created from its key (as UpdateItem upserts). */
  update(key: ItemKey<T, PK, SK>, recipe: UpdateRecipe<T>, options?: WriteOptions<T>): WriteResult<T>
  /** Deletes an item; deleting a missing item succeeds and changes nothing. */
  delete(key: ItemKey<T, PK, SK>, options?: WriteOptions<T>): WriteResult<T>
  /** The item with this key, or undefined. */
  get(key: ItemKey<T, PK, SK>): Frozen<T> | undefined
  /** Items of one partition in sort key order (numbers numerically, strings and binaries by bytes). */
  query(partitionKey: T[PK], options?: QueryOptions<ItemKey<T, PK, SK>, T[SK]> & { readonly index?: undefined }): Page<T, ItemKey<T, PK, SK>>
  /**
   * Items of one index partition in index sort key order (items with equal index keys in primary key order), as
   * the index projects them.
   */
  query<N extends keyof I & string>(
    partitionKey: Exclude<T[IndexPartitionKey<I[N]> & keyof T], undefined>,
    options: IndexQueryOptions<T, PK, SK, N, I[N]>,
  ): Page<IndexItem<T, PK, SK, I[N]>, IndexKey<T, PK, SK, I[N]>>
  /** Items of the whole table, in a stable order, one page at a time. */
  scan(options?: ScanOptions<ItemKey<T, PK, SK>> & { readonly index?: undefined }): Page<T, ItemKey<T, PK, SK>>
  /** Items of a whole index, in a stable order, one page at a time. */
  scan<N extends keyof I & string>(options: IndexScanOptions<T, PK, SK, N, I[N]>): Page<IndexItem<T, PK, SK, I[N]>, IndexKey<T, PK, SK, I[N]>>
  /** Number of items in the table. */
  count(): number
  /** The table's settings, size, stream and indexes. */
  describe(): TableDescription
  /** Enables a new stream (new ARN and label); a ValidationException when one is enabled already. */
  enableStream<W extends ViewType>(specification: StreamSpecification<W>): ChangeStream<TableRecord<T, PK, SK, W>>
  /** Disables the enabled stream: its shards close, and it stays readable for 24 hours. */
  disableStream(): void
  /**
   * Adds a global secondary index, filled from the items already in the table before it returns (items whose
   * index key attributes have another type are left out, as DynamoDB's backfill leaves them); returns this table,
   * typed with the new index.
   */
  createGlobalIndex<const N extends string, const D extends GlobalIndexDefinition<T>>(
    name: N,
    definition: D,
    options?: { readonly provisionedThroughput?: ProvisionedThroughput },
  ): Table<T, PK, SK, V, I & { readonly [K in N]: D }>
  /** Removes a global secondary index and everything it holds (local indexes live as long as their table). */
  deleteGlobalIndex(name: keyof I & string): void
  /** Changes billing, capacity, table class, deletion protection or encryption; all of a change applies, or none. */
  updateSettings(changes: TableSettings): void
  /**
   * Enables expiry on a number attribute of epoch seconds (items already written expire too), or disables it with
   * undefined; a ValidationException when TTL is already in the state asked for.
   */
  setTimeToLive(attribute: (keyof T & string) | undefined): void
  /** The table's tags by key. */
  tags(): Readonly<Record<string, string>>
  /** Adds or overwrites tags (at most 50 per table). */
  tag(tags: Readonly<Record<string, string>>): void
  /** Removes the tags with these keys. */
  untag(keys: readonly string[]): void
}
