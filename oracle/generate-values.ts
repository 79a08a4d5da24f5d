// Generated AttributeValues and items: every type, numbers with many digits, nested maps and lists, and the
// attribute names (plain, reserved, needing a #name) that expressions will refer to.
import type { AttributeValueJson } from '../src/codec/attribute-value-json.js'
import type { ItemJson } from './cases.js'
import type { Random } from './random.js'

/** One step of a document path: a map key or a list index. */
export type Segment = string | number

/** Attribute names an expression may write bare. */
export const PLAIN_NAMES = ['a', 'b', 'c', 'n', 's', 'l', 'm', 'flag', 'tags', 'nums', 'bin', 'x', 'y', 'z'] as const
/** Reserved words used as attribute names: bare they are an error, behind a #name they are fine. */
export const RESERVED_NAMES = ['status', 'name', 'data', 'count', 'size', 'comment', 'date', 'year', 'items', 'value'] as const
/** Names that are not identifiers: only reachable through a #name. */
export const ODD_NAMES = ['my-attr', 'x.y', '1st', 'with space', 'ü'] as const

const STRINGS = ['', 'a', 'ab', 'abc', 'b', 'ba', 'A', 'Z', 'z', 'é', 'ü', '日本', '😀', 'a b', 'abc😀', '0', '10', '9', 'true'] as const
const NUMBERS = [
  '0', '1', '-1', '2', '3', '10', '100', '1.5', '-2.25', '0.1', '0.001', '42', '00042', '1.0', '3.1400', '1e2', '1.5E2', '-0',
  '12345678901234567890123456789012345678',
  '-12345678901234567890123456789012345678',
  '0.12345678901234567890123456789012345678',
  '99999999999999999999999999999999999999',
  '123456789012345678901234567890.12345678',
  '9.9999999999999999999999999999999999999E+125',
  '-9.9999999999999999999999999999999999999E+125',
  '1E+125', '1E-130', '-1E-130', '1E+100', '1E-100',
] as const
/** Numbers a double holds exactly (15 significant digits or fewer, in a double's range). */
const SHORT_NUMBERS = NUMBERS.filter((n) => (canonicalNumberKey(n).split('e')[0] ?? '').replace(/^-/, '').length <= 15 && Math.abs(Number(n)) < 1e100 && (Number(n) === 0 || Math.abs(Number(n)) > 1e-100))

// The number pool of each random source: all numbers, or only those a double carries exactly.
const shortNumbersOnly = new WeakSet<Random>()

/** From now on, numbers drawn from `random` are ones a double holds exactly. */
export function drawShortNumbersOnly(random: Random): void {
  shortNumbersOnly.add(random)
}

const BINARIES = ['', 'AA==', 'AQ==', 'AQI=', 'AQID', '/w==', 'YWJj', 'YQ=='] as const

/** A scalar S, N or B (the types keys, comparisons and BETWEEN accept). */
export function scalar(random: Random, type: 'S' | 'N' | 'B' = random.pick(['S', 'N', 'B'] as const)): AttributeValueJson {
  if (type === 'S') return { S: random.pick(STRINGS) }
  if (type === 'N') return { N: random.pick(numberPool(random)) }
  return { B: random.pick(BINARIES) }
}

/** A value of any type, nested up to `depth` levels of maps and lists. */
export function value(random: Random, depth = 2): AttributeValueJson {
  const kind = random.weighted<string>([
    [5, 'S'], [5, 'N'], [1.5, 'B'], [1.5, 'BOOL'], [1, 'NULL'], [1.5, 'SS'], [1.5, 'NS'], [1, 'BS'],
    [depth > 0 ? 2 : 0, 'L'], [depth > 0 ? 2 : 0, 'M'],
  ])
  switch (kind) {
    case 'S':
    case 'N':
    case 'B':
      return scalar(random, kind)
    case 'BOOL':
      return { BOOL: random.chance(0.5) }
    case 'NULL':
      return { NULL: true }
    case 'SS':
      return { SS: distinct(random, STRINGS, (s) => s) }
    case 'NS':
      return { NS: distinct(random, numberPool(random), (n) => canonicalNumberKey(n)) }
    case 'BS':
      return { BS: distinct(random, BINARIES, (b) => Buffer.from(b, 'base64').toString('hex')) }
    case 'L':
      return { L: Array.from({ length: random.int(0, 4) }, () => value(random, depth - 1)) }
    default: {
      const map: Record<string, AttributeValueJson> = {}
      for (let i = random.int(0, 3); i > 0; i--) map[attributeName(random)] = value(random, depth - 1)
      return { M: map }
    }
  }
}

/** An attribute name: mostly plain, sometimes reserved or one that needs a #name. */
export function attributeName(random: Random): string {
  return random.weighted<string>([
    [8, random.pick(PLAIN_NAMES)],
    [1.5, random.pick(RESERVED_NAMES)],
    [1, random.pick(ODD_NAMES)],
  ])
}

/** An item of 1 to 6 attributes besides the given key attributes; `m` and `l` are often nested. */
export function item(random: Random, key: ItemJson): ItemJson {
  const out: Record<string, AttributeValueJson> = {}
  for (let i = random.int(1, 6); i > 0; i--) {
    const name = attributeName(random)
    if (name in key) continue
    out[name] = name === 'm' ? { M: nestedMap(random) } : name === 'l' ? { L: Array.from({ length: random.int(0, 4) }, () => value(random, 1)) } : value(random)
  }
  return { ...out, ...key }
}

function numberPool(random: Random): readonly string[] {
  return shortNumbersOnly.has(random) ? SHORT_NUMBERS : NUMBERS
}

function nestedMap(random: Random): Record<string, AttributeValueJson> {
  const map: Record<string, AttributeValueJson> = {}
  for (let i = random.int(1, 3); i > 0; i--) map[attributeName(random)] = value(random, 2)
  return map
}

/** Every document path inside an item, down to `maxDepth` segments, with the value found there. */
export function pathsOf(item: ItemJson, maxDepth = 4): { readonly path: readonly Segment[]; readonly value: AttributeValueJson }[] {
  const out: { path: Segment[]; value: AttributeValueJson }[] = []
  const walk = (path: Segment[], at: AttributeValueJson): void => {
    out.push({ path, value: at })
    if (path.length >= maxDepth) return
    if ('M' in at) for (const [name, inner] of Object.entries(at.M)) walk([...path, name], inner)
    if ('L' in at) at.L.forEach((inner, i) => walk([...path, i], inner))
  }
  for (const [name, at] of Object.entries(item)) walk([name], at)
  return out
}

/** A number's identity as a set element (so that `1` and `1.0` are one element). */
export function canonicalNumberKey(text: string): string {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text)
  if (match === null) return text
  const digits = `${match[2] ?? ''}${match[3] ?? ''}`
  const exponent = Number(match[4] ?? 0) - (match[3] ?? '').length
  const trimmedLeft = digits.replace(/^0+/, '')
  if (trimmedLeft === '') return '0'
  const trailing = /0*$/.exec(trimmedLeft)?.[0].length ?? 0
  const significand = trimmedLeft.slice(0, trimmedLeft.length - trailing)
  return `${match[1] === '-' ? '-' : ''}${significand}e${exponent + trailing}`
}

function distinct<T>(random: Random, pool: readonly T[], identity: (element: T) => string): T[] {
  const seen = new Set<string>()
  const out: T[] = []
  for (let i = random.int(1, 4); i > 0; i--) {
    const element = random.pick(pool)
    const id = identity(element)
    if (seen.has(id)) continue
    seen.add(id)
    out.push(element)
  }
  return out
}

/** A value DynamoDB rejects, to test the ExpressionAttributeValues error texts. */
export function invalidValue(random: Random): unknown {
  return random.pick<unknown>([
    {},
    { S: 'a', N: '1' },
    { N: 'abc' },
    { N: '' },
    { N: '1234567890123456789012345678901234567890' },
    { N: '1E+126' },
    { N: '1E-131' },
    { SS: [] },
    { NS: [] },
    { SS: ['a', 'a'] },
    { NS: ['1', '1.0'] },
    { NULL: false },
  ])
}
