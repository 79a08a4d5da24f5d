import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('examples/replication.ts', () => {
  it('leaves the replica equal to the source across splits, TTL expiries and a retried batch', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/replication.ts'], { encoding: 'utf8' })
    expect(out).toContain('source items: 154, replica items: 154')
    expect(out).toContain('replica equals source')
  })
})
