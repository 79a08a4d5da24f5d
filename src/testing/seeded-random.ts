import { invalidOption } from '../core/errors.js'
import type { Random } from '../core/ids.js'

/**
 * A reproducible source of randomness in [0, 1) (mulberry32): the same seed gives the same event ids, table ids and
 * jitter on every run.
 * @param seed any 32-bit integer
 * @returns the generator
 */
export function seededRandom(seed: number): Random {
  if (!Number.isInteger(seed)) throw invalidOption('seed', 'an integer', seed)
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
