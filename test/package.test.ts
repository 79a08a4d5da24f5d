import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// These run against dist/ (npm test builds first): what users import is what is checked.
const root = new URL('../', import.meta.url)
const dist = new URL('dist/', root)
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  license: string
  files: string[]
  scripts: Record<string, string>
  dependencies?: Record<string, string>
  exports: Record<string, unknown>
  sideEffects: boolean | string[]
  type: string
}

describe('the published package', () => {
  it('has no runtime dependency, and carries its own copy of immer', () => {
    expect(pkg.dependencies ?? {}).toEqual({})
    for (const file of readdirSync(dist).filter((name) => /\.(c?js|d\.c?ts)$/.test(name))) {
      expect(readFileSync(new URL(file, dist), 'utf8'), file).not.toMatch(/from ["']immer["']|require\(["']immer["']\)/)
    }
  })

  it('loads only its own chunks and Node built-ins at run time', () => {
    const builtins = new Set(createRequire(import.meta.url)('node:module').builtinModules as string[])
    let found = 0
    for (const file of (readdirSync(dist, { recursive: true }) as string[]).filter((name) => /\.c?js$/.test(name))) {
      const text = readFileSync(new URL(file, dist), 'utf8')
      // Minified: several statements share a line, so a statement starts at a line's start or after `;` or `}`.
      const statements = /(?:^|[;}])\s*(?:import\b[^'"]*?\bfrom\s*|import\s*|export\b[^'"]*?\bfrom\s*)["']([^"']+)["']|\brequire\(["']([^"']+)["']\)/gm
      const specifiers = [...text.matchAll(statements)].map((m) => m[1] ?? m[2] ?? '')
      found += specifiers.length
      for (const specifier of specifiers) {
        const own = /^\.\.?\//.test(specifier) || builtins.has(specifier.replace(/^node:/, ''))
        // The vitest matchers' entry registers them on the peer dependency it is named after.
        const peer = specifier === 'vitest' && file.startsWith('testing/vitest.')
        expect(own || peer, `${file} imports ${specifier}`).toBe(true)
      }
    }
    expect(found).toBeGreaterThan(20)
  })

  it('carries the MIT license it declares, and the notice of the immer it bundles', () => {
    expect(pkg.license).toBe('MIT')
    const license = readFileSync(new URL('LICENSE', root), 'utf8')
    expect(license.startsWith('MIT License\n\nCopyright (c) 2026 streamtable contributors\n')).toBe(true)
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND')
    expect(pkg.files).toContain('THIRD-PARTY-NOTICES.md')
    const notices = readFileSync(new URL('THIRD-PARTY-NOTICES.md', root), 'utf8')
    expect(notices).toContain(readFileSync(new URL('node_modules/immer/LICENSE', root), 'utf8').trim())
  })

  it('builds silently before the quickstart runs (npm start shows the demo, and build errors only)', () => {
    // tsup's --silent drops its progress log and keeps errors; a separate prestart would add npm's banner lines.
    expect(pkg.scripts.start).toBe('tsup --silent && tsx examples/quickstart.ts')
    expect(pkg.scripts.prestart).toBeUndefined()
  })

  it('reports an uncaught error with its own source line, not a whole chunk of the build, from either build', () => {
    // Node prints the source line of an uncaught error's throw site above the stack: a build of one-line chunks made
    // that line the whole chunk (16 KB for a mistyped table name).
    const script = "createStore().createTable()({ name: 't', partitionKey: 'id' })"
    const cases = [
      ['--input-type=module', '--eval', `import { createStore } from './dist/index.js'; ${script}`],
      ['--input-type=commonjs', '--eval', `const { createStore } = require('./dist/index.cjs'); ${script}`],
    ]
    for (const args of cases) {
      const { status, stderr } = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: fileURLToPath(root) })
      expect(status).toBe(1)
      expect(stderr).toContain('ValidationException: Invalid table name: expected 3 to 255 characters')
      const printedLines = stderr.split('\n')
      expect(Math.max(...printedLines.map((line) => line.length))).toBeLessThan(300)
    }
  })

  it("leaves the user's own immer as it is: no Map/Set plugin enabled there by a store", () => {
    // A user who never enabled the plugin gets immer's refusal to draft a Map, before and after using a store whose
    // items hold sets (which the store's immer drafts with the plugin).
    const script = (load: string): string => `
      ${load}
      const attempt = () => { try { produce(new Map([['k', 1]]), (d) => { d.set('k', 2) }); return 'drafted' } catch (e) { return e.message } }
      const before = attempt()
      const table = createStore().createTable()({ name: 'sets', partitionKey: 'id' })
      table.put({ id: 'a', tags: new Set(['x']) })
      table.update({ id: 'a' }, (d) => { d.tags.add('y') })
      console.log(JSON.stringify({ before, after: attempt(), tags: [...table.get({ id: 'a' }).tags] }))`
    const run = (args: string[]): unknown => JSON.parse(execFileSync(process.execPath, args, { encoding: 'utf8', cwd: fileURLToPath(root) }))
    const esm = run(['--input-type=module', '--eval', script("import { produce } from 'immer'; import { createStore } from './dist/index.js'")])
    const cjs = run(['--input-type=commonjs', '--eval', script("const { produce } = require('immer'); const { createStore } = require('./dist/index.cjs')")])
    for (const result of [esm, cjs]) {
      expect(result).toEqual({ before: expect.stringContaining('MapSet'), after: expect.stringContaining('MapSet'), tags: ['x', 'y'] })
    }
  })

  it('is an ESM package without side effects but the matcher registrations, exporting ., ./testing (with them) and ./aws with types', () => {
    expect(pkg.type).toBe('module')
    // A bundler must keep `import 'streamtable/testing/vitest'`: registering the matchers is all that import does.
    expect(pkg.sideEffects).toEqual(['./dist/testing/vitest.js', './dist/testing/vitest.cjs', './dist/testing/jest.js', './dist/testing/jest.cjs'])
    expect(Object.keys(pkg.exports)).toEqual(['.', './testing', './testing/vitest', './testing/jest', './aws', './package.json'])
  })

  it('builds every file the exports map names', () => {
    const targets = (value: unknown): string[] => (typeof value === 'string' ? [value] : Object.values(value as Record<string, unknown>).flatMap(targets))
    const missing = targets(pkg.exports).filter((path) => path !== './package.json' && !existsSync(new URL(path, root)))
    expect(missing).toEqual([])
  })

  it('exports exactly the public runtime names from the ESM build', async () => {
    const names = Object.keys(await import('../dist/index.js')).sort()
    expect(names).toMatchInlineSnapshot(`
      [
        "BACKOFF_DEFAULTS",
        "CONSUMER_DEFAULTS",
        "ConditionalCheckFailedException",
        "Decimal",
        "ExpiredIteratorException",
        "FILTER_LIMITS",
        "INDEX_LIMITS",
        "ITERATOR_LIFETIME_MS",
        "IdempotentParameterMismatchException",
        "InvalidParameterValueException",
        "LimitExceededException",
        "MAX_ITEM_BYTES",
        "MAX_NESTING_DEPTH",
        "RETENTION_MS",
        "RecursiveInvocationException",
        "ResourceConflictException",
        "ResourceInUseException",
        "ResourceNotFoundException",
        "SHARD_DEFAULTS",
        "SHARD_ITERATOR_TYPES",
        "STORE_DEFAULTS",
        "StreamtableError",
        "TTL_IDENTITY",
        "TransactionCanceledException",
        "TrimmedDataAccessException",
        "VIEW_TYPES",
        "ValidationException",
        "createMemoryCheckpointStore",
        "createStore",
        "isStreamtableError",
        "resolveConsumerOptions",
        "resolveShardOptions",
        "resolveStoreOptions",
        "systemClock",
      ]
    `)
  })

  it('exports the same names from the CommonJS build', async () => {
    const require = createRequire(import.meta.url)
    const cjs = require('../dist/index.cjs') as Record<string, unknown>
    const esm = await import('../dist/index.js')
    expect(Object.keys(cjs).sort()).toEqual(Object.keys(esm).sort())
    const testing = require('../dist/testing.cjs') as Record<string, unknown>
    expect(Object.keys(testing).sort()).toEqual([
      'ManualClock',
      'TEST_STORE_DEFAULTS',
      'createRecordFactory',
      'createTestStore',
      'emittedRecords',
      'isStreamMark',
      'markStream',
      'matchesPattern',
      'recordsSince',
      'seededRandom',
      'streamtableMatchers',
      'toLambdaEvent',
      'toLambdaRecord',
      'toLambdaWindowEvent',
    ])
    expect(Object.keys(await import('../dist/testing.js')).sort()).toEqual(Object.keys(testing).sort())
  })

  it('recognises errors across the ESM and CommonJS copies by brand, not by class', async () => {
    const require = createRequire(import.meta.url)
    const cjs = require('../dist/index.cjs') as typeof import('../dist/index.js')
    const esm = await import('../dist/index.js')
    const error = new cjs.ValidationException('x')
    expect(error instanceof esm.ValidationException).toBe(false)
    expect(esm.isStreamtableError(error)).toBe(true)
    expect(error.code).toBe('ValidationException')
  })
})
