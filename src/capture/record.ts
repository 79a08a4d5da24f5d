import type { AttributeMap, Frozen } from '../values/admission.js'

/** Which images a stream's records carry, as DynamoDB's StreamViewType. */
export type ViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES'

/**
 * Where a record read from a stream keeps its generation (how many handler invocations lie between it and the write
 * that started its chain): a hidden property, absent (0) for most records.
 */
export const RECORD_GENERATION: unique symbol = Symbol('streamtable.recordGeneration')

/** The stream view types, in the service's order. */
export const VIEW_TYPES: readonly ViewType[] = Object.freeze(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'])

/** What a change did to its item. DynamoDB's wire shapes call DELETE `REMOVE`. */
export type EventName = 'INSERT' | 'MODIFY' | 'DELETE'

/** Who made a change, present only on deletes made by TTL expiry. */
export interface UserIdentity {
  readonly type: 'Service'
  readonly principalId: 'dynamodb.amazonaws.com'
}

/** The identity DynamoDB puts on records of TTL deletes. */
export const TTL_IDENTITY: UserIdentity = Object.freeze({ type: 'Service', principalId: 'dynamodb.amazonaws.com' })

/** Fields every change record has, whatever its event and view type. */
export interface ChangeRecordBase<K, V extends ViewType> {
  /** Unique id of the record: 32 lowercase hex digits, sorting in write order within its stream. */
  readonly eventId: string
  readonly table: string
  readonly streamArn: string
  readonly shardId: string
  /** Decimal digits of fixed width: string order is numeric order within the stream. */
  readonly sequenceNumber: string
  /** When the change was made, in epoch milliseconds on the store's clock. */
  readonly createdAt: number
  readonly keys: K
  /** Size of keys plus the images present, by DynamoDB's item-size rule. */
  readonly sizeBytes: number
  readonly viewType: V
}

type HasNew<V extends ViewType> = V extends 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES' ? true : false
type HasOld<V extends ViewType> = V extends 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' ? true : false
type NewImage<T, V extends ViewType, Present extends boolean> = Present extends true
  ? HasNew<V> extends true
    ? { readonly newImage: T }
    : { readonly newImage?: never }
  : { readonly newImage?: never }
type OldImage<T, V extends ViewType, Present extends boolean> = Present extends true
  ? HasOld<V> extends true
    ? { readonly oldImage: T }
    : { readonly oldImage?: never }
  : { readonly oldImage?: never }

/** A record of an item created: a new image when the view type has one, never an old image. */
export type InsertRecord<T, K, V extends ViewType> = ChangeRecordBase<K, V> & { readonly eventName: 'INSERT'; readonly userIdentity?: never } & NewImage<T, V, true> &
  OldImage<T, V, false>
/** A record of an item changed: the images its view type carries. */
export type ModifyRecord<T, K, V extends ViewType> = ChangeRecordBase<K, V> & { readonly eventName: 'MODIFY'; readonly userIdentity?: never } & NewImage<T, V, true> &
  OldImage<T, V, true>
/** A record of an item deleted: an old image when the view type has one; `userIdentity` on TTL deletes. */
export type DeleteRecord<T, K, V extends ViewType> = ChangeRecordBase<K, V> & { readonly eventName: 'DELETE'; readonly userIdentity?: UserIdentity } & NewImage<T, V, false> &
  OldImage<T, V, true>

/** One change of one item, typed from the table's item type `T`, key type `K` and view type `V`. */
export type ChangeRecord<T = AttributeMap, K = AttributeMap, V extends ViewType = ViewType> = V extends ViewType
  ? InsertRecord<Frozen<T>, Frozen<K>, V> | ModifyRecord<Frozen<T>, Frozen<K>, V> | DeleteRecord<Frozen<T>, Frozen<K>, V>
  : never

/** A record of any table, as the stream machinery handles it. */
export type AnyChangeRecord = ChangeRecordBase<AttributeMap, ViewType> & {
  readonly eventName: EventName
  readonly newImage?: AttributeMap
  readonly oldImage?: AttributeMap
  readonly userIdentity?: UserIdentity
}

/** A stored item with what capture needs to know of it; its key object is shared by all versions of the item. */
export interface ItemState {
  readonly item: AttributeMap
  readonly sizeBytes: number
  readonly hasBinarySet: boolean
  /** True when a binary sits anywhere in the item or its key (what is read of it is handed out as a copy). */
  readonly holdsBinary: boolean
  readonly keys: AttributeMap
  /** Size of the key attributes by DynamoDB's item-size rule. */
  readonly keyBytes: number
}

/** True when records of a stream of this view type carry the item as it is after the change. */
export function carriesNewImage(viewType: ViewType): boolean {
  return viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES'
}

/** True when records of a stream of this view type carry the item as it was before the change. */
export function carriesOldImage(viewType: ViewType): boolean {
  return viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES'
}
