// The service speaks awsJson1_0 only. A client configured for the Smithy RPC v2 CBOR protocol gets its error in
// CBOR, so that its own deserializer can read the code and message rather than failing on a JSON body.

function head(major: number, length: number): number[] {
  if (length < 24) return [(major << 5) | length]
  if (length < 0x100) return [(major << 5) | 24, length]
  if (length < 0x10000) return [(major << 5) | 25, length >> 8, length & 0xff]
  return [(major << 5) | 26, (length >>> 24) & 0xff, (length >> 16) & 0xff, (length >> 8) & 0xff, length & 0xff]
}

function text(value: string): number[] {
  const bytes = Buffer.from(value, 'utf8')
  return [...head(3, bytes.length), ...bytes]
}

/**
 * A CBOR map of text keys to text values (all an error body needs).
 * @param map the members
 * @returns the encoded bytes
 */
export function encodeCborTextMap(map: { readonly [name: string]: string }): Uint8Array {
  const entries = Object.entries(map)
  const out = head(5, entries.length)
  for (const [key, value] of entries) out.push(...text(key), ...text(value))
  return Uint8Array.from(out)
}

/** True when a request uses the Smithy RPC v2 CBOR protocol (its header or a CBOR content type). */
export function isCborRequest(headers: { readonly [name: string]: string | undefined }): boolean {
  const protocol = headers['smithy-protocol']
  const type = headers['content-type'] ?? ''
  return protocol === 'rpc-v2-cbor' || /^application\/cbor\b/i.test(type)
}
