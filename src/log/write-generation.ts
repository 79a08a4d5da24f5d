import { AsyncLocalStorage } from 'node:async_hooks'
import { RECORD_GENERATION } from '../capture/record.js'

// A record's generation counts the handler invocations between it and the write that started its chain: 0 for a
// write made outside any handler, n + 1 for a write made while handling records of generation n. The context
// follows the handler's promises and timers, so a write after an `await` inside a handler is attributed too.
const context = new AsyncLocalStorage<number>()

/** Runs `fn` so that every record it writes (synchronously or in what it awaits) carries `generation`. */
export function runWritingGeneration<T>(generation: number, fn: () => T): T {
  return context.run(generation, fn)
}

/** The generation a record written now carries: 0 outside any handler invocation. */
export function currentWriteGeneration(): number {
  return context.getStore() ?? 0
}

export { RECORD_GENERATION }

/** The generation of a record read from a stream. */
export function generationOf(record: object): number {
  return (record as { [RECORD_GENERATION]?: number })[RECORD_GENERATION] ?? 0
}
