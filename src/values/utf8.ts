/** Byte length of `s` encoded as UTF-8, without allocating. */
export function utf8Length(s: string): number {
  let bytes = s.length
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) continue
    if (c < 0x800) bytes += 1
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // A surrogate pair is two UTF-16 units and four UTF-8 bytes.
      bytes += 2
      i++
    } else bytes += 2
  }
  return bytes
}

// Maps a UTF-16 code unit so that comparing mapped units orders strings by code point, which is UTF-8 byte order:
// surrogates (above U+FFFF once paired) must sort after U+E000..U+FFFF.
function codePointRank(c: number): number {
  if (c >= 0xe000) return c - 0x800
  if (c >= 0xd800) return c + 0x2000
  return c
}

/** Orders strings by their UTF-8 bytes, as DynamoDB does (JavaScript's `<` uses UTF-16 units). */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return codePointRank(x) - codePointRank(y)
  }
  return a.length - b.length
}

/** Orders byte arrays as unsigned bytes, a prefix first. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number)
    if (d !== 0) return d
  }
  return a.length - b.length
}

/** True when two byte arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

/** Lowercase hex of a byte array. */
export function toHex(bytes: Uint8Array): string {
  let out = ''
  for (let i = 0; i < bytes.length; i++) out += (bytes[i] as number).toString(16).padStart(2, '0')
  return out
}

/** True when `s` starts with `prefix`, comparing bytes. */
export function bytesStartWith(s: Uint8Array, prefix: Uint8Array): boolean {
  if (prefix.length > s.length) return false
  for (let i = 0; i < prefix.length; i++) if (s[i] !== prefix[i]) return false
  return true
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff
}

// True when position `at` of `s` falls between the two halves of a surrogate pair, inside one code point.
function splitsPair(s: string, at: number): boolean {
  return at > 0 && at < s.length && isHighSurrogate(s.charCodeAt(at - 1)) && isLowSurrogate(s.charCodeAt(at))
}

/**
 * True when the UTF-8 of `s` begins with the UTF-8 of `prefix`, as the service compares strings: a prefix that ends
 * with the first half of a character of `s` (a lone surrogate) is not one.
 */
export function utf8StartsWith(s: string, prefix: string): boolean {
  return s.startsWith(prefix) && !splitsPair(s, prefix.length)
}

/** True when the UTF-8 of `s` holds the UTF-8 of `part`: a match that cuts a character of `s` in two is not one. */
export function utf8Includes(s: string, part: string): boolean {
  for (let at = s.indexOf(part); at >= 0; at = s.indexOf(part, at + 1)) {
    if (!splitsPair(s, at) && !splitsPair(s, at + part.length)) return true
  }
  return false
}
