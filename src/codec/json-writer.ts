// JSON written straight into UTF-8 bytes. On Node 20 a page built as a JS string costs three passes over it: the
// pieces concatenated into a rope, the rope flattened, then encoded to UTF-8; writing the bytes as the values are
// walked costs one.

// Small answers then come from Node's shared buffer pool; a large page grows by doubling.
const INITIAL_BYTES = 2048

/** The codes of JSON's structural characters, for `JsonWriter.byte`. */
export const JSON_BYTE = { openBrace: 0x7b, closeBrace: 0x7d, openBracket: 0x5b, closeBracket: 0x5d, comma: 0x2c, colon: 0x3a } as const
const HEX = '0123456789abcdef'

// JSON.stringify's short escapes; every other control character is written as a \u escape of four hex digits.
const SHORT_ESCAPES: Readonly<Record<number, number>> = { 8: 0x62, 9: 0x74, 10: 0x6e, 12: 0x66, 13: 0x72, 34: 0x22, 92: 0x5c }

/** A growing buffer of JSON bytes; what it writes decodes to exactly what JSON.stringify writes of the same values. */
export class JsonWriter {
  #bytes: Uint8Array
  #at = 0

  constructor(capacity = INITIAL_BYTES) {
    this.#bytes = Buffer.allocUnsafe(capacity)
  }

  #reserve(count: number): Uint8Array {
    const needed = this.#at + count
    if (needed <= this.#bytes.length) return this.#bytes
    let capacity = Math.max(2 * this.#bytes.length, 64)
    while (capacity < needed) capacity *= 2
    const grown = Buffer.allocUnsafe(capacity)
    grown.set(this.#bytes.subarray(0, this.#at))
    this.#bytes = grown
    return grown
  }

  /** Writes one ASCII character of JSON's structure (a brace, bracket, comma or colon) by its code. */
  byte(code: number): void {
    this.#reserve(1)[this.#at++] = code
  }

  /** Writes a constant piece of JSON made by `encodedJson`. */
  encoded(piece: Uint8Array): void {
    const n = piece.length
    const bytes = this.#reserve(n)
    const at = this.#at
    for (let i = 0; i < n; i++) bytes[at + i] = piece[i] as number
    this.#at = at + n
  }

  /** Writes text that is already JSON (a structural piece, a number, a literal, JSON.stringify's output). */
  json(text: string): void {
    const n = text.length
    const bytes = this.#reserve(3 * n)
    let at = this.#at
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
      else at = this.#encode(bytes, at, text, i, c, false)
      // A pair of surrogates is one code point: #encode wrote both and the loop skips the second.
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1))) i++
    }
    this.#at = at
  }

  /** Writes `JSON.stringify(text)`: the string quoted, escaped as JSON.stringify escapes it. */
  string(text: string): void {
    const n = text.length
    // Six bytes (a \u escape of four hex digits) is the most any UTF-16 unit becomes, plus the quotes.
    const bytes = this.#reserve(6 * n + 2)
    let at = this.#at
    bytes[at++] = 0x22
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
        at = this.#encode(bytes, at, text, i, c, true)
        if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && isLowSurrogate(text.charCodeAt(i + 1))) i++
      }
    }
    bytes[at++] = 0x22
    this.#at = at
  }

  /** Writes a safe integer's digits, as JSON.stringify writes them. */
  integer(value: number): void {
    if (value < 0 || value > 0xffffffff || !Number.isInteger(value)) {
      this.json(String(value))
      return
    }
    const bytes = this.#reserve(10)
    let digits = 1
    for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++
    let at = this.#at + digits
    this.#at = at
    let rest = value
    do {
      bytes[--at] = 0x30 + (rest % 10)
      rest = Math.floor(rest / 10)
    } while (rest > 0)
  }

  /**
   * UTF-8 of the unit at `i` (c, not ASCII), and of the low surrogate after it when the two are a pair. A lone
   * surrogate is escaped as a \u escape of its four hex digits inside a string (`escapeLone`), as JSON.stringify writes it.
   */
  #encode(bytes: Uint8Array, at: number, text: string, i: number, c: number, escapeLone: boolean): number {
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

  /** The bytes written, as a view of the writer's buffer (the writer must not be written to afterwards). */
  bytes(): Uint8Array {
    return this.#bytes.subarray(0, this.#at)
  }
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
