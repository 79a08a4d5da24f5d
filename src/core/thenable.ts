/** True for a promise or any other object or function with a `then` method. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function'
}

/**
 * Handles whatever a refused thenable later rejects with. The caller has already been told, synchronously, that
 * the function must not be async; its continuation then fails on a draft or plan that is gone, and that rejection
 * must not reach the process as unhandled (which ends a Node process by default).
 */
export function settleQuietly(value: PromiseLike<unknown>): void {
  try {
    value.then(undefined, () => undefined)
  } catch {
    // A thenable whose `then` throws has no rejection to handle.
  }
}
