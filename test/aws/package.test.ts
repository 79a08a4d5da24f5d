import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// Static checks on the build (npm test builds first): the main entry must not load the AWS door.
const DIST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist')
const AWS_MARKERS = ['DynamoDBStreams_20120810', 'unmarshallValue', 'createDispatcher']

/** Every file of dist/ that `entry` loads, itself included, following relative static imports and requires. */
function loadedFiles(entry: string): string[] {
  const seen = new Set<string>()
  const pending = [entry]
  while (pending.length > 0) {
    const file = pending.pop() as string
    if (seen.has(file)) continue
    seen.add(file)
    const text = readFileSync(join(DIST, file), 'utf8')
    for (const m of text.matchAll(/(?:from\s*|import\s*\(?\s*|require\(\s*)["']\.\/([^"']+)["']/g)) pending.push(m[1] as string)
  }
  return [...seen].sort()
}

describe('the built main entry', () => {
  it.each(['index.js', 'index.cjs'])('%s loads no AWS code', (entry) => {
    const files = loadedFiles(entry)
    expect(files.some((f) => f.startsWith('aws.'))).toBe(false)
    for (const file of files) {
      const text = readFileSync(join(DIST, file), 'utf8')
      for (const marker of AWS_MARKERS) expect(text.includes(marker), `${file} holds ${marker}`).toBe(false)
    }
  })

  it.each(['aws.js', 'aws.cjs'])('%s is built and holds the AWS door', (entry) => {
    // The program (cli.cjs) loads the door too, so the door may sit in a chunk the two entries share.
    const text = loadedFiles(entry).map((file) => readFileSync(join(DIST, file), 'utf8')).join('\n')
    for (const marker of AWS_MARKERS) expect(text).toContain(marker)
  })

  it('exports the AWS door from the ESM and CommonJS builds alike', async () => {
    const require = createRequire(import.meta.url)
    const esm = Object.keys(await import('../../dist/aws.js')).sort()
    const cjs = Object.keys(require('../../dist/aws.cjs') as object).sort()
    expect(esm).toEqual(cjs)
    expect(esm).toEqual(expect.arrayContaining(['awsClientConfig', 'awsRequestHandler', 'createAuthGuard', 'createDispatcher', 'parseCredentialsFile', 'parsePolicyFile', 'recordToJson', 'unmarshallItem']))
    // Loading both builds takes seconds on a busy machine.
  }, 30_000)
})
