import type { WindowContext } from './types.js'

/** The service's cap on a shard's window state: above 1 MB the window ends early. */
export const MAX_WINDOW_STATE_BYTES = 1024 * 1024

/** One shard's open tumbling window and the state its invocations carry forward, as JSON text (as the service keeps it). */
export interface OpenWindow {
  readonly start: number
  readonly end: number
  stateJson: string
}

/** The window holding a record created at `createdAt`: windows are aligned on creation time, not on processing time. */
export function windowStartOf(createdAt: number, windowMs: number): number {
  return createdAt - (((createdAt % windowMs) + windowMs) % windowMs)
}

/** Opens the window of a record with empty state. */
export function openWindow(createdAt: number, windowMs: number): OpenWindow {
  const start = windowStartOf(createdAt, windowMs)
  return { start, end: start + windowMs, stateJson: '{}' }
}

/**
 * The state a handler returned, as the JSON the service would carry to the next invocation; a state that JSON
 * cannot hold (a cycle, a BigInt) is an error that fails the invocation.
 */
export function serializeWindowState(state: unknown): string {
  let text: string | undefined
  try {
    text = JSON.stringify(state)
  } catch (error) {
    throw new TypeError(`Invalid window state: expected a JSON-serialisable object (it is carried between invocations as JSON), received one that JSON.stringify rejects: ${(error as Error).message}`, { cause: error })
  }
  if (text === undefined || !text.startsWith('{')) throw new TypeError(`Invalid window state: expected an object, received ${text ?? 'undefined'}`)
  return text
}

/** True when state is too large to carry on. */
export function isStateTooLarge(stateJson: string): boolean {
  return stateJson.length > MAX_WINDOW_STATE_BYTES / 3 && Buffer.byteLength(stateJson, 'utf8') > MAX_WINDOW_STATE_BYTES
}

/** What the handler sees of a window for one invocation: a fresh copy of the state, which it may change. */
export function windowContext<State>(window: OpenWindow, isFinalInvokeForWindow: boolean, isWindowTerminatedEarly: boolean): WindowContext<State> {
  return Object.freeze({ start: window.start, end: window.end, state: JSON.parse(window.stateJson) as State, isFinalInvokeForWindow, isWindowTerminatedEarly })
}
