/** Cancels a timer set with `Clock.setTimer`; calling it twice is harmless. */
export type CancelTimer = () => void

/** The source of time for everything time-dependent: retention, TTL, iterator expiry, rollover, retries. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
  /** Calls `fn` once `delayMs` have passed on this clock. Timers must not keep a process alive. */
  setTimer(delayMs: number, fn: () => void): CancelTimer
  /** Resolves after `ms` on this clock; rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  /** Runs every timer that is due now; clocks that fire timers by themselves need not have it. */
  runDue?(): number
  /**
   * Registers work that runs on this clock (a store: its consumers, retries, windows, sweeps) so that a clock which
   * moves only when told can let it finish before moving on; returns the unregister function. Clocks that move by
   * themselves need not have it.
   */
  register?(work: ClockWork): () => void
}

/** Work that runs on a clock and can tell when it has done everything it can before the clock moves. */
export interface ClockWork {
  /** Resolves once nothing is left to do at the clock's current time. */
  settle(): Promise<void>
}

/** The wall clock, with timers that do not keep the process alive. */
export const systemClock: Clock = Object.freeze({
  now: () => Date.now(),
  setTimer(delayMs: number, fn: () => void): CancelTimer {
    const handle = setTimeout(fn, Math.max(0, delayMs))
    handle.unref?.()
    return () => clearTimeout(handle)
  },
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(systemClock, ms, signal)
  },
})

/** `Clock.sleep` built from `setTimer`, honouring an AbortSignal. */
export function sleepOn(clock: Pick<Clock, 'setTimer'>, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason)
      return
    }
    const onAbort = (): void => {
      cancel()
      reject(signal?.reason)
    }
    const cancel = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    })
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
