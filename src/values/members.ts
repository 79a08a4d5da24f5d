/**
 * Sets an own, enumerable member, even one named `__proto__` (an ordinary attribute name to DynamoDB), which a
 * plain assignment would take as the object's prototype.
 */
export function setMember(target: Record<string, unknown>, name: string, value: unknown): void {
  if (name === '__proto__') Object.defineProperty(target, name, { value, enumerable: true, writable: true, configurable: true })
  else target[name] = value
}

/**
 * The value of an own member, undefined when there is none: read plainly, a missing member named `__proto__` would
 * be the object's prototype.
 */
export function memberOf(target: object, name: string): unknown {
  if (name === '__proto__' && !Object.prototype.hasOwnProperty.call(target, name)) return undefined
  return (target as Record<string, unknown>)[name]
}
