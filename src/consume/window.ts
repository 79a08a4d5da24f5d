import type { WindowContext } from './types.js'

/** The service's cap on a shard's window state: above 1 MB the window ends early. */
export const MAX_WINDOW_STATE_BYTES = 1024 * 1024

/** One shard's open tumbling window and the state its invocations carry forward. */
export interface OpenWindow {
  readonly start: number
  readonly end: number
  state: Readonly<Record<string, unknown>>
}

/** The window holding a record created at `createdAt`: windows are aligned on creation time, not on processing time. */
export function windowStartOf(createdAt: number, windowMs: number): number {
  return createdAt - (((createdAt % windowMs) + windowMs) % windowMs)
}

/** Opens the window of a record with empty state. */
export function openWindow(createdAt: number, windowMs: number): OpenWindow {
  const start = windowStartOf(createdAt, windowMs)
  return { start, end: start + windowMs, state: Object.freeze({}) }
}

/** True when state is too large to carry on (measured as JSON, as the service serialises it). */
export function isStateTooLarge(state: Readonly<Record<string, unknown>>): boolean {
  let text: string
  try {
    text = JSON.stringify(state)
  } catch {
    return true
  }
  return Buffer.byteLength(text, 'utf8') > MAX_WINDOW_STATE_BYTES
}

/** What the handler sees of a window for one invocation. */
export function windowContext(window: OpenWindow, isFinalInvokeForWindow: boolean, isWindowTerminatedEarly: boolean): WindowContext {
  return Object.freeze({ start: window.start, end: window.end, state: window.state, isFinalInvokeForWindow, isWindowTerminatedEarly })
}
