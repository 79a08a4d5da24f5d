// How an error travels on the wire: `__type` with the namespace the service uses for that code, the message under
// the member name the service spells for it, and the HTTP status of its fault.
import { isStreamtableError } from '../../core/errors.js'
import { marshallItem } from '../../codec/attribute-value-json.js'
import type { AttributeMap } from '../../values/admission.js'

/** An error as the service sends it. */
export interface WireError {
  readonly status: number
  readonly code: string
  /** Absent for the protocol faults the service answers without a message. */
  readonly message?: string
  /** Members the model adds to some errors (`CancellationReasons`, `Item`). */
  readonly extra?: { readonly [name: string]: unknown }
}

const MODELLED = 'com.amazonaws.dynamodb.v20120810#'
const FRAMEWORK = 'com.amazon.coral.service#'
const VALIDATE = 'com.amazon.coral.validate#'

const FRAMEWORK_CODES: ReadonlySet<string> = new Set([
  'SerializationException',
  'UnknownOperationException',
  'MissingAuthenticationTokenException',
  'IncompleteSignatureException',
  'InvalidSignatureException',
  'UnrecognizedClientException',
  'AccessDeniedException',
  'RequestEntityTooLargeException',
  'RequestTimeoutException',
])

// The model spells these errors' message member with a capital M; every other error uses `message`.
const CAPITAL_MESSAGE: ReadonlySet<string> = new Set([
  'TransactionCanceledException',
  'IdempotentParameterMismatchException',
  'TransactionInProgressException',
  'SerializationException',
])

/** The service's `__type` of an error code. */
export function errorType(code: string): string {
  if (code === 'ValidationException') return `${VALIDATE}${code}`
  return `${FRAMEWORK_CODES.has(code) ? FRAMEWORK : MODELLED}${code}`
}

/** The HTTP status the service answers an error code with. */
export function errorStatus(code: string): number {
  if (code === 'InternalServerError') return 500
  if (code === 'ReplicatedWriteConflictException') return 409
  if (code === 'RequestEntityTooLargeException') return 413
  if (code === 'RequestTimeoutException') return 408
  return 400
}

/** The JSON body of a wire error. */
export function errorBody(error: WireError): { readonly [name: string]: unknown } {
  const body: Record<string, unknown> = { __type: errorType(error.code) }
  if (error.message !== undefined) body[CAPITAL_MESSAGE.has(error.code) ? 'Message' : 'message'] = error.message
  if (error.extra !== undefined) Object.assign(body, error.extra)
  return body
}

/** A wire error of `code`, with the service's status for it. */
export function wireError(code: string, message?: string, extra?: WireError['extra']): WireError {
  return { status: errorStatus(code), code, ...(message === undefined ? {} : { message }), ...(extra === undefined ? {} : { extra }) }
}

/**
 * The wire form of anything an operation threw. A streamtable error keeps its code and the service's text: its
 * `serviceMessage` where the layer that threw it knew that text, else its message without the ` (Code)` suffix
 * native messages carry; anything else is a fault of ours and goes out as the service's InternalServerError.
 */
export function toWireError(error: unknown): WireError {
  if (isStreamtableError(error)) {
    const suffix = ` (${error.code})`
    const message = error.serviceMessage ?? (error.message.endsWith(suffix) ? error.message.slice(0, -suffix.length) : error.message)
    if (error.code === 'TransactionCanceledException') {
      const reasons = (error as unknown as { cancellationReasons: readonly { code: string; message?: string; item?: unknown }[] }).cancellationReasons
      return wireError(error.code, message, {
        CancellationReasons: reasons.map((r) => ({
          Code: r.code,
          ...(r.message === undefined ? {} : { Message: r.message }),
          ...(r.item === undefined ? {} : { Item: marshallItem(r.item as AttributeMap) }),
        })),
      })
    }
    const item = error.code === 'ConditionalCheckFailedException' ? (error as unknown as { item?: AttributeMap }).item : undefined
    return wireError(error.code, message, item === undefined ? undefined : { Item: marshallItem(item) })
  }
  return wireError('InternalServerError', 'Internal server error')
}
