export { createStore, resolveStoreOptions, STORE_DEFAULTS } from './store.js'
export { systemClock } from './clock.js'
export { SHARD_DEFAULTS, RETENTION_MS, resolveShardOptions } from './stream.js'
export { VIEW_TYPES, TTL_IDENTITY } from './change.js'
export { SHARD_ITERATOR_TYPES, ITERATOR_LIFETIME_MS } from './iterator.js'
export { MAX_ITEM_BYTES, MAX_NESTING_DEPTH } from './attribute.js'
export {
  StreamtableError,
  isStreamtableError,
  ValidationException,
  ConditionalCheckFailedException,
  ResourceNotFoundException,
  ResourceInUseException,
  TransactionCanceledException,
  ExpiredIteratorException,
  TrimmedDataAccessException,
  LimitExceededException,
} from './errors.js'

export type {
  Store,
  StoreOptions,
  ResolvedStoreOptions,
  TransactionBuilder,
  TransactWriteOptions,
  BatchWriteBuilder,
  MultiWriteResult,
  StreamSummary,
  ListStreamsOptions,
  ListStreamsResult,
} from './store.js'
export type {
  Table,
  TableOptions,
  TableDescription,
  TableRecord,
  StreamSpecification,
  KeyAttributeName,
  ItemKey,
  Condition,
  WriteOptions,
  WriteResult,
  UpdateRecipe,
  SortKeyCondition,
  QueryOptions,
  ScanOptions,
  Page,
} from './table.js'
export type {
  ChangeStream,
  StreamStatus,
  ShardOptions,
  StreamDescription,
  StreamKeySchema,
  DescribeOptions,
  GetShardIteratorOptions,
  GetRecordsResult,
  ReadOptions,
} from './stream.js'
export type { ShardDescription, SequenceNumberRange } from './shard.js'
export type {
  ChangeRecord,
  ChangeRecordBase,
  InsertRecord,
  ModifyRecord,
  DeleteRecord,
  AnyChangeRecord,
  EventName,
  ViewType,
  UserIdentity,
} from './change.js'
export type { ShardIteratorType } from './iterator.js'
export type { Clock, CancelTimer } from './clock.js'
export type { AttributeValue, AttributeMap, Frozen } from './attribute.js'
export type { KeyValue, KeyType, KeySchema } from './keys.js'
export type { Random } from './ids.js'
export type { ErrorCode, ErrorContext, CancellationReason } from './errors.js'
export { createMemoryCheckpointStore } from './checkpoint.js'
export { CONSUMER_DEFAULTS, resolveConsumerOptions } from './consumer-options.js'
export { BACKOFF_DEFAULTS } from './retry.js'
export { FILTER_LIMITS } from './filter.js'
export type { Checkpoint, CheckpointKey, CheckpointStore } from './checkpoint.js'
export type {
  BatchContext,
  BatchHandler,
  BatchItemFailuresResponse,
  BatchResult,
  Consumer,
  ConsumerMetrics,
  ConsumerOptions,
  FailureCondition,
  IteratorAgeAlarm,
  IteratorAgeAlarmEvent,
  OnFailureDestination,
  OnFailureRecord,
  ShardMetrics,
  WindowContext,
  WindowResponse,
} from './consumer.js'
export type { ResolvedConsumerOptions } from './consumer-options.js'
export type { BackoffOptions } from './retry.js'
export type { FilterPattern } from './filter.js'
