import type { CancelTimer, Clock } from '../core/clock.js'
import type { AttributeMap } from '../values/admission.js'
import { isNumberValue, nearestDouble } from '../values/number.js'

/** TTL values more than five years in the past are ignored by the service, and so here. */
const IGNORE_OLDER_THAN_MS = 5 * 365 * 24 * 60 * 60 * 1000

/** When an item expires under its table's TTL attribute (epoch ms), or undefined when it never does. */
export function expiryOf(item: AttributeMap, attribute: string, nowMs: number): number | undefined {
  const value = item[attribute]
  // Only a number of epoch seconds qualifies; any other type means the item does not expire.
  if (!isNumberValue(value)) return undefined
  const atMs = nearestDouble(value) * 1000
  if (atMs < nowMs - IGNORE_OLDER_THAN_MS) return undefined
  return atMs
}

interface Entry<K> {
  readonly at: number
  readonly key: K
}

/** A min-heap of (expiry time, item key); entries may be stale and are re-checked when they come due. */
export class ExpiryQueue<K> {
  #heap: Entry<K>[] = []

  get size(): number {
    return this.#heap.length
  }

  /** The earliest expiry queued, or undefined when empty. */
  peek(): number | undefined {
    return this.#heap[0]?.at
  }

  push(at: number, key: K): void {
    const heap = this.#heap
    const entry = { at, key }
    heap.push(entry)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if ((heap[parent] as Entry<K>).at <= at) break
      heap[i] = heap[parent] as Entry<K>
      i = parent
    }
    heap[i] = entry
  }

  /** Removes and returns every entry due at or before `nowMs`, earliest first. */
  popDue(nowMs: number): Entry<K>[] {
    const due: Entry<K>[] = []
    while (this.#heap.length > 0 && (this.#heap[0] as Entry<K>).at <= nowMs) due.push(this.#pop())
    return due
  }

  clear(): void {
    this.#heap = []
  }

  /** Keeps only the entries `keep` accepts. */
  retain(keep: (entry: Entry<K>) => boolean): void {
    // An array sorted by time is a valid heap.
    this.#heap = this.#heap.filter(keep).sort((a, b) => a.at - b.at)
  }

  #pop(): Entry<K> {
    const heap = this.#heap
    const top = heap[0] as Entry<K>
    const last = heap.pop() as Entry<K>
    const n = heap.length
    if (n === 0) return top
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      if (l >= n) break
      const r = l + 1
      const c = r < n && (heap[r] as Entry<K>).at < (heap[l] as Entry<K>).at ? r : l
      if ((heap[c] as Entry<K>).at >= last.at) break
      heap[i] = heap[c] as Entry<K>
      i = c
    }
    heap[i] = last
    return top
  }
}

// Entries made stale (their item rewritten or deleted) that the queue may hold beyond half its size, before it drops
// them: an item rewritten every second with a TTL a month ahead would otherwise keep millions of entries queued.
const STALE_SLACK = 1024

/**
 * Deletes a table's items when their TTL attribute comes due on the store's clock: one timer for the earliest
 * expiry queued; a due item is handed to `expire`, which re-checks it (it may have been rewritten since).
 */
export class TtlSweeper<K> {
  readonly #clock: Clock
  readonly #attribute: string
  readonly #expire: (key: K, nowMs: number) => void
  readonly #stored: (key: K) => AttributeMap | undefined
  readonly #queue = new ExpiryQueue<K>()
  #timer: { at: number; cancel: CancelTimer } | undefined
  #stopped = false
  /** Entries queued for item versions that have since been rewritten or deleted (so far as writes told). */
  #stale = 0
  readonly #onTimer = (): void => this.#sweep()

  /** `attribute`: the table's TTL attribute; `stored`: the item a key holds now, if any. */
  constructor(clock: Clock, attribute: string, expire: (key: K, nowMs: number) => void, stored: (key: K) => AttributeMap | undefined) {
    this.#clock = clock
    this.#attribute = attribute
    this.#expire = expire
    this.#stored = stored
  }

  /** Notes that a write replaced or deleted this item version: if it was queued to expire, its entry is now stale. */
  replaced(item: AttributeMap | undefined): void {
    if (item === undefined || expiryOf(item, this.#attribute, this.#clock.now()) === undefined) return
    if (++this.#stale > this.#queue.size / 2 + STALE_SLACK) this.#dropStale()
  }

  /** Keeps one entry per item that is still due at its time. */
  #dropStale(): void {
    const now = this.#clock.now()
    const kept = new Set<AttributeMap>()
    this.#queue.retain(({ at, key }) => {
      const item = this.#stored(key)
      if (item === undefined || kept.has(item) || expiryOf(item, this.#attribute, now) !== at) return false
      kept.add(item)
      return true
    })
    this.#stale = 0
  }

  /** Number of expiries queued. */
  get queued(): number {
    return this.#queue.size
  }

  /** Queues an item expiring at `atMs`. */
  track(atMs: number, key: K): void {
    this.#queue.push(atMs, key)
    this.#schedule()
  }

  /** Cancels the timer and forgets every queued expiry. */
  stop(): void {
    this.#stopped = true
    this.#timer?.cancel()
    this.#timer = undefined
    this.#queue.clear()
  }

  #schedule(): void {
    const at = this.#queue.peek()
    if (at === undefined || (this.#timer !== undefined && this.#timer.at <= at)) return
    this.#timer?.cancel()
    this.#timer = { at, cancel: this.#clock.setTimer(at - this.#clock.now(), this.#onTimer) }
  }

  #sweep(): void {
    this.#timer = undefined
    if (this.#stopped) return
    const now = this.#clock.now()
    for (const due of this.#queue.popDue(now)) this.#expire(due.key, now)
    this.#schedule()
  }
}
