import { sleepOn, type CancelTimer, type Clock, type ClockWork } from '../core/clock.js'
import { invalidOption } from '../core/errors.js'

interface Timer {
  readonly at: number
  readonly order: number
  readonly fn: () => void
  cancelled: boolean
}

const SETTLE_ROUNDS = 10_000

/** A clock that moves only when told, firing due timers in time order as it moves. */
export class ManualClock implements Clock {
  #now: number
  #timers: Timer[] = []
  #order = 0
  // Held weakly: a store that is no longer referenced is not kept alive by the clock it used.
  #work = new Set<WeakRef<ClockWork>>()

  /** Starts at `startMs` (epoch milliseconds); 2026-01-01T00:00:00Z by default. */
  constructor(startMs = Date.UTC(2026, 0, 1)) {
    if (!Number.isFinite(startMs)) throw invalidOption('ManualClock start', 'a finite number of epoch milliseconds', startMs)
    this.#now = startMs
  }

  /** The clock's current time in epoch milliseconds. */
  now(): number {
    return this.#now
  }

  /** Schedules `fn` at now + `delayMs`; it fires during a later `advance`, `set`, `runDue` or `runFor`. */
  setTimer(delayMs: number, fn: () => void): CancelTimer {
    if (typeof delayMs !== 'number' || Number.isNaN(delayMs)) throw invalidOption('timer delay', 'a number of milliseconds', delayMs)
    if (typeof fn !== 'function') throw invalidOption('timer callback', 'a function', fn)
    const timer: Timer = { at: this.#now + Math.max(0, delayMs), order: this.#order++, fn, cancelled: false }
    this.#timers.push(timer)
    return () => {
      timer.cancelled = true
    }
  }

  /** Resolves once the clock has been moved `ms` forward. */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return sleepOn(this, ms, signal)
  }

  /** Moves the clock forward by `ms`, firing each timer at its own time, in order. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw invalidOption('ManualClock.advance ms', 'a finite number >= 0', ms)
    this.set(this.#now + ms)
  }

  /** Moves the clock to `timeMs` (never backwards), firing due timers in order. */
  set(timeMs: number): void {
    if (!Number.isFinite(timeMs) || timeMs < this.#now) {
      throw invalidOption('ManualClock.set time', `a finite time >= the current time ${this.#now}`, timeMs)
    }
    // A callback that throws must not leave the clock stuck half way: every due timer still fires, the clock
    // reaches its target, and the first error is rethrown after.
    const errors: unknown[] = []
    for (;;) {
      const next = this.#nextDue(timeMs)
      if (next === undefined) break
      this.#now = Math.max(this.#now, next.at)
      try {
        next.fn()
      } catch (error) {
        errors.push(error)
      }
    }
    this.#now = timeMs
    if (errors.length > 0) throw errors[0]
  }

  /** Registers work (a store) that `runFor` lets finish at each step; returns the unregister function. */
  register(work: ClockWork): () => void {
    const ref = new WeakRef(work)
    this.#work.add(ref)
    return () => {
      this.#work.delete(ref)
    }
  }

  /**
   * Moves the clock `ms` forward in steps, one per due timer, and lets the registered stores settle at each step:
   * consumers invoke, retries run after their backoff, batching and tumbling windows close, TTL sweeps delete, and
   * the timers they set within the span run in turn. `maximumRetryAttempts: 2` with a handler that always fails
   * reaches onFailure within one `runFor` that spans both backoffs. Resolves at now + `ms`, with everything settled.
   */
  async runFor(ms: number): Promise<void> {
    if (!Number.isFinite(ms) || ms < 0) throw invalidOption('ManualClock.runFor ms', 'a finite number >= 0', ms)
    const target = this.#now + ms
    await this.#settle()
    for (;;) {
      const next = this.nextTimerAt()
      if (next === undefined || next > target) break
      this.set(Math.max(next, this.#now))
      await this.#settle()
    }
    this.set(target)
    await this.#settle()
  }

  async #settle(): Promise<void> {
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      for (const ref of [...this.#work]) {
        const work = ref.deref()
        if (work === undefined) this.#work.delete(ref)
        else await work.settle()
      }
      if (this.runDue() === 0) return
    }
    throw new Error(`ManualClock.runFor gave up after ${SETTLE_ROUNDS} rounds at ${this.#now}: timers keep scheduling work that is due now`)
  }

  /** Fires every timer due at the current time; returns how many fired. */
  runDue(): number {
    let fired = 0
    const errors: unknown[] = []
    for (;;) {
      const next = this.#nextDue(this.#now)
      if (next === undefined) break
      try {
        next.fn()
      } catch (error) {
        errors.push(error)
      }
      fired++
    }
    if (errors.length > 0) throw errors[0]
    return fired
  }

  /** How many timers are waiting to fire. */
  pendingTimers(): number {
    return this.#timers.filter((t) => !t.cancelled).length
  }

  /** The time of the next timer, or undefined when none is waiting. */
  nextTimerAt(): number | undefined {
    return this.#nextDue(Number.POSITIVE_INFINITY, false)?.at
  }

  #nextDue(limit: number, remove = true): Timer | undefined {
    let best: Timer | undefined
    let bestIndex = -1
    this.#timers = this.#timers.filter((t) => !t.cancelled)
    this.#timers.forEach((t, i) => {
      if (t.at <= limit && (best === undefined || t.at < best.at || (t.at === best.at && t.order < best.order))) {
        best = t
        bestIndex = i
      }
    })
    if (best !== undefined && remove) {
      this.#timers.splice(bestIndex, 1)
      best.cancelled = true
    }
    return best
  }
}
