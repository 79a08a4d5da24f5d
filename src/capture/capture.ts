import type { AttributeMap } from '../values/admission.js'
import { itemsEqual } from '../values/equality.js'
import { carriesNewImage, carriesOldImage, RECORD_GENERATION, TTL_IDENTITY, type AnyChangeRecord, type EventName, type ItemState, type UserIdentity, type ViewType } from './record.js'

/** How a change came about: its event name, and for deletes whether TTL made them. */
export const ChangeKind = Object.freeze({ Insert: 0, Modify: 1, Delete: 2, TtlDelete: 3 } as const)
/** A change kind's code, as a record log stores it. */
export type ChangeKind = (typeof ChangeKind)[keyof typeof ChangeKind]

/**
 * What the log stores for one change. `capture` fills one of these in place: a table keeps one and reuses it on
 * every write, so deciding a record allocates nothing (the log copies the fields before the next write).
 */
export interface CapturedChange {
  kind: ChangeKind
  keys: AttributeMap
  newImage: AttributeMap | undefined
  oldImage: AttributeMap | undefined
  /** Size of the keys plus the images present, by DynamoDB's item-size rule. */
  sizeBytes: number
  /** True when the keys or an image hold a binary: a reader then gets copies (binaries cannot be frozen). */
  holdsBinary: boolean
}

/** An empty change to fill with `capture`. */
export function createCapturedChange(): CapturedChange {
  return { kind: ChangeKind.Insert, keys: {}, newImage: undefined, oldImage: undefined, sizeBytes: 0, holdsBinary: false }
}

/**
 * What a write from `before` to `after` (undefined: no item) must leave in a stream of `viewType`: fills `into` and
 * returns it, or returns undefined when the write changed nothing (the same item, an identical put, a delete of a
 * missing item). Without a stream (`viewType` undefined) it still decides whether anything changed.
 */
export function capture(
  before: ItemState | undefined,
  after: ItemState | undefined,
  viewType: ViewType | undefined,
  identity: UserIdentity | undefined,
  into: CapturedChange,
): CapturedChange | undefined {
  if (before === undefined) {
    if (after === undefined) return undefined
  } else if (after !== undefined && (before.item === after.item || itemsEqual(before.item, after.item, before.hasBinarySet || after.hasBinarySet))) return undefined
  into.kind = before === undefined ? ChangeKind.Insert : after !== undefined ? ChangeKind.Modify : identity === undefined ? ChangeKind.Delete : ChangeKind.TtlDelete
  const state = (after ?? before) as ItemState
  into.keys = state.keys
  const newImage = viewType !== undefined && after !== undefined && carriesNewImage(viewType) ? after.item : undefined
  const oldImage = viewType !== undefined && before !== undefined && carriesOldImage(viewType) ? before.item : undefined
  into.newImage = newImage
  into.oldImage = oldImage
  into.holdsBinary = (newImage !== undefined && (after as ItemState).holdsBinary) || (oldImage !== undefined && (before as ItemState).holdsBinary) || state.holdsBinary
  into.sizeBytes = state.keyBytes + (newImage === undefined ? 0 : (after as ItemState).sizeBytes) + (oldImage === undefined ? 0 : (before as ItemState).sizeBytes)
  return into
}

const EVENT_NAMES: readonly EventName[] = ['INSERT', 'MODIFY', 'DELETE', 'DELETE']

/** What every record of one stream shares. */
export interface RecordOrigin {
  readonly table: string
  readonly streamArn: string
  readonly viewType: ViewType
}

/**
 * A stored change as the frozen record a reader receives, in the shape of its kind and view type: absent images
 * are absent keys (not undefined values), keys keep one order, and TTL deletes carry the service's identity.
 */
export function changeRecord(
  origin: RecordOrigin,
  eventId: string,
  shardId: string,
  sequenceNumber: string,
  createdAt: number,
  kind: ChangeKind,
  keys: AttributeMap,
  newImage: AttributeMap | undefined,
  oldImage: AttributeMap | undefined,
  sizeBytes: number,
  generation?: number,
): AnyChangeRecord {
  const { table, streamArn, viewType } = origin
  const eventName = EVENT_NAMES[kind] as EventName
  // One literal per shape, so that records of one shape share one hidden class.
  let record: AnyChangeRecord
  if (newImage !== undefined && oldImage !== undefined) {
    record = { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, newImage, oldImage, sizeBytes, viewType }
  } else if (newImage !== undefined) {
    record = { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, newImage, sizeBytes, viewType }
  } else if (oldImage !== undefined) {
    record =
      kind === ChangeKind.TtlDelete
        ? { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, oldImage, sizeBytes, viewType, userIdentity: TTL_IDENTITY }
        : { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, oldImage, sizeBytes, viewType }
  } else {
    record =
      kind === ChangeKind.TtlDelete
        ? { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, sizeBytes, viewType, userIdentity: TTL_IDENTITY }
        : { eventId, eventName, table, streamArn, shardId, sequenceNumber, createdAt, keys, sizeBytes, viewType }
  }
  if (generation !== undefined) Object.defineProperty(record, RECORD_GENERATION, { value: generation })
  return Object.freeze(record)
}
