// KeyConditionExpression (reference §3.4): a condition tree of the one grammar, held to the key-condition rules
// afterwards, then matched against the key schema of the table or index the query reads.
import type { AttributeValue } from '../../values/admission.js'
import type { SortKeyCondition } from '../../index.js'
import type { ConditionNode, ConditionTree, OperandNode } from './ast.js'
import { compileConditionTree } from './condition.js'
import {
  KEY_BEGINS_WITH_ORDER,
  KEY_CONDITION_NOT_SUPPORTED,
  KEY_MULTIPLE_NAMES,
  KEY_NESTED_ATTRIBUTE,
  KEY_NESTED_OPERATION,
  KEY_NO_NAME,
  KEY_ONE_CONDITION_PER_KEY,
  KEY_TOO_MANY_CONDITIONS,
  KEY_TYPE_MISMATCH,
  keyEmptyValue,
  keyInvalidOperator,
  keyMissedElement,
  keyNestedKey,
} from './messages.js'
import { typeOf } from './native-values.js'
import { serviceError, type Scope } from './scope.js'

/** The key attributes a query reads by: the table's or the index's. Types, when given, are checked against values. */
export interface QueryKeySchema {
  readonly partitionKey: string
  readonly sortKey?: string | undefined
  readonly partitionKeyType?: 'S' | 'N' | 'B' | undefined
  readonly sortKeyType?: 'S' | 'N' | 'B' | undefined
}

/** The sort key operators of a key condition, as the native query names them. */
export type SortKeyOperator = keyof SortKeyCondition<AttributeValue>

/** What a key condition asks of a query: one partition, and at most one condition on the sort key. */
export interface KeyConditionMatch {
  readonly partitionKeyValue: AttributeValue
  /** The native query's sort key option: `{ between: [lo, hi] }`, `{ beginsWith: p }`, `{ lessThan: v }`, … */
  readonly sortKey?: SortKeyCondition<AttributeValue>
}

/** A key condition that passed the static rules; `match` applies the key schema. */
export interface CompiledKeyCondition {
  /** The attribute names the condition reads, resolved; throws as `match` does when the key-condition rules fail. */
  readonly attributes: readonly string[]
  /**
   * Checks the key-condition rules (operators, one condition per key, plain names), then matches the condition
   * against a key schema; throws the service's ValidationException when it does not fit.
   */
  match(schema: QueryKeySchema): KeyConditionMatch
}

/** One condition on one key attribute. */
interface KeyTerm {
  readonly attribute: string
  /** True when the condition names a path inside `attribute` rather than the attribute itself. */
  readonly nested: boolean
  readonly operator: '=' | '<' | '<=' | '>' | '>=' | 'between' | 'begins_with'
  readonly values: readonly AttributeValue[]
}

const FLIPPED = { '=': '=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' } as const

// A literal, not `{ ...key, operator, values }`: on Node 20 each member added after a spread costs about a microsecond.
function term(key: { attribute: string; nested: boolean }, operator: KeyTerm['operator'], values: readonly AttributeValue[]): KeyTerm {
  return { attribute: key.attribute, nested: key.nested, operator, values }
}

class KeyTermCollector {
  readonly terms: KeyTerm[] = []

  constructor(private readonly scope: Scope) {}

  collect(node: ConditionNode): void {
    switch (node.kind) {
      case 'and':
        this.collect(node.left)
        this.collect(node.right)
        return
      case 'or':
      case 'not':
      case 'in':
        throw serviceError(keyInvalidOperator(node.kind.toUpperCase()))
      case 'compare': {
        if (node.operator === '<>') throw serviceError(keyInvalidOperator('<>'))
        const [key, value, flipped] = this.keyAndValue(node.left, node.right)
        this.terms.push(term(key, flipped ? FLIPPED[node.operator] : node.operator, [value]))
        return
      }
      case 'between': {
        this.checkOperands([node.subject, node.lower, node.upper])
        if (node.subject.kind !== 'path') throw serviceError(KEY_NO_NAME)
        this.terms.push(term(this.attribute(node.subject), 'between', [this.literal(node.lower), this.literal(node.upper)]))
        return
      }
      case 'function': {
        const { call } = node
        if (call.name !== 'begins_with') throw serviceError(keyInvalidOperator(call.name))
        const [subject, prefix] = call.args as [OperandNode, OperandNode]
        this.checkOperands(call.args)
        if (subject.kind !== 'path') throw serviceError(prefix.kind === 'path' ? KEY_BEGINS_WITH_ORDER : KEY_NO_NAME)
        this.terms.push(term(this.attribute(subject), 'begins_with', [this.literal(prefix)]))
        return
      }
    }
  }

  private checkOperands(operands: readonly OperandNode[]): void {
    if (operands.some((operand) => operand.kind === 'call' || operand.kind === 'arithmetic')) throw serviceError(KEY_NESTED_OPERATION)
    if (operands.filter((operand) => operand.kind === 'path').length > 1) throw serviceError(KEY_MULTIPLE_NAMES)
  }

  /** The key side and the value side of a comparison, and whether the value came first. */
  private keyAndValue(left: OperandNode, right: OperandNode): [{ attribute: string; nested: boolean }, AttributeValue, boolean] {
    this.checkOperands([left, right])
    if (left.kind === 'path') return [this.attribute(left), this.literal(right), false]
    if (right.kind === 'path') return [this.attribute(right), this.literal(left), true]
    throw serviceError(KEY_NO_NAME)
  }

  private attribute(path: OperandNode & { kind: 'path' }): { attribute: string; nested: boolean } {
    const resolved = this.scope.path(path)
    return { attribute: resolved[0] as string, nested: resolved.length > 1 }
  }

  private literal(operand: OperandNode): AttributeValue {
    // The operand is a placeholder here; the condition pass has already checked that the request defines it.
    return this.scope.value((operand as OperandNode & { kind: 'value' }).name) as AttributeValue
  }
}

function sortKeyOption(term: KeyTerm): SortKeyCondition<AttributeValue> {
  const [first, second] = term.values as [AttributeValue, AttributeValue]
  switch (term.operator) {
    case '=':
      return { equals: first }
    case '<':
      return { lessThan: first }
    case '<=':
      return { lessThanOrEqual: first }
    case '>':
      return { greaterThan: first }
    case '>=':
      return { greaterThanOrEqual: first }
    case 'between':
      return { between: [first, second] }
    case 'begins_with':
      return { beginsWith: first as never }
  }
}

function checkTypes(term: KeyTerm, type: 'S' | 'N' | 'B' | undefined): void {
  if (type !== undefined && term.values.some((value) => typeOf(value) !== type)) throw serviceError(KEY_TYPE_MISMATCH)
}

/** Empty S or B key values are refused, whatever the operator (reference §2.1). */
function checkNotEmpty(term: KeyTerm): void {
  if (term.values.some((value) => (typeof value === 'string' || value instanceof Uint8Array) && value.length === 0)) {
    throw serviceError(keyEmptyValue(term.attribute))
  }
}

/**
 * Validates a key condition tree in `scope`. The rules proper to key conditions (operators, one condition per key,
 * plain names) wait for `match`: the service checks them after the request's unused placeholders and key paths.
 */
export function compileKeyConditionTree(tree: ConditionTree, scope: Scope): CompiledKeyCondition {
  compileConditionTree(tree, scope)
  let collected: readonly KeyTerm[] | undefined
  const terms = (): readonly KeyTerm[] => {
    if (collected !== undefined) return collected
    const collector = new KeyTermCollector(scope)
    collector.collect(tree.root)
    const attributes = collector.terms.map((term) => term.attribute)
    if (new Set(attributes).size !== attributes.length) throw serviceError(KEY_ONE_CONDITION_PER_KEY)
    if (collector.terms.length > 2) throw serviceError(KEY_TOO_MANY_CONDITIONS)
    collected = collector.terms
    return collected
  }
  return {
    get attributes() {
      return terms().map((term) => term.attribute)
    },
    match(schema) {
      const all = terms()
      const nested = all.find((term) => term.nested)
      if (nested !== undefined) {
        const isKey = nested.attribute === schema.partitionKey || nested.attribute === schema.sortKey
        throw serviceError(isKey ? keyNestedKey(nested.attribute) : KEY_NESTED_ATTRIBUTE)
      }
      const partition = all.find((term) => term.attribute === schema.partitionKey)
      if (partition === undefined) throw serviceError(keyMissedElement(schema.partitionKey))
      // The partition key's own term is checked whole (its values' type, its operator, an empty value) before the
      // other term is matched to the sort key.
      checkTypes(partition, schema.partitionKeyType)
      if (partition.operator !== '=') throw serviceError(KEY_CONDITION_NOT_SUPPORTED)
      checkNotEmpty(partition)
      const others = all.filter((term) => term !== partition)
      const stray = others.find((term) => term.attribute !== schema.sortKey)
      if (stray !== undefined) throw serviceError(keyMissedElement(schema.sortKey ?? stray.attribute))
      const sort = others[0]
      if (sort === undefined) return { partitionKeyValue: partition.values[0] as AttributeValue }
      checkTypes(sort, schema.sortKeyType)
      checkNotEmpty(sort)
      return { partitionKeyValue: partition.values[0] as AttributeValue, sortKey: sortKeyOption(sort) }
    },
  }
}
