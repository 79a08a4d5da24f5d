// Reads a SigV4 `Authorization` header: `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…`. Clients
// separate the parameters with a comma and a space; some with a comma or a space only, which the service accepts.
import { wireError, type WireError } from '../protocol/wire-error.js'
import { AUTH_TEXT } from './messages.js'
import { SIGV4_ALGORITHM, type CredentialScope } from './signing.js'

/** What a well-formed `Authorization` header says. */
export interface SignedAuthorization {
  readonly accessKeyId: string
  readonly scope: CredentialScope
  /** Lower case, in the signer's order. */
  readonly signedHeaders: readonly string[]
  readonly signature: string
}

const PARAMETERS = ['Credential', 'SignedHeaders', 'Signature'] as const

/**
 * The parts of an `Authorization` header, or the service's fault for a header that is missing, of another
 * algorithm, or lacking a parameter.
 * @param authorization the header's value
 * @returns the parsed header, or the fault to answer with
 */
export function parseAuthorization(authorization: string | undefined): SignedAuthorization | { readonly fault: WireError } {
  if (authorization === undefined || !authorization.startsWith('AWS4-')) {
    return { fault: wireError('MissingAuthenticationTokenException', AUTH_TEXT.missingToken) }
  }
  const space = authorization.search(/\s/)
  const algorithm = space < 0 ? authorization : authorization.slice(0, space)
  if (algorithm !== SIGV4_ALGORITHM) return { fault: wireError('IncompleteSignatureException', AUTH_TEXT.unsupportedAlgorithm(algorithm)) }
  const values = new Map<string, string>()
  for (const part of (space < 0 ? '' : authorization.slice(space)).split(/[\s,]+/)) {
    const equals = part.indexOf('=')
    if (equals > 0 && !values.has(part.slice(0, equals))) values.set(part.slice(0, equals), part.slice(equals + 1))
  }
  let missing = ''
  for (const name of PARAMETERS) if (values.get(name) === undefined) missing += AUTH_TEXT.missingParameter(name)
  if (missing !== '') return { fault: wireError('IncompleteSignatureException', AUTH_TEXT.withHeader(missing, authorization)) }
  const credential = values.get('Credential') as string
  const parts = credential.split('/')
  if (parts.length !== 5 || parts.some((p) => p === '')) {
    return { fault: wireError('IncompleteSignatureException', AUTH_TEXT.credentialParts(credential)) }
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string]
  return {
    accessKeyId,
    scope: { date, region, service, terminator },
    signedHeaders: (values.get('SignedHeaders') as string).split(';').map((name) => name.toLowerCase()),
    signature: values.get('Signature') as string,
  }
}
