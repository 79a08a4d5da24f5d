/** Builds a new object from `count` values read from `values` at `offset`, under names fixed by its shape. */
export type ObjectBuilder = (values: readonly unknown[], offset: number) => Record<string, unknown>

interface ShapeNode {
  builder: ObjectBuilder | undefined
  // Most objects of a table share one list of names: the child taken last is checked before the map.
  lastName: string | undefined
  lastChild: ShapeNode | undefined
  children: Map<string, ShapeNode> | undefined
}

// Builders are compiled per list of attribute names, each an object literal. V8 tracks where literals are
// allocated and, seeing that the stored copies survive, allocates them directly where long-lived objects go; copies
// built property by property are instead copied again by every young-generation collection they live through,
// which made up much of a write's cost. The cache is bounded: past it, names that vary without end (a map keyed by
// ids, say) fall back to building property by property.
const MAX_BUILDERS = 2048
const MAX_NAMES = 64
const MAX_NODES = 32_768
const root: ShapeNode = { builder: undefined, lastName: undefined, lastChild: undefined, children: undefined }
let builders = 0
let nodes = 1

function compile(names: readonly string[], from: number, count: number): ObjectBuilder {
  const fields: string[] = []
  // Computed keys define own properties, so even "__proto__" is an ordinary attribute, as it is to DynamoDB.
  for (let i = 0; i < count; i++) fields.push(`[${JSON.stringify(names[from + i])}]: v[o + ${i}]`)
  return new Function('v', 'o', `return { ${fields.join(', ')} }`) as ObjectBuilder
}

/**
 * The builder for objects with the names `names[from .. from + count)`, in that order, or undefined when there are
 * too many names or the cache is full.
 */
export function builderFor(names: readonly string[], from: number, count: number): ObjectBuilder | undefined {
  if (count > MAX_NAMES) return undefined
  let node = root
  for (let i = from; i < from + count; i++) {
    const name = names[i] as string
    if (node.lastName === name && node.lastChild !== undefined) {
      node = node.lastChild
      continue
    }
    let child = node.children?.get(name)
    if (child === undefined) {
      if (nodes >= MAX_NODES) return undefined
      child = { builder: undefined, lastName: undefined, lastChild: undefined, children: undefined }
      nodes++
      ;(node.children ??= new Map()).set(name, child)
    }
    node.lastName = name
    node.lastChild = child
    node = child
  }
  if (node.builder === undefined) {
    if (builders >= MAX_BUILDERS) return undefined
    try {
      node.builder = compile(names, from, count)
    } catch {
      // Code generation from strings can be turned off (node --disallow-code-generation-from-strings).
      builders = MAX_BUILDERS
      return undefined
    }
    builders++
  }
  return node.builder
}
