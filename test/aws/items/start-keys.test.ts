// Start keys that cannot start a page, answered as DynamoDB Local answered them (recorded by oracle/start-keys.ts).
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { START_KEY_CASES, START_KEY_SETUP, startKeyAnswer, type StartKeyAnswer } from '../../../oracle/start-key-cases.js'
import { createWireCall } from '../../../oracle/streamtable-wire.js'

const recorded = JSON.parse(readFileSync(new URL('./start-keys.local.json', import.meta.url), 'utf8')) as StartKeyAnswer[]

describe('ExclusiveStartKey, checked as DynamoDB Local checks it', () => {
  it('answers every recorded case with DynamoDB Local’s error and message, or the same number of items', async () => {
    expect(recorded).toHaveLength(START_KEY_CASES.length)
    const call = createWireCall()
    for (const [operation, body] of START_KEY_SETUP) expect((await call(operation, body)).ok).toBe(true)
    const answers: StartKeyAnswer[] = []
    for (const [operation, body] of START_KEY_CASES) answers.push(startKeyAnswer(await call(operation, body)))
    expect(answers.map((answer, i) => [i, answer])).toEqual(recorded.map((answer, i) => [i, answer]))
    expect(recorded.filter((answer) => 'error' in answer).length).toBeGreaterThan(100)
  })
})
