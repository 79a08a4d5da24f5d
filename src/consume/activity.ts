/** What a consumer is doing, as `store.settle()` and `stop()` see it. */
export interface Activity {
  /** Runs `work` as tracked work: settle waits for it, `drain` waits for it; a rejection goes to the error reporter. */
  spawn(work: () => Promise<void>): void
  /** Awaits `wait` (a wait on the clock, or on a race the clock can end) without counting as busy meanwhile. */
  outside<T>(wait: Promise<T>): Promise<T>
  /** Resolves when no work is busy; undefined when none is. */
  whenIdle(): Promise<void> | undefined
  /** Resolves once every spawned work has ended, including work spawned meanwhile. */
  drain(): Promise<void>
}

/** Creates the tracker of one consumer's work. */
export function createActivity(reportError: (error: unknown) => void): Activity {
  let busy = 0
  let idleWaiters: (() => void)[] = []
  const running = new Set<Promise<void>>()

  function enter(): void {
    busy++
  }

  function leave(): void {
    busy--
    if (busy === 0 && idleWaiters.length > 0) {
      const waiters = idleWaiters
      idleWaiters = []
      for (const wake of waiters) wake()
    }
  }

  function spawn(work: () => Promise<void>): void {
    enter()
    const promise = work()
      .catch(reportError)
      .finally(() => {
        running.delete(promise)
        leave()
      })
    running.add(promise)
  }

  async function outside<T>(wait: Promise<T>): Promise<T> {
    leave()
    try {
      return await wait
    } finally {
      enter()
    }
  }

  return {
    spawn,
    outside,
    whenIdle() {
      if (busy === 0) return undefined
      return new Promise<void>((resolve) => idleWaiters.push(resolve))
    },
    async drain() {
      while (running.size > 0) await Promise.allSettled([...running])
    },
  }
}
