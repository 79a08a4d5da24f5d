// What a server may be told, its defaults, and the one resolver that checks them.
import { checkOptionNames, invalidOption } from '../../core/errors.js'
import type { AuthGuardOptions } from '../auth/auth-guard.js'
import type { RequestGuard } from '../protocol/guard.js'
import type { OperationRegistry } from '../protocol/registry.js'
import type { AccessLogEntry } from './access-log.js'

/** Options of `startServer`. */
export interface ServerOptions {
  /** TCP port, 0 to 65535; 0 picks a free one. 8000 by default, as DynamoDB Local. */
  readonly port?: number
  /** Interface to bind; loopback (`127.0.0.1`) by default, so nothing outside the machine reaches the store. */
  readonly host?: string
  /**
   * Signed requests: every request must carry a valid Signature Version 4 for one of `credentials`, and, with
   * `policies`, be allowed by that key's policies (`createAuthGuard` with the store's account). Off by default: any
   * signature shape is accepted, as DynamoDB Local does.
   */
  readonly auth?: Omit<AuthGuardOptions, 'accountId'>
  /** A guard of your own in front of the operations, instead of `auth`. */
  readonly guard?: RequestGuard
  /** One entry per answered request: a file path (JSON lines, appended) or a function. */
  readonly accessLog?: string | ((entry: AccessLogEntry) => void)
  /** CORS for browser-side tools: `true` or `'*'` for any origin, or the allowed origins. Off by default. */
  readonly cors?: boolean | string | readonly string[]
  /** The largest request body accepted; larger ones are answered 413. 16 MiB by default, the service's batch limit. */
  readonly maxRequestBytes?: number
  /** Time a client has to send a whole request (headers and body) before it is answered 408 and disconnected. */
  readonly requestTimeoutMs?: number
  /** How long an idle keep-alive connection stays open. */
  readonly keepAliveTimeoutMs?: number
  /** How long `close()` waits for requests still arriving before it drops their connections. */
  readonly closeTimeoutMs?: number
  /** The operations answered; the built-in set by default. */
  readonly operations?: OperationRegistry
}

/** The resolved options of a server. */
export interface ResolvedServerOptions {
  readonly port: number
  readonly host: string
  readonly auth: Omit<AuthGuardOptions, 'accountId'> | undefined
  readonly guard: RequestGuard | undefined
  readonly accessLog: string | ((entry: AccessLogEntry) => void) | undefined
  /** `'*'` for any origin, a set of origins, or undefined when CORS is off. */
  readonly cors: '*' | ReadonlySet<string> | undefined
  readonly maxRequestBytes: number
  readonly requestTimeoutMs: number
  readonly keepAliveTimeoutMs: number
  readonly closeTimeoutMs: number
  readonly operations: OperationRegistry | undefined
}

/** Defaults of `startServer`. */
export const SERVER_DEFAULTS = Object.freeze({
  port: 8000,
  host: '127.0.0.1',
  maxRequestBytes: 16 * 1024 * 1024,
  requestTimeoutMs: 30_000,
  // Longer than the SDKs' idle socket reuse, so a client rarely sends on a connection the server is closing.
  keepAliveTimeoutMs: 60_000,
  closeTimeoutMs: 10_000,
})

const OPTION_NAMES: ReadonlySet<string> = new Set([
  'port',
  'host',
  'auth',
  'guard',
  'accessLog',
  'cors',
  'maxRequestBytes',
  'requestTimeoutMs',
  'keepAliveTimeoutMs',
  'closeTimeoutMs',
  'operations',
])

function positiveInteger(name: string, value: unknown, fallback: number): number {
  const resolved = value ?? fallback
  if (typeof resolved !== 'number' || !Number.isSafeInteger(resolved) || resolved < 1) throw invalidOption(name, 'a positive integer', resolved)
  return resolved
}

function resolveCors(cors: ServerOptions['cors']): ResolvedServerOptions['cors'] {
  if (cors === undefined || cors === false) return undefined
  if (cors === true || cors === '*') return '*'
  const origins = typeof cors === 'string' ? cors.split(',') : cors
  if (!Array.isArray(origins)) throw invalidOption('cors', "true, '*', or a list of origins", cors)
  const list = (origins as readonly unknown[]).map((origin) => (typeof origin === 'string' ? origin.trim() : origin))
  if (list.length === 0 || list.some((origin) => typeof origin !== 'string' || origin === '')) {
    throw invalidOption('cors', "true, '*', or a list of origins such as http://localhost:3000", cors)
  }
  return list.includes('*') ? '*' : new Set(list as string[])
}

/**
 * Fills in and checks the options of `startServer`.
 * @param user the options as given
 * @returns the resolved options
 */
export function resolveServerOptions(user: ServerOptions = {}): ResolvedServerOptions {
  checkOptionNames(user, OPTION_NAMES, 'server')
  const port = user.port ?? SERVER_DEFAULTS.port
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) throw invalidOption('port', 'an integer from 0 to 65535', port)
  const host = user.host ?? SERVER_DEFAULTS.host
  if (typeof host !== 'string' || host === '') throw invalidOption('host', 'a host name or IP address such as 127.0.0.1', host)
  if (user.guard !== undefined && typeof user.guard !== 'function') throw invalidOption('guard', 'a RequestGuard function', user.guard)
  if (user.auth !== undefined && (typeof user.auth !== 'object' || user.auth === null)) throw invalidOption('auth', 'an object { credentials, policies?, region? }', user.auth)
  if (user.auth !== undefined && user.guard !== undefined) throw invalidOption('auth', 'either auth or guard, not both', 'both')
  const accessLog = user.accessLog
  if (accessLog !== undefined && typeof accessLog !== 'function' && (typeof accessLog !== 'string' || accessLog === '')) {
    throw invalidOption('accessLog', 'a file path or a function receiving each entry', accessLog)
  }
  return {
    port,
    host,
    auth: user.auth,
    guard: user.guard,
    accessLog,
    cors: resolveCors(user.cors),
    maxRequestBytes: positiveInteger('maxRequestBytes', user.maxRequestBytes, SERVER_DEFAULTS.maxRequestBytes),
    requestTimeoutMs: positiveInteger('requestTimeoutMs', user.requestTimeoutMs, SERVER_DEFAULTS.requestTimeoutMs),
    keepAliveTimeoutMs: positiveInteger('keepAliveTimeoutMs', user.keepAliveTimeoutMs, SERVER_DEFAULTS.keepAliveTimeoutMs),
    closeTimeoutMs: positiveInteger('closeTimeoutMs', user.closeTimeoutMs, SERVER_DEFAULTS.closeTimeoutMs),
    operations: user.operations,
  }
}

/**
 * Whether `host` names this machine only (127.0.0.0/8, ::1, localhost), so that nothing else can connect.
 * @param host a host name or IP address
 * @returns true for a loopback host
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase()
  return bare === 'localhost' || bare === '::1' || /^(::ffff:)?127(\.\d{1,3}){3}$/.test(bare)
}
