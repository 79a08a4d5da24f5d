import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

// These run against dist/ (npm test builds first): what users import is what is checked.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>
  exports: Record<string, unknown>
  sideEffects: boolean
  type: string
}

describe('the published package', () => {
  it('depends on immer and fast-deep-equal only', () => {
    expect(Object.keys(pkg.dependencies).sort()).toEqual(['fast-deep-equal', 'immer'])
  })

  it('is an ESM package without side effects, exporting . and ./testing with types', () => {
    expect(pkg.type).toBe('module')
    expect(pkg.sideEffects).toBe(false)
    expect(Object.keys(pkg.exports)).toEqual(['.', './testing', './package.json'])
  })

  it('exports exactly the public runtime names from the ESM build', async () => {
    const names = Object.keys(await import('../dist/index.js')).sort()
    expect(names).toMatchInlineSnapshot(`
      [
        "BACKOFF_DEFAULTS",
        "CONSUMER_DEFAULTS",
        "ConditionalCheckFailedException",
        "ExpiredIteratorException",
        "FILTER_LIMITS",
        "ITERATOR_LIFETIME_MS",
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
    expect(Object.keys(testing)).toEqual(['ManualClock'])
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
