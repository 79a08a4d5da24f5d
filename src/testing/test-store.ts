import { checkOptionNames, invalidOption } from '../core/errors.js'
import type { Consumer } from '../consume/types.js'
import { createStore, type Store, type StoreOptions } from '../store.js'
import { ManualClock } from './manual-clock.js'
import { seededRandom } from './seeded-random.js'

/** Options of `createTestStore`: the store's own, with test defaults, plus where the test clock starts. */
export interface TestStoreOptions extends Omit<StoreOptions, 'clock' | 'random'> {
  /** A clock to share with other test stores (two regions on one timeline); a new ManualClock by default. */
  readonly clock?: ManualClock
  /** Where a new clock starts, in epoch milliseconds; 2026-01-01T00:00:00Z by default. */
  readonly startMs?: number
  /** Seed of the store's randomness, so event ids and table ids repeat from run to run; 1 by default. */
  readonly seed?: number
}

/** A store on a ManualClock, with what a test reaches for first. */
export interface TestStore extends Store {
  readonly clock: ManualClock
  /** Errors that reached no caller (listener and consumer machinery errors), in order; `onError` still sees them too. */
  readonly errors: readonly unknown[]
  /** Moves the clock `ms` forward, letting consumers, retries, windows and TTL sweeps run at each due time. */
  runFor(ms: number): Promise<void>
  /** Stops every consumer created on this store (for an `afterEach`); the tables and streams stay readable. */
  stopConsumers(): Promise<void>
}

/** Test defaults: a fixed start, a fixed seed, and consumers that never hold the test runner's process open. */
export const TEST_STORE_DEFAULTS = Object.freeze({ startMs: Date.UTC(2026, 0, 1), seed: 1, keepProcessAlive: false })

const TEST_OPTION_NAMES: ReadonlySet<string> = new Set(['clock', 'startMs', 'seed', 'region', 'accountId', 'shards', 'onError', 'maxConsumersPerStream', 'keepProcessAlive'])

/**
 * A store for one test: a ManualClock at a fixed start, seeded ids, errors collected, consumers that do not keep
 * the process alive, and `runFor` / `stopConsumers` at hand.
 * @param options store options; `clock`, `startMs` and `seed` replace the store's `clock` and `random`
 * @returns the store
 * @example
 * const store = createTestStore()
 * const orders = store.createTable<Order>()({ name: 'orders', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
 * await store.runFor(60_000)
 */
export function createTestStore(options: TestStoreOptions = {}): TestStore {
  if (typeof options !== 'object' || options === null) throw invalidOption('test store options', 'an object', options)
  checkOptionNames(options, TEST_OPTION_NAMES, 'test store')
  const { clock: givenClock, startMs, seed, onError, ...storeOptions } = options
  if (givenClock !== undefined && !(givenClock instanceof ManualClock)) throw invalidOption('clock', 'a ManualClock', givenClock)
  if (givenClock !== undefined && startMs !== undefined) throw invalidOption('startMs', 'no start time when a clock is given (the clock has its own time)', startMs)
  if (onError !== undefined && typeof onError !== 'function') throw invalidOption('onError', 'a function', onError)
  const clock = givenClock ?? new ManualClock(startMs ?? TEST_STORE_DEFAULTS.startMs)
  const errors: unknown[] = []
  const store = createStore({
    keepProcessAlive: TEST_STORE_DEFAULTS.keepProcessAlive,
    ...storeOptions,
    clock,
    random: seededRandom(seed ?? TEST_STORE_DEFAULTS.seed),
    onError(error) {
      errors.push(error)
      onError?.(error)
    },
  })
  const consumers = new Set<Consumer>()
  const consume = ((...args: Parameters<Store['consume']>) => {
    const consumer = store.consume(...args)
    consumers.add(consumer)
    return consumer
  }) as Store['consume']
  return Object.freeze({
    ...store,
    clock,
    errors,
    consume,
    // The clock holds the store weakly: these closures keep it alive as long as the test store is.
    settle: () => store.settle(),
    runFor: (ms: number) => clock.runFor(ms),
    async stopConsumers() {
      const all = [...consumers]
      consumers.clear()
      await Promise.all(all.map((consumer) => consumer.stop()))
    },
  })
}
