// The texts the services send for operation errors, in one table, each with its source: [STR] the streams
// reference (observed replies of DynamoDB), [L] DynamoDB Local, which runs AWS's own request validation, and [I]
// where no source gives the text and the wording is ours; the code, status and member named are the service's.

/** Operation error texts of DynamoDB Streams and of the stateless DynamoDB operations. */
export const OPERATION_TEXT = Object.freeze({
  /** [STR, L] */
  streamNotFound: (arn: string): string => `Requested resource not found: Stream: ${arn} not found`,
  /** [STR]; DynamoDB Local leaves out the "Requested resource not found: " prefix */
  shardNotFound: 'Requested resource not found: Shard does not exist',
  /** [STR] */
  iteratorShardNotFound: 'Invalid ShardId in ShardIterator',
  /** [STR] */
  trimmed: 'The data you are trying to access has been trimmed',
  /** [I] the exception is documented, its text is not */
  expired: 'Shard iterator has expired',
  /** [I] the ValidationException is observed [STR]; DynamoDB Local answers a ResourceNotFoundException instead */
  invalidStreamArn: (arn: string): string => `Invalid StreamArn: ${arn}`,
  /** [L] */
  invalidIterator: 'Invalid ShardIterator',
  /** [L] */
  sequenceNumberRequired: 'One or more parameter values were invalid: Invalid SequenceNumber',
  /** [L] */
  sequenceNumberRefused: 'One or more parameter values were invalid: SequenceNumber should not be passed for this iterator type',
  /** [L] the text DynamoDB Local sends for a missing one; for a malformed one it fails with an InternalFailure */
  sequenceNumberNotNumeric: 'One or more parameter values were invalid: Invalid SequenceNumber',
  /** [I] DynamoDB Local fails with an InternalFailure */
  sequenceNumberNotInShard: (seq: string, shardId: string): string => `Invalid SequenceNumber: ${seq} is not in shard ${shardId}`,
})
