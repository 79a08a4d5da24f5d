// The request-level rules of ExpressionAttributeNames and ExpressionAttributeValues (reference §3.2): they must be
// non-empty, well-formed, needed by an expression of the request, and every entry must be used by one.
import { emptyName, mapEmpty, mapInvalidKey, mapUnused, NAMES_WITHOUT_EXPRESSIONS, valuesWithoutExpressions, type PlaceholderMap } from './messages.js'
import { serviceError, type Placeholders, type PlaceholderUsage } from './scope.js'

const NAME_KEY = /^#[A-Za-z0-9_]+$/
const VALUE_KEY = /^:[A-Za-z0-9_]+$/

function checkMap(map: PlaceholderMap, entries: object | undefined, pattern: RegExp): void {
  if (entries === undefined) return
  const keys = Object.keys(entries)
  if (keys.length === 0) throw serviceError(mapEmpty(map))
  const bad = keys.find((key) => !pattern.test(key))
  if (bad !== undefined) throw serviceError(mapInvalidKey(map, bad))
}

/** Checks that the maps given are not empty and that every key is a `#name` / `:value` placeholder. */
export function checkPlaceholderMaps(placeholders: Placeholders): void {
  checkMap('ExpressionAttributeNames', placeholders.names, NAME_KEY)
  const empty = Object.entries(placeholders.names ?? {}).find(([, name]) => name === '')
  if (empty !== undefined) throw serviceError(emptyName(empty[0]))
  checkMap('ExpressionAttributeValues', placeholders.values, VALUE_KEY)
}

/** Which expressions one request carries, for the rule that placeholders come only with expressions. */
export interface ExpressionPresence {
  /** True when the request has any expression at all (projections included). */
  readonly anyExpression: boolean
  /** The members of this operation that take values (`UpdateExpression`, `ConditionExpression`, …). */
  readonly valueParameters: readonly string[]
  /** True when the request has one of those members. */
  readonly anyValueExpression: boolean
}

const given = (map: object | undefined): boolean => map !== undefined && Object.keys(map).length > 0

/** Names need some expression of the request; values need one that takes values. An empty map is not counted. */
export function checkPlaceholdersHaveExpressions(placeholders: Placeholders, presence: ExpressionPresence): void {
  if (given(placeholders.names) && !presence.anyExpression) throw serviceError(NAMES_WITHOUT_EXPRESSIONS)
  if (given(placeholders.values) && !presence.anyValueExpression) {
    throw serviceError(valuesWithoutExpressions(presence.valueParameters))
  }
}

/** Java's String.hashCode: the service is a Java program, and lists unused keys in the order its hash set holds them. */
function javaHash(text: string): number {
  let hash = 0
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0
  return hash
}

/** The iteration order of a java.util.HashSet filled with `keys` in request order: by bucket, then as added. */
function javaHashOrder(keys: readonly string[]): string[] {
  let capacity = 16
  while (keys.length > capacity * 0.75) capacity *= 2
  const bucket = (key: string): number => {
    const hash = javaHash(key)
    return (hash ^ (hash >>> 16)) & (capacity - 1)
  }
  return keys.map((key, index) => ({ key, index, bucket: bucket(key) })).sort((a, b) => a.bucket - b.bucket || a.index - b.index).map((entry) => entry.key)
}

/** After every expression of the request was compiled: names first, then values, each entry must have been used. */
export function checkUnusedPlaceholders(placeholders: Placeholders, usage: PlaceholderUsage): void {
  const unusedNames = Object.keys(placeholders.names ?? {}).filter((key) => !usage.names.has(key))
  if (unusedNames.length > 0) throw serviceError(mapUnused('ExpressionAttributeNames', javaHashOrder(unusedNames)))
  const unusedValues = Object.keys(placeholders.values ?? {}).filter((key) => !usage.values.has(key))
  if (unusedValues.length > 0) throw serviceError(mapUnused('ExpressionAttributeValues', javaHashOrder(unusedValues)))
}
