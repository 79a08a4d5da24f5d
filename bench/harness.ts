// Shared helpers of the benchmarks: garbage collection, timing, medians and table printing.
import { spawnSync } from 'node:child_process'

const CHILD_FLAG = 'STREAMTABLE_BENCH_CHILD'

/**
 * Makes sure `globalThis.gc` exists: when the process was started without `--expose-gc` (as `tsx bench/x.ts`
 * does), the benchmark runs again in a child node with the same loader flags plus `--expose-gc`, and this
 * process exits with the child's status. Returns only in the process that has `gc`.
 */
export function ensureGc(): () => void {
  if (typeof globalThis.gc === 'function') return globalThis.gc
  if (process.env[CHILD_FLAG] === '1') throw new Error('--expose-gc was passed to the child but gc is still missing')
  const script = process.argv[1]
  if (script === undefined) throw new Error('cannot re-run the benchmark: process.argv[1] is missing')
  const child = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, [CHILD_FLAG]: '1' },
  })
  if (child.error !== undefined) throw child.error
  process.exit(child.status ?? 1)
}

/** Runs a full collection a few times so that heapUsed settles. */
export function collect(gc: () => void): void {
  for (let i = 0; i < 3; i++) gc()
}

export function heapUsed(gc: () => void): number {
  collect(gc)
  return process.memoryUsage().heapUsed
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export function best(values: readonly number[]): number {
  return Math.max(...values)
}

/** Rounds to `digits` significant digits (for the JSON line). */
export function round(value: number, digits = 4): number {
  if (!Number.isFinite(value) || value === 0) return value
  return Number(value.toPrecision(digits))
}

export function fmtInt(value: number): string {
  return Math.round(value).toLocaleString('en-US')
}

/** Prints rows as a left-aligned first column and right-aligned other columns. */
export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ')
  console.log(line(header))
  console.log(widths.map((w) => '-'.repeat(w)).join('  '))
  for (const row of rows) console.log(line(row))
}

/** A seeded PRNG (mulberry32), so the workload is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
