import type { Clock } from '../core/clock.js'
import { checkOptionNames, invalidOption } from '../core/errors.js'

/** How long a consumer waits before retrying a failed batch: exponential, on the store's clock. */
export interface BackoffOptions {
  /** Delay before the first retry. */
  readonly initialMs: number
  /** Each further retry waits this many times longer than the one before. */
  readonly multiplier: number
  /** The delay never grows beyond this. */
  readonly maxMs: number
}

/** Backoff defaults: 1 s, doubling, at most 60 s (the service does not publish its figures). */
export const BACKOFF_DEFAULTS: BackoffOptions = Object.freeze({ initialMs: 1000, multiplier: 2, maxMs: 60_000 })

const BACKOFF_OPTION_NAMES: ReadonlySet<string> = new Set(['initialMs', 'multiplier', 'maxMs'])

/** Fills and validates backoff options, naming the field that is out of range. */
export function resolveBackoffOptions(user: Partial<BackoffOptions> | undefined, where = 'backoff'): BackoffOptions {
  if (user === undefined) return BACKOFF_DEFAULTS
  if (typeof user !== 'object' || user === null) throw invalidOption(where, 'an object with initialMs, multiplier and maxMs', user)
  checkOptionNames(user, BACKOFF_OPTION_NAMES, where)
  const initialMs = user.initialMs ?? BACKOFF_DEFAULTS.initialMs
  const multiplier = user.multiplier ?? BACKOFF_DEFAULTS.multiplier
  const maxMs = user.maxMs ?? Math.max(BACKOFF_DEFAULTS.maxMs, initialMs)
  if (!Number.isInteger(initialMs) || initialMs < 0 || initialMs > 3_600_000) throw invalidOption(`${where}.initialMs`, 'an integer from 0 to 3600000', initialMs)
  if (typeof multiplier !== 'number' || !(multiplier >= 1 && multiplier <= 10)) throw invalidOption(`${where}.multiplier`, 'a number from 1 to 10', multiplier)
  if (!Number.isInteger(maxMs) || maxMs < initialMs || maxMs > 3_600_000) throw invalidOption(`${where}.maxMs`, `an integer from initialMs (${initialMs}) to 3600000`, maxMs)
  return Object.freeze({ initialMs, multiplier, maxMs })
}

/** The delay before retry number `retry` (1 for the first retry). */
export function backoffDelay(options: BackoffOptions, retry: number): number {
  return Math.min(options.maxMs, Math.round(options.initialMs * options.multiplier ** Math.max(0, retry - 1)))
}

/** Waits `ms` on the clock; false (instead of a rejection) when the signal aborts first. */
export async function waitOn(clock: Clock, ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false
  try {
    await clock.sleep(ms, signal)
    return true
  } catch (error) {
    if (signal.aborted) return false
    throw error
  }
}
