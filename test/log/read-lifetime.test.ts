import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

describe('stream.read() and the process', () => {
  it('keeps a script alive while a read loop waits, and lets it exit once the loop is aborted', () => {
    const script = fileURLToPath(new URL('./scripts/read-loop.ts', import.meta.url))
    const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', timeout: 30_000 })
    expect(child.stdout.trim().split('\n')).toEqual(['script done', 'read late', 'loop ended'])
    expect(child.status).toBe(0)
  })
})
