// The legacy parameters (Expected, QueryFilter, ScanFilter, KeyConditions, AttributeUpdates) lowered onto the trees
// the expression parsers build, so one compiler and one evaluator serve both (reference §4.9). The trees name each
// attribute through a name placeholder and each value through a value placeholder of their own, so no attribute
// name is taken for a reserved word and the request's own placeholder maps are not involved.
import type { AttributeValue } from '../../values/admission.js'
import type { CallNode, ConditionNode, ConditionTree, OperandNode, PathNode, UpdateAction, UpdateClause, UpdateTree, ValueNode } from './ast.js'
import { compileConditionTree } from './condition.js'
import type { CompiledCondition } from './compile.js'
import { compileKeyConditionTree, type CompiledKeyCondition } from './key-condition.js'
import { UPDATE_WRONG_TYPE, type ExpressionParameter } from './messages.js'
import { createUsage, Scope, serviceError, type Placeholders } from './scope.js'
import { compileUpdateTree, type CompiledUpdate } from './update.js'

/** The comparison operators of the legacy conditions, in the order the service lists them. */
export const COMPARISON_OPERATORS = ['IN', 'NULL', 'BETWEEN', 'LT', 'NOT_CONTAINS', 'EQ', 'GT', 'NOT_NULL', 'NE', 'LE', 'BEGINS_WITH', 'GE', 'CONTAINS'] as const

/** A legacy comparison operator. */
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number]

/** One legacy condition on one top-level attribute: `{ComparisonOperator, AttributeValueList}`, already checked. */
export interface LegacyComparison {
  readonly attribute: string
  readonly operator: ComparisonOperator
  readonly values: readonly AttributeValue[]
}

/** One entry of AttributeUpdates, already checked: PUT and ADD carry a value, DELETE may. */
export interface LegacyAttributeUpdate {
  readonly attribute: string
  readonly action: 'PUT' | 'ADD' | 'DELETE'
  readonly value?: AttributeValue | undefined
}

/** The text the service sends when a legacy ADD or DELETE meets a stored attribute of another type. */
export const LEGACY_UPDATE_TYPE_MISMATCH = 'Type mismatch for attribute to update'

/** Builds a tree's placeholders as it names attributes and values. */
class Lowering {
  readonly names: Record<string, string> = {}
  readonly values: Record<string, AttributeValue> = {}
  #nameCount = 0
  #valueCount = 0
  readonly #nameRefs = new Map<string, string>()

  path(attribute: string): PathNode {
    let ref = this.#nameRefs.get(attribute)
    if (ref === undefined) {
      ref = `#${this.#nameCount++}`
      this.#nameRefs.set(attribute, ref)
      this.names[ref] = attribute
    }
    return { kind: 'path', segments: [{ name: ref, placeholder: true }] }
  }

  value(value: AttributeValue): ValueNode {
    const ref = `:${this.#valueCount++}`
    this.values[ref] = value
    return { kind: 'value', name: ref }
  }

  placeholders(): Placeholders {
    return { names: this.names, values: this.values }
  }
}

const call = (name: string, args: readonly OperandNode[]): CallNode => ({ kind: 'call', name, args })
const fn = (name: string, args: readonly OperandNode[]): ConditionNode => ({ kind: 'function', call: call(name, args) })

const COMPARATORS = { EQ: '=', NE: '<>', LT: '<', LE: '<=', GT: '>', GE: '>=' } as const

function comparisonNode(lowering: Lowering, comparison: LegacyComparison): ConditionNode {
  const path = lowering.path(comparison.attribute)
  const values = comparison.values.map((value) => lowering.value(value))
  const [first, second] = values as [ValueNode, ValueNode]
  switch (comparison.operator) {
    case 'EQ':
    case 'NE':
    case 'LT':
    case 'LE':
    case 'GT':
    case 'GE':
      return { kind: 'compare', operator: COMPARATORS[comparison.operator], left: path, right: first }
    case 'NULL':
      return fn('attribute_not_exists', [path])
    case 'NOT_NULL':
      return fn('attribute_exists', [path])
    case 'CONTAINS':
      return fn('contains', [path, first])
    case 'NOT_CONTAINS':
      // Unlike NOT contains(…), NOT_CONTAINS is false for an attribute the item lacks.
      return { kind: 'and', left: fn('attribute_exists', [path]), right: { kind: 'not', operand: fn('contains', [path, first]) } }
    case 'BEGINS_WITH':
      return fn('begins_with', [path, first])
    case 'IN':
      return { kind: 'in', subject: path, list: values }
    case 'BETWEEN':
      return { kind: 'between', subject: path, lower: first, upper: second }
  }
}

function conditionTree(lowering: Lowering, comparisons: readonly LegacyComparison[], conjunction: 'AND' | 'OR'): ConditionTree {
  const nodes = comparisons.map((comparison) => comparisonNode(lowering, comparison))
  const kind = conjunction === 'AND' ? 'and' : 'or'
  const root = nodes.reduce((left, right) => ({ kind, left, right }))
  return { root }
}

/**
 * Compiles legacy conditions (Expected, QueryFilter or ScanFilter, each entry lowered to a comparison) joined by
 * ConditionalOperator; undefined when there are none.
 */
export function compileLegacyCondition(
  comparisons: readonly LegacyComparison[],
  conjunction: 'AND' | 'OR',
  parameter: 'ConditionExpression' | 'FilterExpression',
): CompiledCondition | undefined {
  if (comparisons.length === 0) return undefined
  const lowering = new Lowering()
  const tree = conditionTree(lowering, comparisons, conjunction)
  const scope = new Scope(parameter, lowering.placeholders(), createUsage())
  const evaluate = compileConditionTree(tree, scope)
  return { parameter, attributes: [...new Set(comparisons.map((c) => c.attribute))], paths: scope.paths, evaluate }
}

/** Compiles KeyConditions: one tree of `=` on the partition key and at most one sort key condition, matched later. */
export function compileLegacyKeyConditions(comparisons: readonly LegacyComparison[]): CompiledKeyCondition {
  const lowering = new Lowering()
  const tree = conditionTree(lowering, comparisons, 'AND')
  const parameter: ExpressionParameter = 'KeyConditionExpression'
  return compileKeyConditionTree(tree, new Scope(parameter, lowering.placeholders(), createUsage()))
}

/**
 * Compiles AttributeUpdates onto an update tree: PUT is SET, DELETE without a value REMOVE, DELETE with a set the
 * set subtraction, ADD of a number or set ADD, and ADD of a list an append to the stored list (or to nothing).
 */
export function compileLegacyUpdate(updates: readonly LegacyAttributeUpdate[]): CompiledUpdate {
  const lowering = new Lowering()
  const byClause = new Map<UpdateClause, UpdateAction[]>()
  const add = (action: UpdateAction): void => {
    const list = byClause.get(action.clause) ?? []
    list.push(action)
    byClause.set(action.clause, list)
  }
  for (const update of updates) {
    const path = lowering.path(update.attribute)
    if (update.action === 'PUT') add({ clause: 'SET', path, value: lowering.value(update.value as AttributeValue) })
    else if (update.action === 'DELETE' && update.value === undefined) add({ clause: 'REMOVE', path })
    else if (update.action === 'DELETE') add({ clause: 'DELETE', path, value: lowering.value(update.value as AttributeValue) })
    else if (Array.isArray(update.value)) {
      const stored = call('if_not_exists', [path, lowering.value([])])
      add({ clause: 'SET', path, value: call('list_append', [stored, lowering.value(update.value)]) })
    } else add({ clause: 'ADD', path, value: lowering.value(update.value as AttributeValue) })
  }
  const tree: UpdateTree = { clauses: [...byClause.keys()], actions: [...byClause.values()].flat() }
  const compiled = compileUpdateTree(tree, new Scope('UpdateExpression', lowering.placeholders(), createUsage()))
  return {
    paths: compiled.paths,
    checkKeyAttributes: (keyAttributes) => compiled.checkKeyAttributes(keyAttributes),
    apply(before, key) {
      try {
        return compiled.apply(before, key)
      } catch (error) {
        if ((error as { serviceMessage?: unknown }).serviceMessage === UPDATE_WRONG_TYPE) throw serviceError(LEGACY_UPDATE_TYPE_MISMATCH)
        throw error
      }
    },
  }
}
