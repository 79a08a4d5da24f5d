import type { AnyChangeRecord } from '../capture/record.js'
import type { FailureCondition } from './types.js'

/** The service caps an invocation's payload at 6 MB. */
export const MAX_BATCH_BYTES = 6 * 1024 * 1024

/** How one invocation ended, as the service reads it. */
export type Outcome =
  | { readonly kind: 'success'; readonly state?: Readonly<Record<string, unknown>>; readonly stateJson?: string }
  /** Records before `index` succeeded; the rest are retried. */
  | { readonly kind: 'partial'; readonly index: number; readonly state?: Readonly<Record<string, unknown>>; readonly stateJson?: string }
  | { readonly kind: 'failure'; readonly functionError: 'Unhandled' | null; readonly error: unknown }

/** Takes the next batch off `queue`: up to `batchSize` records and at most 6 MB of them (always at least one). */
export function takeBatch<E extends { readonly record: AnyChangeRecord }>(queue: E[], batchSize: number, accept: (entry: E) => boolean = () => true): E[] {
  let bytes = 0
  let n = 0
  while (n < queue.length && n < batchSize) {
    const entry = queue[n] as E
    const size = entry.record.sizeBytes
    if (n > 0 && (bytes + size > MAX_BATCH_BYTES || !accept(entry))) break
    bytes += size
    n++
  }
  return queue.splice(0, n)
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function malformed(message: string): Outcome {
  return { kind: 'failure', functionError: null, error: new Error(message) }
}

/**
 * Reads a handler's return value as the service does: without `reportBatchItemFailures` anything returned is success;
 * with it, the lowest reported sequence number splits the batch, and an identifier that is empty, missing, not a
 * string or not in the batch fails the whole batch. With tumbling windows a response without `state` fails.
 */
export function interpretResponse(response: unknown, sequenceNumbers: readonly string[], reportBatchItemFailures: boolean, tumbling: boolean): Outcome {
  let state: Readonly<Record<string, unknown>> | undefined
  if (tumbling) {
    if (!isPlainObject(response) || !isPlainObject(response.state)) return malformed('A tumbling-window handler must return an object with a state object')
    state = response.state
  }
  const withState = state === undefined ? {} : { state }
  if (!reportBatchItemFailures || response === undefined || response === null || Array.isArray(response)) return { kind: 'success', ...withState }
  if (!isPlainObject(response)) return malformed(`Invalid batch response: expected an object with batchItemFailures, received ${typeof response}`)
  const failures = response.batchItemFailures
  if (failures === undefined || failures === null) return { kind: 'success', ...withState }
  if (!Array.isArray(failures)) return malformed('Invalid batch response: expected batchItemFailures to be an array')
  let lowest = -1
  for (const failure of failures as unknown[]) {
    const id = isPlainObject(failure) ? failure.itemIdentifier : undefined
    const index = typeof id === 'string' && id !== '' ? sequenceNumbers.indexOf(id) : -1
    if (index < 0) return malformed(`Invalid batch response: itemIdentifier ${JSON.stringify(id) ?? 'undefined'} is not the sequence number of a record in the batch`)
    if (lowest < 0 || index < lowest) lowest = index
  }
  return lowest < 0 ? { kind: 'success', ...withState } : { kind: 'partial', index: lowest, ...withState }
}

/** What `runBatch` needs from the runner: invoking, waiting, and the three ways a record leaves. */
export interface BatchDriver<E> {
  readonly maximumRetryAttempts: number
  readonly bisect: boolean
  /** One invocation of the handler over `entries`; `attempt` counts invocations of this exact batch. */
  invoke(entries: readonly E[], attempt: number): Promise<Outcome>
  /** True when the record may no longer be delivered (older than the maximum record age, or past retention). */
  isExpired(entry: E): boolean
  /** The records succeeded (or were skipped by a success): they may be checkpointed. */
  succeeded(entries: readonly E[], outcome: Outcome): Promise<void>
  /** The records are given up on: to the on-failure destination, then checkpointed; false when the consumer stopped before the destination took them. */
  discard(entries: readonly E[], condition: FailureCondition, invokeCount: number, functionError: 'Unhandled' | null): Promise<boolean>
  /** True once the consumer is stopping: the batch ends after the invocation in flight. */
  stopped(): boolean
  /** Waits before retry number `retry`; false when the consumer stops meanwhile (the records stay unprocessed). */
  backoff(retry: number): Promise<boolean>
}

interface Work<E> {
  readonly entries: readonly E[]
  /** Invocations of this exact batch so far. */
  readonly attempts: number
  readonly lastError: 'Unhandled' | null
}

/**
 * Runs one batch to its end the way the event source mapping does: retry the same records (N retries = N + 1
 * invocations), bisect on a function error without spending a retry, retry from the lowest failed record after a
 * partial response (which counts as a failed attempt), and discard to the on-failure destination when retries run
 * out or records age out. Resolves true when every record left; false when the consumer stopped first.
 */
export async function runBatch<E>(entries: readonly E[], driver: BatchDriver<E>): Promise<boolean> {
  const work: Work<E>[] = [{ entries, attempts: 0, lastError: null }]
  while (work.length > 0) {
    if (driver.stopped()) return false
    const item = work.shift() as Work<E>
    if (item.attempts === 0) {
      // Records too old are never sent; the ones before them in the batch are older still.
      let fresh = 0
      while (fresh < item.entries.length && driver.isExpired(item.entries[fresh] as E)) fresh++
      if (fresh > 0) {
        if (!(await driver.discard(item.entries.slice(0, fresh), 'RecordAgeExceeded', 0, null))) return false
        if (fresh === item.entries.length) continue
        work.unshift({ entries: item.entries.slice(fresh), attempts: 0, lastError: null })
        continue
      }
    } else if (item.entries.some((e) => driver.isExpired(e))) {
      if (!(await driver.discard(item.entries, 'RecordAgeExceeded', item.attempts, item.lastError))) return false
      continue
    }
    const attempts = item.attempts + 1
    const outcome = await driver.invoke(item.entries, attempts)
    if (outcome.kind === 'success') {
      await driver.succeeded(item.entries, outcome)
      continue
    }
    let rest = item.entries
    let functionError: 'Unhandled' | null = null
    if (outcome.kind === 'partial') {
      await driver.succeeded(item.entries.slice(0, outcome.index), outcome)
      rest = item.entries.slice(outcome.index)
    } else {
      functionError = outcome.functionError
      if (driver.bisect && outcome.functionError !== null && rest.length > 1) {
        // Splitting is not a retry: each half starts a fresh count, first half first.
        const middle = Math.ceil(rest.length / 2)
        work.unshift({ entries: rest.slice(0, middle), attempts: 0, lastError: null }, { entries: rest.slice(middle), attempts: 0, lastError: null })
        continue
      }
    }
    if (driver.maximumRetryAttempts !== -1 && attempts > driver.maximumRetryAttempts) {
      if (!(await driver.discard(rest, 'RetryAttemptsExhausted', attempts, functionError))) return false
      continue
    }
    if (!(await driver.backoff(attempts))) return false
    work.unshift({ entries: rest, attempts, lastError: functionError })
  }
  return true
}
