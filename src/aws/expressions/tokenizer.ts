// One tokenizer for the five expression languages. It never fails: a character no rule accepts becomes a token of
// its own, so the parser reports it with the same `token`/`near` window as any other misplaced token.

/** What a token is. `unknown` is a single character no rule accepts; `eof` ends every token list. */
export type TokenKind = 'name' | 'nameRef' | 'valueRef' | 'number' | 'symbol' | 'unknown' | 'eof'

/** A token and the span of source text it covers (UTF-16 offsets, end exclusive). */
export interface Token {
  readonly kind: TokenKind
  readonly text: string
  readonly start: number
  readonly end: number
}

const SYMBOLS = new Set(['=', '<', '>', '+', '-', '(', ')', '[', ']', '.', ','])

function isNameChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d
}

/** Splits an expression into tokens; the last token is always `eof`, placed at the end of the source. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  const n = source.length
  while (i < n) {
    const c = source.charCodeAt(i)
    if (isSpace(c)) {
      i++
      continue
    }
    const start = i
    let kind: TokenKind
    if (c === 0x23 /* # */ || c === 0x3a /* : */) {
      i++
      while (i < n && isNameChar(source.charCodeAt(i))) i++
      kind = i === start + 1 ? 'unknown' : c === 0x23 ? 'nameRef' : 'valueRef'
    } else if (isDigit(c)) {
      while (i < n && isDigit(source.charCodeAt(i))) i++
      kind = 'number'
    } else if (isNameChar(c) && c !== 0x5f /* _ */) {
      // A bare name starts with a letter: a leading `_` is a token of its own, and a syntax error wherever it stands.
      while (i < n && isNameChar(source.charCodeAt(i))) i++
      kind = 'name'
    } else if (c === 0x3c /* < */) {
      i++
      const next = source[i]
      if (next === '=' || next === '>') i++
      kind = 'symbol'
    } else if (c === 0x3e /* > */) {
      i++
      if (source[i] === '=') i++
      kind = 'symbol'
    } else if (SYMBOLS.has(source[i] as string)) {
      i++
      kind = 'symbol'
    } else {
      // A whole code point, so a character outside the BMP is quoted intact.
      i += c >= 0xd800 && c <= 0xdbff && i + 1 < n ? 2 : 1
      kind = 'unknown'
    }
    tokens.push({ kind, text: source.slice(start, i), start, end: i })
  }
  tokens.push({ kind: 'eof', text: '', start: n, end: n })
  return tokens
}

/** The token as a syntax error quotes it: its text, or `<EOF>` at the end. */
export function quoteToken(token: Token): string {
  return token.kind === 'eof' ? '<EOF>' : token.text
}

/**
 * The `near` window of a syntax error at `tokens[index]`: the source from the token before it to the token after it
 * (`a b` → `a b`, `INVALID SYNTAX HERE` → `INVALID SYNTAX`, `a,` at the end → `,`), as the service quotes it.
 */
export function nearWindow(source: string, tokens: readonly Token[], index: number): string {
  const token = tokens[index] as Token
  const previous = index > 0 ? tokens[index - 1] : undefined
  const next = tokens[index + 1]
  // With no token before it, the window starts at the beginning of the text, leading blanks included.
  const start = previous !== undefined ? previous.start : 0
  // A token followed by the end of the text shows the blanks after it too.
  const end = next === undefined ? token.end : next.kind === 'eof' ? source.length : next.end
  return source.slice(start, end)
}

/** True when `token` is the bare word `word`, ignoring letter case (the keywords are case-insensitive). */
export function isKeyword(token: Token, word: string): boolean {
  return token.kind === 'name' && token.text.length === word.length && token.text.toUpperCase() === word
}
