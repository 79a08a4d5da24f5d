import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'

describe('examples/indexes.ts', () => {
  it('reads global, sparse, include and local indexes, pages through equal index keys, and backfills a new index', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'examples/indexes.ts'], { encoding: 'utf8' })
    expect(out).toContain('paid, oldest first: o-2@1, o-1@3')
    expect(out).toContain('SPRING coupon: o-2 total=7, o-3 total=15 (3 orders, 2 in the sparse index)')
    expect(out).toContain('c-1 by total: o-2=7, o-1=42 (keys only: customerId, orderId, total)')
    expect(out).toContain('page 1: o-2; lastEvaluatedKey {"customerId":"c-1","orderId":"o-2","coupon":"SPRING"}')
    expect(out).toContain('page 2: o-3; more: false')
    expect(out).toContain('ValidationException: One or more parameter values are not valid. A value specified for a secondary index key is not supported.')
    expect(out).toContain('byAmount 15: o-3')
    expect(out).toMatch(/index byAmount: ACTIVE, 3 items, \d+ B, KEYS_ONLY/)
    expect(out).toContain('4 stream records for 4 item writes')
  })
})
