// The validation pass over a projection and the projection of native items (reference §3.6): only the listed paths
// come back, rebuilt with their nesting; list elements come back compacted in ascending index order.
import type { AttributeMap } from '../../values/admission.js'
import { setMember } from '../../values/members.js'
import type { PathNode, ProjectionTree } from './ast.js'
import { findClash } from './engine-tree.js'
import { isMapValue, type DocumentPath } from './paths.js'
import type { FindingOrder, Scope } from './scope.js'

/** The order in which the service reports the static errors of a projection. */
export const PROJECTION_FINDINGS: FindingOrder = [['reserved'], ['pathDepth'], ['overlap', 'conflict', 'undefinedName']]

/** A compiled projection. */
export interface CompiledProjection {
  /** The projected paths, resolved, in the order written. */
  readonly paths: readonly DocumentPath[]
  /** The item reduced to the projected paths; paths the item lacks are left out, and keys are not added. */
  project(item: AttributeMap): AttributeMap
}

/** The projected paths as a tree: a node without children takes its whole value. */
interface PathTrie {
  readonly children: Map<string | number, PathTrie>
}

function buildTrie(paths: readonly DocumentPath[]): PathTrie {
  const root: PathTrie = { children: new Map() }
  for (const path of paths) {
    let node = root
    for (const segment of path) {
      let child = node.children.get(segment)
      if (child === undefined) {
        child = { children: new Map() }
        node.children.set(segment, child)
      }
      node = child
    }
  }
  return root
}

// Undefined when nothing under `node` is present in `value`.
function pick(value: unknown, node: PathTrie): unknown {
  if (node.children.size === 0) return value
  if (Array.isArray(value)) {
    const indexes = [...node.children.keys()].filter((k): k is number => typeof k === 'number').sort((a, b) => a - b)
    const out: unknown[] = []
    for (const index of indexes) {
      if (index >= value.length) continue
      const picked = pick(value[index], node.children.get(index) as PathTrie)
      if (picked !== undefined) out.push(picked)
    }
    return out.length === 0 ? undefined : out
  }
  if (isMapValue(value)) {
    const out: Record<string, unknown> = {}
    let any = false
    for (const [name, child] of node.children) {
      if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(value, name)) continue
      const picked = pick(value[name], child)
      if (picked === undefined) continue
      setMember(out, name, picked)
      any = true
    }
    return any ? out : undefined
  }
  return undefined
}

/** Projects `item` onto `paths` (resolved document paths). */
export function projectPaths(item: AttributeMap, paths: readonly DocumentPath[]): AttributeMap {
  return (pick(item, buildTrie(paths)) ?? {}) as AttributeMap
}

/** Validates a projection tree in `scope` (throwing the service's first error) and compiles it. */
export function compileProjectionTree(tree: ProjectionTree, scope: Scope): CompiledProjection {
  const paths = tree.paths.map((path) => scope.path(path, 'filed'))
  const clash = findClash(paths.map((path, i) => ({ path, undefinedName: scope.undefinedNameIn(tree.paths[i] as PathNode) })))
  if (clash !== undefined) scope.note(clash.kind, clash.message)
  scope.throwFirst(PROJECTION_FINDINGS)
  const trie = buildTrie(paths)
  return { paths, project: (item) => (pick(item, trie) ?? {}) as AttributeMap }
}
