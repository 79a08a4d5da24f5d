import { createMemoryCheckpointStore, type CheckpointStore } from './checkpoint-store.js'
import type { ConsumerOptions, IteratorAgeAlarm, OnFailureDestination } from './types.js'
import { checkOptionNames, invalidOption } from '../core/errors.js'
import { compileFilters, FILTER_LIMITS, type RecordFilter } from './filter.js'
import { resolveBackoffOptions, type BackoffOptions } from './retry.js'

/** Defaults of the optional consumer options: the service's, with seconds turned into milliseconds. */
export const CONSUMER_DEFAULTS = Object.freeze({
  batchSize: 100,
  maximumBatchingWindowMs: 0,
  maximumRetryAttempts: -1,
  maximumRecordAgeMs: -1,
  bisectBatchOnFunctionError: false,
  reportBatchItemFailures: false,
  parallelizationFactor: 1,
  tumblingWindowMs: 0,
  maximumCascadeDepth: 16,
  enabled: true,
  handlerTimeoutMs: 0,
  name: 'consumer',
})

const CONSUMER_OPTION_NAMES: ReadonlySet<string> = new Set([
  'startingPosition', 'batchSize', 'maximumBatchingWindowMs', 'maximumRetryAttempts', 'maximumRecordAgeMs', 'bisectBatchOnFunctionError',
  'reportBatchItemFailures', 'onFailure', 'parallelizationFactor', 'tumblingWindowMs', 'maximumCascadeDepth', 'filters', 'enabled', 'handlerTimeoutMs', 'name',
  'checkpointStore', 'backoff', 'iteratorAgeAlarm', 'onError',
])

/** Consumer options filled and checked; filters compiled. */
export interface ResolvedConsumerOptions<R> {
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST'
  readonly batchSize: number
  readonly maximumBatchingWindowMs: number
  readonly maximumRetryAttempts: number
  readonly maximumRecordAgeMs: number
  readonly bisectBatchOnFunctionError: boolean
  readonly reportBatchItemFailures: boolean
  readonly onFailure: OnFailureDestination<R> | undefined
  readonly parallelizationFactor: number
  readonly tumblingWindowMs: number
  readonly maximumCascadeDepth: number
  readonly filter: RecordFilter | undefined
  readonly enabled: boolean
  readonly handlerTimeoutMs: number
  readonly name: string
  readonly checkpointStore: CheckpointStore
  readonly backoff: BackoffOptions
  readonly iteratorAgeAlarm: IteratorAgeAlarm | undefined
  readonly onError: ((error: unknown) => void) | undefined
}

const SECOND = 1000
const DAY = 24 * 60 * 60 * SECOND

function integerIn(name: string, value: unknown, min: number, max: number, note = ''): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) throw invalidOption(name, `an integer from ${min} to ${max}${note}`, value)
  return value as number
}

// Only a missing option takes its default: an explicit null is a wrong value, reported as such.
function orDefault<T>(value: T | undefined, fallback: T): T {
  return value === undefined ? fallback : value
}

function boolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalidOption(name, 'true or false', value)
  return value
}

function cascadeDepth(value: unknown): number {
  if (value === -1) return -1
  return integerIn('maximumCascadeDepth', value, 1, 10_000, ' (or -1 for no limit)')
}

/** Fills and validates consumer options; a bad value is a ValidationException naming the option, its range and what was received. */
export function resolveConsumerOptions<R>(user: ConsumerOptions<R>): ResolvedConsumerOptions<R> {
  if (typeof user !== 'object' || user === null) throw invalidOption('consumer options', 'an object with at least startingPosition', user)
  checkOptionNames(user, CONSUMER_OPTION_NAMES, 'consumer')
  const d = CONSUMER_DEFAULTS
  const startingPosition = user.startingPosition as unknown
  if (startingPosition !== 'TRIM_HORIZON' && startingPosition !== 'LATEST') {
    throw invalidOption('startingPosition', 'TRIM_HORIZON or LATEST (required; a DynamoDB stream accepts no other position)', startingPosition)
  }
  const maximumRecordAgeMs = orDefault(user.maximumRecordAgeMs, d.maximumRecordAgeMs)
  if (maximumRecordAgeMs !== -1 && (!Number.isInteger(maximumRecordAgeMs) || maximumRecordAgeMs < 60 * SECOND || maximumRecordAgeMs > 7 * DAY)) {
    throw invalidOption('maximumRecordAgeMs', `-1 or an integer from ${60 * SECOND} to ${7 * DAY} (60 s to 7 days)`, maximumRecordAgeMs)
  }
  const filters = orDefault<unknown>(user.filters, [])
  if (!Array.isArray(filters) || filters.length > FILTER_LIMITS.maxFilters) {
    throw invalidOption('filters', `an array of at most ${FILTER_LIMITS.maxFilters} patterns`, filters)
  }
  const onFailure = user.onFailure
  if (onFailure !== undefined && typeof onFailure !== 'function') throw invalidOption('onFailure', 'a function receiving the failure record and the records', onFailure)
  const name = orDefault(user.name, d.name)
  if (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name)) throw invalidOption('name', '1 to 64 characters of a-z, A-Z, 0-9, _ and - (as a function name)', name)
  const checkpointStore = user.checkpointStore === undefined ? createMemoryCheckpointStore() : user.checkpointStore
  if (typeof checkpointStore !== 'object' || checkpointStore === null || typeof checkpointStore.get !== 'function' || typeof checkpointStore.set !== 'function') {
    throw invalidOption('checkpointStore', 'an object with get(key) and set(key, checkpoint)', checkpointStore)
  }
  const alarm = user.iteratorAgeAlarm
  if (alarm !== undefined) {
    if (typeof alarm !== 'object' || alarm === null || typeof alarm.onChange !== 'function') throw invalidOption('iteratorAgeAlarm', 'an object with thresholdMs and onChange', alarm)
    integerIn('iteratorAgeAlarm.thresholdMs', alarm.thresholdMs, 0, 7 * DAY)
  }
  if (user.onError !== undefined && typeof user.onError !== 'function') throw invalidOption('onError', 'a function', user.onError)
  return Object.freeze({
    startingPosition,
    batchSize: integerIn('batchSize', orDefault(user.batchSize, d.batchSize), 1, 10_000),
    maximumBatchingWindowMs: integerIn('maximumBatchingWindowMs', orDefault(user.maximumBatchingWindowMs, d.maximumBatchingWindowMs), 0, 300 * SECOND, ' (0 to 300 s)'),
    maximumRetryAttempts: integerIn('maximumRetryAttempts', orDefault(user.maximumRetryAttempts, d.maximumRetryAttempts), -1, 10_000, ' (-1 retries until the records expire)'),
    maximumRecordAgeMs,
    bisectBatchOnFunctionError: boolean('bisectBatchOnFunctionError', orDefault(user.bisectBatchOnFunctionError, d.bisectBatchOnFunctionError)),
    reportBatchItemFailures: boolean('reportBatchItemFailures', orDefault(user.reportBatchItemFailures, d.reportBatchItemFailures)),
    onFailure,
    parallelizationFactor: integerIn('parallelizationFactor', orDefault(user.parallelizationFactor, d.parallelizationFactor), 1, 10),
    tumblingWindowMs: integerIn('tumblingWindowMs', orDefault(user.tumblingWindowMs, d.tumblingWindowMs), 0, 900 * SECOND, ' (0 to 900 s)'),
    maximumCascadeDepth: cascadeDepth(orDefault(user.maximumCascadeDepth, d.maximumCascadeDepth)),
    filter: compileFilters(filters),
    enabled: boolean('enabled', orDefault(user.enabled, d.enabled)),
    handlerTimeoutMs: integerIn('handlerTimeoutMs', orDefault(user.handlerTimeoutMs, d.handlerTimeoutMs), 0, 900 * SECOND, ' (0 is no timeout; the service allows 15 minutes)'),
    name,
    checkpointStore,
    backoff: resolveBackoffOptions(user.backoff),
    iteratorAgeAlarm: alarm,
    onError: user.onError,
  })
}
