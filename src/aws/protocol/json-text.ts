// An operation's answer may hold members written ahead as JSON text (a page's items, a shard's records): the
// dispatcher splices them in as they are, where JSON.stringify would write the same text from a tree of objects.

/** A member of an answer already written as JSON text. */
export class JsonText {
  constructor(readonly text: string) {}

  /** Anything that stringifies an answer by itself still gets the same JSON. */
  toJSON(): unknown {
    return JSON.parse(this.text)
  }
}

/**
 * An answer as JSON text: `JSON.stringify(answer)`, with each top-level JsonText member spliced in as written.
 * @param answer the operation's answer
 * @returns the JSON text of the body
 */
export function answerText(answer: { readonly [name: string]: unknown }): string {
  let written = false
  for (const name in answer) {
    if (answer[name] instanceof JsonText) {
      written = true
      break
    }
  }
  if (!written) return JSON.stringify(answer)
  let out = ''
  for (const name in answer) {
    const value = answer[name]
    const text = value instanceof JsonText ? value.text : JSON.stringify(value)
    // JSON.stringify leaves out members it cannot write (undefined, functions, symbols).
    if (text === undefined) continue
    out += `${out === '' ? '' : ','}${JSON.stringify(name)}:${text}`
  }
  return `{${out}}`
}
