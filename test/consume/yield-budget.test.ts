import { describe, expect, it } from 'vitest'
import { createYieldBudget } from '../../src/consume/yield-budget.js'

describe('yield budget', () => {
  it('lets a promise chain run its steps, then makes it wait for an event-loop turn in which timers run', async () => {
    const budget = createYieldBudget({ maxMs: 1_000_000, maxSteps: 5 })
    let timerRan = false
    setTimeout(() => (timerRan = true), 0)
    const due = performance.now() + 3
    while (performance.now() < due) {
      // The timer becomes due while the chain holds the thread.
    }
    const turns: number[] = []
    for (let step = 1; step <= 12; step++) {
      const turn = budget.spend()
      if (turn !== undefined) {
        turns.push(step)
        await turn
      } else await Promise.resolve()
    }
    expect(turns).toEqual([5, 10])
    expect(timerRan).toBe(true)
  })

  it('ends the budget after its time even when few steps were taken', async () => {
    const budget = createYieldBudget({ maxMs: 2, maxSteps: 1_000_000 })
    expect(budget.spend()).toBeUndefined()
    const until = performance.now() + 5
    while (performance.now() < until) {
      // Busy work that gives the event loop no turn.
    }
    const turn = budget.spend()
    expect(turn).toBeInstanceOf(Promise)
    expect(budget.spend()).toBe(turn)
    await turn
  })

  it('starts a new budget once the event loop had a turn of its own', async () => {
    const budget = createYieldBudget({ maxMs: 1_000_000, maxSteps: 3 })
    expect(budget.spend()).toBeUndefined()
    expect(budget.spend()).toBeUndefined()
    await new Promise((r) => setImmediate(r))
    expect(budget.spend()).toBeUndefined()
    expect(budget.spend()).toBeUndefined()
  })
})
