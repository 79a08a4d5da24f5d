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

  it('keeps at most its capacity, dropping texts not used since the last turnover', () => {
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

  it('stays within its capacity over many texts, and keeps a text in use however many pass by', () => {
    const parsed: string[] = []
    const cache = new ParseCache((source) => {
      parsed.push(source)
      return source
    }, 4)
    for (let i = 0; i < 100; i++) {
      cache.get('hot')
      cache.get(`cold ${i}`)
      expect(cache.size).toBeLessThanOrEqual(4)
    }
    expect(parsed.filter((source) => source === 'hot')).toEqual(['hot'])
  })

  it('lets errors other than syntax errors through', () => {
    const cache = new ParseCache(() => {
      throw new RangeError('not a syntax error')
    })
    expect(() => cache.get('a')).toThrow(RangeError)
    expect(new ExpressionSyntaxError('x')).toBeInstanceOf(Error)
  })
})
