// The texts the services send for operation errors, in one table. Marked [I] where no capture of the real text is
// known and the wording is ours; the code, status and member it names are the service's.

/** Operation error texts of DynamoDB Streams and of the stateless DynamoDB operations. */
export const OPERATION_TEXT = Object.freeze({
  streamNotFound: (arn: string): string => `Requested resource not found: Stream: ${arn} not found`,
  shardNotFound: 'Requested resource not found: Shard does not exist',
  iteratorShardNotFound: 'Invalid ShardId in ShardIterator',
  trimmed: 'The data you are trying to access has been trimmed',
  expired: 'Shard iterator has expired',
  /** [I] */
  invalidStreamArn: (arn: string): string => `Invalid StreamArn: ${arn}`,
  /** [I] */
  invalidIterator: 'Invalid ShardIterator',
  /** [I] */
  sequenceNumberRequired: (type: string): string => `Must specify a SequenceNumber when ShardIteratorType is ${type}`,
  /** [I] */
  sequenceNumberRefused: (type: string): string => `SequenceNumber must not be specified when ShardIteratorType is ${type}`,
  /** [I] */
  sequenceNumberNotNumeric: (seq: string): string => `Invalid SequenceNumber: ${seq} is not a decimal number`,
  /** [I] */
  sequenceNumberNotInShard: (seq: string, shardId: string): string => `Invalid SequenceNumber: ${seq} is not in shard ${shardId}`,
  /** [I] */
  shardFilterNeedsShardId: 'ShardFilter of type CHILD_SHARDS requires a ShardId',
})
