import { checkOptionNames, invalidOption } from '../core/errors.js'

/** How a stream lays out and renews its shards. */
export interface ShardOptions {
  /** Open shards a new stream starts with, splitting the hash space evenly (1 to 1,000). */
  readonly initial: number
  /** A shard that takes more records than this within one second of clock time splits in two. */
  readonly splitAbovePerSecond: number
  /** An open shard closes and hands its range to one child after this long; `Infinity` turns rollover off. */
  readonly rolloverMs: number
}

/** Shard defaults: 4 shards (an on-demand table's usual start), split above 1,000 records/s, rollover every 4 h. */
export const SHARD_DEFAULTS: ShardOptions = Object.freeze({ initial: 4, splitAbovePerSecond: 1000, rolloverMs: 4 * 60 * 60 * 1000 })

/** How long records (and disabled streams) are kept: 24 hours. */
export const RETENTION_MS = 24 * 60 * 60 * 1000

const SHARD_OPTION_NAMES: ReadonlySet<string> = new Set(['initial', 'splitAbovePerSecond', 'rolloverMs'])

/** Fills and validates shard options, naming the option that is out of range. */
export function resolveShardOptions(user: Partial<ShardOptions> | undefined, base: ShardOptions = SHARD_DEFAULTS, where = 'shards'): ShardOptions {
  if (user === undefined) return base
  if (typeof user !== 'object' || user === null) throw invalidOption(where, 'an object', user)
  checkOptionNames(user, SHARD_OPTION_NAMES, where)
  const initial = user.initial ?? base.initial
  const splitAbovePerSecond = user.splitAbovePerSecond ?? base.splitAbovePerSecond
  const rolloverMs = user.rolloverMs ?? base.rolloverMs
  if (!Number.isInteger(initial) || initial < 1 || initial > 1000) throw invalidOption(`${where}.initial`, 'an integer from 1 to 1000', initial)
  if (typeof splitAbovePerSecond !== 'number' || !(splitAbovePerSecond >= 1)) {
    throw invalidOption(`${where}.splitAbovePerSecond`, 'a number >= 1 (Infinity turns splitting off)', splitAbovePerSecond)
  }
  if (typeof rolloverMs !== 'number' || !(rolloverMs >= 1000)) {
    throw invalidOption(`${where}.rolloverMs`, 'a number of milliseconds >= 1000 (Infinity turns rollover off)', rolloverMs)
  }
  return Object.freeze({ initial, splitAbovePerSecond, rolloverMs })
}
