// The validation pass over an update tree and its compilation into a transform of native items (reference §3.5).
// Every operand reads the item as it was before the update; the writes are applied after all of them are read.
import type { AttributeMap, AttributeValue } from '../../values/admission.js'
import type { CallNode, OperandNode, UpdateTree } from './ast.js'
import { DocumentWriter } from './document-writer.js'
import {
  clauseOperandType,
  invalidFunction,
  keyNestedKey,
  misusedFunction,
  notDistinct,
  notUpdateFunction,
  operandCount,
  operandType,
  requiresPath,
  sectionTwice,
  tooManyOperators,
  UPDATE_INVALID_PATH,
  UPDATE_MISSING_ATTRIBUTE,
  UPDATE_WRONG_TYPE,
  updateKeyAttribute,
} from './messages.js'
import { isSetType, setHas, typeOf, type TypeName } from './native-values.js'
import type { NumberValue } from '../../values/number.js'
import { updateArithmetic } from './arithmetic.js'
import { EngineTree, findClash } from './engine-tree.js'
import { isMapValue, pathText, samePath, valueAt, type DocumentPath } from './paths.js'
import { serviceError, type FindingOrder, type Scope } from './scope.js'

/** The order in which the service reports the static errors of an update expression. */
export const UPDATE_FINDINGS: FindingOrder = [
  ['reserved', 'unknownFunction', 'misusedFunction'],
  ['pathDepth'],
  ['section'],
  // One finding: the first fault of the engine's filing of the targets (an overlap, a conflict, an undefined name).
  ['overlap', 'conflict', 'undefinedName'],
  // Then action by action, from the one written last to the first, each action's findings in this order.
  { byAction: ['undefinedValue', 'undefinedOperandName', 'function', 'operandType', 'distinct'] },
  ['operators'],
]

/** A compiled update expression. */
export interface CompiledUpdate {
  /** Every path the update writes or removes, resolved, in the order written. */
  readonly paths: readonly DocumentPath[]
  /**
   * The item after the update. `before` is the stored item (undefined when there is none: the update then starts
   * from `key`). Item-dependent faults throw ValidationException with the service's text.
   */
  apply(before: AttributeMap | undefined, key: AttributeMap): AttributeMap
  /** Throws the service's ValidationException when the update writes one of the key attributes or reads inside one. */
  checkKeyAttributes(keyAttributes: readonly string[]): void
}

type Evaluator = (item: AttributeMap) => unknown

/** What a SET, REMOVE, ADD or DELETE does once its operand is read: a write, applied after every read. */
type Write = (writer: DocumentWriter) => void
type Action = (item: AttributeMap) => Write

const MAX_OPERATORS = 300
const CONDITION_FUNCTIONS: ReadonlySet<string> = new Set(['attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains', 'size'])
const LONG_TYPE_NAMES: Partial<Record<TypeName, string>> = {
  S: 'STRING',
  N: 'NUMBER',
  B: 'BINARY',
  BOOL: 'BOOLEAN',
  NULL: 'NULL',
  L: 'LIST',
  M: 'MAP',
}

class UpdateCompiler {
  operators = 0

  constructor(private readonly scope: Scope) {}

  /** Compiles a SET value: reading a missing attribute is an error there. */
  value(node: OperandNode): { evaluate: Evaluator; type?: TypeName | undefined; path?: DocumentPath } {
    switch (node.kind) {
      case 'path': {
        const path = this.scope.path(node, 'operand')
        return { evaluate: (item) => present(valueAt(item, path)), path }
      }
      case 'value': {
        const literal = this.scope.value(node.name)
        return { evaluate: () => literal, type: typeOf(literal) }
      }
      case 'arithmetic': {
        this.operators++
        // Each side is checked whole, itself then what it holds, before the other: `size(a) + list_append(…)` fails on size.
        const side = (operand: OperandNode): ReturnType<UpdateCompiler['value']> => {
          if (operand.kind === 'call' && operand.name === 'list_append') this.scope.note('misusedFunction', misusedFunction(operand.name))
          return this.value(operand)
        }
        const left = side(node.left)
        const right = side(node.right)
        // Only a placeholder's own type is known here; what a function returns is checked when it runs.
        for (const [side, operand] of [[left, node.left], [right, node.right]] as const) {
          if (operand.kind === 'value' && side.type !== undefined && side.type !== 'N') this.scope.noteLast('operandType', operandType(node.operator, side.type))
        }
        const operator = node.operator
        return {
          evaluate: (item) => {
            // The left operand is read and its type checked before the right one is read.
            const a = left.evaluate(item)
            if (typeOf(a) !== 'N') throw serviceError(UPDATE_WRONG_TYPE)
            const b = right.evaluate(item)
            if (typeOf(b) !== 'N') throw serviceError(UPDATE_WRONG_TYPE)
            return updateArithmetic(operator, a as NumberValue, b as NumberValue)
          },
        }
      }
      case 'call':
        return this.call(node)
    }
  }

  private call(node: CallNode): { evaluate: Evaluator; type?: TypeName | undefined } {
    this.operators++
    const fallback = { evaluate: () => undefined }
    const known = node.name === 'if_not_exists' || node.name === 'list_append'
    if (!known) {
      if (CONDITION_FUNCTIONS.has(node.name)) this.scope.note('unknownFunction', notUpdateFunction(node.name))
      else this.scope.note('unknownFunction', invalidFunction(node.name))
    }
    const args = node.args.map((arg) => {
      if (arg.kind === 'call' && arg.name === 'list_append') this.scope.note('misusedFunction', misusedFunction(arg.name))
      return this.value(arg)
    })
    if (!known) return fallback
    if (args.length !== 2) {
      this.scope.note('function', operandCount(node.name, args.length))
      return fallback
    }
    const [first, second] = args as [ReturnType<UpdateCompiler['value']>, ReturnType<UpdateCompiler['value']>]
    if (node.name === 'if_not_exists') {
      const path = first.path
      if (path === undefined) {
        this.scope.note('function', requiresPath(node.name))
        return fallback
      }
      if (second.path !== undefined && samePath(path, second.path)) this.scope.note('distinct', notDistinct(node.name, pathText(path)))
      // The fallback is read even when the first operand exists, and must exist itself.
      return {
        evaluate: (item) => {
          const fallback = second.evaluate(item)
          // A NULL attribute exists: only an absent one takes the fallback.
          const current = valueAt(item, path)
          return current === undefined ? fallback : current
        },
        type: second.type,
      }
    }
    // The function checks its operands in order and reports the first that is no list; among several such
    // functions, the last one's report wins.
    const wrong = node.args.findIndex((operand, i) => {
      const type = (args[i] as { type?: TypeName | undefined }).type
      return operand.kind === 'value' && type !== undefined && type !== 'L'
    })
    if (wrong !== -1) this.scope.noteLast('operandType', operandType(node.name, (args[wrong] as { type: TypeName }).type))
    return {
      evaluate: (item) => {
        const a = first.evaluate(item)
        if (!Array.isArray(a)) throw serviceError(UPDATE_WRONG_TYPE)
        const b = second.evaluate(item)
        if (!Array.isArray(b)) throw serviceError(UPDATE_WRONG_TYPE)
        return [...(a as unknown[]), ...(b as unknown[])]
      },
      type: 'L',
    }
  }
}

/** True when the steps above the last one of `path` lead to a container of the kind its last step indexes. */
function leadsToContainer(item: AttributeMap, path: DocumentPath): boolean {
  const parent = path.length === 1 ? item : valueAt(item, path.slice(0, -1))
  return typeof path[path.length - 1] === 'number' ? Array.isArray(parent) : isMapValue(parent)
}

function present(value: unknown): unknown {
  if (value === undefined) throw serviceError(UPDATE_MISSING_ATTRIBUTE)
  return value
}

function union(current: ReadonlySet<unknown>, added: ReadonlySet<unknown>): Set<unknown> {
  const out = new Set(current)
  for (const member of added) if (!setHas(out, member)) out.add(member)
  return out
}

function difference(current: ReadonlySet<unknown>, removed: ReadonlySet<unknown>): Set<unknown> {
  const out = new Set<unknown>()
  for (const member of current) if (!setHas(removed, member)) out.add(member)
  return out
}

/** ADD: a number adds, a set unions; a missing attribute starts from the operand. */
function addAction(path: DocumentPath, literal: AttributeValue | undefined): Action {
  return (item) => {
    const current = valueAt(item, path)
    const type = typeOf(literal)
    let next: unknown
    if (current === undefined) next = literal
    else if (type === 'N' && typeOf(current) === 'N') next = updateArithmetic('+', current as NumberValue, literal as NumberValue)
    else if (isSetType(type) && typeOf(current) === type) next = union(current as ReadonlySet<unknown>, literal as ReadonlySet<unknown>)
    else throw serviceError(UPDATE_WRONG_TYPE)
    return (writer) => writer.set(path, next)
  }
}

/** DELETE: removes the operand's members from a set; the attribute goes with its last member. */
function deleteAction(path: DocumentPath, literal: AttributeValue | undefined): Action {
  return (item) => {
    const current = valueAt(item, path)
    // Deleting from a missing set changes nothing, but the path above it must still lead to a container.
    if (current === undefined) return (writer) => void writer.requireParent(path)
    const type = typeOf(literal)
    if (!isSetType(type) || typeOf(current) !== type) throw serviceError(UPDATE_WRONG_TYPE)
    const rest = difference(current as ReadonlySet<unknown>, literal as ReadonlySet<unknown>)
    return (writer) => (rest.size === 0 ? writer.remove(path) : writer.set(path, rest))
  }
}

/** A SET, REMOVE, ADD or DELETE action: its target, and the read that yields its write (a REMOVE reads nothing). */
interface Step {
  readonly path: DocumentPath
  readonly clause: 'SET' | 'REMOVE' | 'ADD' | 'DELETE'
  readonly read: Action
}

/**
 * The order in which DynamoDB's engine meets the faults of an update's actions, and reports the first: it files the
 * actions in its tree of paths from the one written last to the first, and walks the tree.
 */
function serviceEvaluationOrder(steps: readonly Step[]): Step[] {
  const tree = new EngineTree<Step>()
  for (let i = steps.length - 1; i >= 0; i--) tree.file((steps[i] as Step).path, steps[i] as Step)
  return tree.values()
}

// Several REMOVEs of one list name its original positions: removing from the highest index down keeps them valid.
function removalOrder(a: DocumentPath, b: DocumentPath): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a[i] as string | number
    const y = b[i] as string | number
    if (x === y) continue
    if (typeof x === 'number' && typeof y === 'number') return y - x
    if (typeof x !== typeof y) return typeof x === 'string' ? -1 : 1
    return x < y ? -1 : 1
  }
  return a.length - b.length
}

/** Validates an update tree in `scope` (throwing the service's first error) and compiles it. */
export function compileUpdateTree(tree: UpdateTree, scope: Scope): CompiledUpdate {
  const seen = new Set<string>()
  for (const clause of tree.clauses) {
    if (seen.has(clause)) scope.note('section', sectionTwice(clause))
    seen.add(clause)
  }
  const compiler = new UpdateCompiler(scope)
  const paths: DocumentPath[] = []
  const filed: { path: DocumentPath; undefinedName: string | undefined }[] = []
  const steps: Step[] = []
  const removes: DocumentPath[] = []
  for (const [index, action] of tree.actions.entries()) {
    scope.inAction(index)
    const path = scope.path(action.path, 'filed')
    paths.push(path)
    filed.push({ path, undefinedName: scope.undefinedNameIn(action.path) })
    switch (action.clause) {
      case 'SET': {
        const { evaluate } = compiler.value(action.value)
        steps.push({ path, clause: 'SET', read: (item) => {
          const value = evaluate(item)
          return (writer) => writer.set(path, value)
        } })
        break
      }
      case 'REMOVE':
        removes.push(path)
        steps.push({ path, clause: 'REMOVE', read: () => () => undefined })
        break
      case 'ADD':
      case 'DELETE': {
        const literal = scope.value(action.value.name)
        const type = typeOf(literal)
        const allowed = isSetType(type) || (action.clause === 'ADD' && type === 'N')
        const longName = type === undefined ? undefined : LONG_TYPE_NAMES[type]
        if (!allowed && longName !== undefined) scope.noteLast('operandType', clauseOperandType(action.clause, longName))
        steps.push({ path, clause: action.clause, read: action.clause === 'ADD' ? addAction(path, literal) : deleteAction(path, literal) })
        break
      }
    }
  }
  scope.inAction(undefined)
  const clash = findClash(filed)
  if (clash !== undefined) scope.note(clash.kind, clash.message)
  const operators = compiler.operators
  if (operators > MAX_OPERATORS) scope.note('operators', tooManyOperators(operators))
  // The engine checks each action's operands as it files the action in its tree, from the last written to the first.
  scope.throwFirst(UPDATE_FINDINGS, (action) => -action)
  const evaluationOrder = serviceEvaluationOrder(steps)
  removes.sort(removalOrder)
  const operandPaths = scope.paths.filter((path) => !paths.includes(path))
  const applyTo = (item: AttributeMap): AttributeMap => {
    // Each action's target is checked, then its operand read, action by action in the service's order, so the
    // fault reported is the one the service meets first; the writes then go in the order written.
    const writes = new Map<Step, Write>()
    for (const step of evaluationOrder) {
      if (!leadsToContainer(item, step.path)) throw serviceError(UPDATE_INVALID_PATH)
      writes.set(step, step.read(item))
    }
    const writer = new DocumentWriter(item)
    for (const step of steps) if (step.clause === 'SET') (writes.get(step) as Write)(writer)
    for (const path of removes) writer.remove(path)
    for (const step of steps) if (step.clause === 'ADD' || step.clause === 'DELETE') (writes.get(step) as Write)(writer)
    return writer.result()
  }
  return {
    paths,
    apply(before, key) {
      return applyTo(before ?? key)
    },
    checkKeyAttributes(keyAttributes) {
      // Nested or not, a path into a key attribute names it; the partition key is reported before the sort key.
      const key = keyAttributes.find((name) => paths.some((path) => path[0] === name))
      if (key !== undefined) throw serviceError(updateKeyAttribute(key))
      // An operand may read a key attribute, but not look inside one.
      const nested = operandPaths.find((path) => path.length > 1 && keyAttributes.includes(path[0] as string))
      if (nested !== undefined) throw serviceError(keyNestedKey(nested[0] as string))
    },
  }
}
