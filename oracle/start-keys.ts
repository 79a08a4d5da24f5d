// The start-key cases (start-key-cases.ts) sent to DynamoDB Local and to streamtable: lists every difference, and
// with --record writes DynamoDB Local's answers to the file the unit test compares streamtable with.
//
//   npx tsx oracle/start-keys.ts             compare
//   npx tsx oracle/start-keys.ts --record    compare, and write test/aws/items/start-keys.local.json
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { startDynamoDbLocal } from './dynamodb-local.js'
import { START_KEY_CASES, START_KEY_SETUP, startKeyAnswer, type StartKeyAnswer } from './start-key-cases.js'
import { createWireCall } from './streamtable-wire.js'

const RECORD_FILE = new URL('../test/aws/items/start-keys.local.json', import.meta.url)
const { values: args } = parseArgs({ options: { record: { type: 'boolean', default: false } } })

const local = await startDynamoDbLocal()
const ours = createWireCall()
try {
  for (const [operation, body] of START_KEY_SETUP) {
    const [a, b] = [await local.call(operation, body), await ours(operation, body)]
    if (!a.ok || !b.ok) throw new Error(`setup ${operation} failed: ${JSON.stringify([a, b])}`)
  }
  const recorded: StartKeyAnswer[] = []
  let differences = 0
  for (const [i, [operation, body]] of START_KEY_CASES.entries()) {
    const expected = startKeyAnswer(await local.call(operation, body))
    const received = startKeyAnswer(await ours(operation, body))
    recorded.push(expected)
    if (JSON.stringify(expected) !== JSON.stringify(received)) {
      differences++
      console.log(`case ${i}: ${operation} ${JSON.stringify(body)}\n  DynamoDB Local: ${JSON.stringify(expected)}\n  streamtable:    ${JSON.stringify(received)}`)
    }
  }
  if (args.record) writeFileSync(RECORD_FILE, `${JSON.stringify(recorded, null, 1)}\n`)
  console.log(JSON.stringify({ cases: START_KEY_CASES.length, differences, recorded: args.record }))
} finally {
  await local.stop()
}
