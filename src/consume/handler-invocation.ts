import type { AnyChangeRecord } from '../capture/record.js'
import type { Clock } from '../core/clock.js'
import { generationOf, runWritingGeneration } from '../log/write-generation.js'
import type { Activity } from './activity.js'
import { interpretResponse, type Outcome } from './invocation.js'
import type { BatchHandler, WindowContext } from './types.js'
import { serializeWindowState } from './window.js'

/** The counters an invocation moves. */
export interface InvocationCounters {
  invocations: number
  errors: number
  retries: number
  recordsDelivered: number
}

/** What calling the handler needs. */
export interface InvokerConfig<R> {
  readonly handler: BatchHandler<R, any>
  readonly clock: Clock
  readonly activity: Activity
  readonly handlerTimeoutMs: number
  readonly reportBatchItemFailures: boolean
  readonly tumbling: boolean
  readonly counters: InvocationCounters
}

/** One invocation of the handler over a batch of one shard. */
export interface InvocationRequest {
  readonly shardId: string
  readonly streamArn: string
  readonly records: readonly AnyChangeRecord[]
  readonly attempt: number
  readonly requestId: string
  readonly window: WindowContext | undefined
}

class HandlerTimeoutError extends Error {
  override readonly name = 'HandlerTimeoutError'
}

/**
 * Creates the function that invokes the handler as the service would: with its context and a timeout, reading its
 * response (and a window's state, as JSON) into an outcome. What the handler writes is one generation deeper than
 * the deepest record it handles.
 */
export function createInvoker<R>(config: InvokerConfig<R>): (request: InvocationRequest) => Promise<Outcome> {
  const { clock, activity, counters, handlerTimeoutMs } = config

  function call(records: readonly AnyChangeRecord[], context: object): Promise<unknown> {
    let generation = 0
    // By index: the batch is frozen, and for-of over a frozen array allocates a result object per record.
    for (let i = 0; i < records.length; i++) generation = Math.max(generation, generationOf(records[i] as AnyChangeRecord))
    return new Promise<unknown>((resolve) => resolve(runWritingGeneration(generation + 1, () => config.handler(records as unknown as readonly R[], context as never))))
  }

  return async function invoke({ shardId, streamArn, records, attempt, requestId, window }) {
    counters.invocations++
    counters.recordsDelivered += records.length
    if (attempt > 1) counters.retries++
    const controller = new AbortController()
    const context = Object.freeze({ shardId, streamArn, attempt, requestId, signal: controller.signal, ...(window === undefined ? {} : { window }) })
    const pending = call(records, context)
    let response: unknown
    try {
      if (handlerTimeoutMs > 0) {
        const timer = new AbortController()
        const timeout = clock.sleep(handlerTimeoutMs, timer.signal).then(() => {
          const error = new HandlerTimeoutError(`Handler timed out after ${handlerTimeoutMs} ms`)
          controller.abort(error)
          throw error
        })
        timeout.catch(() => undefined)
        pending.catch(() => undefined)
        try {
          // The clock can end this wait by itself (the timeout), so it counts as a wait on the clock, not as work.
          response = await activity.outside(Promise.race([pending, timeout]))
        } finally {
          timer.abort()
        }
      } else response = await pending
    } catch (error) {
      counters.errors++
      return { kind: 'failure', functionError: 'Unhandled', error }
    }
    const outcome = interpretResponse(
      response,
      records.map((r) => r.sequenceNumber),
      config.reportBatchItemFailures,
      config.tumbling,
    )
    if (outcome.kind === 'failure') {
      counters.errors++
      return outcome
    }
    let withState: Outcome = outcome
    if (config.tumbling) {
      try {
        withState = { ...outcome, stateJson: serializeWindowState(outcome.state) }
      } catch (error) {
        counters.errors++
        return { kind: 'failure', functionError: null, error }
      }
    }
    if (withState.kind !== 'success') counters.errors++
    return withState
  }
}
