// The update grammar (reference §3.5).
//
//   update    = clause { clause }
//   clause    = SET set-act { "," set-act } | REMOVE path { "," path }
//             | ADD path value-ref { "," path value-ref } | DELETE path value-ref { "," path value-ref }
//   set-act   = path "=" set-value          set-value = "(" set-value ")" | operand [ ("+" | "-") operand ]
//   operand   = path | value-ref | function "(" operand { "," operand } ")" | "(" operand ")"
import type { CallNode, OperandNode, UpdateAction, UpdateClause, UpdateTree, ValueNode } from './ast.js'
import { Cursor, ExpressionSyntaxError } from './cursor.js'
import { REDUNDANT_PARENTHESES } from './messages.js'

const CLAUSES: readonly UpdateClause[] = ['SET', 'REMOVE', 'ADD', 'DELETE']

class UpdateParser {
  readonly #cursor: Cursor
  readonly #clauses: UpdateClause[] = []
  readonly #actions: UpdateAction[] = []
  // Nodes that came straight out of a parenthesised group: a group around one of them is redundant.
  readonly #grouped = new WeakSet<object>()

  constructor(source: string) {
    this.#cursor = new Cursor(source)
  }

  parse(): UpdateTree {
    const cursor = this.#cursor
    do {
      const clause = CLAUSES.find((word) => cursor.atKeyword(word)) ?? cursor.fail()
      cursor.next()
      this.#clauses.push(clause)
      do this.action(clause)
      while (this.comma())
    } while (cursor.peek().kind !== 'eof')
    return { clauses: this.#clauses, actions: this.#actions }
  }

  private comma(): boolean {
    if (!this.#cursor.atSymbol(',')) return false
    this.#cursor.next()
    return true
  }

  private action(clause: UpdateClause): void {
    const cursor = this.#cursor
    const path = cursor.parsePath()
    switch (clause) {
      case 'SET':
        cursor.expectSymbol('=')
        this.#actions.push({ clause, path, value: this.setValue() })
        return
      case 'REMOVE':
        this.#actions.push({ clause, path })
        return
      case 'ADD':
      case 'DELETE':
        this.#actions.push({ clause, path, value: this.valueRef() })
        return
    }
  }

  private valueRef(): ValueNode {
    const cursor = this.#cursor
    if (cursor.peek().kind !== 'valueRef') cursor.fail()
    return { kind: 'value', name: cursor.next().text }
  }

  // A SET value may be one parenthesised arithmetic; operands and function arguments are plain operands, so
  // `(:a + :b) - :c` and `list_append((:a + :b), :c)` fail where the service's parser fails.
  private setValue(): OperandNode {
    const cursor = this.#cursor
    if (cursor.atSymbol('(') && this.groupHoldsArithmetic()) {
      cursor.next()
      const inner = this.setValue()
      cursor.expectSymbol(')')
      return this.group(inner)
    }
    const left = this.operand()
    if (!cursor.atSymbol('+') && !cursor.atSymbol('-')) return left
    const operator = cursor.next().text as '+' | '-'
    return { kind: 'arithmetic', operator, left, right: this.operand() }
  }

  /**
   * True when the group opening at the current token holds a `+` or `-`, in a nested group too: `((:a + :b))` is
   * one arithmetic in redundant parentheses. (A sign inside a function's arguments fails the same either way.)
   */
  private groupHoldsArithmetic(): boolean {
    const cursor = this.#cursor
    const close = cursor.closingParenthesis()
    for (let ahead = 1; ; ahead++) {
      const token = cursor.peek(ahead)
      if (token.kind === 'eof' || (close >= 0 && cursor.index + ahead >= close)) return false
      if (token.kind === 'symbol' && (token.text === '+' || token.text === '-')) return true
    }
  }

  private operand(): OperandNode {
    const cursor = this.#cursor
    if (cursor.atSymbol('(')) {
      cursor.next()
      const inner = this.operand()
      cursor.expectSymbol(')')
      return this.group(inner)
    }
    if (cursor.peek().kind === 'valueRef') return this.valueRef()
    if (cursor.peek().kind === 'name' && !cursor.atAnyKeyword() && cursor.atSymbol('(', 1)) return this.call()
    return cursor.parsePath()
  }

  private group<N extends object>(inner: N): N {
    // The service's parser refuses a redundant group as soon as it closes, before any later syntax error.
    if (this.#grouped.has(inner)) throw new ExpressionSyntaxError(REDUNDANT_PARENTHESES)
    this.#grouped.add(inner)
    return inner
  }

  private call(): CallNode {
    const cursor = this.#cursor
    const name = cursor.next().text
    cursor.expectSymbol('(')
    const args = [this.operand()]
    while (this.comma()) args.push(this.operand())
    cursor.expectSymbol(')')
    return { kind: 'call', name, args }
  }
}

/** Parses an update expression; a syntax error throws an ExpressionSyntaxError. */
export function parseUpdate(source: string): UpdateTree {
  return new UpdateParser(source).parse()
}
