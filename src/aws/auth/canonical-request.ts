// The canonical request of Signature Version 4, as a service other than S3 computes it from what it received:
// the path normalised and encoded once more, the query decoded and re-encoded in sorted order, the signed headers
// in the order the signer listed them, and the payload hash.
import { createHash } from 'node:crypto'

/** The parts of a received request that its canonical form is built from. */
export interface CanonicalRequestInput {
  readonly method: string
  /** The path with its query string, exactly as received. */
  readonly path: string
  /** Header names in lower case; a header received more than once has its values joined with `,`. */
  readonly headers: { readonly [name: string]: string | undefined }
  /** The names the signer listed in `SignedHeaders`, lower case, in its order. */
  readonly signedHeaders: readonly string[]
  /** The hex SHA-256 of the payload, or the `x-amz-content-sha256` value the signer used. */
  readonly payloadHash: string
}

const UNRESERVED = /[A-Za-z0-9\-._~]/

/** RFC 3986 percent-encoding as SigV4 asks for it: every byte but the unreserved characters, upper-case hex. */
export function uriEncode(text: string): string {
  let out = ''
  for (const char of text) {
    if (UNRESERVED.test(char)) {
      out += char
      continue
    }
    for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`
  }
  return out
}

/**
 * The canonical URI of a path: empty and `.` segments dropped, `..` removing the segment before it, each segment
 * encoded (a path that arrived percent-encoded is so encoded twice, as SigV4 asks of every service but S3).
 */
export function canonicalUri(path: string): string {
  const segments: string[] = []
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') segments.pop()
    else segments.push(uriEncode(segment))
  }
  const trailing = segments.length > 0 && /\/\.{0,2}$/.test(path) ? '/' : ''
  return `/${segments.join('/')}${trailing}`
}

function decodeComponent(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text
  }
}

/** The canonical query string: each name and value decoded, re-encoded, sorted by name then value. */
export function canonicalQuery(query: string): string {
  const pairs: [string, string][] = []
  for (const part of query.split('&')) {
    if (part === '') continue
    const equals = part.indexOf('=')
    const name = equals < 0 ? part : part.slice(0, equals)
    const value = equals < 0 ? '' : part.slice(equals + 1)
    pairs.push([uriEncode(decodeComponent(name)), uriEncode(decodeComponent(value))])
  }
  pairs.sort(([n1, v1], [n2, v2]) => (n1 < n2 ? -1 : n1 > n2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
  return pairs.map(([name, value]) => `${name}=${value}`).join('&')
}

/** A header value as SigV4 canonicalises it: trimmed, each run of spaces inside it folded to one. */
export function canonicalHeaderValue(value: string): string {
  return value.trim().replace(/\s+/g, ' ')
}

/** The canonical headers block: `name:value` lines of the signed headers, each ended by a newline. */
export function canonicalHeaders(headers: CanonicalRequestInput['headers'], signedHeaders: readonly string[]): string {
  return signedHeaders.map((name) => `${name}:${canonicalHeaderValue(headers[name] ?? '')}\n`).join('')
}

/** The hex SHA-256 of a payload. */
export function sha256Hex(payload: string | Uint8Array): string {
  return createHash('sha256').update(payload).digest('hex')
}

/**
 * The canonical request of SigV4: method, canonical URI, canonical query, canonical headers, signed headers and
 * payload hash, one per line.
 * @param input the received request's parts
 * @returns the canonical request text
 */
export function canonicalRequest(input: CanonicalRequestInput): string {
  const question = input.path.indexOf('?')
  const path = question < 0 ? input.path : input.path.slice(0, question)
  const query = question < 0 ? '' : input.path.slice(question + 1)
  return [
    input.method.toUpperCase(),
    canonicalUri(path),
    canonicalQuery(query),
    canonicalHeaders(input.headers, input.signedHeaders),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n')
}
