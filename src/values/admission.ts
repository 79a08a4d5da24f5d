import { freeze } from 'immer'
import { describeValue, ValidationException } from '../core/errors.js'
import { numberProblem, numberSize } from './number.js'
import { builderOf, EMPTY_SHAPE, extendShape, type Shape } from './shape.js'
import { bytesEqual, utf8Length } from './utf8.js'

/** A value DynamoDB can store, in its native JavaScript form. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | Uint8Array
  | ReadonlySet<string>
  | ReadonlySet<number>
  | ReadonlySet<Uint8Array>
  | readonly AttributeValue[]
  | { readonly [name: string]: AttributeValue }

/** An item: a map of attribute names to values. */
export type AttributeMap = { readonly [name: string]: AttributeValue }

/** DynamoDB's limit on one item, names included: 400 KB. */
export const MAX_ITEM_BYTES = 409_600
/** DynamoDB's limit on nested maps and lists. */
export const MAX_NESTING_DEPTH = 32
const MAX_NAME_BYTES = 65_535

/** An item that passed validation: a frozen private copy, its size, and what equality needs to know of it. */
export interface AdmittedItem {
  readonly item: AttributeMap
  readonly sizeBytes: number
  /** Sets of binaries hold references, so equality must compare them by content. */
  readonly hasBinarySet: boolean
}

interface Walk {
  readonly path: (string | number)[]
  /** The names and checked values of the maps being walked, as stacks; `top` is the first free place. */
  readonly names: string[]
  readonly values: unknown[]
  top: number
  tableName: string | undefined
  hasBinarySet: boolean
  /** Where a walked value leaves its copy. */
  readonly out: unknown[]
}

// Values this module copied and froze, with their size (doubled, plus 1 when they hold a binary set). An update's
// result reuses the untouched subtrees of the stored item: finding them here skips both the copy and the walk,
// which keeps unchanged subtrees shared between old and new image. Identity-keyed and weak: no store can see
// another's data through it, and dropping an item frees its entries.
const admitted = new WeakMap<object, number>()

function remember<V extends object>(walk: Walk, value: V, size: number, hadBinarySet: boolean): V {
  admitted.set(value, size * 2 + (walk.hasBinarySet ? 1 : 0))
  walk.hasBinarySet ||= hadBinarySet
  return value
}

function pathText(path: readonly (string | number)[]): string {
  let out = ''
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`
  return out
}

function fail(walk: Walk, expected: string, received: unknown): never {
  const path = pathText(walk.path)
  throw new ValidationException(`Invalid attribute "${path}": expected ${expected}, received ${describeValue(received)}`, {
    path,
    ...(walk.tableName === undefined ? {} : { tableName: walk.tableName }),
  })
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

const VALUE_KINDS = 'a string, number, boolean, null, Uint8Array, non-empty Set, array or plain object'

// Returns the value's size; stores the (copied, frozen) value in out[0] when copying.
function walkValue(walk: Walk, value: unknown, depth: number, out: unknown[]): number {
  switch (typeof value) {
    case 'string':
      out[0] = value
      return utf8Length(value)
    case 'number': {
      const problem = numberProblem(value)
      if (problem !== undefined) fail(walk, problem, value)
      out[0] = value === 0 ? 0 : value
      return numberSize(value)
    }
    case 'boolean':
      out[0] = value
      return 1
    case 'object':
      break
    default:
      return fail(walk, VALUE_KINDS, value)
  }
  if (value === null) {
    out[0] = null
    return 1
  }
  const known = admitted.get(value)
  if (known !== undefined) {
    out[0] = value
    if (known % 2 === 1) walk.hasBinarySet = true
    return Math.floor(known / 2)
  }
  if (value instanceof Uint8Array) {
    const copy = new Uint8Array(value)
    admitted.set(copy, value.length * 2)
    out[0] = copy
    return value.length
  }
  const hadBinarySet = walk.hasBinarySet
  walk.hasBinarySet = false
  if (value instanceof Set) return walkSet(walk, value, out, hadBinarySet)
  if (depth >= MAX_NESTING_DEPTH) {
    fail(walk, `at most ${MAX_NESTING_DEPTH} levels of nested maps and lists (Nesting Levels have exceeded supported limits)`, value)
  }
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length)
    let size = 3
    for (let i = 0; i < value.length; i++) {
      walk.path.push(i)
      if (!(i in value)) fail(walk, VALUE_KINDS, undefined)
      size += 1 + walkValue(walk, value[i], depth + 1, out)
      copy[i] = out[0]
      walk.path.pop()
    }
    out[0] = remember(walk, Object.freeze(copy), size, hadBinarySet)
    return size
  }
  if (!isPlainObject(value)) return fail(walk, VALUE_KINDS, value)
  // A nested map costs 3 bytes, and each of its entries 1 byte, on top of names and values.
  const size = 3 + walkEntries(walk, value, depth + 1, 1, out)
  out[0] = remember(walk, out[0] as object, size, hadBinarySet)
  return size
}

// Copies and freezes a map's entries into out[0]; returns the size of names, values and per-entry overhead.
function walkEntries(walk: Walk, value: object, depth: number, entryOverhead: number, out: unknown[]): number {
  // Names and checked values go on the walk's stacks (nested maps use the stack above), then one builder call
  // makes the copy: see shape.ts for why a copy is not built property by property.
  const { names, values } = walk
  const from = walk.top
  let shape: Shape | undefined = EMPTY_SHAPE
  let size = 0
  for (const name in value) {
    if (shape !== undefined) shape = extendShape(shape, name)
    const nameBytes = shape !== undefined ? shape.nameBytes : utf8Length(name)
    let v = (value as Record<string, unknown>)[name]
    const validName = nameBytes !== 0 && nameBytes <= MAX_NAME_BYTES
    // Strings, numbers and booleans (most attributes) are checked here, without the general walk and its path.
    if (validName && typeof v === 'string') size += entryOverhead + nameBytes + utf8Length(v)
    else if (validName && typeof v === 'number' && numberProblem(v) === undefined) {
      if (v === 0) v = 0
      size += entryOverhead + nameBytes + numberSize(v as number)
    } else if (validName && typeof v === 'boolean') size += entryOverhead + nameBytes + 1
    else {
      walk.path.push(name)
      if (!validName) fail(walk, 'an attribute name of 1 to 65535 bytes', name)
      size += entryOverhead + nameBytes + walkValue(walk, v, depth, out)
      v = out[0]
      walk.path.pop()
    }
    const at = walk.top++
    names[at] = name
    values[at] = v
  }
  const count = walk.top - from
  const build = shape === undefined ? undefined : builderOf(shape)
  let copy: Record<string, unknown>
  if (build !== undefined) copy = build(values, from)
  else {
    copy = {}
    for (let i = from; i < from + count; i++) {
      const name = names[i] as string
      // Assigning "__proto__" would set the prototype; DynamoDB treats it as an ordinary attribute name.
      if (name === '__proto__') Object.defineProperty(copy, name, { value: values[i], enumerable: true, writable: true, configurable: true })
      else copy[name] = values[i]
    }
  }
  // The stacks must not keep the values alive.
  for (let i = from; i < from + count; i++) values[i] = undefined
  walk.top = from
  out[0] = Object.freeze(copy)
  return size
}

function walkSet(walk: Walk, set: Set<unknown>, out: unknown[], hadBinarySet: boolean): number {
  if (set.size === 0) fail(walk, 'a non-empty Set (DynamoDB sets may not be empty)', set)
  let kind: 'string' | 'number' | 'binary' | undefined
  let size = 0
  const copy = new Set<unknown>()
  const binaries: Uint8Array[] = []
  for (const element of set) {
    const elementKind = typeof element === 'string' ? 'string' : typeof element === 'number' ? 'number' : element instanceof Uint8Array ? 'binary' : undefined
    if (elementKind === undefined || (kind !== undefined && elementKind !== kind)) {
      fail(walk, `a Set of ${kind === undefined ? 'strings, numbers or Uint8Arrays' : kind === 'binary' ? 'Uint8Arrays' : `${kind}s`} only`, element)
    }
    kind = elementKind
    if (kind === 'string') {
      size += utf8Length(element as string)
      copy.add(element)
    } else if (kind === 'number') {
      const problem = numberProblem(element as number)
      if (problem !== undefined) fail(walk, `${problem} in the number set`, element)
      size += numberSize(element as number)
      copy.add(element === 0 ? 0 : element)
    } else {
      const bytes = element as Uint8Array
      if (binaries.some((b) => bytesEqual(b, bytes))) fail(walk, 'a binary Set without duplicates (Input collection contains duplicates)', set)
      binaries.push(bytes)
      size += bytes.length
      copy.add(admitted.has(bytes) ? bytes : new Uint8Array(bytes))
    }
  }
  if (kind === 'binary') walk.hasBinarySet = true
  out[0] = remember(walk, freeze(copy), size, hadBinarySet)
  return size
}

/**
 * Validates an item and returns a frozen private copy with its DynamoDB size. Subtrees that came out of an earlier
 * admission (the untouched parts of an update's result) are reused as they are, neither copied nor walked again.
 * `operation` names the write in the size error, as the service does.
 */
export function admitItem(input: unknown, tableName?: string, operation: 'put' | 'update' = 'put'): AdmittedItem {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !isPlainObject(input)) {
    throw new ValidationException(`Invalid item: expected a plain object, received ${describeValue(input)}`, tableName === undefined ? {} : { tableName })
  }
  // Every write admits an item: reusing one walk state saves allocations on the write path. A getter on the
  // input could write (and so admit) re-entrantly, which then gets a state of its own.
  const walk = spareWalk ?? { path: [], names: [], values: [], top: 0, tableName, hasBinarySet: false, out: [undefined] }
  spareWalk = undefined
  // Truncating with \`length = 0\` would release the array's storage, and the next push would allocate it again.
  if (walk.path.length !== 0) walk.path.length = 0
  if (walk.top !== 0) walk.values.fill(undefined, 0, walk.top)
  walk.top = 0
  walk.tableName = tableName
  walk.hasBinarySet = false
  try {
    const size = walkEntries(walk, input, 0, 0, walk.out)
    if (size > MAX_ITEM_BYTES) {
      throw new ValidationException(
        `${operation === 'update' ? 'Item size to update' : 'Item size'} has exceeded the maximum allowed size: expected at most ${MAX_ITEM_BYTES} bytes, received ${size} bytes`,
        tableName === undefined ? {} : { tableName },
      )
    }
    return { item: walk.out[0] as AttributeMap, sizeBytes: size, hasBinarySet: walk.hasBinarySet }
  } finally {
    walk.out[0] = undefined
    spareWalk = walk
  }
}

let spareWalk: Walk | undefined

/** Size of a single attribute value under DynamoDB's item-size rule (used for key attributes). */
export function attributeSize(name: string, value: string | number | Uint8Array): number {
  const valueSize = typeof value === 'string' ? utf8Length(value) : typeof value === 'number' ? numberSize(value) : value.length
  return utf8Length(name) + valueSize
}

/** A deeply read-only view of an item type: what every item, image and record hands out is frozen. */
export type Frozen<T> = T extends string | number | boolean | null | undefined | Uint8Array
  ? T
  : T extends ReadonlySet<infer E>
    ? ReadonlySet<E>
    : T extends readonly (infer E)[]
      ? readonly Frozen<E>[]
      : T extends object
        ? { readonly [K in keyof T]: Frozen<T[K]> }
        : T
