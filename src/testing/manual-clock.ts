import { sleepOn, type CancelTimer, type Clock } from '../core/clock.js'
import { invalidOption } from '../core/errors.js'

interface Timer {
  readonly at: number
  readonly order: number
  readonly fn: () => void
  cancelled: boolean
}

/** A clock that moves only when told, firing due timers in time order as it moves. */
export class ManualClock implements Clock {
  #now: number
  #timers: Timer[] = []
  #order = 0

  /** Starts at `startMs` (epoch milliseconds); 2026-01-01T00:00:00Z by default. */
  constructor(startMs = Date.UTC(2026, 0, 1)) {
    if (!Number.isFinite(startMs)) throw invalidOption('ManualClock start', 'a finite number of epoch milliseconds', startMs)
    this.#now = startMs
  }

  /** The clock's current time in epoch milliseconds. */
  now(): number {
    return this.#now
  }

  /** Schedules `fn` at now + `delayMs`; it fires during a later `advance`, `set` or `runDue`. */
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
