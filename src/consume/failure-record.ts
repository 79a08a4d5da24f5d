import type { AnyChangeRecord } from '../capture/record.js'
import type { FailureCondition, OnFailureRecord } from './types.js'

/** What a failure record says about the invocation that gave up on a batch. */
export interface FailureContext {
  readonly requestId: string
  readonly functionArn: string
  readonly streamArn: string
  readonly shardId: string
  readonly condition: FailureCondition
  readonly invokeCount: number
  readonly functionError: 'Unhandled' | null
  /** When the record is produced, epoch milliseconds. */
  readonly now: number
}

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}

/** The service's on-failure destination record for a discarded batch of a DynamoDB stream (at least one record). */
export function failureRecord(records: readonly AnyChangeRecord[], context: FailureContext): OnFailureRecord {
  const first = records[0] as AnyChangeRecord
  const last = records[records.length - 1] as AnyChangeRecord
  return Object.freeze({
    requestContext: Object.freeze({ requestId: context.requestId, functionArn: context.functionArn, condition: context.condition, approximateInvokeCount: context.invokeCount }),
    responseContext: Object.freeze({ statusCode: 200 as const, executedVersion: '$LATEST' as const, functionError: context.functionError }),
    version: '1.0' as const,
    timestamp: new Date(context.now).toISOString(),
    DDBStreamBatchInfo: Object.freeze({
      shardId: context.shardId,
      startSequenceNumber: first.sequenceNumber,
      endSequenceNumber: last.sequenceNumber,
      approximateArrivalOfFirstRecord: isoSeconds(first.createdAt),
      approximateArrivalOfLastRecord: isoSeconds(last.createdAt),
      batchSize: records.length,
      streamArn: context.streamArn,
    }),
  })
}
