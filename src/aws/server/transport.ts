// node:http in front of the dispatcher: reads a request body within the limit, answers what the service answers
// before an operation (wrong path, too large, too slow, not HTTP), and writes the dispatcher's answer as it is.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { Dispatcher, WireResponse } from '../protocol/dispatch.js'
import type { DispatchReport } from '../protocol/guard.js'
import type { AccessLog } from './access-log.js'
import type { Cors } from './cors.js'
import { rawHttpResponse, type ServerAnswers } from './server-answers.js'

/** What the transport needs from the server that composes it. */
export interface TransportOptions {
  /** Makes the dispatcher, given where it reports each answer (for the access log). */
  readonly createDispatcher: (report: ((report: DispatchReport) => void) | undefined) => Dispatcher
  readonly answers: ServerAnswers
  readonly maxRequestBytes: number
  readonly requestTimeoutMs: number
  readonly cors: Cors | undefined
  readonly accessLog: AccessLog | undefined
  /** The store's clock, for the access log's times. */
  readonly nowMs: () => number
  /** True once the server is closing: answers then ask the client to close its connection. */
  readonly isClosing: () => boolean
  /**
   * Hand the dispatcher every header as sent, repeated ones joined with `,` as a signature covers them (node:http
   * keeps only the first of some, such as a repeated content-type); costs a little per request, so only with a guard.
   */
  readonly exactHeaders: boolean
}

/** The node:http listeners of a server. */
export interface Transport {
  readonly onRequest: (request: IncomingMessage, response: ServerResponse) => void
  readonly onClientError: (error: Error & { code?: string }, socket: Socket) => void
}

function noop(): void {}

function joinedHeaders(request: IncomingMessage): { [name: string]: string } {
  const headers: { [name: string]: string } = {}
  const distinct = request.headersDistinct
  for (const name in distinct) headers[name] = (distinct[name] as string[]).join(',')
  return headers
}

function pathnameOf(url: string | undefined): string {
  if (url === undefined) return '/'
  const query = url.indexOf('?')
  return query === -1 ? url : url.slice(0, query)
}

/**
 * The listeners that carry requests between node:http and the dispatcher.
 * @param options the dispatcher, limits, CORS policy and access log
 * @returns the listeners
 */
export function createTransport(options: TransportOptions): Transport {
  const { answers, maxRequestBytes, requestTimeoutMs, cors, accessLog, nowMs, isClosing, exactHeaders } = options
  // Dispatching is synchronous: the report of the request being answered is the last one made.
  let lastReport: DispatchReport | undefined
  const dispatch = options.createDispatcher(accessLog === undefined ? undefined : (report) => (lastReport = report))

  function log(arrivedAtMs: number, startedAt: number, response: WireResponse, report: DispatchReport | undefined): void {
    if (accessLog === undefined) return
    accessLog.write({
      time: new Date(arrivedAtMs).toISOString(),
      requestId: response.headers['x-amzn-requestid'] as string,
      accessKeyId: report?.accessKeyId ?? null,
      operation: report?.operation ?? null,
      table: report?.tableName ?? null,
      status: response.status,
      errorCode: report === undefined ? errorCodeOfServerAnswer(response) : (report.errorCode ?? null),
      durationMs: Math.round((performance.now() - startedAt) * 1000) / 1000,
    })
  }

  function send(request: IncomingMessage, res: ServerResponse, wire: WireResponse, closeConnection: boolean): void {
    const corsHeaders = cors === undefined ? undefined : cors.headersFor(request.headers.origin)
    const close = closeConnection || isClosing()
    if (!close && (corsHeaders === undefined || Object.keys(corsHeaders).length === 0)) {
      res.writeHead(wire.status, wire.headers)
    } else {
      const headers: { [name: string]: string } = { ...wire.headers, ...corsHeaders }
      if (close) headers.connection = 'close'
      res.writeHead(wire.status, headers)
    }
    // As a Buffer: node:http writes a Uint8Array that is not one through its slower path for mixed chunks.
    const { body } = wire
    res.end(Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength))
  }

  function onRequest(request: IncomingMessage, res: ServerResponse): void {
    const startedAt = accessLog === undefined ? 0 : performance.now()
    const arrivedAtMs = accessLog === undefined ? 0 : nowMs()
    request.on('error', noop)
    if (cors !== undefined && cors.isPreflight(request.method, request.headers)) {
      res.writeHead(204, { ...cors.preflightHeaders(request.headers), 'content-length': '0' })
      res.end()
      return
    }
    if (pathnameOf(request.url) !== '/') {
      const wire = answers.wrongPath()
      send(request, res, wire, false)
      log(arrivedAtMs, startedAt, wire, undefined)
      return
    }
    const declared = request.headers['content-length']
    if (declared !== undefined && Number(declared) > maxRequestBytes) {
      refuseTooLarge(request, res, Number(declared), arrivedAtMs, startedAt)
      return
    }
    const chunks: Buffer[] = []
    let size = 0
    let refused = false
    request.on('data', (chunk: Buffer) => {
      if (refused) return
      size += chunk.length
      if (size > maxRequestBytes) {
        refused = true
        chunks.length = 0
        refuseTooLarge(request, res, undefined, arrivedAtMs, startedAt)
        return
      }
      chunks.push(chunk)
    })
    request.on('end', () => {
      if (refused) return
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)
      lastReport = undefined
      const headers = exactHeaders ? joinedHeaders(request) : (request.headers as IncomingHttpHeaders & { [name: string]: string | undefined })
      const wire = dispatch({ method: request.method, path: request.url, headers, body })
      send(request, res, wire, false)
      log(arrivedAtMs, startedAt, wire, lastReport)
    })
  }

  function refuseTooLarge(request: IncomingMessage, res: ServerResponse, declaredBytes: number | undefined, arrivedAtMs: number, startedAt: number): void {
    const wire = answers.tooLarge(declaredBytes, maxRequestBytes)
    // The rest of the body is read and dropped (node:http does it once the answer is sent), so the client gets to
    // read the answer instead of a reset; the connection then closes.
    send(request, res, wire, true)
    request.resume()
    log(arrivedAtMs, startedAt, wire, undefined)
  }

  function onClientError(error: Error & { code?: string }, socket: Socket): void {
    const response = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage
    if (error.code === 'ECONNRESET' || !socket.writable || (response !== undefined && response !== null && response.headersSent)) {
      socket.destroy()
      return
    }
    const startedAt = performance.now()
    const wire = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? answers.timedOut(requestTimeoutMs) : answers.malformed(error.code ?? error.message)
    socket.end(rawHttpResponse(wire))
    // The socket may never drain (a client that stopped reading): it goes when the answer is flushed or soon after.
    setTimeout(() => socket.destroy(), 1000).unref()
    log(accessLog === undefined ? 0 : nowMs(), startedAt, wire, undefined)
  }

  return { onRequest, onClientError }
}

function errorCodeOfServerAnswer(response: WireResponse): string | null {
  if (response.status < 400) return null
  const text = Buffer.from(response.body).toString('utf8')
  const match = /#(\w+)/.exec(text) ?? /<(\w+)\/>/.exec(text)
  return match?.[1] ?? null
}
