// The one door of both services: an HTTP-shaped request (method, headers, body text) in, the service's answer out.
// The SDK request handler and the HTTP server both go through it, so transport faults are answered one way.
import type { Store } from '../../index.js'
import { encodeCborTextMap, isCborRequest } from './cbor.js'
import { crc32 } from './crc32.js'
import { isJsonObject, type JsonObject } from './input.js'
import { answerBytes } from './json-piece.js'
import type { DispatchReport, RequestGuard } from './guard.js'
import type { OperationContext, OperationRegistry } from './registry.js'
import { createRequestIds } from './request-id.js'
import { errorBody, errorType, toWireError, wireError, type WireError } from './wire-error.js'

/** A request as the transport received it; header names in lower case. */
export interface WireRequest {
  /** `POST` when absent. */
  readonly method?: string
  /** The path with its query string; `/` when absent. */
  readonly path?: string
  readonly headers: { readonly [name: string]: string | undefined }
  readonly body: string | Uint8Array
}

/** The answer to send: status, lower-case headers, and the exact body bytes the checksum covers. */
export interface WireResponse {
  readonly status: number
  readonly headers: { readonly [name: string]: string }
  readonly body: Uint8Array
}

/** Answers requests of both services against one store. */
export type Dispatcher = (request: WireRequest) => WireResponse

/** What a transport adds to the dispatcher: a guard in front of the operations and a report of each answer. */
export interface DispatcherOptions {
  /** Runs after the service's own signature-shape checks; its fault is the answer. */
  readonly guard?: RequestGuard
  /** Called once per answered request, after the operation ran. */
  readonly report?: (report: DispatchReport) => void
}

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0'
const CBOR_REFUSAL =
  'The Smithy RPC v2 CBOR protocol is not supported: streamtable speaks awsJson1_0 (X-Amz-Target header, application/x-amz-json-1.0 body), the protocol the DynamoDB and DynamoDB Streams clients use by default'
const encoder = new TextEncoder()
const decoder = new TextDecoder()

/** True for a text of JSON whitespace only (or none); read before every parse, so a body's first character decides. */
function isBlank(text: string): boolean {
  if (text.length === 0) return true
  const first = text.charCodeAt(0)
  return first <= 32 && text.trim() === ''
}

function contentTypeOf(headers: WireRequest['headers']): string {
  const value = headers['content-type']
  // The SDKs send exactly this; anything else is normalised.
  if (value === JSON_CONTENT_TYPE) return value
  return (value ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

/** The access key and region of a SigV4 `Authorization` header's credential scope. */
function credentialScope(authorization: string): { accessKeyId: string; region: string } | undefined {
  const match = /Credential=([^/,\s]+)\/\d{8}\/([^/,\s]+)\//.exec(authorization)
  return match === null ? undefined : { accessKeyId: match[1] as string, region: match[2] as string }
}

const SIGNATURE_PARTS: readonly (readonly [string, RegExp])[] = ['Credential', 'Signature', 'SignedHeaders'].map((part) => [part, new RegExp(`\\b${part}=`)] as const)

// What the Authorization header alone decides: the parts it lacks and its credential scope. A client signs every
// request of a day with the same scope and signed headers, so only the signature at the end differs: the shape read
// last is kept with the header up to its signature, and a header that extends that text has the same shape.
interface AuthorizationShape {
  readonly missingParts: string
  readonly scope: { accessKeyId: string; region: string } | undefined
}
let lastAuthorization: (AuthorizationShape & { readonly header: string; readonly unsigned: string }) | undefined
const SIGNATURE_MARK = 'Signature='

function authorizationShape(authorization: string): AuthorizationShape {
  const last = lastAuthorization
  if (last !== undefined && (last.unsigned === '' ? last.header === authorization : authorization.startsWith(last.unsigned))) return last
  let missingParts = ''
  for (const [part, pattern] of SIGNATURE_PARTS) {
    if (!pattern.test(authorization)) missingParts += `Authorization header requires '${part}' parameter. `
  }
  const scope = credentialScope(authorization)
  lastAuthorization = { header: authorization, unsigned: unsignedPart(authorization, scope), missingParts, scope }
  return lastAuthorization
}

/**
 * The header up to and including its last `Signature=` when that part alone has every part and the same scope (so
 * that any header extending it has them too), else ''. A scope read from the part before the signature ends there,
 * and an earlier match would end there as well: its three slashes come no later than those of the match found.
 */
function unsignedPart(authorization: string, scope: AuthorizationShape['scope']): string {
  const cut = authorization.lastIndexOf(SIGNATURE_MARK)
  if (cut < 0 || scope === undefined) return ''
  const unsigned = authorization.slice(0, cut + SIGNATURE_MARK.length)
  if (!SIGNATURE_PARTS.every(([, pattern]) => pattern.test(unsigned))) return ''
  const before = credentialScope(authorization.slice(0, cut))
  return before !== undefined && before.accessKeyId === scope.accessKeyId && before.region === scope.region ? unsigned : ''
}

/** The service's answer to a request without a usable signature, or undefined when it has one. */
function authenticationFault(headers: WireRequest['headers'], shape: AuthorizationShape | undefined): WireError | undefined {
  if (shape === undefined) return wireError('MissingAuthenticationTokenException', 'Request is missing Authentication Token')
  let message = shape.missingParts
  if (headers['x-amz-date'] === undefined && headers.date === undefined) {
    message += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
  }
  return message === '' ? undefined : wireError('IncompleteSignatureException', `${message}Authorization=${headers.authorization as string}`)
}

/**
 * A response with the headers every answer of the service carries: request id, content type and length, and the
 * CRC-32 of the exact body bytes.
 */
export function wireResponse(requestId: string, status: number, contentType: string, body: Uint8Array, extra?: { [name: string]: string }): WireResponse {
  const headers = { 'x-amzn-requestid': requestId, 'content-type': contentType, 'content-length': String(body.byteLength), 'x-amz-crc32': String(crc32(body)) }
  return { status, headers: extra === undefined ? headers : { ...headers, ...extra }, body }
}

/** The table a request names: its `TableName`, or the table part of its `StreamArn`. */
function tableNameOf(input: JsonObject | undefined): string | undefined {
  if (input === undefined) return undefined
  if (typeof input.TableName === 'string') return input.TableName
  const arn = input.StreamArn
  if (typeof arn !== 'string') return undefined
  return /:table\/([^/]+)\/stream\//.exec(arn)?.[1]
}

function errorCodeOf(status: number, body: Uint8Array): string | undefined {
  if (status < 400) return undefined
  try {
    const type = (JSON.parse(decoder.decode(body)) as { __type?: unknown }).__type
    return typeof type === 'string' ? type.slice(type.lastIndexOf('#') + 1) : undefined
  } catch {
    return 'UnknownOperationException'
  }
}

/**
 * The dispatcher of a store: transport checks in the service's order (content type, JSON, target, signature),
 * then the operation the target names, every error in the service's body shape.
 * @param store the store the operations act on
 * @param operations the operations answered; every other target is an UnknownOperationException
 * @param options a guard in front of the operations, and a report of each answer
 * @returns the dispatcher
 */
export function createDispatcher(store: Store, operations: OperationRegistry, options: DispatcherOptions = {}): Dispatcher {
  const nextRequestId = createRequestIds()
  const { guard, report } = options
  // The input of the request being answered, kept for its report: dispatching is synchronous.
  let answeredInput: JsonObject | undefined

  function json(requestId: string, status: number, contentType: string, value: JsonObject): WireResponse {
    return wireResponse(requestId, status, contentType, answerBytes(value))
  }

  function fault(requestId: string, contentType: string, error: WireError): WireResponse {
    return json(requestId, error.status, contentType, errorBody(error))
  }

  function answer(request: WireRequest): WireResponse {
    const requestId = nextRequestId()
    answeredInput = undefined
    const { headers } = request
    if (isCborRequest(headers)) {
      const body = encodeCborTextMap({ __type: errorType('UnknownOperationException'), message: CBOR_REFUSAL })
      return wireResponse(requestId, 400, 'application/cbor', body, { 'smithy-protocol': 'rpc-v2-cbor' })
    }
    const method = request.method === undefined || request.method === 'POST' ? 'POST' : request.method.toUpperCase()
    const text = typeof request.body === 'string' ? request.body : decoder.decode(request.body)
    const contentType = contentTypeOf(headers)
    if (method === 'GET' && text === '') {
      return wireResponse(requestId, 200, 'text/plain', encoder.encode(`healthy: dynamodb.${store.region}.amazonaws.com `))
    }
    if (method !== 'POST' || (text !== '' && contentType !== JSON_CONTENT_TYPE && contentType !== 'application/json')) {
      return wireResponse(requestId, 404, 'text/xml', encoder.encode('<UnknownOperationException/>'))
    }
    const replyType = contentType === 'application/json' ? 'application/json' : JSON_CONTENT_TYPE
    let input: unknown
    try {
      input = isBlank(text) ? {} : JSON.parse(text)
    } catch {
      return fault(requestId, replyType, wireError('SerializationException'))
    }
    if (!isJsonObject(input)) return fault(requestId, replyType, wireError('SerializationException'))
    answeredInput = input
    const operation = operations.get(headers['x-amz-target'] ?? '')
    if (operation === undefined) return fault(requestId, replyType, wireError('UnknownOperationException'))
    const authorization = headers.authorization
    const shape = authorization === undefined || !authorization.startsWith('AWS4-') ? undefined : authorizationShape(authorization)
    const unauthenticated = authenticationFault(headers, shape)
    if (unauthenticated !== undefined) return fault(requestId, replyType, unauthenticated)
    const scope = (shape as AuthorizationShape).scope
    if (guard !== undefined) {
      const target = headers['x-amz-target'] as string
      const verdict = guard({ method, path: request.path ?? '/', headers, body: request.body, target, input, nowMs: store.clock.now() })
      if ('fault' in verdict) return fault(requestId, replyType, verdict.fault)
    }
    const context: OperationContext = scope === undefined ? { store, region: store.region } : { store, region: scope.region, accessKeyId: scope.accessKeyId }
    let output: JsonObject
    try {
      output = operation(input, context)
    } catch (error) {
      return fault(requestId, replyType, toWireError(error))
    }
    return json(requestId, 200, replyType, output)
  }

  if (report === undefined) return answer
  return (request) => {
    const response = answer(request)
    const target = request.headers['x-amz-target']
    const authorization = request.headers.authorization
    report({
      requestId: response.headers['x-amzn-requestid'] as string,
      operation: target !== undefined && operations.has(target) ? target.slice(target.indexOf('.') + 1) : undefined,
      tableName: tableNameOf(answeredInput),
      accessKeyId: authorization === undefined ? undefined : credentialScope(authorization)?.accessKeyId,
      status: response.status,
      errorCode: errorCodeOf(response.status, response.body),
    })
    return response
  }
}
