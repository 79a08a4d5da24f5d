import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('examples/quickstart.ts', () => {
  it('prints one record per changing write and none for the identical put', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/quickstart.ts'], { encoding: 'utf8' })
    expect(out).toMatch(/INSERT .*"c-1"/)
    expect(out).toMatch(/MODIFY .*status=paid/)
    expect(out).toMatch(/DELETE .*"c-2"/)
    expect(out).toContain('4 records for 5 writes')
  })
})
