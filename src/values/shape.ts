import { utf8Length } from './utf8.js'

/** Builds a new object from values read from `values` at `offset`, under the names of its shape. */
export type ObjectBuilder = (values: readonly unknown[], offset: number) => Record<string, unknown>

/** A list of attribute names, as reached one name at a time from the empty list (`EMPTY_SHAPE`). */
export interface Shape {
  /** The UTF-8 byte length of the last name. */
  readonly nameBytes: number
  /** How many names the list holds. */
  readonly depth: number
  builder: ObjectBuilder | undefined
  // Most objects of a table share one list of names: the child taken last is checked before the map.
  lastName: string | undefined
  lastChild: Shape | undefined
  children: Map<string, Shape> | undefined
  readonly parent: Shape | undefined
  readonly name: string
}

// Builders are compiled per list of attribute names, each an object literal. V8 tracks where literals are
// allocated and, seeing that the stored copies survive, allocates them directly where long-lived objects go; copies
// built property by property are instead copied again by every young-generation collection they live through,
// which made up much of a write's cost. Shapes also remember their names' byte lengths, which the item-size rule
// needs on every write. The cache is bounded: past it, names that vary without end (a map keyed by ids, say) are
// measured and copied property by property.
const MAX_BUILDERS = 2048
const MAX_NAMES = 64
const MAX_SHAPES = 32_768
let builders = 0
let shapes = 1

function newShape(parent: Shape | undefined, name: string, nameBytes: number): Shape {
  return { nameBytes, depth: parent === undefined ? 0 : parent.depth + 1, builder: undefined, lastName: undefined, lastChild: undefined, children: undefined, parent, name }
}

/** The shape with no names, where every walk over an object's names starts. */
export const EMPTY_SHAPE: Shape = newShape(undefined, '', 0)

/** The shape of `shape`'s names followed by `name`, or undefined when the cache is full. */
export function extendShape(shape: Shape, name: string): Shape | undefined {
  if (shape.lastName === name) return shape.lastChild
  let child = shape.children?.get(name)
  if (child === undefined) {
    if (shapes >= MAX_SHAPES || shape.depth >= MAX_NAMES) return undefined
    child = newShape(shape, name, utf8Length(name))
    shapes++
    ;(shape.children ??= new Map()).set(name, child)
  }
  shape.lastName = name
  shape.lastChild = child
  return child
}

function compile(shape: Shape): ObjectBuilder {
  const fields: string[] = []
  for (let s: Shape | undefined = shape; s !== undefined && s !== EMPTY_SHAPE; s = s.parent) {
    // Computed keys define own properties, so even "__proto__" is an ordinary attribute, as it is to DynamoDB.
    fields.unshift(`[${JSON.stringify(s.name)}]: v[o + ${s.depth - 1}]`)
  }
  return new Function('v', 'o', `return { ${fields.join(', ')} }`) as ObjectBuilder
}

// Code generation from strings can be turned off (node --disallow-code-generation-from-strings, a content security
// policy); that is a property of the process, asked once. Any other error from compiling a builder is a defect.
let codeGeneration: boolean | undefined

function canGenerateCode(): boolean {
  if (codeGeneration === undefined) {
    try {
      codeGeneration = typeof new Function('return 0') === 'function'
    } catch {
      codeGeneration = false
    }
  }
  return codeGeneration
}

/** The builder of objects with the shape's names in order, or undefined when there can be none (cache full, no code generation). */
export function builderOf(shape: Shape): ObjectBuilder | undefined {
  if (shape.builder !== undefined || builders >= MAX_BUILDERS || !canGenerateCode()) return shape.builder
  shape.builder = compile(shape)
  builders++
  return shape.builder
}
