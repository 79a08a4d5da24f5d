import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OnFailureRecord } from '../../src/index.js'
import { setup, type OrderRecord } from './fixtures.js'

// 'cascade' writes a follow-up record into the consumed table (a feedback loop, cut at maximumCascadeDepth);
// 'restart' stops the consumer from inside an invocation and starts it again once stop() resolves.
type Behaviour = 'ok' | 'throw' | 'partial' | 'timeout' | 'malformed' | 'cascade' | 'restart'

const op = fc.oneof(
  { weight: 8, arbitrary: fc.record({ kind: fc.constant('put' as const), key: fc.integer({ min: 0, max: 5 }), total: fc.integer({ min: 0, max: 1000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('split' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 5000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), settleFirst: fc.boolean() }) },
)

const config = fc.record({
  shards: fc.integer({ min: 1, max: 3 }),
  batchSize: fc.integer({ min: 1, max: 6 }),
  maximumRetryAttempts: fc.integer({ min: -1, max: 3 }),
  bisect: fc.boolean(),
  report: fc.boolean(),
  parallelizationFactor: fc.integer({ min: 1, max: 3 }),
  maximumCascadeDepth: fc.integer({ min: 1, max: 4 }),
  behaviours: fc.array(fc.constantFrom<Behaviour>('ok', 'ok', 'throw', 'partial', 'timeout', 'malformed', 'cascade', 'cascade', 'restart'), { maxLength: 40 }),
  ops: fc.array(op, { minLength: 1, maxLength: 40 }),
})

describe('fault injection (property)', () => {
  it('every record is delivered successfully or sent to onFailure exactly once, per-key order holds, retry counts match the limits, across restarts and cascades', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(config, async (c) => {
        const { store, orders, clock, errors } = setup({ shards: c.shards })
        const behaviours = [...c.behaviours]
        const succeeded = new Map<string, number>()
        const successOrder: OrderRecord[] = []
        const failed = new Map<string, number>()
        const failures: OnFailureRecord[] = []
        let maxAttempt = 0
        let n = 0
        const restarts: Promise<void>[] = []
        const succeed = (records: readonly OrderRecord[]): void => {
          for (const r of records) {
            if (!succeeded.has(r.sequenceNumber)) successOrder.push(r)
            succeeded.set(r.sequenceNumber, (succeeded.get(r.sequenceNumber) ?? 0) + 1)
          }
        }
        const consumer = store.consume(
          orders,
          (records, context) => {
            maxAttempt = Math.max(maxAttempt, context.attempt)
            const behaviour = behaviours.shift() ?? 'ok'
            switch (behaviour) {
              case 'ok':
                succeed(records)
                return undefined
              case 'cascade': {
                const first = records[0]!
                orders.put({ customerId: first.keys.customerId, orderId: `o${n++}`, total: 0 })
                succeed(records)
                return undefined
              }
              case 'restart':
                restarts.push(consumer.stop().then(() => consumer.start()))
                succeed(records)
                return undefined
              case 'throw':
                throw new Error('injected')
              case 'timeout':
                return new Promise<void>(() => undefined)
              case 'malformed':
                if (!c.report) {
                  succeed(records)
                  return { batchItemFailures: [{ itemIdentifier: '' }] }
                }
                return { batchItemFailures: [{ itemIdentifier: '' }] }
              case 'partial': {
                const index = records.length > 1 ? 1 : 0
                if (!c.report) {
                  succeed(records)
                  return { batchItemFailures: [{ itemIdentifier: records[index]!.sequenceNumber }] }
                }
                succeed(records.slice(0, index))
                return { batchItemFailures: [{ itemIdentifier: records[index]!.sequenceNumber }] }
              }
            }
          },
          {
            startingPosition: 'TRIM_HORIZON',
            batchSize: c.batchSize,
            maximumRetryAttempts: c.maximumRetryAttempts,
            bisectBatchOnFunctionError: c.bisect,
            reportBatchItemFailures: c.report,
            parallelizationFactor: c.parallelizationFactor,
            handlerTimeoutMs: 2000,
            maximumCascadeDepth: c.maximumCascadeDepth,
            onFailure: (failure, records) => {
              failures.push(failure)
              for (const r of records) failed.set(r.sequenceNumber, (failed.get(r.sequenceNumber) ?? 0) + 1)
            },
          },
        )
        for (const o of c.ops) {
          if (o.kind === 'put') orders.put({ customerId: `k${o.key}`, orderId: `o${n++}`, total: o.total })
          else if (o.kind === 'tick') await clock.runFor(o.ms)
          else if (o.kind === 'restart') {
            if (o.settleFirst) await store.settle()
            // A hung handler holds stop() until its timeout, which only moving the clock can bring.
            let stopped = false
            const stopping = consumer.stop().then(() => (stopped = true))
            for (let i = 0; i < 100 && !stopped; i++) {
              await store.settle()
              const next = clock.nextTimerAt()
              if (next !== undefined) clock.set(Math.max(next, clock.now()))
            }
            await stopping
            consumer.start()
          } else {
            const open = orders.stream.shards().filter((s) => s.sequenceNumberRange.endingSequenceNumber === undefined)
            orders.stream.splitShard(open[o.pick % open.length]!.shardId)
          }
        }
        await clock.runFor(6 * 60 * 60 * 1000)
        await Promise.all(restarts)
        await clock.runFor(6 * 60 * 60 * 1000)

        const all: OrderRecord[] = []
        for (const shard of orders.stream.shards()) {
          let token: string | null = orders.stream.getShardIterator({ shardId: shard.shardId, type: 'TRIM_HORIZON' })
          while (token !== null) {
            const page: { records: readonly OrderRecord[]; nextIterator: string | null } = orders.stream.getRecords(token)
            all.push(...page.records)
            if (page.records.length === 0) break
            token = page.nextIterator
          }
        }
        expect(all).toHaveLength(n)
        for (const r of all) {
          const ok = succeeded.get(r.sequenceNumber) ?? 0
          const sent = failed.get(r.sequenceNumber) ?? 0
          expect(ok >= 1 ? sent : sent - 1).toBe(0)
          if (ok === 0) expect(sent).toBe(1)
        }
        const byKey = new Map<string, string[]>()
        for (const r of successOrder) byKey.set(r.keys.customerId, [...(byKey.get(r.keys.customerId) ?? []), r.sequenceNumber])
        for (const seqs of byKey.values()) expect(seqs).toEqual([...seqs].sort())
        const cascades = failures.filter((f) => f.requestContext.condition === 'CascadeDepthExceeded')
        for (const f of cascades) expect(f.requestContext.approximateInvokeCount).toBe(0)
        const exhausted = failures.filter((f) => f.requestContext.condition !== 'CascadeDepthExceeded')
        if (c.maximumRetryAttempts >= 0) {
          expect(maxAttempt).toBeLessThanOrEqual(c.maximumRetryAttempts + 1)
          for (const f of exhausted) {
            expect(f.requestContext.condition).toBe('RetryAttemptsExhausted')
            expect(f.requestContext.approximateInvokeCount).toBe(c.maximumRetryAttempts + 1)
          }
        } else expect(exhausted).toEqual([])
        expect(errors.filter((e) => (e as { code?: string }).code !== 'RecursiveInvocationException')).toEqual([])
        expect(errors).toHaveLength(cascades.length)
        expect(consumer.metrics().state).toBe('running')
      }),
      { numRuns: 150, seed: 20261125 },
    )
  })
})
