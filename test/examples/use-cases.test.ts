import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The five use cases of DynamoDB Streams, each a runnable file in examples/; the README shows what each prints.
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8')

/** The output block the README shows under the link to the example. */
function shownInReadme(file: string): string {
  const at = readme.indexOf(`[\`examples/${file}\`](examples/${file})`)
  if (at < 0) throw new Error(`the README does not link examples/${file}`)
  const open = readme.indexOf('```\n', at)
  return readme.slice(open + 4, readme.indexOf('```\n', open + 4))
}

function run(file: string): string {
  const out = execFileSync(process.execPath, ['--import', 'tsx', `examples/${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  expect(out, `the README's output of examples/${file}`).toBe(shownInReadme(file))
  return out
}

describe('the use-case examples', { timeout: 60_000 }, () => {
  it('cross-region-replication.ts: the replica in the other region equals the source after writes, deletes and TTL expiries', () => {
    const out = run('cross-region-replication.ts')
    expect(out).toContain('us-east-1: 93 orders, eu-west-1: 93 orders (15 TTL expiries replicated)')
    expect(out).toContain('the replica equals the source')
    expect(out).toMatch(/\d+ invocations, 1 retry, iterator age 0 ms/)
  })

  it('audit-trail.ts: every change with its images in an append-only table, TTL deletes marked as the service’s', () => {
    const out = run('audit-trail.ts')
    expect(out).toContain('12:00:05 a-1 changed by application                      plan free → pro')
    expect(out).toContain('12:00:05 a-3 deleted by application                      plan free → -')
    expect(out).toContain('13:00:00 a-2 expired by Service:dynamodb.amazonaws.com   plan free → -')
    expect(out).toContain('6 audit entries from 7 records delivered: the failed batch came again (1 retry) and appended nothing twice')
  })

  it('event-driven.ts: partial failures retried, the poison order to on-failure, every other order confirmed once', () => {
    const out = run('event-driven.ts')
    expect(out.match(/^confirmation sent: /gm)).toHaveLength(7)
    expect(out).toContain('confirmation sent: o-3 to c-3 (teapot)')
    expect(out).not.toContain('confirmation sent: o-5')
    expect(out).toContain('on-failure queue: RetryAttemptsExhausted after 3 invocations, 1 record (o-5)')
    expect(out).toMatch(/7 of 8 orders confirmed once each, [1-9]\d* redelivered records skipped/)
  })

  it('analytics.ts: aggregates per tumbling window, each closed by its final invocations', () => {
    const out = run('analytics.ts')
    expect(out).toContain('12:00–12:01: 3 orders, revenue 49, largest 30')
    expect(out).toContain('12:03–12:04: 2 orders, revenue 32, largest 27')
    expect(out).toContain('12 orders, revenue 280 of 280')
  })

  it('cache-invalidation.ts: the cache stays consistent, and the filter keeps counter writes from the handler', () => {
    const out = run('cache-invalidation.ts')
    expect(out).toContain('after 6 reads: 3 cached, 3 loads, 0 invalidations')
    expect(out).toContain('invalidated: MODIFY p-1, DELETE p-3')
    expect(out).toContain('read again: p-1 costs 35, p-3 is gone')
    expect(out).toContain('2 cached, 0 stale')
    expect(out).toContain('the handler saw 2 of 13 records; the filter dropped 11')
  })
})
