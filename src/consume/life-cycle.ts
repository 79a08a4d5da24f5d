import { holdProcess } from '../core/keep-alive.js'

/** A consumer's state as its metrics show it. */
export type ConsumerState = 'running' | 'paused' | 'stopped'

/** Start, pause, resume and stop of one consumer, and the process it keeps alive meanwhile. */
export interface LifeCycle {
  readonly state: ConsumerState
  /** Counts starts: work begun under an earlier start sees a different number and ends. */
  readonly generation: number
  /** Aborted when `stop()` begins. */
  readonly signal: AbortSignal
  /** True while the consumer may invoke: running, and not stopping. */
  active(): boolean
  /** True once `stop()` has begun, or while stopped. */
  halted(): boolean
  /** Runs `begin` and enters the running state; false when already started (or stopping). */
  start(begin: () => void): boolean
  /** Stops invoking until `resume`. */
  pause(): void
  /** True when the consumer was paused and now runs again. */
  resume(): boolean
  /** Resolves true once the consumer is running, false when it stops instead. */
  whileUnpaused(): Promise<boolean>
  /** Aborts the signal, waits on `drain`, then runs `end` in the stopped state; one stop at a time, idempotent. */
  stop(drain: () => Promise<void>, end: () => void): Promise<void>
  /** Lets the process exit while the consumer runs. */
  unref(): void
}

/** Creates a consumer's life cycle, stopped; `keepProcessAlive` holds the process from start to stop. */
export function createLifeCycle(keepProcessAlive: boolean): LifeCycle {
  let state: ConsumerState = 'stopped'
  let stopping: Promise<void> | undefined
  let controller = new AbortController()
  let generation = 0
  let resumeWaiters: (() => void)[] = []
  let holding = keepProcessAlive
  let release: (() => void) | undefined

  function wakeWaiters(): void {
    const waiters = resumeWaiters
    resumeWaiters = []
    for (const wake of waiters) wake()
  }

  return {
    get state() {
      return state
    },
    get generation() {
      return generation
    },
    get signal() {
      return controller.signal
    },
    active: () => state === 'running' && stopping === undefined,
    halted: () => stopping !== undefined || state === 'stopped',
    start(begin) {
      if (state !== 'stopped' || stopping !== undefined) return false
      begin()
      state = 'running'
      generation++
      controller = new AbortController()
      if (holding) release = holdProcess()
      return true
    },
    pause() {
      if (state === 'running' && stopping === undefined) state = 'paused'
    },
    resume() {
      if (state !== 'paused') return false
      state = 'running'
      wakeWaiters()
      return true
    },
    async whileUnpaused() {
      while (state === 'paused' && stopping === undefined) await new Promise<void>((resolve) => resumeWaiters.push(resolve))
      return stopping === undefined && state === 'running'
    },
    stop(drain, end) {
      if (stopping !== undefined) return stopping
      if (state === 'stopped') return Promise.resolve()
      stopping = (async () => {
        controller.abort()
        wakeWaiters()
        await drain()
        state = 'stopped'
        generation++
        end()
      })().finally(() => {
        stopping = undefined
        // Released last: until stop() resolves, the process stays alive for whoever awaits it.
        release?.()
        release = undefined
      })
      return stopping
    },
    unref() {
      holding = false
      release?.()
      release = undefined
    },
  }
}
