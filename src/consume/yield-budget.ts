// The global `performance`: importing node:perf_hooks would add about 3 ms to every import of the package.

/** How long consumers may work before the event loop gets a turn: whichever limit comes first. */
export interface YieldBudgetOptions {
  readonly maxMs: number
  readonly maxSteps: number
}

/** A few milliseconds keep a 5 ms timer within its period; the step count bounds work whose time is not measured. */
export const YIELD_BUDGET_DEFAULTS: YieldBudgetOptions = Object.freeze({ maxMs: 4, maxSteps: 256 })

/** Shares the event loop between consumers and everything else in the process (timers, sockets, writers). */
export interface YieldBudget {
  /** Counts one step of work; undefined while the budget lasts, else a promise that resolves after an event-loop turn. */
  spend(): Promise<void> | undefined
}

/**
 * Creates a budget shared by the consumers of one store. It counts the work done since the event loop last had a
 * turn of its own: a promise chain never gives timers or I/O a turn, however long it runs, so a consumer catching
 * up on a backlog must step aside (setImmediate runs after the loop's timers and I/O) now and then.
 */
export function createYieldBudget(options: YieldBudgetOptions = YIELD_BUDGET_DEFAULTS): YieldBudget {
  let started = 0
  let steps = 0
  let armed = false
  let turn: Promise<void> | undefined

  const disarm = (): void => {
    armed = false
  }

  return {
    spend() {
      if (turn !== undefined) return turn
      if (!armed) {
        // The loop's next turn starts a new budget, whether or not a consumer asked for it.
        armed = true
        started = performance.now()
        steps = 0
        setImmediate(disarm)
      }
      if (++steps < options.maxSteps && performance.now() - started < options.maxMs) return undefined
      turn = new Promise<void>((resolve) =>
        setImmediate(() => {
          turn = undefined
          resolve()
        }),
      )
      return turn
    },
  }
}
