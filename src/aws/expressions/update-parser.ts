// The update grammar (reference §3.5).
//
//   update    = clause { clause }
//   clause    = SET set-act { "," set-act } | REMOVE path { "," path }
//             | ADD path value-ref { "," path value-ref } | DELETE path value-ref { "," path value-ref }
//   set-act   = path "=" set-value          set-value = operand [ ("+" | "-") operand ]
//   operand   = path | value-ref | function | "(" set-value ")"
import type { CallNode, OperandNode, UpdateAction, UpdateClause, UpdateTree, ValueNode } from './ast.js'
import { Cursor } from './cursor.js'

const CLAUSES: readonly UpdateClause[] = ['SET', 'REMOVE', 'ADD', 'DELETE']

class UpdateParser {
  readonly #cursor: Cursor
  readonly #clauses: UpdateClause[] = []
  readonly #actions: UpdateAction[] = []

  constructor(source: string) {
    this.#cursor = new Cursor(source, CLAUSES)
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

  private setValue(): OperandNode {
    const left = this.operand()
    const cursor = this.#cursor
    if (!cursor.atSymbol('+') && !cursor.atSymbol('-')) return left
    const operator = cursor.next().text as '+' | '-'
    return { kind: 'arithmetic', operator, left, right: this.operand() }
  }

  private operand(): OperandNode {
    const cursor = this.#cursor
    if (cursor.atSymbol('(')) {
      cursor.next()
      const inner = this.setValue()
      cursor.expectSymbol(')')
      return inner
    }
    if (cursor.peek().kind === 'valueRef') return this.valueRef()
    if (cursor.peek().kind === 'name' && !cursor.atAnyKeyword() && cursor.atSymbol('(', 1)) return this.call()
    return cursor.parsePath()
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
