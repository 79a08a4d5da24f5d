export { createStore, resolveStoreOptions, STORE_DEFAULTS } from './store.js'
export { systemClock } from './core/clock.js'
export { SHARD_DEFAULTS, RETENTION_MS, resolveShardOptions } from './log/stream.js'
export { VIEW_TYPES, TTL_IDENTITY } from './capture/record.js'
export { SHARD_ITERATOR_TYPES, ITERATOR_LIFETIME_MS } from './log/iterator.js'
export { MAX_ITEM_BYTES, MAX_NESTING_DEPTH } from './values/admission.js'
export { Decimal } from './values/number.js'
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
  RecursiveInvocationException,
  ResourceConflictException,
  IdempotentParameterMismatchException,
  InvalidParameterValueException,
} from './core/errors.js'

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
  ConsumedRecord,
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
  PutResult,
  ItemInput,
  UpdateRecipe,
  SortKeyCondition,
  QueryOptions,
  ScanOptions,
  Page,
  GlobalIndexDefinition,
  GlobalIndexDefinitions,
  LocalIndexDefinition,
  LocalIndexDefinitions,
  Projection,
  IndexDescription,
  IndexItem,
  IndexKey,
  IndexQueryOptions,
  IndexScanOptions,
  TableIndexes,
} from './write/table.js'
export { INDEX_LIMITS } from './storage/index-definition.js'
export type {
  BillingMode,
  TableClass,
  ProvisionedThroughput,
  ThroughputDescription,
  EncryptionSettings,
  TableSettings,
  TableSettingsDescription,
} from './write/table-settings.js'
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
} from './log/stream.js'
export type { ShardDescription, SequenceNumberRange } from './log/shard.js'
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
} from './capture/record.js'
export type { ShardIteratorType } from './log/iterator.js'
export type { Clock, CancelTimer, ClockWork } from './core/clock.js'
export type { AttributeValue, AttributeMap, Frozen } from './values/admission.js'
export type { KeyValue, KeyType, KeySchema } from './values/keys.js'
export type { NumberValue } from './values/number.js'
export type { Random } from './core/ids.js'
export type { ErrorCode, ErrorContext, CancellationReason } from './core/errors.js'
export { createMemoryCheckpointStore } from './consume/checkpoint-store.js'
export { CONSUMER_DEFAULTS, resolveConsumerOptions } from './consume/options.js'
export { BACKOFF_DEFAULTS } from './consume/retry.js'
export { FILTER_LIMITS } from './consume/filter.js'
export type { Checkpoint, CheckpointKey, CheckpointStore } from './consume/checkpoint-store.js'
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
  WindowBatchContext,
  WindowContext,
  WindowHandler,
  WindowResponse,
  WindowState,
} from './consume/types.js'
export type { ResolvedConsumerOptions } from './consume/options.js'
export type { BackoffOptions } from './consume/retry.js'
export type { FilterPattern } from './consume/filter.js'
