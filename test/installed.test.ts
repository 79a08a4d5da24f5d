// The package as users get it: packed, installed into an empty project, `npx streamtable serve` started there.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { call, json } from './aws/server/http.js'
import { startServeProcess } from './helpers/serve-process.js'

const root = fileURLToPath(new URL('..', import.meta.url))

function npm(args: readonly string[], cwd: string): string {
  return execFileSync('npm', [...args], { cwd, encoding: 'utf8', env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' } })
}

describe('the installed package', () => {
  it('runs `npx streamtable serve` from its tarball', async () => {
    const project = mkdtempSync(join(tmpdir(), 'streamtable-installed-'))
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'installed-probe', version: '1.0.0', private: true }))
    const tarball = npm(['pack', '--silent', '--pack-destination', project, root], project).trim().split('\n').pop() as string
    // The package has no runtime dependency, so the install needs no registry.
    npm(['install', '--offline', `./${tarball}`], project)
    const served = await startServeProcess(['-inMemory'], { program: ['npx', '--offline', 'streamtable'], cwd: project })
    try {
      expect(served.startLine).toMatch(/^streamtable listening on http:\/\/127\.0\.0\.1:\d+ \(region us-east-1\)$/)
      expect(json(await call(served.url, 'ListTables', {}))).toEqual({ TableNames: [] })
    } finally {
      await served.stop('SIGTERM')
    }
  }, 120_000)
})
