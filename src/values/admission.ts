import { freeze } from 'immer'
import { describeValue, quoteText, ValidationException } from '../core/errors.js'
import { canonicalNumber, Decimal, isDecimal, isNumberKind, numberKey, numberProblem, numberSize, type NumberValue } from './number.js'
import { builderOf, EMPTY_SHAPE, extendShape, type Shape } from './shape.js'
import { setMember } from './members.js'
import { bytesEqual, utf8Length } from './utf8.js'

/** A value DynamoDB can store, in its native JavaScript form. */
export type AttributeValue =
  | string
  | number
  | Decimal
  | boolean
  | null
  | Uint8Array
  | ReadonlySet<string>
  | ReadonlySet<NumberValue>
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
  /**
   * The item holds a Set whose members are objects (binaries or Decimals): Set#has finds those by reference, so
   * equality must compare such sets by content.
   */
  readonly hasBinarySet: boolean
  /** True when a binary sits anywhere in the item: what is handed out of it must then be a copy (`handOut`). */
  readonly holdsBinary: boolean
}

// What a walked subtree holds, as bits of `Walk.flags` and of the `admitted` entries.
const HOLDS_BINARY = 1
const HOLDS_OBJECT_SET = 2
const FLAG_SPACE = 4
// Heights are at most MAX_NESTING_DEPTH + 1: this many values fit below the size in an `admitted` entry.
const HEIGHT_SPACE = 64

interface Walk {
  readonly path: (string | number)[]
  /** The names and checked values of the maps being walked, as stacks; `top` is the first free place. */
  readonly names: string[]
  readonly values: unknown[]
  top: number
  tableName: string | undefined
  /** HOLDS_BINARY and HOLDS_OBJECT_SET of the subtree being walked. */
  flags: number
  /** Levels of nested maps and lists in the value walked last (0 for a scalar or a set). */
  height: number
  /** The item being admitted, to tell a circular value from a deep one. */
  root: unknown
  /** Where a walked value leaves its copy. */
  readonly out: unknown[]
}

// Values this module copied and froze, with their size, height and flags packed into one number. An update's
// result reuses the untouched subtrees of the stored item: finding them here skips both the copy and the walk,
// which keeps unchanged subtrees shared between old and new image. Identity-keyed and weak: no store can see
// another's data through it, and dropping an item frees its entries.
const admitted = new WeakMap<object, number>()

function pack(size: number, height: number, flags: number): number {
  return (size * HEIGHT_SPACE + height) * FLAG_SPACE + flags
}

function remember<V extends object>(walk: Walk, value: V, size: number, height: number, outerFlags: number): V {
  admitted.set(value, pack(size, height, walk.flags))
  walk.flags |= outerFlags
  walk.height = height
  return value
}

/** How many characters of one attribute name a message quotes. */
const QUOTED_NAME_MAX = 64

function pathText(path: readonly (string | number)[], quote: boolean): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else {
      const name = quote ? quoteText(part, QUOTED_NAME_MAX) : part
      out += out === '' ? name : `.${name}`
    }
  }
  return out
}

function fail(walk: Walk, expected: string, received: unknown): never {
  throw new ValidationException(`Invalid attribute "${pathText(walk.path, true)}": expected ${expected}, received ${describeValue(received)}`, {
    path: pathText(walk.path, false),
    ...(walk.tableName === undefined ? {} : { tableName: walk.tableName }),
  })
}

const NESTING_LIMIT = `at most ${MAX_NESTING_DEPTH} levels of nested maps and lists (Nesting Levels have exceeded supported limits)`

// Only called when the nesting limit is hit, so the common path keeps no stack of ancestors: the path from the
// root leads through every map and list above `value`.
function failDeep(walk: Walk, value: object): never {
  const seen: unknown[] = [walk.root]
  let node: unknown = walk.root
  for (let i = 0; i < walk.path.length; i++) {
    node = (node as Record<string | number, unknown>)[walk.path[i] as string | number]
    if (seen.includes(node)) {
      // Named where the value first refers back to a value that holds it.
      walk.path.length = i + 1
      fail(walk, 'a value that does not contain itself (a circular reference)', node)
    }
    seen.push(node)
  }
  return fail(walk, NESTING_LIMIT, value)
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

const VALUE_KINDS = 'a string, number, Decimal, boolean, null, Uint8Array, non-empty Set, array or plain object'

// Returns the value's size; stores the (copied, frozen) value in out[0] when copying, and its height in walk.height
// when it is a map or list (callers reset walk.height for scalars).
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
    const flags = known % FLAG_SPACE
    const rest = (known - flags) / FLAG_SPACE
    const height = rest % HEIGHT_SPACE
    // A stored subtree put into a new item may sit deeper there than it did where it was admitted.
    if (depth + height > MAX_NESTING_DEPTH) failDeep(walk, value)
    out[0] = value
    walk.flags |= flags
    walk.height = height
    return (rest - height) / HEIGHT_SPACE
  }
  if (value instanceof Uint8Array) {
    const copy = new Uint8Array(value)
    admitted.set(copy, pack(value.length, 0, HOLDS_BINARY))
    walk.flags |= HOLDS_BINARY
    out[0] = copy
    return value.length
  }
  if (value instanceof Decimal) {
    out[0] = canonicalNumber(value)
    return numberSize(value)
  }
  const outerFlags = walk.flags
  walk.flags = 0
  if (value instanceof Set) return walkSet(walk, value, out, outerFlags)
  if (depth >= MAX_NESTING_DEPTH) failDeep(walk, value)
  if (Array.isArray(value)) {
    const copy = new Array<unknown>(value.length)
    let size = 3
    let height = 0
    for (let i = 0; i < value.length; i++) {
      walk.path.push(i)
      if (!(i in value)) fail(walk, VALUE_KINDS, undefined)
      walk.height = 0
      size += 1 + walkValue(walk, value[i], depth + 1, out)
      if (walk.height > height) height = walk.height
      copy[i] = out[0]
      walk.path.pop()
    }
    out[0] = remember(walk, Object.freeze(copy), size, height + 1, outerFlags)
    return size
  }
  if (!isPlainObject(value)) return fail(walk, VALUE_KINDS, value)
  // A nested map costs 3 bytes, and each of its entries 1 byte, on top of names and values.
  const size = 3 + walkEntries(walk, value, depth + 1, 1, out)
  out[0] = remember(walk, out[0] as object, size, walk.height + 1, outerFlags)
  return size
}

// DynamoDB names attributes with strings: an enumerable symbol-keyed property would otherwise vanish in the copy.
function failOnSymbolNames(walk: Walk, value: object, symbols: readonly symbol[]): void {
  for (const symbol of symbols) {
    if (Object.prototype.propertyIsEnumerable.call(value, symbol)) fail(walk, 'attribute names that are strings', symbol)
  }
}

// Copies and freezes a map's entries into out[0]; returns the size of names, values and per-entry overhead, and
// leaves the greatest height of its values in walk.height.
function walkEntries(walk: Walk, value: object, depth: number, entryOverhead: number, out: unknown[]): number {
  const symbols = Object.getOwnPropertySymbols(value)
  if (symbols.length !== 0) failOnSymbolNames(walk, value, symbols)
  // Names and checked values go on the walk's stacks (nested maps use the stack above), then one builder call
  // makes the copy: see shape.ts for why a copy is not built property by property.
  const { names, values } = walk
  const from = walk.top
  let shape: Shape | undefined = EMPTY_SHAPE
  let size = 0
  let height = 0
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
      walk.height = 0
      size += entryOverhead + nameBytes + walkValue(walk, v, depth, out)
      if (walk.height > height) height = walk.height
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
      setMember(copy, names[i] as string, values[i])
    }
  }
  // The stacks must not keep the values alive.
  for (let i = from; i < from + count; i++) values[i] = undefined
  walk.top = from
  walk.height = height
  out[0] = Object.freeze(copy)
  return size
}

function walkSet(walk: Walk, set: Set<unknown>, out: unknown[], outerFlags: number): number {
  if (set.size === 0) fail(walk, 'a non-empty Set (DynamoDB sets may not be empty)', set)
  let kind: 'string' | 'number' | 'binary' | undefined
  let size = 0
  const copy = new Set<unknown>()
  const binaries: Uint8Array[] = []
  // Numbers by their Map key, so that a Decimal and a double of one value are one member.
  let numbers: Set<string | number> | undefined
  for (const element of set) {
    const elementKind = typeof element === 'string' ? 'string' : isNumberKind(element) ? 'number' : element instanceof Uint8Array ? 'binary' : undefined
    if (elementKind === undefined || (kind !== undefined && elementKind !== kind)) {
      fail(walk, `a Set of ${kind === undefined ? 'strings, numbers or Uint8Arrays' : kind === 'binary' ? 'Uint8Arrays' : `${kind}s`} only`, element)
    }
    kind = elementKind
    if (kind === 'string') {
      size += utf8Length(element as string)
      copy.add(element)
    } else if (kind === 'number') {
      const problem = numberProblem(element as NumberValue)
      if (problem !== undefined) fail(walk, `${problem} in the number set`, element)
      const n = canonicalNumber(element as NumberValue)
      if (isDecimal(n)) {
        numbers ??= new Set()
        const key = numberKey(n)
        if (numbers.has(key)) fail(walk, 'a number Set without duplicates (Input collection contains duplicates)', set)
        numbers.add(key)
        walk.flags |= HOLDS_OBJECT_SET
      } else if (copy.has(n)) fail(walk, 'a number Set without duplicates (Input collection contains duplicates)', set)
      size += numberSize(n)
      copy.add(n)
    } else {
      const bytes = element as Uint8Array
      if (binaries.some((b) => bytesEqual(b, bytes))) fail(walk, 'a binary Set without duplicates (Input collection contains duplicates)', set)
      binaries.push(bytes)
      size += bytes.length
      copy.add(admitted.has(bytes) ? bytes : new Uint8Array(bytes))
    }
  }
  if (kind === 'binary') walk.flags |= HOLDS_BINARY | HOLDS_OBJECT_SET
  out[0] = remember(walk, freeze(copy), size, 0, outerFlags)
  return size
}

// Top-level items and key objects that hold binaries: what leaves the store copies their bytes (see handOut).
const binaryHolders = new WeakSet<object>()

/** Records that `value` (an admitted item or a key object) holds stored binaries. */
export function markBinaryHolder(value: AttributeMap): void {
  binaryHolders.add(value)
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
  const walk = spareWalk ?? { path: [], names: [], values: [], top: 0, tableName, flags: 0, height: 0, root: undefined, out: [undefined] }
  spareWalk = undefined
  // Truncating with \`length = 0\` would release the array's storage, and the next push would allocate it again.
  if (walk.path.length !== 0) walk.path.length = 0
  if (walk.top !== 0) walk.values.fill(undefined, 0, walk.top)
  walk.top = 0
  walk.tableName = tableName
  walk.flags = 0
  walk.root = input
  try {
    const size = walkEntries(walk, input, 0, 0, walk.out)
    if (size > MAX_ITEM_BYTES) {
      throw new ValidationException(
        `${operation === 'update' ? 'Item size to update' : 'Item size'} has exceeded the maximum allowed size: expected at most ${MAX_ITEM_BYTES} bytes, received ${size} bytes`,
        tableName === undefined ? {} : { tableName },
      )
    }
    const item = walk.out[0] as AttributeMap
    if ((walk.flags & HOLDS_BINARY) !== 0) binaryHolders.add(item)
    return { item, sizeBytes: size, hasBinarySet: (walk.flags & HOLDS_OBJECT_SET) !== 0, holdsBinary: (walk.flags & HOLDS_BINARY) !== 0 }
  } finally {
    walk.out[0] = undefined
    walk.root = undefined
    spareWalk = walk
  }
}

/**
 * What a caller may receive of a stored item (or key object): the item itself, or, when it holds binaries, a
 * frozen copy with its own bytes. A Uint8Array cannot be frozen, and writing to a stored one would change the
 * item, every stream record holding it and, for a key, where it is found. Subtrees without binaries are shared.
 */
export function handOut<T extends AttributeMap | undefined>(item: T): T {
  if (item === undefined || !binaryHolders.has(item)) return item
  return copyBinaries(item) as T
}

function copyBinaries(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || value instanceof Decimal) return value
  if (value instanceof Uint8Array) return new Uint8Array(value)
  const known = admitted.get(value)
  if (known !== undefined && ((known % FLAG_SPACE) & HOLDS_BINARY) === 0) return value
  if (value instanceof Set) {
    const copy = new Set<unknown>()
    for (const element of value) copy.add(copyBinaries(element))
    return freeze(copy)
  }
  if (Array.isArray(value)) return Object.freeze(value.map(copyBinaries))
  const copy: Record<string, unknown> = {}
  for (const name in value) {
    setMember(copy, name, copyBinaries((value as Record<string, unknown>)[name]))
  }
  return Object.freeze(copy)
}

let spareWalk: Walk | undefined

/** Size of a single attribute value under DynamoDB's item-size rule (used for key attributes). */
export function attributeSize(name: string, value: string | NumberValue | Uint8Array): number {
  const valueSize = typeof value === 'string' ? utf8Length(value) : value instanceof Uint8Array ? value.length : numberSize(value)
  return utf8Length(name) + valueSize
}

/** A deeply read-only view of an item type: what every item, image and record hands out is frozen. */
export type Frozen<T> = T extends string | number | Decimal | boolean | null | undefined | Uint8Array
  ? T
  : T extends ReadonlySet<infer E>
    ? ReadonlySet<E>
    : T extends readonly (infer E)[]
      ? readonly Frozen<E>[]
      : T extends object
        ? { readonly [K in keyof T]: Frozen<T[K]> }
        : T
