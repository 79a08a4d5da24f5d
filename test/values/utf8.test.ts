// Strings compared as the service compares them: by their UTF-8, where a surrogate pair is one character.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { utf8Includes, utf8StartsWith } from '../../src/values/utf8.js'

const bytes = (s: string): Buffer => Buffer.from(s, 'utf8')
const startsWith = (s: string, prefix: string): boolean => bytes(s).subarray(0, bytes(prefix).length).equals(bytes(prefix))

describe('utf8StartsWith and utf8Includes', () => {
  it('do not take half of a character for a prefix or a part of it', () => {
    expect(utf8StartsWith('😀', '\ud83d')).toBe(false)
    expect(utf8StartsWith('a😀', 'a\ud83d')).toBe(false)
    expect(utf8StartsWith('😀x', '😀')).toBe(true)
    expect(utf8StartsWith('\ud83dx', '\ud83d')).toBe(true)
    expect(utf8Includes('a😀b', '\ude00b')).toBe(false)
    expect(utf8Includes('a😀b', 'a\ud83d')).toBe(false)
    expect(utf8Includes('\ud83d😀', '\ud83d')).toBe(true)
    expect(utf8Includes('a😀b', '😀')).toBe(true)
    expect(utf8Includes('abc', '')).toBe(true)
  })

  it('agree with the bytes for well-formed text', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 6 })
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        const s = a + b + c
        return utf8StartsWith(s, a + b) === startsWith(s, a + b) && utf8Includes(s, b) === bytes(s).includes(bytes(b)) && utf8StartsWith(s, c) === startsWith(s, c)
      }),
      { numRuns: 500 },
    )
  })
})
