import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('examples/consumer.ts', () => {
  it('processes the payments, retries the bad one twice and reports it to the on-failure destination', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/consumer.ts'], { encoding: 'utf8' })
    expect(out).toContain('revenue 52 from 2 payments')
    expect(out).toMatch(/on-failure: RetryAttemptsExhausted after 3 invocations, batch of 1 from \d{21}/)
    expect(out).toMatch(/3 filtered, 1 sent to on-failure, iterator age 0 ms/)
    expect(out).toMatch(/\(attempt 3\): 1 records, 1 failed/)
  })
})
