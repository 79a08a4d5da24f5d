import type { AnyChangeRecord } from '../capture/record.js'
import type { CapturedChange } from '../capture/capture.js'
import {
  checkOptionNames,
  ExpiredIteratorException,
  invalidOption,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  ValidationException,
} from '../core/errors.js'
import { formatSequenceNumber, formatShardId, isSequenceNumber, sequenceCounterOf } from '../core/ids.js'
import { holdProcess } from '../core/keep-alive.js'
import {
  decodeIterator,
  encodeIterator,
  ITERATOR_LIFETIME_MS,
  SHARD_ITERATOR_TYPES,
  type IteratorPosition,
} from './iterator.js'
import { CellPages } from './record-log.js'
import { Shard, type RecordContext, type ShardDescription } from './shard.js'

import { RETENTION_MS } from './shard-options.js'
import type { ChangeStream, GetRecordsResult, StreamConfig, StreamInternal, StreamKeySchema, StreamStatus, StreamDescription, DescribeOptions, GetShardIteratorOptions, ReadOptions } from './stream-types.js'

export { RETENTION_MS, SHARD_DEFAULTS, resolveShardOptions, type ShardOptions } from './shard-options.js'
export type {
  ChangeStream,
  DescribeOptions,
  GetRecordsResult,
  GetShardIteratorOptions,
  ReadOptions,
  StreamConfig,
  StreamDescription,
  StreamInternal,
  StreamKeySchema,
  StreamServices,
  StreamStatus,
} from './stream-types.js'

const DESCRIBE_OPTION_NAMES: ReadonlySet<string> = new Set(['limit', 'exclusiveStartShardId', 'childrenOf'])
const ITERATOR_OPTION_NAMES: ReadonlySet<string> = new Set(['shardId', 'type', 'sequenceNumber'])
const GET_RECORDS_OPTION_NAMES: ReadonlySet<string> = new Set(['limit'])
const READ_OPTION_NAMES: ReadonlySet<string> = new Set(['from', 'signal'])
const HASH_MAX = 0xffffffff
const MAX_RESPONSE_BYTES = 1024 * 1024
const MAX_GET_RECORDS = 1000
// Sweeping every shard for trimming and rollover at most once a second keeps the write path O(1).
const MAINTENANCE_GRANULARITY_MS = 1000

/** The hash range starts of `shards`, packed for routing. */
function hashStartsOf(shards: readonly Shard[]): Float64Array {
  return Float64Array.from(shards, (shard) => shard.hashStart)
}

/** Creates the stream of one table, enabled now. */
export function createStream(config: StreamConfig): StreamInternal {
  const { arn, clock, viewType, tableName } = config
  const createdAt = clock.now()
  const shards = new Map<string, Shard>()
  let open: Shard[] = []
  // The open shards' hash range starts, packed: routing a record searches these rather than the shard objects.
  let openStarts = hashStartsOf(open)
  let sequence = 0
  let shardOrdinal = 0
  let status: StreamStatus = 'ENABLED'
  let disabledAt: number | undefined
  // Rollovers are due at exact times; trimming and dropping old shards may run a little late (reads trim their
  // own shard exactly), so sweeps are spaced out to keep the write path O(1).
  let nextRolloverAt = Number.POSITIVE_INFINITY
  let nextSweepAt = Number.POSITIVE_INFINITY
  let iteratorNonce = 0
  const listeners = new Set<(shardIds: ReadonlySet<string>) => void>()
  let touched = new Set<string>()
  let notifyScheduled = false
  const pages = new CellPages()
  const recordContext: RecordContext = { table: tableName, streamArn: arn, viewType, eventIdOf: config.newEventIds() }
  const keySchema: StreamKeySchema = Object.freeze(
    config.keySchema.sortKey === undefined ? { partitionKey: config.keySchema.partitionKey } : { partitionKey: config.keySchema.partitionKey, sortKey: config.keySchema.sortKey },
  )

  function newShard(parentId: string | undefined, hashStart: number, hashEnd: number, atMs: number): Shard {
    const shard = new Shard(formatShardId(atMs, shardOrdinal++), parentId, formatSequenceNumber(++sequence), hashStart, hashEnd, atMs, recordContext, pages)
    shards.set(shard.id, shard)
    return shard
  }

  {
    const n = config.shards.initial
    const width = Math.floor((HASH_MAX + 1) / n)
    for (let i = 0; i < n; i++) {
      open.push(newShard(undefined, i * width, i === n - 1 ? HASH_MAX : (i + 1) * width - 1, createdAt))
    }
    openStarts = hashStartsOf(open)
    nextRolloverAt = createdAt + config.shards.rolloverMs
  }

  function scheduleSweep(at: number): void {
    if (at < nextSweepAt) nextSweepAt = at
  }

  function replaceOpen(parent: Shard, children: Shard[]): void {
    const index = open.indexOf(parent)
    open.splice(index, 1, ...children)
    openStarts = hashStartsOf(open)
  }

  function closeShard(shard: Shard, atMs: number, childRanges: readonly (readonly [number, number])[]): Shard[] {
    shard.close(atMs)
    const children = childRanges.map(([s, e]) => newShard(shard.id, s, e, atMs))
    replaceOpen(shard, children)
    scheduleNotify(shard.id)
    for (const child of children) nextRolloverAt = Math.min(nextRolloverAt, child.createdAt + config.shards.rolloverMs)
    scheduleSweep(atMs + RETENTION_MS)
    return children
  }

  function splitRanges(shard: Shard): (readonly [number, number])[] {
    if (shard.hashEnd === shard.hashStart) return [[shard.hashStart, shard.hashEnd]]
    const mid = shard.hashStart + Math.floor((shard.hashEnd - shard.hashStart) / 2)
    return [
      [shard.hashStart, mid],
      [mid + 1, shard.hashEnd],
    ]
  }

  /** Closes every open shard whose rollover time has come, each at its own due time. */
  function rollOver(now: number): void {
    let next = Number.POSITIVE_INFINITY
    if (status === 'ENABLED') {
      for (const shard of [...open]) {
        const due = shard.createdAt + config.shards.rolloverMs
        if (due <= now) {
          // A long jump of the clock rolls once, at the last due time, rather than once per period.
          const periods = Math.floor((now - shard.createdAt) / config.shards.rolloverMs)
          const [child] = closeShard(shard, shard.createdAt + periods * config.shards.rolloverMs, [[shard.hashStart, shard.hashEnd]])
          next = Math.min(next, (child as Shard).createdAt + config.shards.rolloverMs)
        } else next = Math.min(next, due)
      }
    }
    nextRolloverAt = next
  }

  /** Trims every shard and drops closed ones whose records and retention have passed. */
  function sweep(now: number): void {
    let next = Number.POSITIVE_INFINITY
    const cutoff = now - RETENTION_MS
    for (const shard of shards.values()) {
      shard.trim(cutoff)
      const oldest = shard.oldestCreatedAt
      if (oldest !== undefined) next = Math.min(next, oldest + RETENTION_MS)
      if (!shard.isOpen) {
        const goneAt = (shard.closedAt as number) + RETENTION_MS
        if (oldest === undefined && goneAt <= now) shards.delete(shard.id)
        else next = Math.min(next, goneAt)
      }
    }
    nextSweepAt = next === Number.POSITIVE_INFINITY ? next : Math.max(next, now + MAINTENANCE_GRANULARITY_MS)
  }

  function maintainAll(now: number): void {
    rollOver(now)
    sweep(now)
  }

  function maintain(now: number): void {
    if (now >= nextRolloverAt) rollOver(now)
    if (now >= nextSweepAt) sweep(now)
  }

  function checkAlive(): void {
    if (isGone()) {
      throw new ResourceNotFoundException(`Requested resource not found: Stream: ${arn} not found`, { streamArn: arn, tableName })
    }
  }

  function isGone(): boolean {
    return disabledAt !== undefined && clock.now() >= disabledAt + RETENTION_MS
  }

  function findOpen(hash: number): Shard {
    let lo = 0
    let hi = open.length - 1
    const starts = openStarts
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      if ((starts[mid] as number) <= hash) lo = mid
      else hi = mid - 1
    }
    return open[lo] as Shard
  }

  function scheduleNotify(shardId: string): void {
    if (listeners.size === 0) return
    touched.add(shardId)
    if (notifyScheduled) return
    notifyScheduled = true
    // Readers wake after the write has returned, so no observer can run inside (or break) a write.
    queueMicrotask(() => {
      notifyScheduled = false
      const shardIds: ReadonlySet<string> = touched
      touched = new Set()
      for (const listener of [...listeners]) {
        try {
          listener(shardIds)
        } catch (error) {
          config.onListenerError(error)
        }
      }
    })
  }

  function append(change: CapturedChange, hash: number): void {
    const now = clock.now()
    maintain(now)
    // No trim here: the sweep drops expired records (at most a second late), and reads trim their shard exactly.
    const shard = findOpen(hash)
    const counter = ++sequence
    if (shard.length === 0) scheduleSweep(now + RETENTION_MS)
    shard.append(change.kind, change.keys, change.newImage, change.oldImage, change.sizeBytes, now, counter, change.holdsBinary)
    const second = Math.floor(now / 1000)
    if (shard.rateSecond !== second) {
      shard.rateSecond = second
      shard.rateCount = 0
    }
    if (++shard.rateCount > config.shards.splitAbovePerSecond && shard.splittable) {
      closeShard(shard, now, splitRanges(shard))
    }
    scheduleNotify(shard.id)
  }

  function disable(): void {
    if (status !== 'ENABLED') return
    const now = clock.now()
    maintainAll(now)
    for (const shard of open) {
      shard.close(now)
      scheduleNotify(shard.id)
    }
    open = []
    openStarts = hashStartsOf(open)
    status = 'DISABLED'
    disabledAt = now
    scheduleSweep(now + RETENTION_MS)
  }

  function listed(): Shard[] {
    checkAlive()
    maintainAll(clock.now())
    return [...shards.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  }

  function shardOrThrow(shardId: unknown): Shard {
    if (typeof shardId !== 'string' || shardId.length < 28 || shardId.length > 65) {
      throw invalidOption('shardId', 'a shard id of 28 to 65 characters', shardId, { streamArn: arn })
    }
    checkAlive()
    maintain(clock.now())
    const shard = shards.get(shardId)
    if (shard === undefined) {
      throw new ResourceNotFoundException(`Requested resource not found: Shard does not exist: ${shardId}`, { streamArn: arn, shardId })
    }
    shard.trim(clock.now() - RETENTION_MS)
    return shard
  }

  function describe(options: DescribeOptions = {}): StreamDescription {
    if (typeof options !== 'object' || options === null) throw invalidOption('describe options', 'an object', options)
    checkOptionNames(options, DESCRIBE_OPTION_NAMES, 'describe', { streamArn: arn })
    const limit = options.limit ?? 100
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidOption('limit', 'an integer from 1 to 100', limit, { streamArn: arn })
    const start = options.exclusiveStartShardId
    if (start !== undefined && (typeof start !== 'string' || start.length < 28 || start.length > 65)) {
      throw invalidOption('exclusiveStartShardId', 'a shard id of 28 to 65 characters', start, { streamArn: arn })
    }
    const parent = options.childrenOf
    if (parent !== undefined && (typeof parent !== 'string' || parent.length < 28 || parent.length > 65)) {
      throw invalidOption('childrenOf', 'a shard id of 28 to 65 characters', parent, { streamArn: arn })
    }
    let all = listed()
    if (parent !== undefined) all = all.filter((s) => s.parentId === parent)
    if (start !== undefined) all = all.filter((s) => s.id > start)
    const page = all.slice(0, limit)
    const description: StreamDescription = {
      streamArn: arn,
      streamLabel: config.label,
      streamStatus: status,
      streamViewType: viewType,
      creationRequestDateTime: createdAt,
      tableName,
      keySchema,
      shards: Object.freeze(page.map((s) => s.describe())),
      ...(all.length > limit ? { lastEvaluatedShardId: (page[page.length - 1] as Shard).id } : {}),
    }
    return Object.freeze(description)
  }

  // The trim horizon is fixed when taken (just after the newest trimmed record), so a reader whose first record is
  // trimmed before it reads fails with TrimmedDataAccessException instead of silently skipping ahead.
  function horizonOf(shard: Shard): IteratorPosition {
    return { kind: 'after', sequenceNumber: shard.lastTrimmed ?? shard.startingSequenceNumber }
  }

  function resolveStart(shard: Shard, position: IteratorPosition): number {
    checkNotTrimmed(shard, position)
    return shard.seek(sequenceCounterOf(position.sequenceNumber), position.kind === 'after')
  }

  // A position the caller names is refused AT or AFTER any trimmed record, the newest trimmed one included, as the
  // service refuses it; the store's own positions (the trim horizon, a read's next position) may sit just after it.
  function checkNotTrimmed(shard: Shard, position: IteratorPosition, named = false): void {
    const seq = position.sequenceNumber
    const trimmed = shard.lastTrimmed
    if (trimmed !== undefined && (position.kind === 'at' || named ? trimmed >= seq : trimmed > seq)) {
      throw new TrimmedDataAccessException(
        `The data you are trying to access has been trimmed: records up to sequence number ${trimmed} of ${shard.id} are older than 24 hours, requested ${position.kind} ${seq}`,
        { streamArn: arn, shardId: shard.id, sequenceNumber: seq },
      )
    }
  }

  interface ShardRead {
    records: AnyChangeRecord[]
    next: IteratorPosition | null
  }

  function readShard(shard: Shard, position: IteratorPosition, limit: number): ShardRead {
    const startIndex = resolveStart(shard, position)
    const end = Math.min(shard.length, startIndex + limit)
    let bytes = 0
    // Summing sizes means visiting every record; when even the largest record times the count stays under 1 MB
    // the cap cannot bind.
    let index = (end - startIndex) * shard.maxRecordBytes <= MAX_RESPONSE_BYTES ? end : startIndex
    while (index < end) {
      const size = shard.sizeBytesOf(index)
      if (index > startIndex && bytes + size > MAX_RESPONSE_BYTES) break
      bytes += size
      index++
    }
    const records = new Array<AnyChangeRecord>(index - startIndex)
    for (let i = startIndex; i < index; i++) records[i - startIndex] = shard.recordAt(i)
    const exhausted = index >= shard.length
    if (!shard.isOpen && exhausted) return { records, next: null }
    const last = records[records.length - 1]
    return { records, next: last === undefined ? position : { kind: 'after', sequenceNumber: last.sequenceNumber } }
  }

  // A caller's sequence number in the stream's own fixed width, so it compares with stored ones as strings.
  function normalizeSequenceNumber(seq: string): string {
    const digits = seq.replace(/^0+(?=\d)/, '')
    const width = formatSequenceNumber(0).length
    return digits.length > width ? '9'.repeat(width) + '0' : digits.padStart(width, '0')
  }

  function getShardIterator(options: GetShardIteratorOptions): string {
    if (typeof options !== 'object' || options === null) throw invalidOption('getShardIterator options', 'an object with shardId and type', options)
    checkOptionNames(options, ITERATOR_OPTION_NAMES, 'getShardIterator', { streamArn: arn })
    const { type, sequenceNumber } = options
    if (!SHARD_ITERATOR_TYPES.includes(type)) throw invalidOption('ShardIteratorType', `one of ${SHARD_ITERATOR_TYPES.join(', ')}`, type, { streamArn: arn })
    const needsSequence = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER'
    if (needsSequence && sequenceNumber === undefined) {
      throw new ValidationException(`Invalid getShardIterator call: expected a sequenceNumber for ${type}, received none`, { streamArn: arn })
    }
    if (!needsSequence && sequenceNumber !== undefined) {
      throw new ValidationException(`Invalid getShardIterator call: expected no sequenceNumber for ${type}, received ${String(sequenceNumber)}`, { streamArn: arn })
    }
    if (needsSequence && !isSequenceNumber(sequenceNumber)) throw invalidOption('sequenceNumber', 'a string of 21 to 40 decimal digits', sequenceNumber, { streamArn: arn })
    const shard = shardOrThrow(options.shardId)
    let position: IteratorPosition
    if (type === 'TRIM_HORIZON') position = horizonOf(shard)
    else if (type === 'LATEST') position = { kind: 'after', sequenceNumber: shard.lastSequenceNumber }
    else {
      const seq = normalizeSequenceNumber(sequenceNumber as string)
      const outside = seq < shard.startingSequenceNumber || (shard.endingSequenceNumber !== undefined && seq > shard.endingSequenceNumber)
      if (outside) {
        throw new ValidationException(
          `Invalid sequenceNumber: expected a sequence number within ${shard.id} (${shard.startingSequenceNumber} to ${shard.endingSequenceNumber ?? 'open'}), received ${String(sequenceNumber)}`,
          { streamArn: arn, shardId: shard.id, sequenceNumber: String(sequenceNumber) },
        )
      }
      position = { kind: type === 'AT_SEQUENCE_NUMBER' ? 'at' : 'after', sequenceNumber: seq }
      checkNotTrimmed(shard, position, true)
    }
    return encodeIterator({ storeId: config.storeId, streamArn: arn, shardId: shard.id, position, issuedAt: clock.now() }, iteratorNonce++)
  }

  function getRecords(iterator: string, options: { readonly limit?: number } = {}): GetRecordsResult<AnyChangeRecord> {
    const state = decodeIterator(iterator)
    if (state.storeId !== config.storeId) {
      throw new ValidationException(`Invalid ShardIterator: expected an iterator issued by this store, received one issued by another store for ${state.streamArn}`, { streamArn: arn })
    }
    if (state.streamArn !== arn) {
      throw new ValidationException(`Invalid ShardIterator: expected an iterator of stream ${arn}, received one of ${state.streamArn}`, { streamArn: arn })
    }
    if (typeof options !== 'object' || options === null) throw invalidOption('getRecords options', 'an object', options, { streamArn: arn })
    checkOptionNames(options, GET_RECORDS_OPTION_NAMES, 'getRecords', { streamArn: arn })
    const limit = options.limit ?? MAX_GET_RECORDS
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_GET_RECORDS) throw invalidOption('limit', 'an integer from 1 to 1000', limit, { streamArn: arn })
    const now = clock.now()
    if (now - state.issuedAt > ITERATOR_LIFETIME_MS) {
      throw new ExpiredIteratorException(
        `Iterator expired: expected an iterator issued within the last 15 minutes, received one issued ${Math.round((now - state.issuedAt) / 1000)} s ago`,
        { streamArn: arn, shardId: state.shardId },
      )
    }
    const shard = shardOrThrow(state.shardId)
    const { records, next } = readShard(shard, state.position, limit)
    return Object.freeze({
      records: Object.freeze(records),
      nextIterator: next === null ? null : encodeIterator({ storeId: config.storeId, streamArn: arn, shardId: shard.id, position: next, issuedAt: now }, iteratorNonce++),
    })
  }

  function openShardOrThrow(shardId: string): Shard {
    const shard = shardOrThrow(shardId)
    if (!shard.isOpen) throw new ValidationException(`Invalid shardId: expected an open shard, received closed shard ${shardId}`, { streamArn: arn, shardId })
    return shard
  }

  function splitShard(shardId: string): readonly ShardDescription[] {
    const shard = openShardOrThrow(shardId)
    return Object.freeze(closeShard(shard, clock.now(), splitRanges(shard)).map((s) => s.describe()))
  }

  function rolloverShard(shardId: string): ShardDescription {
    const shard = openShardOrThrow(shardId)
    return (closeShard(shard, clock.now(), [[shard.hashStart, shard.hashEnd]])[0] as Shard).describe()
  }

  function onRecords(listener: (shardIds: ReadonlySet<string>) => void): () => void {
    if (typeof listener !== 'function') throw invalidOption('onRecords listener', 'a function', listener)
    // A distinct wrapper per subscription, so subscribing one function twice needs two unsubscribes.
    const entry = (shardIds: ReadonlySet<string>): void => listener(shardIds)
    listeners.add(entry)
    return () => {
      listeners.delete(entry)
    }
  }

  function read(options: ReadOptions = {}): AsyncIterableIterator<AnyChangeRecord> {
    if (typeof options !== 'object' || options === null) throw invalidOption('read options', 'an object', options, { streamArn: arn })
    checkOptionNames(options, READ_OPTION_NAMES, 'read', { streamArn: arn })
    if (options.signal !== undefined && !(options.signal instanceof AbortSignal)) throw invalidOption('read signal', 'an AbortSignal', options.signal, { streamArn: arn })
    const from = options.from ?? 'TRIM_HORIZON'
    if (from !== 'TRIM_HORIZON' && from !== 'LATEST') throw invalidOption('read from', 'TRIM_HORIZON or LATEST', from, { streamArn: arn })
    const { signal } = options
    // Positions are taken now, not at the first next(): LATEST means "after this call".
    const cursors = new Map<string, IteratorPosition>()
    const all = listed()
    if (from === 'LATEST') {
      for (const shard of all) if (shard.isOpen) cursors.set(shard.id, { kind: 'after', sequenceNumber: shard.lastSequenceNumber })
    } else {
      for (const shard of all) if (shard.parentId === undefined || !shards.has(shard.parentId)) cursors.set(shard.id, horizonOf(shard))
    }
    return readLoop(cursors, signal)
  }

  async function* readLoop(cursors: Map<string, IteratorPosition>, signal: AbortSignal | undefined): AsyncGenerator<AnyChangeRecord> {
    let wake: (() => void) | undefined
    const unsubscribe = onRecords(() => wake?.())
    const onAbort = (): void => wake?.()
    signal?.addEventListener('abort', onAbort)
    try {
      for (;;) {
        if (signal?.aborted) return
        let progressed = false
        for (const [shardId, position] of [...cursors].sort(([a], [b]) => (a < b ? -1 : 1))) {
          const shard = shardOrThrow(shardId)
          const { records, next } = readShard(shard, position, MAX_GET_RECORDS)
          if (next === null) {
            cursors.delete(shardId)
            for (const child of shards.values()) if (child.parentId === shardId) cursors.set(child.id, horizonOf(child))
            progressed = true
          } else cursors.set(shardId, next)
          for (const record of records) {
            progressed = true
            yield record
            if (signal?.aborted) return
          }
        }
        if (cursors.size === 0) return
        if (!progressed) {
          // A reader waiting for records keeps the process alive until its signal aborts, as a listening socket does.
          const release = holdProcess()
          try {
            await new Promise<void>((resolve) => {
              wake = resolve
            })
          } finally {
            release()
          }
          wake = undefined
        }
      }
    } finally {
      unsubscribe()
      signal?.removeEventListener('abort', onAbort)
    }
  }

  const stream: ChangeStream = Object.freeze({
    arn,
    label: config.label,
    tableName,
    viewType,
    keySchema,
    createdAt,
    status: () => status,
    describe,
    shards: () => Object.freeze(listed().map((s) => s.describe())),
    getShardIterator,
    latestSequenceNumber: (shardId: string) => shardOrThrow(shardId).lastSequenceNumber,
    getRecords,
    read,
    splitShard,
    rolloverShard,
    onRecords,
  })

  return { stream, arn, append, disable, isGone, status: () => status }
}
