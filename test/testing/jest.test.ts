import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// jest runs in a child process on small CommonJS suites that load the built package (npm test builds first).
const root = fileURLToPath(new URL('../../', import.meta.url))

interface JestReport {
  numPassedTests: number
  numFailedTests: number
  testResults: { name: string; assertionResults: { title: string; status: string; failureMessages: string[] }[] }[]
}

function runJest(): { status: number | null; report: JestReport } {
  const config = JSON.stringify({ rootDir: 'test/testing/jest', testMatch: ['**/*.jest.cjs'], testEnvironment: 'node', transform: {}, watchman: false })
  const child = spawnSync(process.execPath, ['node_modules/jest/bin/jest.js', '--config', config, '--ci', '--json', '--silent'], { cwd: root, encoding: 'utf8', timeout: 120_000 })
  if (!child.stdout.startsWith('{')) throw new Error(`jest did not report: ${child.stderr}`)
  return { status: child.status, report: JSON.parse(child.stdout) as JestReport }
}

describe('streamtable/testing/jest under jest 30', () => {
  const { status, report } = runJest()
  const results = report.testResults.flatMap((file) => file.assertionResults.map((test) => ({ file: file.name.split('/').at(-1), ...test })))

  it('registers the matchers with one require: every assertion of the passing suite holds', () => {
    expect(results.filter((r) => r.file === 'emitted.jest.cjs').map((r) => [r.title, r.status])).toEqual([
      ['toHaveEmitted matches partial records, and .not inverts it', 'passed'],
      ['marks see what came after them', 'passed'],
      ['records a factory made', 'passed'],
      ['a failing assertion lists the records', 'passed'],
    ])
  })

  it('reports a failed assertion with the pattern and the records the table emitted', () => {
    expect(status).toBe(1)
    expect(report.numFailedTests).toBe(1)
    const failed = results.find((r) => r.file === 'failing.jest.cjs')
    expect(failed?.status).toBe('failed')
    const message = (failed?.failureMessages ?? []).join('\n').replace(/seq \d+/g, 'seq …')
    expect(message).toContain(
      'expected table payments to have emitted a record matching { eventName: "INSERT", newImage: { amount: 9 } }, but none of its 2 records matches:\n' +
        '  1. INSERT { id: "p1" } new { id: "p1", amount: 5 } seq …\n' +
        '  2. INSERT { id: "p2" } new { id: "p2", amount: 7 } seq …',
    )
  })
})
