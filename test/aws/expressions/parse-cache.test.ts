// Parsed expressions are cached by text: a repeat costs no parse, and the cache stays bounded.
import { describe, expect, it } from 'vitest'
import { ExpressionSyntaxError } from '../../../src/aws/expressions/cursor.js'
import { ParseCache } from '../../../src/aws/expressions/parse-cache.js'
import { parseCondition } from '../../../src/aws/expressions/condition-parser.js'

describe('the parse cache', () => {
  it('parses a text once, syntax errors included', () => {
    const parsed: string[] = []
    const cache = new ParseCache((source) => {
      parsed.push(source)
      return parseCondition(source)
    })
    const first = cache.get('a = :v')
    expect(cache.get('a = :v')).toBe(first)
    expect(cache.get('a b')).toEqual({ syntaxError: 'Syntax error; token: "b", near: "a b"' })
    cache.get('a b')
    expect(parsed).toEqual(['a = :v', 'a b'])
  })

  it('keeps at most its capacity, dropping the least recently used text', () => {
    const parsed: string[] = []
    const cache = new ParseCache((source) => {
      parsed.push(source)
      return source
    }, 2)
    cache.get('x')
    cache.get('y')
    cache.get('x')
    cache.get('z')
    expect(cache.size).toBe(2)
    cache.get('x')
    cache.get('y')
    expect(parsed).toEqual(['x', 'y', 'z', 'y'])
  })

  it('lets errors other than syntax errors through', () => {
    const cache = new ParseCache(() => {
      throw new RangeError('not a syntax error')
    })
    expect(() => cache.get('a')).toThrow(RangeError)
    expect(new ExpressionSyntaxError('x')).toBeInstanceOf(Error)
  })
})
