// The four operations of DynamoDB Streams over the store's public stream API. Inputs are checked here against the
// service's model first, so the native layer's errors (which carry more detail) only remain for what depends on
// state; those are translated to the service's texts.
import { JSON_BYTE } from '../../codec/json-writer.js'
import { writeRecordJson } from '../../codec/stream-record-json.js'
import { parseStreamArn } from '../../core/ids.js'
import {
  ExpiredIteratorException,
  isStreamtableError,
  ResourceNotFoundException,
  TrimmedDataAccessException,
  ValidationException,
  type ChangeStream,
  type ShardDescription,
  type Store,
} from '../../index.js'
import { readMembers, type JsonObject } from '../protocol/input.js'
import { JsonPiece } from '../protocol/json-piece.js'
import { operationsOf, SERVICE_TARGETS, type Operation } from '../protocol/registry.js'
import { OPERATION_TEXT } from './messages.js'

const TABLE_NAME = { min: 3, max: 255, pattern: /[a-zA-Z0-9_.-]+/ }
const STREAM_ARN = { min: 37, max: 1024 }
const SHARD_ID = { min: 28, max: 65 }
const ITERATOR_TYPES = ['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'] as const
const MAX_STREAMS_PAGE = 100
const MAX_SHARDS_PAGE = 100
const MAX_RECORDS = 1000

/** Runs a native call, translating the streamtable errors `translate` knows; others pass unchanged. */
function translated<T>(call: () => T, translate: (code: string, error: Error & { shardId?: string }) => Error | undefined): T {
  try {
    return call()
  } catch (error) {
    if (isStreamtableError(error)) throw translate(error.code, error) ?? error
    throw error
  }
}

function checkStreamArn(arn: string): void {
  if (parseStreamArn(arn) === undefined) throw new ValidationException(OPERATION_TEXT.invalidStreamArn(arn))
}

function streamOf(store: Store, arn: string): ChangeStream {
  checkStreamArn(arn)
  return translated(
    () => store.getStream(arn),
    (code) => (code === 'ResourceNotFoundException' ? new ResourceNotFoundException(OPERATION_TEXT.streamNotFound(arn)) : undefined),
  )
}

function shardJson(shard: ShardDescription): JsonObject {
  const range = shard.sequenceNumberRange
  return {
    ShardId: shard.shardId,
    SequenceNumberRange:
      range.endingSequenceNumber === undefined
        ? { StartingSequenceNumber: range.startingSequenceNumber }
        : { StartingSequenceNumber: range.startingSequenceNumber, EndingSequenceNumber: range.endingSequenceNumber },
    ...(shard.parentShardId === undefined ? {} : { ParentShardId: shard.parentShardId }),
  }
}

const listStreams: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const tableName = reader.string('TableName', TABLE_NAME)
  const limit = reader.integer('Limit', { min: 1, max: MAX_STREAMS_PAGE })
  const start = reader.string('ExclusiveStartStreamArn', STREAM_ARN)
  reader.finish()
  if (start !== undefined) checkStreamArn(start)
  const page = store.listStreams({
    ...(tableName === undefined ? {} : { tableName }),
    ...(limit === undefined ? {} : { limit }),
    ...(start === undefined ? {} : { exclusiveStartStreamArn: start }),
  })
  return {
    Streams: page.streams.map((s) => ({ StreamArn: s.streamArn, TableName: s.tableName, StreamLabel: s.streamLabel })),
    ...(page.lastEvaluatedStreamArn === undefined ? {} : { LastEvaluatedStreamArn: page.lastEvaluatedStreamArn }),
  }
}

const describeStream: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const arn = reader.string('StreamArn', { required: true, ...STREAM_ARN })
  const limit = reader.integer('Limit', { min: 1, max: MAX_SHARDS_PAGE })
  const start = reader.string('ExclusiveStartShardId', SHARD_ID)
  const filter = reader.structure('ShardFilter', (f) => ({ type: f.string('Type', { enum: ['CHILD_SHARDS'] }), shardId: f.string('ShardId', SHARD_ID) }))
  reader.finish()
  const stream = streamOf(store, arn as string)
  const description = translated(
    () =>
      stream.describe({
        ...(limit === undefined ? {} : { limit }),
        ...(start === undefined ? {} : { exclusiveStartShardId: start }),
        ...(filter?.shardId === undefined ? {} : { childrenOf: filter.shardId }),
      }),
    (code) => (code === 'ResourceNotFoundException' ? new ResourceNotFoundException(OPERATION_TEXT.streamNotFound(arn as string)) : undefined),
  )
  const { keySchema } = description
  return {
    StreamDescription: {
      StreamArn: description.streamArn,
      StreamLabel: description.streamLabel,
      StreamStatus: description.streamStatus,
      StreamViewType: description.streamViewType,
      CreationRequestDateTime: description.creationRequestDateTime / 1000,
      TableName: description.tableName,
      KeySchema:
        keySchema.sortKey === undefined
          ? [{ AttributeName: keySchema.partitionKey, KeyType: 'HASH' }]
          : [
              { AttributeName: keySchema.partitionKey, KeyType: 'HASH' },
              { AttributeName: keySchema.sortKey, KeyType: 'RANGE' },
            ],
      // A CHILD_SHARDS filter naming no shard matches none, as DynamoDB Local answers it.
      ...(filter !== undefined && filter.shardId === undefined
        ? { Shards: [] }
        : {
            Shards: description.shards.map(shardJson),
            ...(description.lastEvaluatedShardId === undefined ? {} : { LastEvaluatedShardId: description.lastEvaluatedShardId }),
          }),
    },
  }
}

function iteratorError(arn: string, sequenceNumber: string | undefined, shardId: string): (code: string, error: Error & { shardId?: string }) => Error | undefined {
  return (code, error) => {
    if (code === 'ResourceNotFoundException') {
      return new ResourceNotFoundException(error.shardId === undefined ? OPERATION_TEXT.streamNotFound(arn) : OPERATION_TEXT.shardNotFound)
    }
    if (code === 'TrimmedDataAccessException') return new TrimmedDataAccessException(OPERATION_TEXT.trimmed)
    // State-dependent validation left to the native layer: a sequence number outside the shard's range.
    if (code === 'ValidationException' && sequenceNumber !== undefined) return new ValidationException(OPERATION_TEXT.sequenceNumberNotInShard(sequenceNumber, shardId))
    return undefined
  }
}

const getShardIterator: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const arn = reader.string('StreamArn', { required: true, ...STREAM_ARN }) as string
  const shardId = reader.string('ShardId', { required: true, ...SHARD_ID }) as string
  const type = reader.string('ShardIteratorType', { required: true, enum: ITERATOR_TYPES }) as (typeof ITERATOR_TYPES)[number]
  const sequenceNumber = reader.string('SequenceNumber', { min: 21, max: 40 })
  reader.finish()
  const atOrAfter = type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER'
  if (atOrAfter && sequenceNumber === undefined) throw new ValidationException(OPERATION_TEXT.sequenceNumberRequired)
  if (!atOrAfter && sequenceNumber !== undefined) throw new ValidationException(OPERATION_TEXT.sequenceNumberRefused)
  if (sequenceNumber !== undefined && !/^\d+$/.test(sequenceNumber)) throw new ValidationException(OPERATION_TEXT.sequenceNumberNotNumeric)
  const stream = streamOf(store, arn)
  const translate = iteratorError(arn, sequenceNumber, shardId)
  const iterator = translated(
    () => stream.getShardIterator(sequenceNumber === undefined ? { shardId, type } : { shardId, type, sequenceNumber }),
    translate,
  )
  return { ShardIterator: iterator }
}

/** The stream ARN an iterator token starts with: the service's tokens read `{StreamArn}|1|…`. */
function streamArnOfIterator(iterator: string): string {
  const bar = iterator.indexOf('|')
  const arn = bar < 0 ? '' : iterator.slice(0, bar)
  if (parseStreamArn(arn) === undefined) throw new ValidationException(OPERATION_TEXT.invalidIterator)
  return arn
}

const getRecords: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const iterator = reader.string('ShardIterator', { required: true, min: 1, max: 2048 }) as string
  const limit = reader.integer('Limit', { min: 1, max: MAX_RECORDS })
  reader.finish()
  const arn = streamArnOfIterator(iterator)
  const stream = translated(
    () => store.getStream(arn),
    (code) => (code === 'ResourceNotFoundException' ? new ResourceNotFoundException(OPERATION_TEXT.streamNotFound(arn)) : undefined),
  )
  const page = translated(
    () => stream.getRecords(iterator, limit === undefined ? {} : { limit }),
    (code, error) => {
      if (code === 'ValidationException') return new ValidationException(OPERATION_TEXT.invalidIterator)
      if (code === 'ExpiredIteratorException') return new ExpiredIteratorException(OPERATION_TEXT.expired)
      if (code === 'TrimmedDataAccessException') return new TrimmedDataAccessException(OPERATION_TEXT.trimmed)
      if (code === 'ResourceNotFoundException') {
        return new ResourceNotFoundException(error.shardId === undefined ? OPERATION_TEXT.streamNotFound(arn) : OPERATION_TEXT.iteratorShardNotFound)
      }
      return undefined
    },
  )
  const region = store.region
  const { records } = page
  const written = new JsonPiece((out) => {
    out.byte(JSON_BYTE.openBracket)
    for (let i = 0; i < records.length; i++) {
      if (i > 0) out.byte(JSON_BYTE.comma)
      writeRecordJson(out, records[i] as (typeof records)[number], region)
    }
    out.byte(JSON_BYTE.closeBracket)
  })
  return page.nextIterator === null ? { Records: written } : { Records: written, NextShardIterator: page.nextIterator }
}

/** The DynamoDB Streams operations by full target. */
export const STREAMS_OPERATIONS = operationsOf(SERVICE_TARGETS.streams, {
  ListStreams: listStreams,
  DescribeStream: describeStream,
  GetShardIterator: getShardIterator,
  GetRecords: getRecords,
})
