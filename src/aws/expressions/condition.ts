// The validation pass over a condition tree and its compilation into a predicate over native items (reference §3.3).
// Evaluation never throws: what does not resolve is missing, and a comparison across types is false.
import type { AttributeMap, AttributeValue } from '../../values/admission.js'
import { bytesStartWith, utf8Includes, utf8StartsWith } from '../../values/utf8.js'
import type { CallNode, ConditionNode, ConditionTree, OperandNode } from './ast.js'
import {
  betweenOrder,
  betweenTypes,
  invalidFunction,
  invalidTypeName,
  misusedFunction,
  notDistinct,
  operandCount,
  operandType,
  requiresPath,
  tooManyInOperands,
} from './messages.js'
import {
  compareScalars,
  describeAttributeValue,
  setHas,
  sizeOf,
  TYPE_NAMES,
  typeOf,
  valuesEqual,
  type TypeName,
} from './native-values.js'
import { pathText, samePath, valueAt, type DocumentPath } from './paths.js'
import type { FindingOrder, Scope } from './scope.js'

/** A compiled condition: true when the item (undefined: no item) satisfies it. */
export type Predicate = (item: AttributeMap | undefined) => boolean

type Reader = (item: AttributeMap) => unknown

/** The order in which the service reports the static errors of a condition, filter or key condition. */
export const CONDITION_FINDINGS: FindingOrder = [
  ['reserved', 'unknownFunction', 'misusedFunction'],
  ['pathDepth'],
  // One walk in the text's order: placeholders, operand counts, distinct operands, operand and type names.
  ['undefinedName', 'undefinedOperandName', 'undefinedValue', 'operandCount', 'distinct', 'function'],
]

const BOOLEAN_FUNCTIONS: Readonly<Record<string, number>> = {
  attribute_exists: 1,
  attribute_not_exists: 1,
  attribute_type: 2,
  begins_with: 2,
  contains: 2,
}
const MAX_IN_OPERANDS = 100
const EMPTY: AttributeMap = Object.freeze({})

/** An operand once resolved: how to read it, and what the validation pass knows of it. */
interface Operand {
  readonly read: Reader
  /** The resolved path, when the operand is a document path. */
  readonly path?: DocumentPath
  /** The value, when the operand is a placeholder the request defines. */
  readonly literal?: AttributeValue
  /** The type known before evaluation: a placeholder's type, or N for `size()`. */
  readonly type?: TypeName
  /** How the service prints the placeholder's value in a message: `{N:1.5E2}`, numbers as the request spelt them. */
  readonly described?: string
}

class ConditionCompiler {
  constructor(private readonly scope: Scope) {}

  condition(node: ConditionNode): Predicate {
    switch (node.kind) {
      case 'and': {
        const left = this.condition(node.left)
        const right = this.condition(node.right)
        return (item) => left(item) && right(item)
      }
      case 'or': {
        const left = this.condition(node.left)
        const right = this.condition(node.right)
        return (item) => left(item) || right(item)
      }
      case 'not': {
        const operand = this.condition(node.operand)
        return (item) => !operand(item)
      }
      case 'compare': {
        const [left, right] = this.operands([node.left, node.right]) as [Operand, Operand]
        if (node.operator !== '=' && node.operator !== '<>') this.orderable(node.operator, [left, right])
        this.distinct(node.operator, left, right)
        return comparison(node.operator, left.read, right.read)
      }
      case 'between': {
        const [subject, lower, upper] = this.operands([node.subject, node.lower, node.upper]) as [Operand, Operand, Operand]
        const orderable = this.orderable('BETWEEN', [subject, lower, upper])
        this.distinct('BETWEEN', subject, lower, upper)
        if (orderable) this.betweenBounds(lower, upper)
        return (item = EMPTY) => {
          const value = subject.read(item)
          const low = compareScalars(value, lower.read(item))
          const high = compareScalars(value, upper.read(item))
          return low !== undefined && high !== undefined && low >= 0 && high <= 0
        }
      }
      case 'in': {
        if (node.list.length > MAX_IN_OPERANDS) this.scope.note('operandCount', tooManyInOperands(node.list.length))
        const [subject, ...list] = this.operands([node.subject, ...node.list]) as [Operand, ...Operand[]]
        this.distinct('IN', subject, ...list)
        return (item = EMPTY) => {
          const value = subject.read(item)
          return value !== undefined && list.some((candidate) => valuesEqual(value, candidate.read(item)))
        }
      }
      case 'function':
        return this.booleanFunction(node.call)
    }
  }

  /** Operands of a comparator, BETWEEN or IN: a boolean function may not stand there. */
  private operands(nodes: readonly OperandNode[]): Operand[] {
    return nodes.map((node) => {
      if (node.kind === 'call' && node.name in BOOLEAN_FUNCTIONS) this.scope.note('misusedFunction', misusedFunction(node.name))
      return this.operand(node)
    })
  }

  private operand(node: OperandNode): Operand {
    switch (node.kind) {
      case 'path': {
        const path = this.scope.path(node)
        return { read: (item) => valueAt(item, path), path }
      }
      case 'value': {
        const literal = this.scope.value(node.name)
        const type = typeOf(literal)
        if (literal === undefined || type === undefined) return { read: () => literal }
        const text = type === 'N' ? this.scope.numberText(node.name) : undefined
        return { read: () => literal, literal, type, described: text === undefined ? describeAttributeValue(literal) : `{N:${text}}` }
      }
      case 'call':
        return this.operandFunction(node)
      case 'arithmetic':
        // The condition grammar builds no arithmetic; an update's operands never reach this compiler.
        throw new TypeError('arithmetic in a condition')
    }
  }

  /** `size()` in operand position; any other function there is unknown or misused. */
  private operandFunction(call: CallNode): Operand {
    if (call.name !== 'size') {
      if (!(call.name in BOOLEAN_FUNCTIONS)) this.scope.note('unknownFunction', invalidFunction(call.name))
      this.functionArgs(call)
      return { read: () => undefined }
    }
    const args = this.functionArgs(call)
    if (args.length !== 1) {
      this.scope.note('operandCount', operandCount(call.name, args.length))
      return { read: () => undefined, type: 'N' }
    }
    const [arg] = args as [Operand]
    if (arg.type === 'N' || arg.type === 'BOOL' || arg.type === 'NULL') this.scope.note('function', operandType('size', arg.type))
    return { read: (item) => sizeOf(arg.read(item)), type: 'N' }
  }

  /** A function's arguments: any function but `size` is misplaced inside another. */
  private functionArgs(call: CallNode): Operand[] {
    return call.args.map((arg) => {
      if (arg.kind === 'call' && arg.name in BOOLEAN_FUNCTIONS) this.scope.note('misusedFunction', misusedFunction(arg.name))
      return this.operand(arg)
    })
  }

  private booleanFunction(call: CallNode): Predicate {
    const scope = this.scope
    const expected = BOOLEAN_FUNCTIONS[call.name]
    if (expected === undefined) {
      scope.note(call.name === 'size' ? 'misusedFunction' : 'unknownFunction', call.name === 'size' ? misusedFunction('size') : invalidFunction(call.name))
      this.functionArgs(call)
      return () => false
    }
    const args = this.functionArgs(call)
    if (args.length !== expected) {
      scope.note('operandCount', operandCount(call.name, args.length))
      return () => false
    }
    const [first, second] = args as [Operand, Operand | undefined]
    switch (call.name) {
      case 'attribute_exists':
      case 'attribute_not_exists': {
        if (first.path === undefined) scope.note('function', requiresPath(call.name))
        const exists = call.name === 'attribute_exists'
        return (item = EMPTY) => (first.read(item) !== undefined) === exists
      }
      case 'attribute_type': {
        const typeArg = second as Operand
        if (first.path === undefined) scope.note('function', requiresPath(call.name))
        else if (typeArg.type !== 'S') {
          // A path as the type operand has no type yet: the service lists every type it could have had.
          scope.note('function', operandType(call.name, typeArg.type ?? '{NS,SS,L,BS,N,M,B,BOOL,NULL,S}'))
        } else if (!TYPE_NAMES.has(typeArg.literal as string)) scope.note('function', invalidTypeName(typeArg.literal as string))
        return (item = EMPTY) => {
          const value = first.read(item)
          return value !== undefined && typeOf(value) === typeArg.read(item)
        }
      }
      case 'begins_with': {
        this.distinct(call.name, first, second as Operand)
        for (const arg of args) if (arg.type !== undefined && arg.type !== 'S' && arg.type !== 'B') scope.note('function', operandType(call.name, arg.type))
        return (item = EMPTY) => beginsWith(first.read(item), (second as Operand).read(item))
      }
      default: {
        this.distinct(call.name, first, second as Operand)
        return (item = EMPTY) => contains(first.read(item), (second as Operand).read(item))
      }
    }
  }

  private distinct(operator: string, first: Operand, ...rest: Operand[]): void {
    const path = first.path
    if (path !== undefined && rest.some((operand) => operand.path !== undefined && samePath(path, operand.path))) {
      this.scope.note('distinct', notDistinct(operator, pathText(path)))
    }
  }

  /** Only S, N and B have an order: a placeholder of another type cannot be compared. False when one is noted. */
  private orderable(operator: string, operands: readonly Operand[]): boolean {
    const wrong = operands.find((operand) => operand.type !== undefined && operand.type !== 'S' && operand.type !== 'N' && operand.type !== 'B')
    if (wrong !== undefined) this.scope.note('function', operandType(operator, wrong.type as string))
    return wrong === undefined
  }

  private betweenBounds(lower: Operand, upper: Operand): void {
    if (lower.literal === undefined || upper.literal === undefined) return
    const describe = (): [string, string] => [lower.described as string, upper.described as string]
    if (lower.type !== upper.type) this.scope.note('function', betweenTypes(...describe()))
    else if ((compareScalars(lower.literal, upper.literal) ?? 0) > 0) this.scope.note('function', betweenOrder(...describe()))
  }
}

function comparison(operator: string, left: Reader, right: Reader): Predicate {
  switch (operator) {
    case '=':
      return (item = EMPTY) => equalsPresent(left(item), right(item))
    case '<>':
      return (item = EMPTY) => !equalsPresent(left(item), right(item))
    case '<':
      return (item = EMPTY) => (compareScalars(left(item), right(item)) ?? 0) < 0
    case '<=':
      return (item = EMPTY) => {
        const order = compareScalars(left(item), right(item))
        return order !== undefined && order <= 0
      }
    case '>':
      return (item = EMPTY) => (compareScalars(left(item), right(item)) ?? 0) > 0
    default:
      return (item = EMPTY) => {
        const order = compareScalars(left(item), right(item))
        return order !== undefined && order >= 0
      }
  }
}

function equalsPresent(a: unknown, b: unknown): boolean {
  return a !== undefined && b !== undefined && valuesEqual(a, b)
}

function beginsWith(value: unknown, prefix: unknown): boolean {
  if (typeof value === 'string') return typeof prefix === 'string' && utf8StartsWith(value, prefix)
  return value instanceof Uint8Array && prefix instanceof Uint8Array && bytesStartWith(value, prefix)
}

function contains(container: unknown, element: unknown): boolean {
  if (element === undefined) return false
  const type = typeOf(container)
  switch (type) {
    case 'S':
      return typeof element === 'string' && utf8Includes(container as string, element)
    case 'B':
      return element instanceof Uint8Array && includesBytes(container as Uint8Array, element)
    case 'SS':
    case 'NS':
    case 'BS':
      return typeOf(element) === type.slice(0, 1) && setHas(container as ReadonlySet<unknown>, element)
    case 'L':
      return (container as readonly unknown[]).some((member) => valuesEqual(member, element))
    default:
      return false
  }
}

function includesBytes(haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

/** Validates a condition tree in `scope` (throwing the service's first error) and compiles it into a predicate. */
export function compileConditionTree(tree: ConditionTree, scope: Scope): Predicate {
  const predicate = new ConditionCompiler(scope).condition(tree.root)
  scope.throwFirst(CONDITION_FINDINGS)
  return predicate
}
