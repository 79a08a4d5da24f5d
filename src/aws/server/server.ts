// `startServer`: the store's DynamoDB and DynamoDB Streams endpoint over HTTP, for the AWS CLI and every other
// language. The transport adds no semantics: every request goes through the same dispatcher as in process.
import { createServer, type Server } from 'node:http'
import type { Store } from '../../index.js'
import { createAuthGuard } from '../auth/auth-guard.js'
import { DEFAULT_OPERATIONS } from '../operations/index.js'
import { createDispatcher } from '../protocol/dispatch.js'
import { createAccessLog, type AccessLog } from './access-log.js'
import { createCors } from './cors.js'
import { resolveServerOptions, type ServerOptions } from './options.js'
import { createServerAnswers } from './server-answers.js'
import { createTransport } from './transport.js'

/** A running server. */
export interface StreamtableServer {
  /** The endpoint to give clients, such as `http://127.0.0.1:8000`. */
  readonly url: string
  /** The port bound (the one picked when asked for port 0). */
  readonly port: number
  /** The interface bound. */
  readonly host: string
  /**
   * Stops accepting connections, lets requests still arriving finish (up to `closeTimeoutMs`), closes idle
   * keep-alive connections and the access log. Calling it again returns the same promise.
   */
  close(): Promise<void>
}

function urlOf(host: string, port: number): string {
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${port}`
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => reject(new Error(`Cannot listen on ${urlOf(host, port)}: ${error.message}`, { cause: error }))
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : port)
    })
  })
}

/**
 * Serves `store` over HTTP as DynamoDB and DynamoDB Streams do: `POST /` with `X-Amz-Target`, JSON 1.0 bodies,
 * `x-amz-crc32` and `x-amzn-RequestId` on every answer, keep-alive. Binds to loopback unless `host` says otherwise.
 * @param store the store the requests read and write
 * @param options port, host, auth or guard, access log, CORS, limits and timeouts
 * @returns the running server, once it listens
 * @example
 * const server = await startServer(store, { port: 8000 })
 * const client = new DynamoDBClient({ endpoint: server.url, region: store.region })
 */
export async function startServer(store: Store, options: ServerOptions = {}): Promise<StreamtableServer> {
  const resolved = resolveServerOptions(options)
  const guard = resolved.auth === undefined ? resolved.guard : createAuthGuard({ ...resolved.auth, accountId: store.accountId })
  const accessLog: AccessLog | undefined = resolved.accessLog === undefined ? undefined : createAccessLog(resolved.accessLog)
  let closing = false
  const transport = createTransport({
    createDispatcher: (report) => createDispatcher(store, resolved.operations ?? DEFAULT_OPERATIONS, { ...(guard === undefined ? {} : { guard }), ...(report === undefined ? {} : { report }) }),
    answers: createServerAnswers(),
    maxRequestBytes: resolved.maxRequestBytes,
    requestTimeoutMs: resolved.requestTimeoutMs,
    cors: resolved.cors === undefined ? undefined : createCors(resolved.cors),
    accessLog,
    nowMs: () => store.clock.now(),
    isClosing: () => closing,
    exactHeaders: guard !== undefined,
  })
  const server = createServer(
    {
      requestTimeout: resolved.requestTimeoutMs,
      headersTimeout: resolved.requestTimeoutMs,
      keepAliveTimeout: resolved.keepAliveTimeoutMs,
      // node:http checks the timeouts at this interval: a fraction of the timeout keeps them close to exact.
      connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(resolved.requestTimeoutMs / 4))),
      noDelay: true,
    },
    transport.onRequest,
  )
  server.on('clientError', transport.onClientError)
  let port: number
  try {
    port = await listen(server, resolved.port, resolved.host)
  } catch (error) {
    await accessLog?.close()
    throw error
  }

  let closed: Promise<void> | undefined
  function close(): Promise<void> {
    closed ??= new Promise<void>((resolve) => {
      closing = true
      const force = setTimeout(() => server.closeAllConnections(), resolved.closeTimeoutMs)
      force.unref()
      server.close(() => {
        clearTimeout(force)
        resolve()
      })
      server.closeIdleConnections()
    }).then(() => accessLog?.close())
    return closed
  }

  return Object.freeze({ url: urlOf(resolved.host, port), port, host: resolved.host, close })
}
