import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('examples/server.ts', () => {
  it('serves the store over HTTP to SDK clients, logs each request, and closes', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/server.ts'], { encoding: 'utf8' })
    expect(out).toContain('listening on http://127.0.0.1:<port>')
    expect(out).toContain('read over HTTP: total 42')
    expect(out).toContain('written natively: {"customerId":"c-1","orderId":"o-1","total":42}')
    expect(out).toContain('missing table: ResourceNotFoundException')
    expect(out).toContain('stream: INSERT o-1')
    expect(out).toContain('access: PutItem orders 200 OK by example')
    expect(out).toContain('access: GetItem missing 400 ResourceNotFoundException by example')
    // A shard iterator is opaque: the log names no table for GetRecords.
    expect(out).toContain('access: GetRecords - 200 OK by example')
    expect(out.trimEnd().endsWith('closed')).toBe(true)
  }, 60_000)
})
