// The time constants every test shares.

/** 2026-01-01T00:00:00.000Z, the ManualClock default start, spelled out so expected labels are readable. */
export const T0 = Date.UTC(2026, 0, 1)
export const MINUTE = 60 * 1000
export const HOUR = 60 * MINUTE
export const DAY = 24 * HOUR

/** Epoch seconds of an epoch-millisecond time (TTL attributes are seconds). */
export const seconds = (ms: number): number => Math.floor(ms / 1000)
