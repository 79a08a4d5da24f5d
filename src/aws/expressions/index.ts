// The expression engine of the AWS layer: DynamoDB's five expression languages over native items.
//
// Typical use by an operation: `compileExpressions(request)` once per request (it throws the ValidationException
// the service would send first; `error.serviceMessage` holds the exact text), then per item `condition.evaluate`,
// `update.apply(before, key)`, `projection.project(item)`, and `keyCondition.match(schema)` for a query's range.
export {
  compileExpressions,
  expressionRequest,
  compileCondition,
  compileFilter,
  compileKeyCondition,
  compileUpdate,
  compileProjection,
  evaluateCondition,
  checkFilterKeyAttributes,
  checkKeyAttributePaths,
  applyUpdate,
  project,
  MAX_EXPRESSION_BYTES,
} from './compile.js'
export { compileLegacyCondition, compileLegacyKeyConditions, compileLegacyUpdate, COMPARISON_OPERATORS, LEGACY_UPDATE_TYPE_MISMATCH } from './legacy.js'
export { checkPlaceholderMaps, checkPlaceholdersHaveExpressions, checkUnusedPlaceholders } from './placeholders.js'
export { createUsage } from './scope.js'
export { projectPaths } from './projection.js'
export { pathText } from './paths.js'
export { isReservedWord, RESERVED_WORD_COUNT } from './reserved-words.js'
export { typeOf, valuesEqual, compareScalars } from './native-values.js'

export type { CompileOptions, CompiledCondition, CompiledExpressions, ExpressionRequest, RequestExpressions } from './compile.js'
export type { CompiledKeyCondition, KeyConditionMatch, QueryKeySchema, SortKeyOperator } from './key-condition.js'
export type { CompiledUpdate } from './update.js'
export type { CompiledProjection } from './projection.js'
export type { Predicate } from './condition.js'
export type { Placeholders, PlaceholderUsage } from './scope.js'
export type { ExpressionPresence } from './placeholders.js'
export type { DocumentPath } from './paths.js'
export type { ComparisonOperator, LegacyAttributeUpdate, LegacyComparison } from './legacy.js'
export type { TypeName } from './native-values.js'
export type { ExpressionParameter } from './messages.js'
