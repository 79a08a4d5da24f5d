// An operation's answer may hold members that write themselves as JSON bytes (a page's items, a shard's records):
// the dispatcher lets them write into the answer, where JSON.stringify would first build a tree of tagged objects,
// then the text, then its UTF-8.
import { JSON_BYTE, JsonWriter } from '../../codec/json-writer.js'

const decoder = new TextDecoder()

/** A member of an answer that writes its own JSON. */
export class JsonPiece {
  /** `write` writes the member's value, exactly what JSON.stringify writes of it as a tree. */
  constructor(readonly write: (out: JsonWriter) => void) {}

  /** Anything that stringifies an answer by itself still gets the same JSON. */
  toJSON(): unknown {
    const out = new JsonWriter()
    this.write(out)
    return JSON.parse(decoder.decode(out.finish()))
  }
}

// Buffer.from encodes a large text about twice as fast as TextEncoder; the body handed out is a plain view of it.
function utf8(text: string): Uint8Array {
  const bytes = Buffer.from(text, 'utf8')
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength)
}

/**
 * An answer as JSON bytes: the UTF-8 of `JSON.stringify(answer)`, each top-level JsonPiece member writing itself.
 * @param answer the operation's answer
 * @returns the body
 */
export function answerBytes(answer: { readonly [name: string]: unknown }): Uint8Array {
  let pieces = false
  let members = false
  for (const name in answer) {
    members = true
    if (answer[name] instanceof JsonPiece) {
      pieces = true
      break
    }
  }
  // Most writes answer `{}`: its two bytes, without a text to encode.
  if (!members && !('toJSON' in answer)) return Uint8Array.of(JSON_BYTE.openBrace, JSON_BYTE.closeBrace)
  if (!pieces) return utf8(JSON.stringify(answer))
  const out = new JsonWriter()
  out.byte(JSON_BYTE.openBrace)
  let first = true
  for (const name in answer) {
    const value = answer[name]
    // JSON.stringify leaves out members it cannot write (undefined, functions, symbols).
    const text = value instanceof JsonPiece ? '' : JSON.stringify(value)
    if (text === undefined) continue
    if (first) first = false
    else out.byte(JSON_BYTE.comma)
    out.string(name)
    out.byte(JSON_BYTE.colon)
    if (value instanceof JsonPiece) value.write(out)
    else out.json(text)
  }
  out.byte(JSON_BYTE.closeBrace)
  return out.finish()
}
