import { describe, expect, it } from 'vitest'
import { isStateTooLarge, openWindow, serializeWindowState, windowContext } from '../../src/consume/window.js'
import { failureSink, setup, writeOrders } from './fixtures.js'
import { MINUTE } from '../helpers/time.js'

describe('window state as JSON', () => {
  it('round-trips state through JSON between invocations, and hands each invocation a copy it may change', async () => {
    const { store, orders, clock } = setup()
    const seen: unknown[] = []
    store.consume(
      orders,
      (records, { window }) => {
        seen.push(structuredClone(window.state))
        const state = window.state as Record<string, unknown>
        state.count = ((state.count as number | undefined) ?? 0) + records.length
        state.at = new Date(0)
        state.infinite = Number.POSITIVE_INFINITY
        state.nan = Number.NaN
        state.map = new Map([['a', 1]])
        state.missing = undefined
        return { state }
      },
      { startingPosition: 'TRIM_HORIZON', tumblingWindowMs: MINUTE, batchSize: 1 },
    )
    writeOrders(orders, 2)
    await clock.runFor(2 * MINUTE)
    expect(seen).toEqual([{}, { count: 1, at: '1970-01-01T00:00:00.000Z', infinite: null, nan: null, map: {} }, { count: 2, at: '1970-01-01T00:00:00.000Z', infinite: null, nan: null, map: {} }])
  })

  it('fails the invocation with a clear message when the state is not JSON-serialisable', async () => {
    const { store, orders, clock } = setup()
    const sink = failureSink()
    const errors: unknown[] = []
    store.consume(
      orders,
      () => {
        const state: Record<string, unknown> = { big: 1n }
        return { state }
      },
      { startingPosition: 'TRIM_HORIZON', tumblingWindowMs: MINUTE, maximumRetryAttempts: 0, onFailure: sink.onFailure, onError: (e) => errors.push(e) },
    )
    writeOrders(orders, 1)
    await clock.runFor(MINUTE)
    expect(sink.failures.map((f) => [f.failure.requestContext.condition, f.failure.responseContext.functionError])).toEqual([['RetryAttemptsExhausted', null]])
    expect(() => serializeWindowState({ big: 1n })).toThrow(/Invalid window state: expected a JSON-serialisable object \(it is carried between invocations as JSON\), received one that JSON.stringify rejects/)
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => serializeWindowState(cyclic)).toThrow(/JSON-serialisable/)
  })

  it('gives each invocation a fresh copy and measures size on the JSON text', () => {
    const window = openWindow(0, 1000)
    window.stateJson = serializeWindowState({ n: 1 })
    const first = windowContext<{ n: number }>(window, false, false)
    first.state.n = 99
    expect(windowContext<{ n: number }>(window, false, false).state).toEqual({ n: 1 })
    expect(isStateTooLarge(serializeWindowState({ pad: 'x'.repeat(1024 * 1024) }))).toBe(true)
    expect(isStateTooLarge(serializeWindowState({ pad: 'é'.repeat(400 * 1024) }))).toBe(false)
    expect(isStateTooLarge(serializeWindowState({ pad: 'é'.repeat(600 * 1024) }))).toBe(true)
  })
})
