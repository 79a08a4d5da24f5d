import { describe, expect, it } from 'vitest'
import { answerBytes, JsonPiece } from '../../../src/aws/protocol/json-piece.js'

const decoder = new TextDecoder()

describe('answerBytes', () => {
  const items = new JsonPiece((out) => out.json('[{"id":{"S":"é"}}]'))
  const answer = { Items: items, Count: 1, LastEvaluatedKey: undefined, 'a "name"': 'x', Note: 'ü' }

  it('lets pieces write themselves and writes the rest as JSON.stringify does, absent members left out', () => {
    expect(decoder.decode(answerBytes(answer))).toBe('{"Items":[{"id":{"S":"é"}}],"Count":1,"a \\"name\\"":"x","Note":"ü"}')
  })

  it('gives JSON.stringify of the same answer the same text', () => {
    expect(JSON.stringify(answer)).toBe(decoder.decode(answerBytes(answer)))
  })

  it('is the UTF-8 of JSON.stringify for an answer without pieces', () => {
    const plain = { TableNames: ['a', 'ß'], LastEvaluatedTableName: undefined }
    expect(decoder.decode(answerBytes(plain))).toBe(JSON.stringify(plain))
  })

  it('answers an empty answer with its own two bytes', () => {
    const first = answerBytes({})
    expect(decoder.decode(first)).toBe('{}')
    first[0] = 0
    expect(decoder.decode(answerBytes({}))).toBe('{}')
    expect(decoder.decode(answerBytes({ toJSON: () => ({ a: 1 }) } as never))).toBe('{"a":1}')
  })
})
