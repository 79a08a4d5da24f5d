// JSON written straight into UTF-8 bytes. On Node 20 a page built as a JS string costs three passes over it: the
// pieces concatenated into a rope, the rope flattened, then encoded to UTF-8; writing the bytes as the values are
// walked costs one.

// One scratch buffer serves every answer in turn: writing into a fresh buffer that grows by doubling cost an
// allocation outside the pooled sizes and a copy per doubling on most pages. A writer that finds it taken (a
// piece that stringifies another answer while it is written) gets one of its own.
const SCRATCH_BYTES = 64 * 1024
// A scratch grown past this is not kept: one huge answer does not hold its memory for the life of the process.
const KEPT_SCRATCH_BYTES = 1024 * 1024
// Past this an answer is handed out in the buffer it was written in rather than copied out of it.
const HANDED_OVER_BYTES = 256 * 1024
let spareScratch: Uint8Array | undefined

/** The codes of JSON's structural characters, for `JsonWriter.byte`. */
export const JSON_BYTE = { openBrace: 0x7b, closeBrace: 0x7d, openBracket: 0x5b, closeBracket: 0x5d, comma: 0x2c, colon: 0x3a, quote: 0x22 } as const
const HEX = '0123456789abcdef'

// JSON.stringify's short escapes; every other control character is written as a \u escape of four hex digits.
const SHORT_ESCAPES: Readonly<Record<number, number>> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72, 34: 0x22, 92: 0x5c }

/**
 * A growing buffer of JSON bytes; what it writes decodes to exactly what JSON.stringify writes of the same values.
 * Writers of hot pieces may write bytes themselves: `reserve(n)` returns a buffer with room for n bytes from `at`,
 * and they advance `at` past what they wrote.
 */
export class JsonWriter {
  /** The buffer being written; `reserve` may replace it. */
  buffer: Uint8Array
  /** How many bytes are written. */
  at = 0
  #scratch: boolean

  /** @param capacity a buffer of its own, of this many bytes, rather than the shared scratch */
  constructor(capacity?: number) {
    if (capacity === undefined && spareScratch !== undefined) {
      this.buffer = spareScratch
      spareScratch = undefined
      this.#scratch = true
    } else {
      this.buffer = Buffer.allocUnsafeSlow(capacity ?? SCRATCH_BYTES)
      this.#scratch = capacity === undefined
    }
  }

  /** The buffer, with room for `count` more bytes from `at`. */
  reserve(count: number): Uint8Array {
    const needed = this.at + count
    if (needed <= this.buffer.length) return this.buffer
    let capacity = Math.max(2 * this.buffer.length, 64)
    while (capacity < needed) capacity *= 2
    const grown = Buffer.allocUnsafeSlow(capacity)
    grown.set(this.buffer.subarray(0, this.at))
    this.buffer = grown
    return grown
  }

  /** Writes one ASCII character of JSON's structure (a brace, bracket, comma or colon) by its code. */
  byte(code: number): void {
    this.reserve(1)[this.at++] = code
  }

  /** Writes a constant piece of JSON made by `encodedJson`. */
  encoded(piece: Uint8Array): void {
    const n = piece.length
    const bytes = this.reserve(n)
    const at = this.at
    for (let i = 0; i < n; i++) bytes[at + i] = piece[i] as number
    this.at = at + n
  }

  /** Writes text that is already JSON (a structural piece, a number, a literal, JSON.stringify's output). */
  json(text: string): void {
    const n = text.length
    const bytes = this.reserve(3 * n)
    let at = this.at
    let i = 0
    // ASCII, nearly all JSON, in a loop of its own; the rest of the text, from the first other unit, below.
    for (; i < n; i++) {
      const c = text.charCodeAt(i)
      if (c >= 0x80) break
      bytes[at++] = c
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i)
      if (c < 0x80) bytes[at++] = c
      else at = encodeUnit(bytes, at, text, i, c, false)
      // A pair of surrogates is one code point: encodeUnit wrote both and the loop skips the second.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1))) i++
    }
    this.at = at
  }

  /** Writes `JSON.stringify(text)`: the string quoted, escaped as JSON.stringify escapes it. */
  string(text: string): void {
    const bytes = this.reserve(stringBound(text))
    let at = this.at
    bytes[at++] = 0x22
    at = writeStringContent(bytes, at, text)
    bytes[at++] = 0x22
    this.at = at
  }

  /** Writes a safe integer's digits, as JSON.stringify writes them. */
  integer(value: number): void {
    if (value < 0 || value > 0xffffffff || !Number.isInteger(value)) {
      this.json(String(value))
      return
    }
    this.at = writeDigits(this.reserve(10), this.at, value)
  }

  /**
   * The bytes written, in a buffer of their own; the writer is done and must not be written to afterwards.
   * @returns the JSON's bytes
   */
  finish(): Uint8Array {
    const { buffer, at } = this
    const scratch = this.#scratch
    this.#scratch = false
    this.buffer = EMPTY
    this.at = 0
    if (at >= HANDED_OVER_BYTES) return new Uint8Array(buffer.buffer, buffer.byteOffset, at)
    // Below half of Node's pool size, Buffer.allocUnsafe slices the shared pool rather than allocating.
    const out = Buffer.allocUnsafe(at)
    out.set(buffer.subarray(0, at))
    if (scratch && buffer.length <= KEPT_SCRATCH_BYTES) spareScratch = buffer
    return new Uint8Array(out.buffer, out.byteOffset, at)
  }
}

const EMPTY = new Uint8Array(0)

/** The most bytes `JSON.stringify(text)` can take: six (a \u escape of four hex digits) per UTF-16 unit, and the quotes. */
export function stringBound(text: string): number {
  return 6 * text.length + 2
}

/**
 * Writes the content of `JSON.stringify(text)`, its quotes left out, from `at` in `bytes` (which has room for
 * `stringBound(text)` bytes); returns where it ends.
 */
export function writeStringContent(bytes: Uint8Array, at: number, text: string): number {
  const n = text.length
  let i = 0
  // Printable ASCII other than quote and backslash, nearly every key and name, in a loop of its own.
  for (; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) break
    bytes[at++] = c
  }
  for (; i < n; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x20 && c < 0x80) {
      if (c === 0x22 || c === 0x5c) bytes[at++] = 0x5c
      bytes[at++] = c
    } else if (c < 0x20) {
      const short = SHORT_ESCAPES[c]
      bytes[at++] = 0x5c
      if (short !== undefined) bytes[at++] = short
      else at = writeUnicodeEscape(bytes, at, c)
    } else {
      at = encodeUnit(bytes, at, text, i, c, true)
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1))) i++
    }
  }
  return at
}

/** Writes the digits of an integer from 0 to 2^32 - 1 from `at` in `bytes` (room for ten); returns where they end. */
export function writeDigits(bytes: Uint8Array, at: number, value: number): number {
  let digits = 1
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++
  const end = at + digits
  let rest = value
  let i = end
  do {
    bytes[--i] = 0x30 + (rest % 10)
    rest = Math.floor(rest / 10)
  } while (rest > 0)
  return end
}

/**
 * UTF-8 of the unit at `i` (c, not ASCII), and of the low surrogate after it when the two are a pair. A lone
 * surrogate is escaped as a \u escape of its four hex digits inside a string (`escapeLone`), as JSON.stringify writes it.
 */
function encodeUnit(bytes: Uint8Array, at: number, text: string, i: number, c: number, escapeLone: boolean): number {
  if (c < 0x800) {
    bytes[at++] = 0xc0 | (c >> 6)
    bytes[at++] = 0x80 | (c & 0x3f)
    return at
  }
  if (c < 0xd800 || c > 0xdfff) {
    bytes[at++] = 0xe0 | (c >> 12)
    bytes[at++] = 0x80 | ((c >> 6) & 0x3f)
    bytes[at++] = 0x80 | (c & 0x3f)
    return at
  }
  const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0
  if (c <= 0xdbff && isLowSurrogate(next)) {
    const point = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00)
    bytes[at++] = 0xf0 | (point >> 18)
    bytes[at++] = 0x80 | ((point >> 12) & 0x3f)
    bytes[at++] = 0x80 | ((point >> 6) & 0x3f)
    bytes[at++] = 0x80 | (point & 0x3f)
    return at
  }
  if (escapeLone) {
    bytes[at++] = 0x5c
    return writeUnicodeEscape(bytes, at, c)
  }
  // Outside a string a lone surrogate has no UTF-8; JSON text never holds one (JSON.stringify escapes them).
  bytes[at++] = 0xef
  bytes[at++] = 0xbf
  bytes[at++] = 0xbd
  return at
}

/** A constant piece of JSON (ASCII text) as the bytes `JsonWriter.encoded` copies, without a pass over its text. */
export function encodedJson(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f)
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

function writeUnicodeEscape(bytes: Uint8Array, at: number, c: number): number {
  bytes[at++] = 0x75
  bytes[at++] = HEX.charCodeAt((c >> 12) & 0xf)
  bytes[at++] = HEX.charCodeAt((c >> 8) & 0xf)
  bytes[at++] = HEX.charCodeAt((c >> 4) & 0xf)
  bytes[at++] = HEX.charCodeAt(c & 0xf)
  return at
}
