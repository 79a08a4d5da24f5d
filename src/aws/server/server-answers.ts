// The answers a server gives before a request reaches the dispatcher: a wrong path, a body over the limit, a client
// too slow to send its request, bytes that are not HTTP. Same headers as the dispatcher's: request id and checksum.
import { wireResponse, type WireResponse } from '../protocol/dispatch.js'
import { createRequestIds } from '../protocol/request-id.js'
import { errorBody, wireError, type WireError } from '../protocol/wire-error.js'

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0'
const STATUS_TEXT: Readonly<Record<number, string>> = { 400: 'Bad Request', 404: 'Not Found', 408: 'Request Timeout', 413: 'Payload Too Large' }

/** The answers a server makes itself, each with a fresh request id. */
export interface ServerAnswers {
  /** A path other than `/`: what the service answers a wrong method with. */
  wrongPath(): WireResponse
  /** A body longer than the limit. */
  tooLarge(receivedBytes: number | undefined, limitBytes: number): WireResponse
  /** A request not received within the timeout. */
  timedOut(timeoutMs: number): WireResponse
  /** Bytes the HTTP parser refused. */
  malformed(reason: string): WireResponse
}


function fault(requestId: string, error: WireError): WireResponse {
  return wireResponse(requestId, error.status, JSON_CONTENT_TYPE, Buffer.from(JSON.stringify(errorBody(error))))
}

/**
 * The server's own answers.
 * @returns them, drawing request ids from one source
 */
export function createServerAnswers(): ServerAnswers {
  const nextRequestId = createRequestIds()
  return {
    wrongPath: () => wireResponse(nextRequestId(), 404, 'text/xml', Buffer.from('<UnknownOperationException/>')),
    tooLarge: (receivedBytes, limitBytes) =>
      fault(
        nextRequestId(),
        wireError(
          'RequestEntityTooLargeException',
          `Request body too large: expected at most ${limitBytes} bytes, received ${receivedBytes === undefined ? `more than ${limitBytes}` : receivedBytes}`,
        ),
      ),
    timedOut: (timeoutMs) => fault(nextRequestId(), wireError('RequestTimeoutException', `Request not received in time: expected the whole request within ${timeoutMs} ms`)),
    malformed: (reason) => fault(nextRequestId(), wireError('SerializationException', `Malformed HTTP request: ${reason}`)),
  }
}

/**
 * A response as raw HTTP/1.1 bytes, for a socket that has no response object (the parser refused the request).
 * The connection closes after it.
 * @param response the response
 * @returns the bytes to write
 */
export function rawHttpResponse(response: WireResponse): Buffer {
  let head = `HTTP/1.1 ${response.status} ${STATUS_TEXT[response.status] ?? 'Error'}\r\n`
  for (const [name, value] of Object.entries(response.headers)) head += `${name}: ${value}\r\n`
  head += 'connection: close\r\n\r\n'
  return Buffer.concat([Buffer.from(head, 'latin1'), response.body])
}
