import { describeValue, InvalidParameterValueException } from '../../core/errors.js'
import { parseStreamArn } from '../../core/ids.js'
import { isFailureDestination, type FailureDestination, type FailureDestinationFunction } from './destination.js'

/** Where failed batches go: an in-process queue or topic, or a function. */
export type OnFailureTarget = FailureDestination | FailureDestinationFunction

/** The parameters of Lambda's CreateEventSourceMapping that apply to a DynamoDB stream, with their names and units (seconds). */
export interface EventSourceMappingParams {
  /** The stream's ARN (not the table's). */
  readonly EventSourceArn: string
  /** Required for a DynamoDB stream: TRIM_HORIZON or LATEST. */
  readonly StartingPosition: 'TRIM_HORIZON' | 'LATEST'
  /** Records per invocation, 1 to 10,000 (default 100). */
  readonly BatchSize?: number
  /** Seconds to gather records before invoking, 0 to 300 (default 0). */
  readonly MaximumBatchingWindowInSeconds?: number
  /** Batches of one shard in flight at once, 1 to 10 (default 1). */
  readonly ParallelizationFactor?: number
  /** Retries of a failed batch, -1 (default: until the records expire) to 10,000. */
  readonly MaximumRetryAttempts?: number
  /** Records older than this are discarded: -1 (default) or 60 to 604,800 seconds. */
  readonly MaximumRecordAgeInSeconds?: number
  /** Split a failing batch in two and retry each half (default false). */
  readonly BisectBatchOnFunctionError?: boolean
  /** `['ReportBatchItemFailures']` to honour `batchItemFailures` responses (default none). */
  readonly FunctionResponseTypes?: readonly 'ReportBatchItemFailures'[]
  /** Tumbling window length in seconds, 0 (default, off) to 900. */
  readonly TumblingWindowInSeconds?: number
  /** Up to 5 event patterns, each a JSON string of at most 4,096 characters. */
  readonly FilterCriteria?: { readonly Filters?: readonly { readonly Pattern?: string }[] }
  /** Where the records of discarded batches are reported: in process, a destination object or a function. */
  readonly DestinationConfig?: { readonly OnFailure?: { readonly Destination?: OnFailureTarget } }
  /** False creates the mapping disabled (default true). */
  readonly Enabled?: boolean
}

/** The function the mapping invokes, as its configuration names it. */
export interface EventSourceMappingOptions {
  /** The function's name, 1 to 64 of a-z, A-Z, 0-9, _ and - (default: the consumer's default name). */
  readonly FunctionName?: string
  /** The function's timeout in seconds, 1 to 900 (default 3, as Lambda's). */
  readonly Timeout?: number
  /** The function's memory in MB, 128 to 10,240 (default 128, as Lambda's). */
  readonly MemorySize?: number
}

/** The parameters checked, in the native consumer's terms. */
export interface ResolvedMappingParams {
  readonly eventSourceArn: string
  readonly startingPosition: 'TRIM_HORIZON' | 'LATEST'
  readonly batchSize: number
  readonly maximumBatchingWindowMs: number
  readonly parallelizationFactor: number
  readonly maximumRetryAttempts: number
  readonly maximumRecordAgeMs: number
  readonly bisectBatchOnFunctionError: boolean
  readonly reportBatchItemFailures: boolean
  readonly tumblingWindowMs: number
  readonly filters: readonly string[]
  readonly onFailure: OnFailureTarget | undefined
  readonly enabled: boolean
  readonly functionName: string | undefined
  readonly timeoutSeconds: number
  readonly memorySize: number
}

/** Lambda's defaults for a DynamoDB stream, in its units. */
export const EVENT_SOURCE_MAPPING_DEFAULTS = Object.freeze({
  BatchSize: 100,
  MaximumBatchingWindowInSeconds: 0,
  ParallelizationFactor: 1,
  MaximumRetryAttempts: -1,
  MaximumRecordAgeInSeconds: -1,
  BisectBatchOnFunctionError: false,
  TumblingWindowInSeconds: 0,
  Enabled: true,
  Timeout: 3,
  MemorySize: 128,
})

/** Lambda's limits on the filters of one mapping. */
export const MAPPING_FILTER_LIMITS = Object.freeze({ maxFilters: 5, maxPatternLength: 4096 })

const PARAM_NAMES: ReadonlySet<string> = new Set([
  'EventSourceArn', 'StartingPosition', 'BatchSize', 'MaximumBatchingWindowInSeconds', 'ParallelizationFactor', 'MaximumRetryAttempts',
  'MaximumRecordAgeInSeconds', 'BisectBatchOnFunctionError', 'FunctionResponseTypes', 'TumblingWindowInSeconds', 'FilterCriteria', 'DestinationConfig', 'Enabled',
])
const OPTION_NAMES: ReadonlySet<string> = new Set(['FunctionName', 'Timeout', 'MemorySize'])

function invalid(name: string, serviceMessage: string, expected: string, received: unknown): InvalidParameterValueException {
  return new InvalidParameterValueException(`${serviceMessage}; ${name}: expected ${expected}, received ${describeValue(received)}`, { serviceMessage })
}

function integerIn(name: string, value: unknown, min: number, max: number, serviceMessage: string): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) throw invalid(name, serviceMessage, `an integer from ${min} to ${max}`, value)
  return value as number
}

function booleanParam(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean') throw invalid(name, `${name} must be a boolean`, 'true or false', value)
  return value
}

function checkNames(value: object, known: ReadonlySet<string>, what: string): void {
  for (const name of Object.keys(value)) {
    if (!known.has(name)) {
      throw new InvalidParameterValueException(`Unsupported ${what} "${name}": expected one of ${[...known].join(', ')} (the parameters that apply to a DynamoDB stream)`)
    }
  }
}

function startingPosition(value: unknown): 'TRIM_HORIZON' | 'LATEST' {
  if (value === 'TRIM_HORIZON' || value === 'LATEST') return value
  if (value === undefined) throw invalid('StartingPosition', 'StartingPosition must be specified for a DynamoDB stream event source', 'TRIM_HORIZON or LATEST', value)
  throw invalid('StartingPosition', `Unsupported starting position ${String(value)} for a DynamoDB stream event source`, 'TRIM_HORIZON or LATEST (AT_TIMESTAMP is for Kinesis and Kafka)', value)
}

function recordAge(value: unknown): number {
  if (value === -1) return -1
  return integerIn('MaximumRecordAgeInSeconds', value, 60, 604_800, 'MaximumRecordAgeInSeconds must be -1 or between 60 and 604800 inclusive')
}

function responseTypes(value: unknown): boolean {
  if (!Array.isArray(value) || value.length > 1 || value.some((v) => v !== 'ReportBatchItemFailures')) {
    throw invalid('FunctionResponseTypes', 'FunctionResponseTypes must be an empty list or contain only ReportBatchItemFailures', "[] or ['ReportBatchItemFailures']", value)
  }
  return value.length === 1
}

function filterPatterns(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('FilterCriteria', 'Invalid filter pattern definition.', 'an object with Filters', value)
  checkNames(value, new Set(['Filters']), 'FilterCriteria member')
  const filters = (value as { Filters?: unknown }).Filters ?? []
  if (!Array.isArray(filters)) throw invalid('FilterCriteria.Filters', 'Invalid filter pattern definition.', 'an array of { Pattern }', filters)
  if (filters.length > MAPPING_FILTER_LIMITS.maxFilters) {
    throw invalid('FilterCriteria.Filters', `The number of filters must not exceed ${MAPPING_FILTER_LIMITS.maxFilters}`, `at most ${MAPPING_FILTER_LIMITS.maxFilters} filters`, filters)
  }
  return filters.map((filter: unknown, i) => {
    const pattern = typeof filter === 'object' && filter !== null ? (filter as { Pattern?: unknown }).Pattern : undefined
    if (typeof pattern !== 'string' || pattern.length > MAPPING_FILTER_LIMITS.maxPatternLength) {
      throw invalid(`FilterCriteria.Filters[${i}].Pattern`, 'Invalid filter pattern definition.', `a JSON string of at most ${MAPPING_FILTER_LIMITS.maxPatternLength} characters`, pattern)
    }
    return pattern
  })
}

function onFailureTarget(value: unknown): OnFailureTarget | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid('DestinationConfig', 'Invalid DestinationConfig', 'an object with OnFailure', value)
  if ('OnSuccess' in value) throw invalid('DestinationConfig.OnSuccess', 'Unsupported DestinationConfig parameter for given event source mapping type.', 'no OnSuccess (a stream mapping only has OnFailure)', (value as { OnSuccess?: unknown }).OnSuccess)
  checkNames(value, new Set(['OnFailure']), 'DestinationConfig member')
  const onFailure = (value as { OnFailure?: unknown }).OnFailure
  if (onFailure === undefined) return undefined
  if (typeof onFailure !== 'object' || onFailure === null) throw invalid('DestinationConfig.OnFailure', 'Invalid DestinationConfig', 'an object with Destination', onFailure)
  const destination = (onFailure as { Destination?: unknown }).Destination
  if (destination === undefined || typeof destination === 'function' || isFailureDestination(destination)) return destination as OnFailureTarget | undefined
  throw invalid(
    'DestinationConfig.OnFailure.Destination',
    'Invalid DestinationConfig',
    'a destination from createFailureDestination() or a function receiving each failure record (in process there is no queue or topic behind an ARN)',
    destination,
  )
}

/**
 * Checks the parameters with Lambda's ranges and messages (an InvalidParameterValueException naming the parameter)
 * and turns them into the native consumer's units.
 * @param params CreateEventSourceMapping's parameters
 * @param options the function's name, timeout and memory
 * @returns the parameters in milliseconds and native names
 */
export function resolveMappingParams(params: EventSourceMappingParams, options: EventSourceMappingOptions = {}): ResolvedMappingParams {
  if (typeof params !== 'object' || params === null) throw invalid('the parameters', 'Invalid event source mapping parameters', 'an object with EventSourceArn and StartingPosition', params)
  if (typeof options !== 'object' || options === null) throw invalid('the options', 'Invalid function options', 'an object with FunctionName, Timeout or MemorySize', options)
  checkNames(params, PARAM_NAMES, 'parameter')
  checkNames(options, OPTION_NAMES, 'function option')
  const d = EVENT_SOURCE_MAPPING_DEFAULTS
  const arn: unknown = params.EventSourceArn
  if (typeof arn !== 'string' || parseStreamArn(arn) === undefined) {
    throw invalid('EventSourceArn', 'Invalid EventSourceArn', 'a DynamoDB stream ARN (arn:aws:dynamodb:{region}:{account}:table/{name}/stream/{label})', arn)
  }
  const name: unknown = options.FunctionName
  if (name !== undefined && (typeof name !== 'string' || !/^[a-zA-Z0-9_-]{1,64}$/.test(name))) {
    throw invalid('FunctionName', 'Invalid FunctionName', '1 to 64 characters of a-z, A-Z, 0-9, _ and -', name)
  }
  const window = integerIn('MaximumBatchingWindowInSeconds', params.MaximumBatchingWindowInSeconds ?? d.MaximumBatchingWindowInSeconds, 0, 300, 'Maximum batch window in seconds must be between 0 and 300 inclusive')
  return Object.freeze({
    eventSourceArn: arn,
    startingPosition: startingPosition(params.StartingPosition),
    batchSize: integerIn('BatchSize', params.BatchSize ?? d.BatchSize, 1, 10_000, 'Maximum batch size must be between 1 and 10000 inclusive'),
    maximumBatchingWindowMs: window * 1000,
    parallelizationFactor: integerIn('ParallelizationFactor', params.ParallelizationFactor ?? d.ParallelizationFactor, 1, 10, 'ParallelizationFactor must be between 1 and 10 inclusive'),
    maximumRetryAttempts: integerIn('MaximumRetryAttempts', params.MaximumRetryAttempts ?? d.MaximumRetryAttempts, -1, 10_000, 'MaximumRetryAttempts must be between -1 and 10000 inclusive'),
    maximumRecordAgeMs: ((age) => (age === -1 ? -1 : age * 1000))(recordAge(params.MaximumRecordAgeInSeconds ?? d.MaximumRecordAgeInSeconds)),
    bisectBatchOnFunctionError: booleanParam('BisectBatchOnFunctionError', params.BisectBatchOnFunctionError ?? d.BisectBatchOnFunctionError),
    reportBatchItemFailures: responseTypes(params.FunctionResponseTypes ?? []),
    tumblingWindowMs: integerIn('TumblingWindowInSeconds', params.TumblingWindowInSeconds ?? d.TumblingWindowInSeconds, 0, 900, 'TumblingWindowInSeconds must be between 0 and 900 inclusive') * 1000,
    filters: params.FilterCriteria === undefined ? [] : filterPatterns(params.FilterCriteria),
    onFailure: onFailureTarget(params.DestinationConfig),
    enabled: booleanParam('Enabled', params.Enabled ?? d.Enabled),
    functionName: name as string | undefined,
    timeoutSeconds: integerIn('Timeout', options.Timeout ?? d.Timeout, 1, 900, 'Timeout must be between 1 and 900 seconds inclusive'),
    memorySize: integerIn('MemorySize', options.MemorySize ?? d.MemorySize, 128, 10_240, 'MemorySize must be between 128 and 10240 MB inclusive'),
  })
}
