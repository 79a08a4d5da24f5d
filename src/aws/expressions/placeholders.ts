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

/** After every expression of the request was compiled: names first, then values, each entry must have been used. */
export function checkUnusedPlaceholders(placeholders: Placeholders, usage: PlaceholderUsage): void {
  const unusedNames = Object.keys(placeholders.names ?? {}).filter((key) => !usage.names.has(key))
  if (unusedNames.length > 0) throw serviceError(mapUnused('ExpressionAttributeNames', unusedNames.sort()))
  const unusedValues = Object.keys(placeholders.values ?? {}).filter((key) => !usage.values.has(key))
  if (unusedValues.length > 0) throw serviceError(mapUnused('ExpressionAttributeValues', unusedValues.sort()))
}
