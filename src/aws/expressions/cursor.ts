// What the three grammars share: a cursor over the tokens that reports syntax errors as the service words them,
// and the document-path rule.
import type { PathNode, PathSegment } from './ast.js'
import { syntaxError } from './messages.js'
import { isKeyword, nearWindow, quoteToken, tokenize, type Token } from './tokenizer.js'

/** A syntax error of one expression: the message body the service sends after `Invalid <Param>: `. */
export class ExpressionSyntaxError extends Error {}

// The service's expressions share one lexer: the words of every grammar are keywords in all of them (`a = SET` is a
// syntax error at SET in a condition too), in any letter case, and can never be names.
const KEYWORDS: readonly string[] = ['AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'SET', 'REMOVE', 'ADD', 'DELETE']

/** A position in the token list of one expression; the keywords of every grammar cannot be names. */
export class Cursor {
  readonly tokens: readonly Token[]
  #index = 0

  constructor(readonly source: string) {
    this.tokens = tokenize(source)
  }

  /** Position of the current token in `tokens`. */
  get index(): number {
    return this.#index
  }

  /** Goes back to the token at `index`, an earlier position of this cursor. */
  rewind(index: number): void {
    this.#index = index
  }

  /** The token `ahead` places after the current one. */
  peek(ahead = 0): Token {
    const tokens = this.tokens
    return tokens[Math.min(this.#index + ahead, tokens.length - 1)] as Token
  }

  /** Consumes and returns the current token. */
  next(): Token {
    const token = this.peek()
    if (token.kind !== 'eof') this.#index++
    return token
  }

  /** True when the token `ahead` places after the current one is the symbol `symbol`. */
  atSymbol(symbol: string, ahead = 0): boolean {
    const token = this.peek(ahead)
    return token.kind === 'symbol' && token.text === symbol
  }

  /** True when the current token is the keyword `word`, in any letter case. */
  atKeyword(word: string): boolean {
    return isKeyword(this.peek(), word)
  }

  /** True when the current token is a keyword (of any grammar). */
  atAnyKeyword(ahead = 0): boolean {
    const token = this.peek(ahead)
    return KEYWORDS.some((word) => isKeyword(token, word))
  }

  /** Consumes `symbol`, or fails on whatever stands there. */
  expectSymbol(symbol: string): void {
    if (!this.atSymbol(symbol)) this.fail()
    this.#index++
  }

  /** Consumes the keyword `word`, or fails on whatever stands there. */
  expectKeyword(word: string): void {
    if (!this.atKeyword(word)) this.fail()
    this.#index++
  }

  /** Fails with a syntax error at the current token. */
  fail(): never {
    throw new ExpressionSyntaxError(syntaxError(quoteToken(this.peek()), nearWindow(this.source, this.tokens, this.#index)))
  }

  /** Fails unless every token was consumed. */
  expectEnd(): void {
    if (this.peek().kind !== 'eof') this.fail()
  }

  /** True when the current token can start a document path. */
  atPath(): boolean {
    const token = this.peek()
    return token.kind === 'nameRef' || (token.kind === 'name' && !this.atAnyKeyword())
  }

  /** Index of the `)` closing the `(` at the current token, or -1 when it is not closed. */
  closingParenthesis(): number {
    let depth = 0
    for (let i = this.#index; i < this.tokens.length; i++) {
      const token = this.tokens[i] as Token
      if (token.kind !== 'symbol') continue
      if (token.text === '(') depth++
      else if (token.text === ')' && --depth === 0) return i
    }
    return -1
  }

  /** `path = (name | #name) { "." (name | #name) | "[" digits "]" }` */
  parsePath(): PathNode {
    const segments: PathSegment[] = [this.parseName()]
    for (;;) {
      if (this.atSymbol('.')) {
        this.#index++
        segments.push(this.parseName())
      } else if (this.atSymbol('[')) {
        this.#index++
        const token = this.peek()
        if (token.kind !== 'number') this.fail()
        this.#index++
        this.expectSymbol(']')
        segments.push(Number(token.text))
      } else {
        return { kind: 'path', segments }
      }
    }
  }

  private parseName(): PathSegment {
    if (!this.atPath()) this.fail()
    const token = this.next()
    return { name: token.text, placeholder: token.kind === 'nameRef' }
  }
}
