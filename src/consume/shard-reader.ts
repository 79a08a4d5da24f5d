import type { AnyChangeRecord } from '../capture/record.js'
import { isStreamtableError } from '../core/errors.js'
import type { ChangeStream } from '../log/stream.js'

/** The service's largest getRecords page. */
export const READ_LIMIT = 1000

/** Where a consumer reads one shard: the next iterator, and where to take a new one from. */
export interface ShardCursor {
  readonly shardId: string
  /** The next read; null once the closed shard has been read to its end (or before the first open). */
  token: string | null
  /** Where a new iterator starts when one expires: after the last record read (or the checkpoint). */
  resumeAfter: string | undefined
  /** True when the last read found nothing more to read for now. */
  caughtUp: boolean
}

/** A shard as the reader lists it. */
export interface ListedShard {
  readonly shardId: string
  readonly parentShardId?: string
  readonly closed: boolean
}

/** How far a consumer has come with a shard it knows. */
export type ShardProgress = 'reading' | 'ended'

/** Lineage, iterators and positions of one stream, as a consumer reads it. */
export interface ShardReader {
  /** The shards listed now, parents before children; none once the stream is gone. */
  list(): readonly ListedShard[]
  /** A new cursor, not yet open. */
  cursor(shardId: string): ShardCursor
  /** Points the cursor after `after` (or at the trim horizon); records past retention are skipped, as for every reader. */
  open(cursor: ShardCursor, after: string | undefined): void
  /** The next page of the shard, up to `limit` records; undefined when the read failed (reported) and should be tried again later. */
  read(cursor: ShardCursor, limit?: number): readonly AnyChangeRecord[] | undefined
  /** Where LATEST starts in a shard now: after its newest record. */
  latest(shardId: string): string
}

/**
 * The shards to start now: every listed shard not yet known whose parent is done or gone, so that children are
 * never read before their parent is finished.
 */
export function shardsToStart(listed: readonly ListedShard[], progressOf: (shardId: string) => ShardProgress | undefined): ListedShard[] {
  const ids = new Set(listed.map((s) => s.shardId))
  return listed.filter((shard) => {
    if (progressOf(shard.shardId) !== undefined) return false
    const parent = shard.parentShardId
    return parent === undefined || !ids.has(parent) || progressOf(parent) === 'ended'
  })
}

function hasCode(error: unknown, code: string): boolean {
  return isStreamtableError(error) && error.code === code
}

/** Creates the reader of one stream; errors it cannot handle go to `reportError`. */
export function createShardReader(stream: ChangeStream<any>, reportError: (error: unknown) => void): ShardReader {
  function acquire(shardId: string, after: string | undefined): string {
    if (after !== undefined) {
      try {
        return stream.getShardIterator({ shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: after })
      } catch (error) {
        // Records past retention are lost to every reader, as on the service: carry on from the oldest one left.
        if (!hasCode(error, 'TrimmedDataAccessException')) throw error
      }
    }
    return stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
  }

  function read(cursor: ShardCursor, limit = READ_LIMIT): readonly AnyChangeRecord[] | undefined {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        if (cursor.token === null) return []
        const { records, nextIterator } = stream.getRecords(cursor.token, { limit })
        cursor.token = nextIterator
        return records as readonly AnyChangeRecord[]
      } catch (error) {
        try {
          if (hasCode(error, 'ExpiredIteratorException')) cursor.token = acquire(cursor.shardId, cursor.resumeAfter)
          else if (hasCode(error, 'TrimmedDataAccessException')) cursor.token = acquire(cursor.shardId, undefined)
          else if (hasCode(error, 'ResourceNotFoundException')) {
            // The shard (or the whole stream) has passed retention: nothing is left to read in it.
            cursor.token = null
            return []
          } else throw error
        } catch (inner) {
          if (hasCode(inner, 'ResourceNotFoundException')) {
            cursor.token = null
            return []
          }
          reportError(inner)
          return undefined
        }
      }
    }
    return undefined
  }

  return {
    list() {
      try {
        return stream.shards().map((s) => ({
          shardId: s.shardId,
          ...(s.parentShardId === undefined ? {} : { parentShardId: s.parentShardId }),
          closed: s.sequenceNumberRange.endingSequenceNumber !== undefined,
        }))
      } catch (error) {
        if (!hasCode(error, 'ResourceNotFoundException')) reportError(error)
        return []
      }
    },
    cursor: (shardId) => ({ shardId, token: null, resumeAfter: undefined, caughtUp: false }),
    open(cursor, after) {
      cursor.resumeAfter = after
      cursor.token = acquire(cursor.shardId, after)
    },
    read,
    latest: (shardId) => stream.latestSequenceNumber(shardId),
  }
}
