import { describe, expect, it } from 'vitest'
import { interpretResponse, runBatch, takeBatch, type BatchDriver, type Outcome } from '../../src/consume/invocation.js'
import type { FailureCondition } from '../../src/index.js'

const seqs = ['100000000000000000001', '100000000000000000002', '100000000000000000003']

describe('interpretResponse', () => {
  it('ignores the response without reportBatchItemFailures', () => {
    expect(interpretResponse({ batchItemFailures: [{ itemIdentifier: '' }] }, seqs, false, false)).toEqual({ kind: 'success' })
  })

  it('finds the lowest reported record', () => {
    expect(interpretResponse({ batchItemFailures: [{ itemIdentifier: seqs[2] }, { itemIdentifier: seqs[1] }] }, seqs, true, false)).toEqual({ kind: 'partial', index: 1 })
  })

  it('requires state with tumbling windows and passes it on', () => {
    expect(interpretResponse({ batchItemFailures: [] }, seqs, false, true)).toMatchObject({ kind: 'failure', functionError: null })
    expect(interpretResponse({ state: { n: 1 } }, seqs, false, true)).toEqual({ kind: 'success', state: { n: 1 } })
    expect(interpretResponse({ state: { n: 1 }, batchItemFailures: [{ itemIdentifier: seqs[0] }] }, seqs, true, true)).toEqual({ kind: 'partial', index: 0, state: { n: 1 } })
  })
})

describe('takeBatch', () => {
  const entry = (sizeBytes: number) => ({ record: { sizeBytes } as never })

  it('takes up to batchSize, always at least one, and stops before 6 MB', () => {
    const queue = [entry(4_000_000), entry(2_000_000), entry(300_000), entry(1)]
    expect(takeBatch(queue, 10)).toHaveLength(2)
    expect(takeBatch(queue, 1)).toHaveLength(1)
    expect(queue).toHaveLength(1)
    expect(takeBatch([entry(7_000_000)], 10)).toHaveLength(1)
  })
})

describe('runBatch', () => {
  type Step = Outcome['kind'] | 'throw'
  function driver(script: (entries: readonly string[], attempt: number) => Step | { partialAt: number }, options: { retries: number; bisect?: boolean }) {
    const log: string[] = []
    const d: BatchDriver<string> = {
      maximumRetryAttempts: options.retries,
      bisect: options.bisect ?? false,
      isExpired: () => false,
      stopped: () => false,
      async invoke(entries, attempt) {
        log.push(`invoke ${entries.join('')} #${attempt}`)
        const step = script(entries, attempt)
        if (typeof step === 'object') return { kind: 'partial', index: step.partialAt }
        if (step === 'throw' || step === 'failure') return { kind: 'failure', functionError: 'Unhandled', error: new Error('x') }
        return { kind: 'success' }
      },
      async succeeded(entries) {
        if (entries.length > 0) log.push(`ok ${entries.join('')}`)
      },
      async discard(entries, condition: FailureCondition, count, functionError) {
        log.push(`discard ${entries.join('')} ${condition} ${count} ${functionError}`)
        return true
      },
      async backoff(retry) {
        log.push(`wait ${retry}`)
        return true
      },
    }
    return { d, log }
  }

  it('retries the same batch N times, then discards it with N + 1 invocations', async () => {
    const { d, log } = driver(() => 'throw', { retries: 2 })
    expect(await runBatch(['a', 'b'], d)).toBe(true)
    expect(log).toEqual(['invoke ab #1', 'wait 1', 'invoke ab #2', 'wait 2', 'invoke ab #3', 'discard ab RetryAttemptsExhausted 3 Unhandled'])
  })

  it('bisects without spending retries, first half first', async () => {
    const { d, log } = driver((entries) => (entries.includes('c') ? 'throw' : 'success'), { retries: 1, bisect: true })
    await runBatch(['a', 'b', 'c', 'd'], d)
    expect(log).toEqual([
      'invoke abcd #1',
      'invoke ab #1',
      'ok ab',
      'invoke cd #1',
      'invoke c #1',
      'wait 1',
      'invoke c #2',
      'discard c RetryAttemptsExhausted 2 Unhandled',
      'invoke d #1',
      'ok d',
    ])
  })

  it('counts a partial response as an attempt for the remainder', async () => {
    const { d, log } = driver((entries) => (entries.includes('b') ? { partialAt: entries.indexOf('b') } : 'success'), { retries: 1 })
    await runBatch(['a', 'b', 'c'], d)
    expect(log).toEqual(['invoke abc #1', 'ok a', 'wait 1', 'invoke bc #2', 'discard bc RetryAttemptsExhausted 2 null'])
  })

  it('stops when the consumer stops during a backoff, leaving the batch unprocessed', async () => {
    const { d, log } = driver(() => 'throw', { retries: -1 })
    const stopping: BatchDriver<string> = { ...d, backoff: async () => false }
    expect(await runBatch(['a'], stopping)).toBe(false)
    expect(log).toEqual(['invoke a #1'])
  })
})
