// Parsed expressions cached by their text: a request that repeats an expression (every page of a query, every
// item of a batch) costs no parse. Syntax errors are cached too, as they depend on the text alone.
import { ExpressionSyntaxError } from './cursor.js'

type Entry<T> = { readonly tree: T } | { readonly syntaxError: string }

/** A bounded cache from expression text to parse result; the least recently used entry leaves first. */
export class ParseCache<T> {
  readonly #entries = new Map<string, Entry<T>>()

  constructor(
    private readonly parser: (source: string) => T,
    private readonly capacity = 1000,
  ) {}

  /** The tree of `source`, or the body of its syntax error. */
  get(source: string): Entry<T> {
    const entries = this.#entries
    let entry = entries.get(source)
    if (entry !== undefined) {
      entries.delete(source)
      entries.set(source, entry)
      return entry
    }
    try {
      entry = { tree: this.parser(source) }
    } catch (error) {
      if (!(error instanceof ExpressionSyntaxError)) throw error
      entry = { syntaxError: error.message }
    }
    if (entries.size >= this.capacity) entries.delete(entries.keys().next().value as string)
    entries.set(source, entry)
    return entry
  }

  /** How many expressions are cached. */
  get size(): number {
    return this.#entries.size
  }
}
