// Generated expression trees, items and placeholder values for the property tests, and a printer from trees to text.
import fc from 'fast-check'
import type { CallNode, ConditionNode, OperandNode, PathNode, PathSegment, UpdateAction, UpdateTree, ValueNode } from '../../../src/aws/expressions/ast.js'
import type { AttributeMap, AttributeValue } from '../../../src/index.js'

/** Attribute names the generators use: none is a reserved word or a keyword. */
export const NAMES = ['a', 'b', 'c', 'x1', 'k_y'] as const
/** Name placeholders, each standing for one of NAMES. */
export const NAME_PLACEHOLDERS: Readonly<Record<string, string>> = { '#n0': 'a', '#n1': 'b', '#n2': 'x1' }
/** Value placeholders the generated expressions may name. */
export const VALUE_KEYS = [':v0', ':v1', ':v2', ':v3', ':v4'] as const

const segmentName: fc.Arbitrary<PathSegment> = fc.oneof(
  fc.constantFrom(...NAMES).map((name) => ({ name, placeholder: false })),
  fc.constantFrom(...Object.keys(NAME_PLACEHOLDERS)).map((name) => ({ name, placeholder: true })),
)

/** A document path of up to three steps. */
export const pathNode: fc.Arbitrary<PathNode> = fc
  .tuple(segmentName, fc.array(fc.oneof(segmentName, fc.nat({ max: 3 })), { maxLength: 2 }))
  .map(([head, tail]) => ({ kind: 'path', segments: [head, ...tail] }))

const valueNode: fc.Arbitrary<ValueNode> = fc.constantFrom(...VALUE_KEYS).map((name) => ({ kind: 'value', name }))

/** A condition operand: a path, a value placeholder, or size(path). */
export const conditionOperand: fc.Arbitrary<OperandNode> = fc.oneof(
  { weight: 3, arbitrary: pathNode },
  { weight: 3, arbitrary: valueNode },
  { weight: 1, arbitrary: pathNode.map((path): CallNode => ({ kind: 'call', name: 'size', args: [path] })) },
)

const comparator = fc.constantFrom('=', '<>', '<', '<=', '>', '>=' as const)

const leaf: fc.Arbitrary<ConditionNode> = fc.oneof(
  fc.record({ kind: fc.constant('compare' as const), operator: comparator, left: conditionOperand, right: conditionOperand }),
  fc.record({ kind: fc.constant('between' as const), subject: conditionOperand, lower: conditionOperand, upper: conditionOperand }),
  fc.record({ kind: fc.constant('in' as const), subject: conditionOperand, list: fc.array(conditionOperand, { minLength: 1, maxLength: 3 }) }),
  fc.tuple(fc.constantFrom('attribute_exists', 'attribute_not_exists'), pathNode).map(([name, path]): ConditionNode => ({ kind: 'function', call: { kind: 'call', name, args: [path] } })),
  fc.tuple(pathNode, valueNode).map(([path, type]): ConditionNode => ({ kind: 'function', call: { kind: 'call', name: 'attribute_type', args: [path, type] } })),
  fc.tuple(fc.constantFrom('begins_with', 'contains'), conditionOperand, conditionOperand).map(([name, x, y]): ConditionNode => ({ kind: 'function', call: { kind: 'call', name, args: [x, y] } })),
)

/** A condition tree of up to a few levels. */
export const conditionNode: fc.Arbitrary<ConditionNode> = fc.letrec<{ node: ConditionNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 4, arbitrary: leaf },
    { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('and' as const, 'or' as const), left: tie('node'), right: tie('node') }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('not' as const), operand: tie('node') }) },
  ),
})).node

const updateOperand: fc.Arbitrary<OperandNode> = fc.oneof(
  { weight: 3, arbitrary: pathNode },
  { weight: 3, arbitrary: valueNode },
  { weight: 1, arbitrary: fc.tuple(pathNode, fc.oneof(pathNode, valueNode)).map(([p, v]): CallNode => ({ kind: 'call', name: 'if_not_exists', args: [p, v] })) },
  { weight: 1, arbitrary: fc.tuple(fc.oneof(pathNode, valueNode), fc.oneof(pathNode, valueNode)).map(([x, y]): CallNode => ({ kind: 'call', name: 'list_append', args: [x, y] })) },
)

const setValue: fc.Arbitrary<OperandNode> = fc.oneof(
  { weight: 3, arbitrary: updateOperand },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('arithmetic' as const), operator: fc.constantFrom('+' as const, '-' as const), left: updateOperand, right: updateOperand }) },
)

/** An update tree: each clause at most once, in any order. */
export const updateTree: fc.Arbitrary<UpdateTree> = fc
  .record({
    set: fc.array(fc.record({ path: pathNode, value: setValue }), { maxLength: 3 }),
    remove: fc.array(pathNode, { maxLength: 3 }),
    add: fc.array(fc.record({ path: pathNode, value: valueNode }), { maxLength: 2 }),
    delete: fc.array(fc.record({ path: pathNode, value: valueNode }), { maxLength: 2 }),
    order: fc.shuffledSubarray(['SET', 'REMOVE', 'ADD', 'DELETE'] as const, { minLength: 4, maxLength: 4 }),
  })
  .filter((r) => r.set.length + r.remove.length + r.add.length + r.delete.length > 0)
  .map((r) => {
    const clauses = r.order.filter((clause) => r[clause.toLowerCase() as 'set' | 'remove' | 'add' | 'delete'].length > 0)
    const actions: UpdateAction[] = []
    for (const clause of clauses) {
      if (clause === 'SET') for (const a of r.set) actions.push({ clause, ...a })
      if (clause === 'REMOVE') for (const path of r.remove) actions.push({ clause, path })
      if (clause === 'ADD' || clause === 'DELETE') for (const a of r[clause === 'ADD' ? 'add' : 'delete']) actions.push({ clause, ...a })
    }
    return { clauses, actions }
  })

const scalar: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.constantFrom('', 'a', 'ab', 'b', 'é', '\u{1F600}', 'S', 'N', 'L'),
  fc.constantFrom(0, 1, 2, -1, 1.5, 3),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom(new Uint8Array([]), new Uint8Array([1]), new Uint8Array([1, 2]), new Uint8Array([2])),
)

/** A value of any DynamoDB type, nested up to two levels. */
export const attributeValue: fc.Arbitrary<AttributeValue> = fc.letrec<{ value: AttributeValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    { weight: 5, arbitrary: scalar },
    { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom('a', 'b', 'ab', ''), { minLength: 1, maxLength: 3 }).map((m) => new Set(m)) },
    { weight: 1, arbitrary: fc.uniqueArray(fc.constantFrom(0, 1, 2, 1.5), { minLength: 1, maxLength: 3 }).map((m) => new Set(m)) },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom(...NAMES), tie('value'), { maxKeys: 3 }) },
  ),
})).value

/** An item over NAMES. */
export const item: fc.Arbitrary<AttributeMap> = fc.dictionary(fc.constantFrom(...NAMES), attributeValue, { maxKeys: 5 })

/** Values for every value placeholder; attribute type names are common among them, for attribute_type. */
export const placeholderValues: fc.Arbitrary<Record<string, AttributeValue>> = fc
  .tuple(...VALUE_KEYS.map(() => fc.oneof(attributeValue, fc.constantFrom('S', 'N', 'L', 'M', 'SS', 'NULL', 'BOOL', 'B'))))
  .map((values) => Object.fromEntries(VALUE_KEYS.map((key, i) => [key, values[i] as AttributeValue])))

function printPath(path: PathNode): string {
  let out = ''
  for (const segment of path.segments) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += out === '' ? segment.name : `.${segment.name}`
  }
  return out
}

/** Prints an operand. */
export function printOperand(node: OperandNode): string {
  switch (node.kind) {
    case 'path':
      return printPath(node)
    case 'value':
      return node.name
    case 'call':
      return `${node.name}(${node.args.map(printOperand).join(', ')})`
    case 'arithmetic':
      return `${printOperand(node.left)} ${node.operator} ${printOperand(node.right)}`
  }
}

const PRECEDENCE = { or: 1, and: 2, not: 3 } as const

/** Prints a condition with the fewest parentheses its shape needs (so never redundant ones). */
export function printCondition(node: ConditionNode, keyword: (word: string) => string = (w) => w): string {
  const child = (inner: ConditionNode, level: number): string => {
    const text = printCondition(inner, keyword)
    const innerLevel = inner.kind === 'and' || inner.kind === 'or' ? PRECEDENCE[inner.kind] : 4
    return innerLevel < level ? `(${text})` : text
  }
  switch (node.kind) {
    case 'compare':
      return `${printOperand(node.left)} ${node.operator} ${printOperand(node.right)}`
    case 'between':
      return `${printOperand(node.subject)} ${keyword('BETWEEN')} ${printOperand(node.lower)} ${keyword('AND')} ${printOperand(node.upper)}`
    case 'in':
      return `${printOperand(node.subject)} ${keyword('IN')} (${node.list.map(printOperand).join(', ')})`
    case 'function':
      return printOperand(node.call)
    case 'not':
      return `${keyword('NOT')} ${child(node.operand, PRECEDENCE.not)}`
    case 'and':
    case 'or':
      // Both operators group to the left: a right operand of the same operator needs its parentheses.
      return `${child(node.left, PRECEDENCE[node.kind])} ${keyword(node.kind.toUpperCase())} ${child(node.right, PRECEDENCE[node.kind] + 1)}`
  }
}

/** Prints an update expression. */
export function printUpdate(tree: UpdateTree, keyword: (word: string) => string = (w) => w): string {
  return tree.clauses
    .map((clause) => {
      const actions = tree.actions.filter((action) => action.clause === clause)
      const text = actions.map((action) => {
        switch (action.clause) {
          case 'SET':
            return `${printPath(action.path)} = ${printOperand(action.value)}`
          case 'REMOVE':
            return printPath(action.path)
          default:
            return `${printPath(action.path)} ${action.value.name}`
        }
      })
      return `${keyword(clause)} ${text.join(', ')}`
    })
    .join(' ')
}
