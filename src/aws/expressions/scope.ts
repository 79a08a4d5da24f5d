// What a validation pass works in: the request's placeholders, a record of the ones used (counted across all the
// expressions of one request), and the findings, of which the service reports the one its order ranks first.
import { ValidationException } from '../../core/errors.js'
import type { AttributeValue } from '../../values/admission.js'
import type { PathNode } from './ast.js'
import { invalidExpression, pathTooDeep, reservedKeyword, undefinedName, undefinedValue, type ExpressionParameter } from './messages.js'
import type { DocumentPath } from './paths.js'
import { isReservedWord } from './reserved-words.js'

/** The ExpressionAttributeNames and ExpressionAttributeValues of one request, values already native. */
export interface Placeholders {
  readonly names?: Readonly<Record<string, string>> | undefined
  readonly values?: Readonly<Record<string, AttributeValue>> | undefined
  /**
   * The text of each N value of `values` as the request spelt it (`1.5E2`, `3.1400`, `-0`): the messages that quote
   * a value quote it as sent. Without it they print the number's normalised text.
   */
  readonly numberTexts?: Readonly<Record<string, string>> | undefined
}

/** The placeholders the expressions of one request used, so that the unused ones can be reported. */
export interface PlaceholderUsage {
  readonly names: Set<string>
  readonly values: Set<string>
}

/** A fresh, empty usage record. */
export function createUsage(): PlaceholderUsage {
  return { names: new Set(), values: new Set() }
}

/** The kinds of static error a validation pass finds; each grammar ranks them in its own order. */
export type Finding =
  | 'unknownFunction'
  | 'misusedFunction'
  | 'reserved'
  | 'pathDepth'
  | 'section'
  | 'undefinedName'
  | 'undefinedOperandName'
  | 'undefinedValue'
  | 'operandCount'
  | 'distinct'
  | 'overlap'
  | 'conflict'
  | 'operandType'
  | 'function'
  | 'operators'

const UNDEFINED_NAME_FINDING = { target: 'undefinedName', operand: 'undefinedOperandName' } as const

/** DynamoDB's limit on the levels of one document path. */
const MAX_PATH_DEPTH = 32

/** ValidationException carrying the service's exact text. */
export function serviceError(message: string): ValidationException {
  return new ValidationException(message, { serviceMessage: message })
}

/**
 * The order in which a grammar reports its findings: phases, earliest first; within a phase, the finding met first
 * in the text wins (the service checks each phase in one walk). A `byAction` phase is checked action by action in
 * the order `throwFirst` is given, each action's findings in the phase's order.
 */
export type FindingOrder = readonly (readonly Finding[] | { readonly byAction: readonly Finding[] })[]

interface ActionFinding {
  readonly kind: Finding
  readonly message: string
  readonly action: number
}

/** One validation pass over one expression. */
export class Scope {
  readonly #found = new Map<Finding, { readonly message: string; readonly seq: number }>()
  // Each action's findings, for the byAction phases: the first of a kind per action, or the last for noteLast.
  readonly #byAction: ActionFinding[] = []
  #action: number | undefined
  /** Every path resolved in this pass, in the order met. */
  readonly paths: DocumentPath[] = []

  constructor(
    readonly parameter: ExpressionParameter,
    private readonly placeholders: Placeholders,
    private readonly usage: PlaceholderUsage,
  ) {}

  /** Attributes the findings noted from now on to the action at `index` of the expression (none: undefined). */
  inAction(index: number | undefined): void {
    this.#action = index
  }

  /** Records a finding, in the order the walk meets them (the text's order); the first of each kind is kept. */
  note(kind: Finding, message: string): void {
    if (!this.#found.has(kind)) this.#found.set(kind, { message, seq: this.#found.size })
    const action = this.#action
    if (action !== undefined && !this.#byAction.some((f) => f.action === action && f.kind === kind)) this.#byAction.push({ kind, message, action })
  }

  /** Records a finding that replaces an earlier one of its kind: the service reports the last it met. */
  noteLast(kind: Finding, message: string): void {
    this.#found.set(kind, { message, seq: this.#found.get(kind)?.seq ?? this.#found.size })
    const action = this.#action
    if (action === undefined) return
    const at = this.#byAction.findIndex((f) => f.action === action && f.kind === kind)
    if (at >= 0) this.#byAction.splice(at, 1)
    this.#byAction.push({ kind, message, action })
  }

  /** Throws the finding `order` ranks first, if any; `actionRank` orders the actions for the byAction phases. */
  throwFirst(order: FindingOrder, actionRank: (action: number) => number = (action) => action): void {
    for (const phase of order) {
      if (!Array.isArray(phase)) {
        const kinds = (phase as { readonly byAction: readonly Finding[] }).byAction
        let best: ActionFinding | undefined
        for (const found of this.#byAction) {
          if (!kinds.includes(found.kind)) continue
          if (best === undefined || actionRank(found.action) < actionRank(best.action) || (found.action === best.action && kinds.indexOf(found.kind) < kinds.indexOf(best.kind))) best = found
        }
        if (best !== undefined) throw serviceError(invalidExpression(this.parameter, best.message))
        continue
      }
      let first: { readonly message: string; readonly seq: number } | undefined
      for (const kind of phase as readonly Finding[]) {
        const found = this.#found.get(kind)
        if (found !== undefined && (first === undefined || found.seq < first.seq)) first = found
      }
      if (first !== undefined) throw serviceError(invalidExpression(this.parameter, first.message))
    }
  }

  /**
   * Resolves a path's placeholders, noting reserved words, undefined names and excess depth. An undefined `#name`
   * stays as written. `role` tells a path an update reads from one it writes; a `filed` path (an update's target, a
   * projected path) has its undefined names found in the engine's tree walk (`undefinedNameIn`), not noted here.
   */
  path(node: PathNode, role: 'target' | 'operand' | 'filed' = 'target'): DocumentPath {
    if (node.segments.length > MAX_PATH_DEPTH) this.note('pathDepth', pathTooDeep(node.segments.length))
    const path = node.segments.map((segment) => {
      if (typeof segment === 'number') return segment
      if (!segment.placeholder) {
        // SIZE is on the reserved list, but the service takes it as a name in every letter case.
        if (segment.name.toUpperCase() !== 'SIZE' && isReservedWord(segment.name)) this.note('reserved', reservedKeyword(segment.name))
        return segment.name
      }
      this.usage.names.add(segment.name)
      const name = this.placeholders.names?.[segment.name]
      if (name === undefined) {
        if (role !== 'filed') this.note(UNDEFINED_NAME_FINDING[role], undefinedName(segment.name))
        return segment.name
      }
      return name
    })
    this.paths.push(path)
    return path
  }

  /** The service's message for the first `#name` of the path the request does not define, if any. */
  undefinedNameIn(node: PathNode): string | undefined {
    for (const segment of node.segments) {
      if (typeof segment !== 'number' && segment.placeholder && this.placeholders.names?.[segment.name] === undefined) return undefinedName(segment.name)
    }
    return undefined
  }

  /** The text a number placeholder was sent with, when the request gave it. */
  numberText(name: string): string | undefined {
    const texts = this.placeholders.numberTexts
    return texts !== undefined && Object.prototype.hasOwnProperty.call(texts, name) ? texts[name] : undefined
  }

  /** The native value of a placeholder, or undefined (noted) when the request does not define it. */
  value(name: string): AttributeValue | undefined {
    this.usage.values.add(name)
    const values = this.placeholders.values
    if (values === undefined || !Object.prototype.hasOwnProperty.call(values, name)) {
      this.note('undefinedValue', undefinedValue(name))
      return undefined
    }
    return values[name]
  }
}
