// Longer than any wait, shorter than the largest delay Node accepts (2^31 - 1 ms): the interval never fires.
const HOLD_MS = 2 ** 30

/** Keeps the Node process alive, as a listening server does, until the returned release is called (twice is harmless). */
export function holdProcess(): () => void {
  const handle = setInterval(() => undefined, HOLD_MS)
  return () => clearInterval(handle)
}
