import { describe, expect, it } from 'vitest'
import { createActivity } from '../../src/consume/activity.js'
import { createInvoker, type InvocationCounters } from '../../src/consume/handler-invocation.js'
import type { BatchHandler } from '../../src/consume/types.js'
import { currentWriteGeneration, RECORD_GENERATION } from '../../src/log/write-generation.js'
import type { AnyChangeRecord } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'

const record = (seq: string, generation = 0): AnyChangeRecord => {
  const r = { sequenceNumber: seq } as AnyChangeRecord
  if (generation > 0) Object.defineProperty(r, RECORD_GENERATION, { value: generation })
  return r
}

function invoker(handler: BatchHandler<AnyChangeRecord, any>, options: { handlerTimeoutMs?: number; tumbling?: boolean } = {}) {
  const clock = new ManualClock(0)
  const counters: InvocationCounters = { invocations: 0, errors: 0, retries: 0, recordsDelivered: 0 }
  const invoke = createInvoker({
    handler,
    clock,
    activity: createActivity(() => undefined),
    handlerTimeoutMs: options.handlerTimeoutMs ?? 0,
    reportBatchItemFailures: true,
    tumbling: options.tumbling ?? false,
    counters,
  })
  const request = (records: AnyChangeRecord[], attempt = 1) => ({ shardId: 's', streamArn: 'a', records, attempt, requestId: 'r', window: undefined })
  return { clock, counters, invoke, request }
}

describe('handler invocation', () => {
  it('counts invocations, retries, records and failures, and reads partial responses', async () => {
    const { invoke, request, counters } = invoker((records) => ({ batchItemFailures: [{ itemIdentifier: records[1]!.sequenceNumber }] }))
    expect(await invoke(request([record('1'), record('2')], 2))).toMatchObject({ kind: 'partial', index: 1 })
    expect(counters).toEqual({ invocations: 1, errors: 1, retries: 1, recordsDelivered: 2 })
  })

  it('runs the handler one generation deeper than its deepest record, after awaits too', async () => {
    const seen: number[] = []
    const { invoke, request } = invoker(async () => {
      seen.push(currentWriteGeneration())
      await new Promise((r) => setImmediate(r))
      seen.push(currentWriteGeneration())
    })
    await invoke(request([record('1', 2), record('2', 5)]))
    await invoke(request([record('3')]))
    expect(seen).toEqual([6, 6, 1, 1])
    expect(currentWriteGeneration()).toBe(0)
  })

  it('fails an invocation that outlives its timeout and aborts its signal', async () => {
    let signal: AbortSignal | undefined
    const { invoke, request, clock, counters } = invoker((_, context) => {
      signal = context.signal
      return new Promise(() => undefined)
    }, { handlerTimeoutMs: 1000 })
    const outcome = invoke(request([record('1')]))
    clock.advance(1000)
    expect(await outcome).toMatchObject({ kind: 'failure', functionError: 'Unhandled', error: { message: 'Handler timed out after 1000 ms' } })
    expect(signal?.aborted).toBe(true)
    expect(counters.errors).toBe(1)
  })

  it('carries a window state out as JSON, and fails a state JSON cannot hold', async () => {
    const ok = invoker(() => ({ state: { at: new Date(0) } }), { tumbling: true })
    expect(await ok.invoke(ok.request([record('1')]))).toMatchObject({ kind: 'success', stateJson: '{"at":"1970-01-01T00:00:00.000Z"}' })
    const bad = invoker(() => ({ state: { n: 1n } }), { tumbling: true })
    expect(await bad.invoke(bad.request([record('1')]))).toMatchObject({ kind: 'failure', functionError: null, error: { message: expect.stringMatching(/Invalid window state/) } })
  })
})
