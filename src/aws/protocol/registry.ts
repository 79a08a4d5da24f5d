import type { Store } from '../../index.js'
import type { JsonObject } from './input.js'

/** What an operation knows of the request besides its input. */
export interface OperationContext {
  readonly store: Store
  /** The region of the request's credential scope, or the store's when the request is unsigned. */
  readonly region: string
  /** The access key of the request's credential scope, when signed. */
  readonly accessKeyId?: string
}

/** One operation: the parsed input in, the output members out (absent optional members left out). */
export type Operation = (input: JsonObject, context: OperationContext) => JsonObject

/** The two services on one endpoint, by their `X-Amz-Target` prefix. */
export const SERVICE_TARGETS = Object.freeze({ dynamodb: 'DynamoDB_20120810', streams: 'DynamoDBStreams_20120810' })

/** Operations by their full target, such as `DynamoDBStreams_20120810.GetRecords`. */
export type OperationRegistry = ReadonlyMap<string, Operation>

/**
 * A registry of the operations of both services; a target named in two groups is a programming error.
 * @param groups operations by full target, one group per concern
 * @returns the registry
 */
export function createOperationRegistry(...groups: readonly { readonly [target: string]: Operation }[]): OperationRegistry {
  const operations = new Map<string, Operation>()
  for (const group of groups) {
    for (const [target, operation] of Object.entries(group)) {
      if (operations.has(target)) throw new Error(`Operation ${target} is registered twice`)
      operations.set(target, operation)
    }
  }
  return operations
}

/**
 * Names operations of one service by their full targets.
 * @param service the service's target prefix
 * @param operations operations by name (`GetRecords`)
 * @returns the operations by full target
 */
export function operationsOf(service: string, operations: { readonly [name: string]: Operation }): { readonly [target: string]: Operation } {
  return Object.fromEntries(Object.entries(operations).map(([name, op]) => [`${service}.${name}`, op]))
}
