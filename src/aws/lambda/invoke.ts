import { createLambdaContext, type FunctionIdentity, type LambdaContext } from './context.js'
import type { LambdaStreamEvent } from './event.js'
import type { Clock } from '../../index.js'

/** The callback a handler written in the callback style calls once: an error, or null and the response. */
export type LambdaCallback = (error?: unknown, response?: unknown) => void

/**
 * A Lambda handler for a DynamoDB stream, async or callback style: an unchanged
 * `Handler<DynamoDBStreamEvent, DynamoDBBatchResponse | void>` (`DynamoDBStreamHandler`) of @types/aws-lambda fits.
 */
export type LambdaStreamHandler = (event: LambdaStreamEvent, context: LambdaContext, callback: LambdaCallback) => void | Promise<unknown>

/** The error an invocation fails with when it outlives the function's timeout on the store's clock. */
export class TaskTimedOutError extends Error {
  override readonly name = 'Sandbox.Timedout'
}

/** The error an invocation fails with when its response cannot cross the JSON boundary, as the Node.js runtime reports it. */
export class ResponseSerializationError extends Error {
  override readonly name = 'Runtime.MalformedHandlerResponse'
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'
}

function asError(error: unknown): unknown {
  return typeof error === 'string' ? new Error(error) : error
}

/** Runs the handler in either style and resolves with what it responded: the promise's value, or what it called back with. */
function callHandler(handler: LambdaStreamHandler, event: LambdaStreamEvent, identity: FunctionIdentity, requestId: string, clock: Clock): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    let settled = false
    const settle = (error: unknown, response: unknown): void => {
      if (settled) return
      settled = true
      if (error !== null && error !== undefined) reject(asError(error))
      else resolve(response)
    }
    const context = createLambdaContext(identity, requestId, clock, settle)
    const returned = handler(event, context, (error, response) => settle(error, response))
    // As in the Node.js runtime: a promise's outcome ends the invocation; a handler that takes a callback ends it by
    // calling back; any other handler is done when it returns, with a null response whatever it returned.
    if (isThenable(returned)) returned.then((response) => settle(null, response), (error: unknown) => settle(error ?? new Error('Handler rejected without a reason'), undefined))
    else if (handler.length < 3) settle(null, null)
  })
}

/**
 * One invocation across the JSON boundary of the service. The event is built afresh for each invocation from values
 * JSON carries as they are (strings, whole numbers, booleans, plain objects and arrays), so it equals its own JSON
 * parse and shares nothing with the store or with another invocation; the response is serialised and parsed back,
 * so that a response JSON cannot carry fails the invocation and the service reads only what JSON kept.
 * @param handler the Lambda handler
 * @param event the event, fresh for this invocation
 * @param identity the function's names, memory and timeout
 * @param requestId the invocation's id
 * @param clock the store's clock
 * @returns the response as the service reads it (null for none)
 */
export async function invokeAcrossJson(handler: LambdaStreamHandler, event: LambdaStreamEvent, identity: FunctionIdentity, requestId: string, clock: Clock): Promise<unknown> {
  // The invocation counts as work until it ends, so that settle() waits for handlers doing real asynchronous work; the
  // timeout is a timer on the store's clock, which fails the invocation once the clock passes it.
  let cancelTimeout: () => void = () => undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    cancelTimeout = clock.setTimer(identity.timeoutMs, () => reject(new TaskTimedOutError(`Task timed out after ${(identity.timeoutMs / 1000).toFixed(2)} seconds`)))
  })
  let response: unknown
  try {
    response = await Promise.race([callHandler(handler, event, identity, requestId, clock), timeout])
  } finally {
    cancelTimeout()
  }
  let text: string | undefined
  try {
    text = JSON.stringify(response === undefined ? null : response)
  } catch (error) {
    throw new ResponseSerializationError(`Unable to stringify the handler's response: expected a value JSON can carry, received one JSON.stringify rejects (${(error as Error).message})`, { cause: error })
  }
  return text === undefined ? null : JSON.parse(text)
}
