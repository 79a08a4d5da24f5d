// The signing half of Signature Version 4: the string to sign, the derived signing key, the signature, and a
// comparison whose time does not depend on where two signatures first differ.
import { createHmac, timingSafeEqual } from 'node:crypto'
import { sha256Hex } from './canonical-request.js'

/** The only algorithm DynamoDB accepts. */
export const SIGV4_ALGORITHM = 'AWS4-HMAC-SHA256'

/** The scope a signature is valid for: `date/region/service/aws4_request`. */
export interface CredentialScope {
  /** `YYYYMMDD`. */
  readonly date: string
  readonly region: string
  readonly service: string
  readonly terminator: string
}

/** The scope as it is written in the string to sign and in `Credential=`. */
export function scopeText(scope: CredentialScope): string {
  return `${scope.date}/${scope.region}/${scope.service}/${scope.terminator}`
}

/**
 * The string to sign: algorithm, request time, scope and the hash of the canonical request, one per line.
 * @param amzDate the request time in ISO 8601 basic format (`YYYYMMDDTHHMMSSZ`)
 * @param scope the credential scope
 * @param canonical the canonical request
 * @returns the string to sign
 */
export function stringToSign(amzDate: string, scope: CredentialScope, canonical: string): string {
  return [SIGV4_ALGORITHM, amzDate, scopeText(scope), sha256Hex(canonical)].join('\n')
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest()
}

/**
 * The signing key of a secret for one scope: HMAC chained over date, region, service and terminator.
 * @param secretAccessKey the secret of the access key
 * @param scope the credential scope
 * @returns the key that signs strings of that scope
 */
export function signingKey(secretAccessKey: string, scope: CredentialScope): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, scope.date)
  return hmac(hmac(hmac(dateKey, scope.region), scope.service), scope.terminator)
}

/** The hex signature of a string to sign. */
export function signatureOf(key: Buffer, toSign: string): string {
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex')
}

/** True when two secrets (signatures, session tokens) are equal, compared in time independent of their content. */
export function signaturesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8')
  const b = Buffer.from(received, 'utf8')
  // Unequal lengths leak only the length: fixed at 64 hex digits for a signature.
  if (a.length !== b.length) return false
  return timingSafeEqual(a, b)
}
