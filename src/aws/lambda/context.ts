import type { Clock } from '../../index.js'

/** How an invocation ends through its context or callback: an error, or a response. */
export type InvocationSettler = (error: unknown, response: unknown) => void

/** The Lambda context a handler receives (`Context` of @types/aws-lambda). */
export interface LambdaContext {
  /** Whether Lambda would wait for the event loop to empty before freezing; kept for handlers that set it, no effect in process. */
  callbackWaitsForEmptyEventLoop: boolean
  readonly functionName: string
  readonly functionVersion: string
  readonly invokedFunctionArn: string
  readonly memoryLimitInMB: string
  readonly awsRequestId: string
  readonly logGroupName: string
  readonly logStreamName: string
  /** Milliseconds left before the function's timeout, on the store's clock (0 once passed). */
  getRemainingTimeInMillis(): number
  /** Ends the invocation as the callback would (the old runtimes' form). */
  done(error?: Error, result?: unknown): void
  /** Fails the invocation (the old runtimes' form). */
  fail(error: Error | string): void
  /** Ends the invocation with a response (the old runtimes' form). */
  succeed(messageOrObject: unknown, ignored?: unknown): void
}

/** What is fixed for the function: its names, version, memory and timeout. */
export interface FunctionIdentity {
  readonly functionName: string
  readonly functionArn: string
  readonly memorySize: number
  readonly timeoutMs: number
  readonly logStreamName: string
}

/**
 * A fresh context for one invocation.
 * @param identity the function's names, memory and timeout
 * @param requestId the invocation's id
 * @param clock the store's clock, on which the timeout counts down
 * @param settle ends the invocation (used by done, fail and succeed)
 * @returns the context handed to the handler
 */
export function createLambdaContext(identity: FunctionIdentity, requestId: string, clock: Clock, settle: InvocationSettler): LambdaContext {
  const deadline = clock.now() + identity.timeoutMs
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: identity.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: identity.functionArn,
    memoryLimitInMB: String(identity.memorySize),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${identity.functionName}`,
    logStreamName: identity.logStreamName,
    getRemainingTimeInMillis: () => Math.max(0, deadline - clock.now()),
    done: (error, result) => settle(error ?? null, result),
    fail: (error) => settle(error, undefined),
    // The two-argument form ignores its second argument, as the Node.js runtime does.
    succeed: (messageOrObject) => settle(null, messageOrObject),
  }
}

/**
 * The name of a log stream as Lambda makes one for a new execution environment: `YYYY/MM/DD/[$LATEST]` and 32 hex digits.
 * @param now epoch milliseconds
 * @param uuid a random UUID
 * @returns the log stream name
 */
export function logStreamNameOf(now: number, uuid: string): string {
  const day = new Date(now).toISOString().slice(0, 10).replace(/-/g, '/')
  return `${day}/[$LATEST]${uuid.replace(/-/g, '')}`
}
