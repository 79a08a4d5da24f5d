// The one condition grammar (reference §3.3), shared by ConditionExpression, FilterExpression and
// KeyConditionExpression: the key-condition rules are checked on the tree this builds.
//
//   condition = conj { OR conj }          conj = neg { AND neg }          neg = NOT neg | primary
//   primary   = "(" condition ")" | function | operand cmp operand | operand BETWEEN operand AND operand
//             | operand IN "(" operand { "," operand } ")"
//   operand   = path | value-ref | function | "(" operand ")"
import type { CallNode, Comparator, ConditionNode, ConditionTree, OperandNode } from './ast.js'
import { Cursor, ExpressionSyntaxError } from './cursor.js'
import { REDUNDANT_PARENTHESES } from './messages.js'

const COMPARATORS: ReadonlySet<string> = new Set(['=', '<>', '<', '<=', '>', '>='])

class ConditionParser {
  readonly #cursor: Cursor
  // Nodes that came straight out of a parenthesised group: a group around one of them is redundant.
  readonly #grouped = new WeakSet<object>()

  constructor(source: string) {
    this.#cursor = new Cursor(source)
  }

  parse(): ConditionTree {
    const root = this.or()
    this.#cursor.expectEnd()
    return { root }
  }

  private or(): ConditionNode {
    let left = this.and()
    while (this.#cursor.atKeyword('OR')) {
      this.#cursor.next()
      left = { kind: 'or', left, right: this.and() }
    }
    return left
  }

  private and(): ConditionNode {
    let left = this.not()
    while (this.#cursor.atKeyword('AND')) {
      this.#cursor.next()
      left = { kind: 'and', left, right: this.not() }
    }
    return left
  }

  private not(): ConditionNode {
    if (!this.#cursor.atKeyword('NOT')) return this.primary()
    this.#cursor.next()
    return { kind: 'not', operand: this.not() }
  }

  private primary(): ConditionNode {
    const cursor = this.#cursor
    if (cursor.atSymbol('(')) {
      // `(a) = :v` starts with a parenthesised operand, `(a = :v)` is a group: what follows the `)` tells.
      const close = cursor.closingParenthesis()
      if (close < 0 || !this.startsComparison(close + 1 - cursor.index)) {
        const open = cursor.index
        try {
          cursor.next()
          const inner = this.or()
          cursor.expectSymbol(')')
          return this.group(inner)
        } catch (error) {
          // `(a) N`: the service's parser takes a parenthesised operand as such and fails at the token after it.
          const operand = error instanceof ExpressionSyntaxError && cursor.index === close ? this.operandSpanning(open, close) : undefined
          if (operand === undefined) throw error
          return this.comparison(operand)
        }
      }
    } else if (this.atCall()) {
      const call = this.call()
      if (!this.startsComparison(0)) return { kind: 'function', call }
      return this.comparison(call)
    }
    return this.comparison(this.operand())
  }

  private comparison(left: OperandNode): ConditionNode {
    const cursor = this.#cursor
    const token = cursor.peek()
    if (token.kind === 'symbol' && COMPARATORS.has(token.text)) {
      cursor.next()
      return { kind: 'compare', operator: token.text as Comparator, left, right: this.operand() }
    }
    if (cursor.atKeyword('BETWEEN')) {
      cursor.next()
      const lower = this.operand()
      cursor.expectKeyword('AND')
      return { kind: 'between', subject: left, lower, upper: this.operand() }
    }
    if (cursor.atKeyword('IN')) {
      cursor.next()
      cursor.expectSymbol('(')
      const list = [this.operand()]
      while (cursor.atSymbol(',')) {
        cursor.next()
        list.push(this.operand())
      }
      cursor.expectSymbol(')')
      return { kind: 'in', subject: left, list }
    }
    return cursor.fail()
  }

  // The parenthesised operand the tokens from `open` to `close` are, with the cursor after it; else undefined.
  private operandSpanning(open: number, close: number): OperandNode | undefined {
    const cursor = this.#cursor
    const failedAt = cursor.index
    cursor.rewind(open)
    try {
      const operand = this.operand()
      if (cursor.index === close + 1) return operand
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error
    }
    cursor.rewind(failedAt)
    return undefined
  }

  private startsComparison(ahead: number): boolean {
    const token = this.#cursor.peek(ahead)
    if (token.kind === 'symbol') return COMPARATORS.has(token.text)
    return token.kind === 'name' && (token.text.toUpperCase() === 'BETWEEN' || token.text.toUpperCase() === 'IN')
  }

  private operand(): OperandNode {
    const cursor = this.#cursor
    if (cursor.atSymbol('(')) {
      cursor.next()
      const inner = this.operand()
      cursor.expectSymbol(')')
      return this.group(inner)
    }
    if (cursor.peek().kind === 'valueRef') return { kind: 'value', name: cursor.next().text }
    if (this.atCall()) return this.call()
    return cursor.parsePath()
  }

  private atCall(): boolean {
    const cursor = this.#cursor
    return cursor.peek().kind === 'name' && !cursor.atAnyKeyword() && cursor.atSymbol('(', 1)
  }

  private call(): CallNode {
    const cursor = this.#cursor
    const name = cursor.next().text
    cursor.expectSymbol('(')
    const args = [this.operand()]
    while (cursor.atSymbol(',')) {
      cursor.next()
      args.push(this.operand())
    }
    cursor.expectSymbol(')')
    return { kind: 'call', name, args }
  }

  private group<N extends object>(inner: N): N {
    // The service's parser refuses a redundant group as soon as it closes, before any later syntax error.
    if (this.#grouped.has(inner)) throw new ExpressionSyntaxError(REDUNDANT_PARENTHESES)
    this.#grouped.add(inner)
    return inner
  }
}

/** Parses a condition, filter or key condition; a syntax error throws an ExpressionSyntaxError. */
export function parseCondition(source: string): ConditionTree {
  return new ConditionParser(source).parse()
}
