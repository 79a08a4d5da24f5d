import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

describe('examples/lambda.ts', () => {
  it('runs the deployable handler unchanged: placed and paid orders, a poison record retried twice, then the queue', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/lambda.ts'], { encoding: 'utf8' })
    expect(out).toContain('[order-events] order c-1/o-1 placed: 42')
    expect(out.match(/\[order-events\] failed \d{21}: order o-1 has a negative total -5/g)).toHaveLength(3)
    expect(out).toMatch(/orders-dlq: RetryAttemptsExhausted after 3 invocations, 2 record\(s\) from \d{21}/)
    expect(out).toContain('3 invocations, 3 with failures, 1 filtered, 2 sent to the queue; last result OK')
  })

  it('keeps the handler file deployable: it imports the aws-lambda types and the AWS SDK only', () => {
    const source = readFileSync(new URL('../../examples/lambda-handler.ts', import.meta.url), 'utf8')
    const imports = [...source.matchAll(/^import (type )?.* from '([^']+)'$/gm)].map((m) => [m[2], m[1] === undefined ? 'value' : 'type'])
    expect(imports).toEqual([
      ['@aws-sdk/client-dynamodb', 'type'],
      ['@aws-sdk/util-dynamodb', 'value'],
      ['aws-lambda', 'type'],
    ])
  })
})
