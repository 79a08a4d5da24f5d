import type { AnyChangeRecord } from '../capture/record.js'
import { invalidOption, ValidationException } from '../core/errors.js'
import type { ChangeStream } from '../log/stream-types.js'

const MARK = Symbol.for('streamtable.streamMark')

/** A position in a stream: `recordsSince(mark)` and the matchers see only the records written after it. */
export interface StreamMark<R = AnyChangeRecord> {
  readonly [MARK]: true
  readonly stream: ChangeStream<R>
  /** What the stream belongs to, for messages: the table's name. */
  readonly tableName: string
  /** The newest sequence number of the stream when the mark was taken; later records have greater ones. */
  readonly afterSequenceNumber: string
}

/** What the record helpers and matchers read: a table (its latest stream), a stream, a mark, or records in hand. */
export type EmittedSource<R = AnyChangeRecord> = { readonly stream: ChangeStream<R> | undefined; readonly name: string } | ChangeStream<R> | StreamMark<R> | readonly R[]

/** True for a mark taken with `markStream`, from any copy of this package. */
export function isStreamMark(value: unknown): value is StreamMark<unknown> {
  return typeof value === 'object' && value !== null && (value as { [MARK]?: unknown })[MARK] === true
}

function isStream(value: unknown): value is ChangeStream<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as ChangeStream).getShardIterator === 'function' && typeof (value as ChangeStream).shards === 'function'
}

function compareSequenceNumbers(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0
}

function streamOf(source: unknown, what: string): ChangeStream<unknown> {
  if (isStream(source)) return source
  if (typeof source === 'object' && source !== null && 'stream' in source) {
    const stream = (source as { stream: unknown }).stream
    if (isStream(stream)) return stream
    throw new ValidationException(`Invalid ${what}: expected a table with a stream, received ${String((source as { name?: unknown }).name)} without one`)
  }
  throw invalidOption(what, 'a table with a stream, or a stream', source)
}

/** Every record the stream still holds, every shard read from TRIM_HORIZON, in sequence number order. */
function readStream<R>(stream: ChangeStream<R>): R[] {
  const out: { record: R; sequenceNumber: string }[] = []
  for (const shard of stream.shards()) {
    let iterator: string | null = stream.getShardIterator({ shardId: shard.shardId, type: 'TRIM_HORIZON' })
    while (iterator !== null) {
      const page: { records: readonly R[]; nextIterator: string | null } = stream.getRecords(iterator)
      for (const record of page.records) out.push({ record, sequenceNumber: (record as { sequenceNumber: string }).sequenceNumber })
      if (page.records.length === 0) break
      iterator = page.nextIterator
    }
  }
  // Sequence numbers increase across the whole stream, so their order is the order of the writes.
  return out.sort((a, b) => compareSequenceNumbers(a.sequenceNumber, b.sequenceNumber)).map((entry) => entry.record)
}

/**
 * Marks the current end of a table's stream (or of a stream): records written from now on are "since the mark".
 * @param source a table with a stream, or a stream
 * @returns the mark
 */
export function markStream<R>(source: { readonly stream: ChangeStream<R> | undefined; readonly name: string } | ChangeStream<R>): StreamMark<R> {
  const stream = streamOf(source, 'markStream source') as ChangeStream<R>
  let newest = '0'
  for (const shard of stream.shards()) {
    const latest = stream.latestSequenceNumber(shard.shardId)
    if (compareSequenceNumbers(latest, newest) > 0) newest = latest
  }
  return Object.freeze({ [MARK]: true as const, stream, tableName: stream.tableName, afterSequenceNumber: newest })
}

/**
 * The records written after the mark, in write order.
 * @param mark a mark from `markStream`
 * @returns the records
 */
export function recordsSince<R>(mark: StreamMark<R>): R[] {
  if (!isStreamMark(mark)) throw invalidOption('mark', 'a mark from markStream', mark)
  return readStream(mark.stream).filter((record) => compareSequenceNumbers((record as { sequenceNumber: string }).sequenceNumber, mark.afterSequenceNumber) > 0)
}

/**
 * Every record a table's stream (or a stream, or the stream since a mark) still holds, in write order; an array of
 * records is returned as a copy.
 * @param source a table with a stream, a stream, a mark or records
 * @returns the records
 */
export function emittedRecords<R>(source: EmittedSource<R>): R[] {
  if (Array.isArray(source)) return [...(source as readonly R[])]
  if (isStreamMark(source)) return recordsSince(source as StreamMark<R>)
  return readStream(streamOf(source, 'record source') as ChangeStream<R>)
}

/** How a source is named in a matcher's message. */
export function describeSource(source: unknown): string {
  if (Array.isArray(source)) return `the ${source.length} records given`
  if (isStreamMark(source)) return `table ${source.tableName} since the mark`
  if (isStream(source)) return `the stream of table ${source.tableName}`
  if (typeof source === 'object' && source !== null && 'stream' in source) return `table ${String((source as { name?: unknown }).name)}`
  return String(source)
}
