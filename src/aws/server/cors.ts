// Cross-origin resource sharing, for browser-side tools (admin consoles, notebooks) that call the endpoint directly.
import type { IncomingHttpHeaders } from 'node:http'

/** Headers a browser may send: what the SDKs for JavaScript set on a DynamoDB call. */
const ALLOWED_HEADERS = [
  'authorization',
  'content-type',
  'x-amz-date',
  'x-amz-target',
  'x-amz-security-token',
  'x-amz-user-agent',
  'x-amz-content-sha256',
  'amz-sdk-invocation-id',
  'amz-sdk-request',
].join(', ')

/** Response headers a browser script may read: the SDKs check both. */
const EXPOSED_HEADERS = 'x-amzn-RequestId, x-amz-crc32'
const PREFLIGHT_MAX_AGE_SECONDS = '86400'

/** The CORS policy of a server. */
export interface Cors {
  /** Headers to add to the answer of a request from `origin`; empty when the origin is not allowed. */
  headersFor(origin: string | undefined): { readonly [name: string]: string }
  /** Whether a request is a preflight (OPTIONS with Access-Control-Request-Method), answered by the policy alone. */
  isPreflight(method: string | undefined, headers: IncomingHttpHeaders): boolean
  /** Headers of the answer to a preflight from an allowed origin; empty when it is not allowed. */
  preflightHeaders(headers: IncomingHttpHeaders): { readonly [name: string]: string }
}

const NONE: { readonly [name: string]: string } = Object.freeze({})

/**
 * A CORS policy.
 * @param allowed `'*'` for any origin, or the origins allowed
 * @returns the policy
 */
export function createCors(allowed: '*' | ReadonlySet<string>): Cors {
  function allowOrigin(origin: string | undefined): string | undefined {
    if (origin === undefined) return undefined
    if (allowed === '*') return '*'
    return allowed.has(origin) ? origin : undefined
  }

  function headersFor(origin: string | undefined): { readonly [name: string]: string } {
    const allow = allowOrigin(origin)
    if (allow === undefined) return NONE
    // A listed origin is echoed, so caches must keep answers to different origins apart.
    return allow === '*' ? { 'access-control-allow-origin': '*', 'access-control-expose-headers': EXPOSED_HEADERS } : { 'access-control-allow-origin': allow, 'access-control-expose-headers': EXPOSED_HEADERS, vary: 'Origin' }
  }

  return {
    headersFor,
    isPreflight: (method, headers) => method === 'OPTIONS' && headers['access-control-request-method'] !== undefined,
    preflightHeaders(headers) {
      const base = headersFor(headers.origin)
      if (base === NONE) return NONE
      return {
        ...base,
        'access-control-allow-methods': 'POST, GET, OPTIONS',
        // Echoing what the browser asks for lets a newer SDK's extra headers through without a list to keep up.
        'access-control-allow-headers': headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
        'access-control-max-age': PREFLIGHT_MAX_AGE_SECONDS,
      }
    },
  }
}
