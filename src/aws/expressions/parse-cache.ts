// Parsed expressions cached by their text: a request that repeats an expression (every page of a query, every
// item of a batch) costs no parse. Syntax errors are cached too, as they depend on the text alone.
import { ExpressionSyntaxError } from './cursor.js'

type Entry<T> = { readonly tree: T } | { readonly syntaxError: string }

/**
 * A bounded cache from expression text to parse result, in two generations: texts used since the last turnover
 * stay, the others leave at the next. A hit costs one lookup, where moving each hit to the end of one map (an exact
 * least-recently-used order) cost a delete and an insert on every request.
 */
export class ParseCache<T> {
  #recent = new Map<string, Entry<T>>()
  #older = new Map<string, Entry<T>>()
  readonly #half: number

  constructor(
    private readonly parser: (source: string) => T,
    capacity = 1000,
  ) {
    this.#half = Math.max(1, Math.floor(capacity / 2))
  }

  /** The tree of `source`, or the body of its syntax error. */
  get(source: string): Entry<T> {
    const hit = this.#recent.get(source)
    if (hit !== undefined) return hit
    let entry = this.#older.get(source)
    if (entry === undefined) {
      try {
        entry = { tree: this.parser(source) }
      } catch (error) {
        if (!(error instanceof ExpressionSyntaxError)) throw error
        entry = { syntaxError: error.message }
      }
    } else this.#older.delete(source)
    if (this.#recent.size >= this.#half) {
      this.#older = this.#recent
      this.#recent = new Map()
    }
    this.#recent.set(source, entry)
    return entry
  }

  /** How many expressions are cached. */
  get size(): number {
    return this.#recent.size + this.#older.size
  }
}
