import type { AnyChangeRecord, BatchContext, Consumer, ConsumerMetrics, ConsumerOptions, OnFailureRecord, Store } from '../../index.js'
import { describeValue, InvalidParameterValueException, isStreamtableError } from '../../core/errors.js'
import { createUuidSource } from '../../core/ids.js'
import { logStreamNameOf, type FunctionIdentity } from './context.js'
import { isFailureDestination } from './destination.js'
import { lambdaEvent } from './event.js'
import { invokeAcrossJson, type LambdaStreamHandler } from './invoke.js'
import { resolveMappingParams, type EventSourceMappingOptions, type EventSourceMappingParams, type OnFailureTarget, type ResolvedMappingParams } from './params.js'

/** What GetEventSourceMapping would say about a mapping: its parameters in Lambda's names, state and last result. */
export interface EventSourceMappingConfiguration {
  readonly UUID: string
  readonly EventSourceArn: string
  readonly FunctionArn: string
  readonly StartingPosition: 'TRIM_HORIZON' | 'LATEST'
  readonly BatchSize: number
  readonly MaximumBatchingWindowInSeconds: number
  readonly ParallelizationFactor: number
  readonly MaximumRetryAttempts: number
  readonly MaximumRecordAgeInSeconds: number
  readonly BisectBatchOnFunctionError: boolean
  readonly FunctionResponseTypes: readonly 'ReportBatchItemFailures'[]
  readonly TumblingWindowInSeconds: number
  readonly FilterCriteria?: { readonly Filters: readonly { readonly Pattern: string }[] }
  readonly DestinationConfig?: { readonly OnFailure: { readonly Destination: string } }
  readonly State: 'Enabled' | 'Disabled'
  readonly StateTransitionReason: 'User action'
  readonly LastProcessingResult: 'No records processed' | 'OK' | 'PROBLEM: Function call failed'
}

/** A running event source mapping: a Lambda handler on a stream of the store. */
export interface EventSourceMapping {
  readonly UUID: string
  readonly EventSourceArn: string
  readonly FunctionArn: string
  /** The native consumer that runs the mapping: metrics, pause, stop. */
  readonly consumer: Consumer
  /** The mapping's configuration, as GetEventSourceMapping returns it. */
  configuration(): EventSourceMappingConfiguration
  /** Enables a disabled mapping; it resumes after its last processed record. */
  enable(): void
  /** Disables the mapping (in-flight invocations finish); resolves once it stopped. Its position is kept. */
  disable(): Promise<void>
  /** The consumer's counters and lag. */
  metrics(): ConsumerMetrics
}

function streamNotFound(arn: string, why: string): InvalidParameterValueException {
  const serviceMessage = `Stream not found: ${arn}`
  return new InvalidParameterValueException(`${serviceMessage}; EventSourceArn: expected the ARN of a table's enabled stream in this store, received ${why}`, { serviceMessage, streamArn: arn })
}

/** The stream's table, checking that the ARN names the table's current, enabled stream. */
function tableOf(store: Store, arn: string) {
  let tableName: string
  try {
    tableName = store.getStream(arn).tableName
  } catch (error) {
    if (isStreamtableError(error) && error.code === 'ResourceNotFoundException') throw streamNotFound(arn, 'an ARN no stream of the store has')
    throw error
  }
  if (!store.listTables().includes(tableName)) throw streamNotFound(arn, `the stream of table ${tableName}, which was deleted`)
  const table = store.getTable(tableName)
  if (table.stream?.arn !== arn || table.stream.status() !== 'ENABLED') throw streamNotFound(arn, `a stream of table ${tableName} that is disabled`)
  return table
}

/** The native on-failure destination: the record crosses the JSON boundary to a queue, topic or function. */
function nativeDestination(target: OnFailureTarget): (failure: OnFailureRecord) => Promise<void> {
  return async (failure) => {
    const body = JSON.stringify(failure)
    if (isFailureDestination(target)) target.send(body)
    else await target(JSON.parse(body) as OnFailureRecord)
  }
}

function consumerOptionsOf(resolved: ResolvedMappingParams): ConsumerOptions<AnyChangeRecord> {
  return {
    startingPosition: resolved.startingPosition,
    batchSize: resolved.batchSize,
    maximumBatchingWindowMs: resolved.maximumBatchingWindowMs,
    parallelizationFactor: resolved.parallelizationFactor,
    maximumRetryAttempts: resolved.maximumRetryAttempts,
    maximumRecordAgeMs: resolved.maximumRecordAgeMs,
    bisectBatchOnFunctionError: resolved.bisectBatchOnFunctionError,
    reportBatchItemFailures: resolved.reportBatchItemFailures,
    tumblingWindowMs: resolved.tumblingWindowMs,
    filters: resolved.filters,
    enabled: resolved.enabled,
    ...(resolved.functionName === undefined ? {} : { name: resolved.functionName }),
    ...(resolved.onFailure === undefined ? {} : { onFailure: nativeDestination(resolved.onFailure) }),
  }
}

/**
 * Runs an unchanged Lambda handler on a stream of the store, as an event source mapping with CreateEventSourceMapping's
 * parameters would: the native runner does the batching, retries, bisecting, filters and windows; each invocation
 * gets the event and context Lambda sends, across a JSON boundary.
 * @param store the store holding the stream
 * @param params CreateEventSourceMapping's parameters (EventSourceArn, StartingPosition, BatchSize, …), in seconds
 * @param handler a `DynamoDBStreamHandler`, async or callback style
 * @param options the function's name, timeout (seconds) and memory (MB), for the context and the on-failure record
 * @returns the mapping, started unless `Enabled` is false
 * @example
 * const mapping = createEventSourceMapping(store, { EventSourceArn: orders.stream.arn, StartingPosition: 'TRIM_HORIZON' }, handler)
 */
export function createEventSourceMapping(store: Store, params: EventSourceMappingParams, handler: LambdaStreamHandler, options: EventSourceMappingOptions = {}): EventSourceMapping {
  if (typeof store !== 'object' || store === null || typeof store.consume !== 'function' || typeof store.getStream !== 'function') {
    throw new InvalidParameterValueException(`Invalid store: expected a store from createStore(), received ${describeValue(store)}`)
  }
  const resolved = resolveMappingParams(params, options)
  if (typeof handler !== 'function') {
    throw new InvalidParameterValueException(`Invalid handler: expected a function (event, context, callback?), received ${describeValue(handler)}`)
  }
  const arn = resolved.eventSourceArn
  const table = tableOf(store, arn)
  const uuid = createUuidSource()()
  let identity: FunctionIdentity | undefined
  let lastProcessingResult: EventSourceMappingConfiguration['LastProcessingResult'] = 'No records processed'

  async function invoke(records: readonly AnyChangeRecord[], context: BatchContext): Promise<unknown> {
    const event = lambdaEvent(records, { awsRegion: store.region, shardId: context.shardId, streamArn: context.streamArn }, context.window)
    try {
      const response = await invokeAcrossJson(handler, event, identity as FunctionIdentity, context.requestId, store.clock)
      lastProcessingResult = 'OK'
      return response
    } catch (error) {
      lastProcessingResult = 'PROBLEM: Function call failed'
      throw error
    }
  }

  let consumer: Consumer
  try {
    consumer = store.consume(table, invoke as never, consumerOptionsOf(resolved) as never)
  } catch (error) {
    // The patterns are compiled by the native consumer; Lambda reports a bad one in its own words.
    if (isStreamtableError(error) && error.code === 'ValidationException' && error.message.startsWith('Invalid filter pattern definition')) {
      const detail = error.message
        .replace(/ \(ValidationException\)$/, '')
        .replace(/^Invalid filter pattern definition: /, '')
        .replace(/^filters\[(\d+)\]/, 'FilterCriteria.Filters[$1].Pattern')
      throw new InvalidParameterValueException(`Invalid filter pattern definition.; ${detail}`, { serviceMessage: 'Invalid filter pattern definition.', cause: error })
    }
    throw error
  }
  const functionArn = `arn:aws:lambda:${store.region}:${store.accountId}:function:${consumer.name}`
  identity = Object.freeze({
    functionName: consumer.name,
    functionArn,
    memorySize: resolved.memorySize,
    timeoutMs: resolved.timeoutSeconds * 1000,
    logStreamName: logStreamNameOf(store.clock.now(), createUuidSource()()),
  })

  function configuration(): EventSourceMappingConfiguration {
    const onFailure = resolved.onFailure
    return Object.freeze({
      UUID: uuid,
      EventSourceArn: arn,
      FunctionArn: functionArn,
      StartingPosition: resolved.startingPosition,
      BatchSize: resolved.batchSize,
      MaximumBatchingWindowInSeconds: resolved.maximumBatchingWindowMs / 1000,
      ParallelizationFactor: resolved.parallelizationFactor,
      MaximumRetryAttempts: resolved.maximumRetryAttempts,
      MaximumRecordAgeInSeconds: resolved.maximumRecordAgeMs === -1 ? -1 : resolved.maximumRecordAgeMs / 1000,
      BisectBatchOnFunctionError: resolved.bisectBatchOnFunctionError,
      FunctionResponseTypes: Object.freeze(resolved.reportBatchItemFailures ? (['ReportBatchItemFailures'] as const) : []),
      TumblingWindowInSeconds: resolved.tumblingWindowMs / 1000,
      ...(resolved.filters.length === 0 ? {} : { FilterCriteria: { Filters: resolved.filters.map((Pattern) => ({ Pattern })) } }),
      ...(onFailure !== undefined && isFailureDestination(onFailure) ? { DestinationConfig: { OnFailure: { Destination: onFailure.arn } } } : {}),
      State: consumer.metrics().state === 'stopped' ? 'Disabled' : 'Enabled',
      StateTransitionReason: 'User action',
      LastProcessingResult: lastProcessingResult,
    })
  }

  return Object.freeze({
    UUID: uuid,
    EventSourceArn: arn,
    FunctionArn: functionArn,
    consumer,
    configuration,
    enable: () => consumer.start(),
    disable: () => consumer.stop(),
    metrics: () => consumer.metrics(),
  })
}
