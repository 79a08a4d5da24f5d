// The tree in which DynamoDB's engine (as DynamoDB Local runs it) files the paths of an update or a projection: one
// level per path step, each level a java.util.HashMap. The order in which it walks that tree decides which fault of
// an update it meets first, and which paths its overlap and conflict messages name. Measured against DynamoDB Local
// by the oracle and by probes of path pairs.
import { pathsConflict, pathsOverlap } from './messages.js'
import { pathText, type DocumentPath } from './paths.js'

// Java's String.hashCode over UTF-16 code units.
function javaHash(name: string): number {
  let h = 0
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + name.charCodeAt(i)) | 0
  return h
}

// The engine keys a path step by commons-lang's HashCodeBuilder(8191, 127) over the name or the index, and
// java.util.HashMap spreads a key's hash before taking its bucket.
const STEP_HASH_SEED = 8191 * 127

function stepHash(segment: string | number): number {
  const h = (STEP_HASH_SEED + (typeof segment === 'number' ? segment : javaHash(segment))) | 0
  return (h ^ (h >>> 16)) >>> 0
}

/** One step of the tree: the value filed at the path that ends here, if any, and the steps below. */
interface EngineNode<T> {
  end: { readonly path: DocumentPath; readonly value: T } | undefined
  readonly children: Map<string | number, EngineNode<T>>
}

function newNode<T>(): EngineNode<T> {
  return { end: undefined, children: new Map() }
}

/** What filing a path met: an overlap or a conflict (the message naming the two paths), or an undefined `#name`. */
export interface PathClash {
  readonly kind: 'overlap' | 'conflict' | 'undefinedName'
  readonly message: string
}

/** The engine's tree of paths: filed one by one, walked in the order of its hash maps. */
export class EngineTree<T> {
  readonly #root: EngineNode<T> = newNode()

  /** Files `value` at `path` (a path filed again replaces the value). */
  file(path: DocumentPath, value: T): void {
    let node = this.#root
    for (const segment of path) {
      let child = node.children.get(segment)
      if (child === undefined) {
        child = newNode()
        node.children.set(segment, child)
      }
      node = child
    }
    node.end = { path, value }
  }

  /**
   * What `path` meets among the paths filed so far, as the engine reports it before filing it: passing through a
   * filed path's end, or ending where filed paths are (itself or longer ones), is an overlap; an index where filed
   * paths name a key below the same step, or the reverse, is a conflict. Path two is the first end of the walk of
   * the step above the one where the clash is found, which need not be a path that overlaps path one.
   */
  clash(path: DocumentPath): PathClash | undefined {
    let parent = this.#root
    let node = this.#root
    for (const segment of path) {
      if (node !== this.#root && node.end !== undefined) return overlap(path, parent)
      for (const filed of node.children.keys()) {
        if (typeof filed !== typeof segment) return { kind: 'conflict', message: pathsConflict(pathText(path), pathText(firstEnd(node) as DocumentPath)) }
      }
      const child = node.children.get(segment)
      if (child === undefined) return undefined
      parent = node
      node = child
    }
    return overlap(path, parent)
  }

  /** The filed values in the order of the engine's walk: depth first, each level in its hash map's iteration order. */
  values(): T[] {
    const out: T[] = []
    const walk = (node: EngineNode<T>): void => {
      for (const child of iterationOrder(node)) {
        if (child.end !== undefined) out.push(child.end.value)
        walk(child)
      }
    }
    walk(this.#root)
    return out
  }
}

// A HashMap iterates bucket by bucket (its capacity starts at 16 and doubles past a load of 0.75), each bucket in the
// order its keys were put: a Map keeps insertion order, and a stable sort by bucket keeps it within each bucket.
function iterationOrder<T>(node: EngineNode<T>): EngineNode<T>[] {
  let capacity = 16
  while (node.children.size > capacity * 0.75) capacity *= 2
  const keys = [...node.children.keys()]
  const bucketOf = (segment: string | number): number => stepHash(segment) & (capacity - 1)
  keys.sort((a, b) => bucketOf(a) - bucketOf(b))
  return keys.map((key) => node.children.get(key) as EngineNode<T>)
}

function overlap<T>(path: DocumentPath, above: EngineNode<T>): PathClash {
  return { kind: 'overlap', message: pathsOverlap(pathText(path), pathText(firstEnd(above) as DocumentPath)) }
}

function firstEnd<T>(node: EngineNode<T>): DocumentPath | undefined {
  for (const child of iterationOrder(node)) {
    if (child.end !== undefined) return child.end.path
    const below = firstEnd(child)
    if (below !== undefined) return below
  }
  return undefined
}

/**
 * The one overlap, conflict or undefined `#name` the service reports among the paths it files (in written order,
 * each with the message of its first undefined name, if any): it files them from the one written last to the first,
 * resolving each one's names as it comes to it, and stops at the first fault.
 */
export function findClash(paths: readonly { readonly path: DocumentPath; readonly undefinedName?: string | undefined }[]): PathClash | undefined {
  const tree = new EngineTree<undefined>()
  for (let i = paths.length - 1; i >= 0; i--) {
    const { path, undefinedName } = paths[i] as (typeof paths)[number]
    if (undefinedName !== undefined) return { kind: 'undefinedName', message: undefinedName }
    const clash = tree.clash(path)
    if (clash !== undefined) return clash
    tree.file(path, undefined)
  }
  return undefined
}
