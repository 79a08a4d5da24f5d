// From expression text to a compiled expression: the checks every expression shares (empty, size, syntax), the
// cached parse, and the validation pass of its grammar, with the placeholders of the request.
import type { AttributeMap } from '../../values/admission.js'
import { utf8Length } from '../../values/utf8.js'
import type { ConditionTree, ProjectionTree, UpdateTree } from './ast.js'
import { compileConditionTree, type Predicate } from './condition.js'
import { parseCondition } from './condition-parser.js'
import { compileKeyConditionTree, type CompiledKeyCondition } from './key-condition.js'
import { EMPTY_EXPRESSION, expressionTooLarge, filterOnKey, invalidExpression, keyNestedKey, type ExpressionParameter } from './messages.js'
import type { DocumentPath } from './paths.js'
import { ParseCache } from './parse-cache.js'
import { checkPlaceholderMaps, checkPlaceholdersHaveExpressions, checkUnusedPlaceholders } from './placeholders.js'
import { compileProjectionTree, type CompiledProjection } from './projection.js'
import { parseProjection } from './projection-parser.js'
import { createUsage, Scope, serviceError, type Placeholders, type PlaceholderUsage } from './scope.js'
import { compileUpdateTree, type CompiledUpdate } from './update.js'
import { parseUpdate } from './update-parser.js'

/** The placeholders an expression may use, and where to record the ones it uses (shared by one request's expressions). */
export interface CompileOptions extends Placeholders {
  readonly usage?: PlaceholderUsage | undefined
}

/** A compiled ConditionExpression or FilterExpression. */
export interface CompiledCondition {
  readonly parameter: ExpressionParameter
  /** The top-level attributes the condition reads, resolved, each once. */
  readonly attributes: readonly string[]
  /** Every document path the condition reads, resolved, in the order written. */
  readonly paths: readonly DocumentPath[]
  /** True when the item satisfies the condition; a missing item (undefined) is an empty one. Never throws. */
  readonly evaluate: Predicate
}

/** DynamoDB's limit on one expression's text, in UTF-8 bytes. */
export const MAX_EXPRESSION_BYTES = 4096

const conditionTrees = new ParseCache<ConditionTree>(parseCondition)
const updateTrees = new ParseCache<UpdateTree>(parseUpdate)
const projectionTrees = new ParseCache<ProjectionTree>(parseProjection)

function parsed<T>(cache: ParseCache<T>, parameter: ExpressionParameter, source: string): T {
  if (source === '') throw serviceError(invalidExpression(parameter, EMPTY_EXPRESSION))
  const bytes = utf8Length(source)
  if (bytes > MAX_EXPRESSION_BYTES) throw serviceError(invalidExpression(parameter, expressionTooLarge(bytes)))
  const entry = cache.get(source)
  if ('syntaxError' in entry) throw serviceError(invalidExpression(parameter, entry.syntaxError))
  return entry.tree
}

function scopeOf(parameter: ExpressionParameter, options: CompileOptions): Scope {
  return new Scope(parameter, options, options.usage ?? createUsage())
}

/** Compiles a ConditionExpression (or, with `parameter`, a FilterExpression); throws the service's ValidationException. */
export function compileCondition(
  source: string,
  options: CompileOptions = {},
  parameter: 'ConditionExpression' | 'FilterExpression' = 'ConditionExpression',
): CompiledCondition {
  const tree = parsed(conditionTrees, parameter, source)
  const scope = scopeOf(parameter, options)
  const evaluate = compileConditionTree(tree, scope)
  return { parameter, attributes: [...new Set(scope.paths.map((path) => path[0] as string))], paths: scope.paths, evaluate }
}

/** Compiles a FilterExpression; throws the service's ValidationException. */
export function compileFilter(source: string, options: CompileOptions = {}): CompiledCondition {
  return compileCondition(source, options, 'FilterExpression')
}

/** Compiles a KeyConditionExpression: the static rules now, the key schema with `match`. */
export function compileKeyCondition(source: string, options: CompileOptions = {}): CompiledKeyCondition {
  const tree = parsed(conditionTrees, 'KeyConditionExpression', source)
  return compileKeyConditionTree(tree, scopeOf('KeyConditionExpression', options))
}

/** Compiles an UpdateExpression; throws the service's ValidationException. */
export function compileUpdate(source: string, options: CompileOptions = {}): CompiledUpdate {
  const tree = parsed(updateTrees, 'UpdateExpression', source)
  return compileUpdateTree(tree, scopeOf('UpdateExpression', options))
}

/** Compiles a ProjectionExpression (names only: a projection takes no values). */
export function compileProjection(source: string, options: CompileOptions = {}): CompiledProjection {
  const tree = parsed(projectionTrees, 'ProjectionExpression', source)
  return compileProjectionTree(tree, scopeOf('ProjectionExpression', { names: options.names, usage: options.usage }))
}

/** The expressions and placeholders of one request, values already native. */
export interface ExpressionRequest extends Placeholders {
  readonly updateExpression?: string | undefined
  readonly conditionExpression?: string | undefined
  readonly keyConditionExpression?: string | undefined
  readonly filterExpression?: string | undefined
  readonly projectionExpression?: string | undefined
  /**
   * The members of the operation that take values, named in the error for values sent without them
   * (PutItem: `['ConditionExpression']`; UpdateItem: `['UpdateExpression', 'ConditionExpression']`).
   */
  readonly valueParameters?: readonly ExpressionParameter[] | undefined
  /** The service's error for an ExpressionAttributeValues entry that is no valid AttributeValue, if any. */
  readonly invalidValue?: string | undefined
}

/** The expression members of one request, without its placeholders. */
export type RequestExpressions = Omit<ExpressionRequest, keyof Placeholders | 'invalidValue'>

/**
 * A request's placeholders and expressions as one ExpressionRequest, member by member: on Node 20 every member added
 * after a spread (`{ ...placeholders, conditionExpression }`) costs about a microsecond, a literal nanoseconds.
 */
export function expressionRequest(placeholders: Placeholders & Pick<ExpressionRequest, 'invalidValue'>, expressions: RequestExpressions): ExpressionRequest {
  return {
    names: placeholders.names,
    values: placeholders.values,
    numberTexts: placeholders.numberTexts,
    invalidValue: placeholders.invalidValue,
    updateExpression: expressions.updateExpression,
    conditionExpression: expressions.conditionExpression,
    keyConditionExpression: expressions.keyConditionExpression,
    filterExpression: expressions.filterExpression,
    projectionExpression: expressions.projectionExpression,
    valueParameters: expressions.valueParameters,
  }
}

/** The compiled expressions of one request; a member is present when the request carried that expression. */
export interface CompiledExpressions {
  readonly update?: CompiledUpdate
  readonly condition?: CompiledCondition
  readonly keyCondition?: CompiledKeyCondition
  readonly filter?: CompiledCondition
  readonly projection?: CompiledProjection
}

/** What a request without expressions compiles to (most writes and reads carry none). */
const NO_EXPRESSIONS: CompiledExpressions = Object.freeze({})

/**
 * Compiles every expression of one request in the service's order (placeholders needing expressions, map shapes,
 * then Update, Condition, Filter, Projection, KeyCondition, then unused names, then unused values), so the error
 * thrown is the one the service would send first. The key-condition rules proper wait for `keyCondition.match`.
 */
export function compileExpressions(request: ExpressionRequest): CompiledExpressions {
  // An empty FilterExpression still fails as empty, but does not count as an expression that takes the values.
  const filterTakesValues = request.filterExpression !== undefined && request.filterExpression !== ''
  const valueSources = [request.updateExpression, request.conditionExpression, request.keyConditionExpression]
  const anyValueExpression = valueSources.some((s) => s !== undefined) || filterTakesValues
  const anyExpression = anyValueExpression || request.filterExpression !== undefined || request.projectionExpression !== undefined
  checkPlaceholdersHaveExpressions(request, { anyExpression, anyValueExpression, valueParameters: request.valueParameters ?? [] })
  // Without any expression an empty map is no error: it is as if it were absent.
  if (anyExpression) checkPlaceholderMaps(request)
  if (request.invalidValue !== undefined) throw serviceError(request.invalidValue)
  // Placeholders without expressions failed above, so a request without expressions has nothing left to check.
  if (!anyExpression) return NO_EXPRESSIONS
  const options: CompileOptions = { names: request.names, values: request.values, numberTexts: request.numberTexts, usage: createUsage() }
  const out: { -readonly [K in keyof CompiledExpressions]: CompiledExpressions[K] } = {}
  if (request.updateExpression !== undefined) out.update = compileUpdate(request.updateExpression, options)
  if (request.conditionExpression !== undefined) out.condition = compileCondition(request.conditionExpression, options)
  if (request.filterExpression !== undefined) out.filter = compileFilter(request.filterExpression, options)
  if (request.projectionExpression !== undefined) out.projection = compileProjection(request.projectionExpression, options)
  if (request.keyConditionExpression !== undefined) out.keyCondition = compileKeyCondition(request.keyConditionExpression, options)
  checkUnusedPlaceholders(request, options.usage as PlaceholderUsage)
  return out
}

/**
 * A condition, filter or projection may not look inside a key attribute (`pk.a`, `pk[0]`): the schema check the
 * service makes once the expressions are valid, condition first, then filter, then projection, each for the partition
 * key before the sort key. An update's own
 * paths are checked by `update.checkKeyAttributes`, a key condition's by `keyCondition.match`.
 */
export function checkKeyAttributePaths(compiled: CompiledExpressions, keyAttributes: readonly string[]): void {
  for (const paths of [compiled.condition?.paths, compiled.filter?.paths, compiled.projection?.paths]) {
    if (paths === undefined) continue
    // Key by key, the partition key first, whatever the order of the paths.
    const key = keyAttributes.find((name) => paths.some((path) => path.length > 1 && path[0] === name))
    if (key !== undefined) throw serviceError(keyNestedKey(key))
  }
}

/** A Query's filter may not read the key attributes of the table or index queried. */
export function checkFilterKeyAttributes(filter: CompiledCondition, keyAttributes: readonly string[]): void {
  // Key by key, the partition key first, whatever the filter's order.
  const key = keyAttributes.find((name) => filter.attributes.includes(name))
  if (key !== undefined) throw serviceError(filterOnKey(key))
}

/** True when `item` (undefined: no item) satisfies a compiled condition or filter. */
export function evaluateCondition(condition: CompiledCondition, item: AttributeMap | undefined): boolean {
  return condition.evaluate(item)
}

/** The item after a compiled update, read against the item before it (undefined: none; the update starts from `key`). */
export function applyUpdate(update: CompiledUpdate, before: AttributeMap | undefined, key: AttributeMap): AttributeMap {
  return update.apply(before, key)
}

/** The item reduced to a compiled projection's paths. */
export function project(projection: CompiledProjection, item: AttributeMap): AttributeMap {
  return projection.project(item)
}
