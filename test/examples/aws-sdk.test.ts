import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('examples/aws-sdk.ts', () => {
  it('writes through the DocumentClient, pays once, queries an index and reads the stream back', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/aws-sdk.ts'], { encoding: 'utf8' })
    expect(out).toContain('paid o-1: {"status":"paid"}')
    expect(out).toContain('second payment: ConditionalCheckFailedException: The conditional request failed')
    expect(out).toContain('open orders of 10 or more: o-3=15 (count 1)')
    expect(out).toContain('MODIFY c-1/o-1 new status paid')
    expect(out).toContain('4 stream records for 5 requests')
  })
})
