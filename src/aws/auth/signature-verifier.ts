// Authentication: a request's SigV4 signature checked against the configured access keys, in the order of the
// service's own checks (header shape, request time, clock skew, credential scope, access key, session token,
// signature), each failure answered with the service's error.
import { wireError, type WireError } from '../protocol/wire-error.js'
import { parseAuthorization } from './authorization-header.js'
import { canonicalRequest, sha256Hex } from './canonical-request.js'
import type { AccessKeyCredential, CredentialSet } from './credentials.js'
import { AUTH_TEXT } from './messages.js'
import { CLOCK_SKEW_MS, requestTime, skewFault } from './request-time.js'
import { signatureOf, signaturesMatch, signingKey, stringToSign, type CredentialScope } from './signing.js'

/** DynamoDB and DynamoDB Streams both sign with the service name `dynamodb`. */
export const SIGNING_SERVICE = 'dynamodb'

/** The parts of a received request a signature covers. */
export interface SignedRequest {
  readonly method: string
  /** The path with its query string, as received. */
  readonly path: string
  /** Header names in lower case; a header received more than once has its values joined with `,`. */
  readonly headers: { readonly [name: string]: string | undefined }
  /** The body exactly as received. */
  readonly body: string | Uint8Array
}

/** Options of `createSignatureVerifier`. */
export interface SignatureVerifierOptions {
  readonly credentials: CredentialSet
  /** When set, the credential scope must name this region; any region otherwise, as the store answers all. */
  readonly region?: string
  /** The clock skew tolerated either way; 15 minutes, as the service. */
  readonly skewMs?: number
}

/** An authenticated caller: its access key id and credential, and the region its signature is scoped to. */
export interface Authenticated {
  readonly accessKeyId: string
  readonly credential: AccessKeyCredential
  readonly region: string
}

/** Checks one request's signature at the server's time `nowMs`. */
export type SignatureVerifier = (request: SignedRequest, nowMs: number) => Authenticated | { readonly fault: WireError }

// Signing keys change once a day per key and region; deriving one costs four HMACs, so recent ones are kept.
const KEY_CACHE_LIMIT = 256

function scopeFault(scope: CredentialScope, amzDate: string, region: string | undefined): WireError | undefined {
  let message = ''
  if (region !== undefined && scope.region !== region) message += AUTH_TEXT.wrongRegion
  if (scope.service !== SIGNING_SERVICE) message += AUTH_TEXT.wrongService(SIGNING_SERVICE)
  if (scope.terminator !== 'aws4_request') message += AUTH_TEXT.wrongTerminator(scope.terminator)
  if (scope.date !== amzDate.slice(0, 8)) message += AUTH_TEXT.wrongScopeDate(scope.date, amzDate.slice(0, 8), amzDate)
  return message === '' ? undefined : wireError('InvalidSignatureException', message)
}

/** True when a request carries the session token its credential has, or neither has one. */
function sameToken(expected: string | undefined, received: string | undefined): boolean {
  if (expected === undefined || received === undefined) return expected === received
  return signaturesMatch(expected, received)
}

/**
 * A verifier of SigV4 signatures for a set of access keys.
 * @param options the accepted keys, the region the scope must name, the tolerated clock skew
 * @returns the verifier
 */
export function createSignatureVerifier(options: SignatureVerifierOptions): SignatureVerifier {
  const { credentials, region } = options
  const skewMs = options.skewMs ?? CLOCK_SKEW_MS
  const keys = new Map<string, Buffer>()

  function keyFor(accessKeyId: string, credential: AccessKeyCredential, scope: CredentialScope): Buffer {
    const id = `${accessKeyId}/${scope.date}/${scope.region}`
    let key = keys.get(id)
    if (key === undefined) {
      if (keys.size >= KEY_CACHE_LIMIT) keys.clear()
      key = signingKey(credential.secretAccessKey, scope)
      keys.set(id, key)
    }
    return key
  }

  return (request, nowMs) => {
    const authorization = parseAuthorization(request.headers.authorization)
    if ('fault' in authorization) return authorization
    const time = requestTime(request.headers)
    if ('fault' in time) return time
    const skewed = skewFault(time, nowMs, skewMs)
    if (skewed !== undefined) return { fault: skewed }
    const { accessKeyId, scope, signedHeaders, signature } = authorization
    const misScoped = scopeFault(scope, time.amzDate, region)
    if (misScoped !== undefined) return { fault: misScoped }
    const credential = Object.hasOwn(credentials, accessKeyId) ? credentials[accessKeyId] : undefined
    if (credential === undefined || !sameToken(credential.sessionToken, request.headers['x-amz-security-token'])) {
      return { fault: wireError('UnrecognizedClientException', AUTH_TEXT.invalidToken) }
    }
    const bodyHash = sha256Hex(request.body)
    const claimedHash = request.headers['x-amz-content-sha256']
    const mismatch = { fault: wireError('InvalidSignatureException', AUTH_TEXT.signatureMismatch) }
    if (claimedHash !== undefined && claimedHash !== bodyHash) return mismatch
    const canonical = canonicalRequest({ method: request.method, path: request.path, headers: request.headers, signedHeaders, payloadHash: bodyHash })
    const expected = signatureOf(keyFor(accessKeyId, credential, scope), stringToSign(time.amzDate, scope, canonical))
    return signaturesMatch(expected, signature) ? { accessKeyId, credential, region: scope.region } : mismatch
  }
}
