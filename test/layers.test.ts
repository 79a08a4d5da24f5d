import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The layers of DESIGN.md ("Layout: folders are layers"), lowest first. A file may import its own layer and the
// layers it lists; entry points (index.ts, testing.ts, cli.ts) may import anything and nothing imports them.
const SRC = normalize(join(dirname(fileURLToPath(import.meta.url)), '..', 'src'))
const ENTRY_POINTS = new Set(['index.ts', 'testing.ts', 'cli.ts'])
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  core: [],
  values: ['core'],
  codec: ['core', 'values'],
  capture: ['core', 'values'],
  log: ['core', 'values', 'capture'],
  storage: ['core', 'values'],
  write: ['core', 'values', 'capture', 'log', 'storage'],
  consume: ['core', 'values', 'codec', 'capture', 'log'],
  'store.ts': ['core', 'values', 'codec', 'capture', 'log', 'storage', 'write', 'consume'],
  // The AWS surfaces reach the store through the public API only.
  aws: ['core', 'values', 'codec', 'index.ts'],
  testing: ['core', 'values', 'codec', 'capture', 'log', 'storage', 'write', 'consume', 'store.ts', 'aws'],
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

/** The layer of a file under src/: its top folder, or its own name for a file at the top. */
function layerOf(file: string): string {
  return relative(SRC, file).split(/[\\/]/)[0] as string
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.[^'"]+)['"]/g)].map((m) => m[1] as string)
  return specifiers.map((s) => normalize(join(dirname(file), s.replace(/\.js$/, '.ts'))))
}

describe('imports flow one way through the layers of DESIGN.md', () => {
  const files = sourceFiles(SRC)

  it('finds the layer folders', () => {
    const layers = new Set(files.map(layerOf))
    for (const layer of ['core', 'values', 'codec', 'capture', 'log', 'write', 'consume', 'testing']) expect(layers).toContain(layer)
  })

  it('has no file outside the layers and entry points', () => {
    const stray = files.map(layerOf).filter((layer) => !(layer in MAY_IMPORT) && !ENTRY_POINTS.has(layer))
    expect(stray).toEqual([])
  })

  it('has no import against the layer order', () => {
    const against: string[] = []
    for (const file of files) {
      const from = layerOf(file)
      if (ENTRY_POINTS.has(from)) continue
      for (const target of importsOf(file)) {
        const to = layerOf(target)
        if (to === from) continue
        if (!(MAY_IMPORT[from] ?? []).includes(to)) against.push(`${relative(SRC, file)} → ${relative(SRC, target)}`)
      }
    }
    expect(against).toEqual([])
  })

  it('imports no entry point from inside a layer, except the AWS surfaces through the public API', () => {
    const inward = files
      .filter((file) => layerOf(file) !== 'aws' && !ENTRY_POINTS.has(layerOf(file)))
      .flatMap((file) => importsOf(file).filter((t) => ENTRY_POINTS.has(relative(SRC, t))).map((t) => `${relative(SRC, file)} → ${relative(SRC, t)}`))
    expect(inward).toEqual([])
  })
})
