// Shared helpers of the stream-side tests (lifecycle, shards, iterators, retention, read, property).
import { expect } from 'vitest'
export { T0, MINUTE, HOUR, DAY } from './time.js'
export { expectError } from './errors.js'
import type { AnyChangeRecord, ChangeStream, ShardDescription } from '../../src/index.js'

/** Every shard of a stream, through describe() paging. */
export function allShards(stream: Pick<ChangeStream<unknown>, 'describe'>, limit = 100): ShardDescription[] {
  const out: ShardDescription[] = []
  let start: string | undefined
  for (;;) {
    const page = stream.describe(start === undefined ? { limit } : { limit, exclusiveStartShardId: start })
    out.push(...page.shards)
    if (page.lastEvaluatedShardId === undefined) return out
    start = page.lastEvaluatedShardId
  }
}

/** Every retained record of one shard from TRIM_HORIZON to its current end, following nextIterator. */
export function readShard<R>(stream: ChangeStream<R>, shardId: string, limit = 1000): { records: R[]; closedAndDone: boolean } {
  const records: R[] = []
  let iterator: string | null = stream.getShardIterator({ shardId, type: 'TRIM_HORIZON' })
  for (;;) {
    const page: { records: readonly R[]; nextIterator: string | null } = stream.getRecords(iterator, { limit })
    records.push(...page.records)
    if (page.nextIterator === null) return { records, closedAndDone: true }
    if (page.records.length === 0) return { records, closedAndDone: false }
    iterator = page.nextIterator
  }
}

/**
 * Reads every listed shard in lineage order: a shard only after its (still listed) parent was read to its end.
 * Returns the records in that order, and the shard order used.
 */
export function readLineage<R>(stream: ChangeStream<R>, limit = 1000): { records: R[]; order: string[] } {
  const shards = allShards(stream)
  const listed = new Set(shards.map((s) => s.shardId))
  const ready = shards.filter((s) => s.parentShardId === undefined || !listed.has(s.parentShardId)).map((s) => s.shardId)
  const records: R[] = []
  const order: string[] = []
  while (ready.length > 0) {
    ready.sort()
    const shardId = ready.shift() as string
    order.push(shardId)
    const { records: got, closedAndDone } = readShard(stream, shardId, limit)
    records.push(...got)
    if (closedAndDone) for (const s of shards) if (s.parentShardId === shardId) ready.push(s.shardId)
  }
  return { records, order }
}

/** Every record of every shard, in no particular order. */
export function allRecords<R>(stream: ChangeStream<R>): R[] {
  return allShards(stream).flatMap((s) => readShard(stream, s.shardId).records)
}

/** Compares sequence numbers as the big integers they are. */
export function seq(record: Pick<AnyChangeRecord, 'sequenceNumber'> | string): bigint {
  return BigInt(typeof record === 'string' ? record : record.sequenceNumber)
}

/** Collects what `stream.read()` yields until `until` holds, then aborts; needs writes to be done or settled. */
export async function collectRead<R>(stream: ChangeStream<R>, from: 'TRIM_HORIZON' | 'LATEST', settle: () => Promise<void>, act?: () => void): Promise<R[]> {
  const controller = new AbortController()
  const got: R[] = []
  const done = (async () => {
    for await (const record of stream.read({ from, signal: controller.signal })) got.push(record)
  })()
  await settle()
  if (act !== undefined) {
    act()
    await settle()
  }
  controller.abort()
  await done
  return got
}
