// Writes into an item without touching it: every container on a written path is copied once, everything else is
// shared with the item as it was (stored items are frozen, and unchanged subtrees stay shared between images).
import type { AttributeMap } from '../../values/admission.js'
import { setMember } from '../../values/members.js'
import { UPDATE_INVALID_PATH } from './messages.js'
import { isMapValue, type DocumentPath } from './paths.js'
import { serviceError } from './scope.js'

type Container = Record<string, unknown> | unknown[]

/** A copy-on-write view of one item. */
export class DocumentWriter {
  readonly #root: Record<string, unknown>
  readonly #copies = new Set<object>()

  constructor(item: AttributeMap) {
    this.#root = { ...item }
    this.#copies.add(this.#root)
  }

  /** The item with every write applied. */
  result(): AttributeMap {
    return this.#root as AttributeMap
  }

  /**
   * Sets the value at `path`. Every container above it must exist and be of the kind the next step indexes (a map
   * for a name, a list for an index); an index past the end of a list appends.
   */
  set(path: DocumentPath, value: unknown): void {
    const parent = this.requireParent(path)
    const last = path[path.length - 1] as string | number
    if (typeof last === 'number') {
      const list = parent as unknown[]
      if (last < list.length) list[last] = value
      else list.push(value)
    } else setMember(parent as Record<string, unknown>, last, value)
  }

  /** Removes the value at `path`: a missing last step is left as it is, a missing or wrong container is an error. */
  remove(path: DocumentPath): void {
    const parent = this.requireParent(path)
    const last = path[path.length - 1] as string | number
    if (typeof last === 'number') {
      const list = parent as unknown[]
      if (last < list.length) list.splice(last, 1)
    } else delete (parent as Record<string, unknown>)[last]
  }

  /** The container `path`'s last step writes into; throws the service's error when there is none. */
  requireParent(path: DocumentPath): Container {
    const parent = this.#parent(path)
    if (parent === undefined) throw serviceError(UPDATE_INVALID_PATH)
    return parent
  }

  // The (copied) container `path`'s last step writes into, or undefined when the path does not lead to one.
  #parent(path: DocumentPath): Container | undefined {
    let container: Container = this.#root
    for (let i = 0; i < path.length; i++) {
      const segment = path[i] as string | number
      if (typeof segment === 'number' ? !Array.isArray(container) : Array.isArray(container)) return undefined
      if (i === path.length - 1) return container
      const child: unknown = typeof segment === 'number' ? (container as unknown[])[segment] : (container as Record<string, unknown>)[segment]
      if (typeof segment === 'string' && !Object.prototype.hasOwnProperty.call(container, segment)) return undefined
      let copy: Container
      if (Array.isArray(child)) copy = this.#copies.has(child) ? child : [...(child as unknown[])]
      else if (isMapValue(child)) copy = this.#copies.has(child) ? (child as Record<string, unknown>) : { ...child }
      else return undefined
      if (!this.#copies.has(copy)) {
        this.#copies.add(copy)
        if (typeof segment === 'number') (container as unknown[])[segment] = copy
        else setMember(container as Record<string, unknown>, segment, copy)
      }
      container = copy
    }
    return container
  }
}
