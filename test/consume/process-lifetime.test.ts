import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const SCRIPT = fileURLToPath(new URL('./scripts/pending-retry.ts', import.meta.url))

function run(mode: string): { lines: string[]; status: number | null; ms: number } {
  const started = Date.now()
  const child = spawnSync(process.execPath, ['--import', 'tsx', SCRIPT, mode], { encoding: 'utf8', timeout: 30_000 })
  if (child.error !== undefined) throw child.error
  return { lines: child.stdout.trim().split('\n'), status: child.status, ms: Date.now() - started }
}

describe('process lifetime', () => {
  it('keeps a script alive until its consumer delivered a pending retry, and exits by itself once the consumer stopped', () => {
    const { lines, status } = run('stop-after-retry')
    expect(lines).toEqual(['script done', 'failed attempt 1', 'delivered a on attempt 2', 'stopped'])
    expect(status).toBe(0)
  })

  it('lets the process exit with the retry pending when the consumer is unref()ed, or the store opts out', () => {
    for (const mode of ['unref-consumer', 'unref-store']) {
      const { lines, status } = run(mode)
      expect(lines).toEqual(['script done', 'failed attempt 1'])
      expect(status).toBe(0)
    }
  })
})
