import { describe, expect, it } from 'vitest'
import { answerText, JsonText } from '../../../src/aws/protocol/json-text.js'

describe('answerText', () => {
  const answer = { Items: new JsonText('[{"id":{"S":"a"}}]'), Count: 1, LastEvaluatedKey: undefined, 'a "name"': 'x' }

  it('splices written members in and writes the rest as JSON.stringify does, absent members left out', () => {
    expect(answerText(answer)).toBe('{"Items":[{"id":{"S":"a"}}],"Count":1,"a \\"name\\"":"x"}')
  })

  it('gives JSON.stringify of the same answer the same text', () => {
    expect(JSON.stringify(answer)).toBe(answerText(answer))
  })

  it('is JSON.stringify for an answer without written members', () => {
    const plain = { TableNames: ['a'], LastEvaluatedTableName: undefined }
    expect(answerText(plain)).toBe(JSON.stringify(plain))
  })
})
