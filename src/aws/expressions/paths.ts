// Document paths once their `#placeholders` are resolved: reading them and printing them as the service does.

/** A resolved document path: attribute names and list indexes. */
export type DocumentPath = readonly (string | number)[]

/** A path as the service prints it in messages: `[a, b, [0]]`. */
export function pathText(path: DocumentPath): string {
  return `[${path.map((segment) => (typeof segment === 'number' ? `[${segment}]` : segment)).join(', ')}]`
}

function isMap(value: unknown): value is Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false
  const proto = Object.getPrototypeOf(value)
  return proto === Object.prototype || proto === null
}

/** The value at `path` in `item`, or undefined where the path does not resolve (missing, or through a non-container). */
export function valueAt(item: unknown, path: DocumentPath): unknown {
  let value = item
  for (const segment of path) {
    if (typeof segment === 'number') {
      if (!Array.isArray(value) || segment >= value.length) return undefined
      value = value[segment]
    } else {
      if (!isMap(value) || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined
      value = value[segment]
    }
  }
  return value
}

/** True when `value` is a map in the service's sense: a plain object. */
export function isMapValue(value: unknown): value is Readonly<Record<string, unknown>> {
  return isMap(value)
}

/** True when two resolved paths are the same path. */
export function samePath(a: DocumentPath, b: DocumentPath): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i])
}

