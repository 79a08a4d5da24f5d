// Generated expression texts with their ExpressionAttributeNames and Values: conditions (every function and
// operator), updates (SET with + - if_not_exists list_append, REMOVE, ADD, DELETE), projections, key conditions,
// and the faults that test error texts (reserved words, unused and undefined placeholders, syntax errors).
import type { AttributeValueJson } from '../src/codec/attribute-value-json.js'
import type { ItemJson, Placeholders, TableSpec } from './cases.js'
import { ODD_NAMES, PLAIN_NAMES, RESERVED_NAMES, attributeName, invalidValue, pathsOf, scalar, value, type Segment } from './generate-values.js'
import type { Random } from './random.js'

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/
const RESERVED = new Set<string>(RESERVED_NAMES.map((word) => word.toUpperCase()))
const TYPE_NAMES = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M'] as const

/** Collects the #names and :values one request's expressions use, and renders paths and values into text. */
export class PlaceholderBuilder {
  readonly #random: Random
  readonly #names = new Map<string, string>()
  readonly #refOfName = new Map<string, string>()
  readonly #values = new Map<string, unknown>()

  constructor(random: Random) {
    this.#random = random
  }

  /** A path in expression syntax; names become #refs when they must (and sometimes when they need not). */
  path(segments: readonly Segment[]): string {
    let out = ''
    for (const segment of segments) {
      if (typeof segment === 'number') out += `[${segment}]`
      else out += `${out === '' ? '' : '.'}${this.name(segment)}`
    }
    return out
  }

  /** One attribute name as written in an expression. */
  name(name: string): string {
    const plain = IDENTIFIER.test(name)
    const reserved = RESERVED.has(name.toUpperCase())
    const bare = plain ? (reserved ? this.#random.chance(0.12) : this.#random.chance(0.65)) : this.#random.chance(0.02)
    if (bare) return name
    let ref = this.#refOfName.get(name)
    if (ref === undefined || this.#random.chance(0.1)) {
      ref = plain && this.#random.chance(0.3) ? `#${name}` : `#n${this.#names.size}`
      while (this.#names.has(ref) && this.#names.get(ref) !== name) ref = `${ref}_`
      this.#names.set(ref, name)
      this.#refOfName.set(name, ref)
    }
    return ref
  }

  /** A :ref bound to a value. */
  value(attributeValue: unknown): string {
    const ref = `:v${this.#values.size}`
    this.#values.set(ref, attributeValue)
    return ref
  }

  /** Adds a placeholder no expression uses. */
  addUnusedName(): void {
    this.#names.set('#unused', 'zz')
  }

  /** Adds a value no expression uses. */
  addUnusedValue(): void {
    this.#values.set(':unused', { S: 'zz' })
  }

  /** Forgets one defined #name (the expression still uses it): an undefined-name error. */
  dropName(): boolean {
    const refs = [...this.#names.keys()]
    if (refs.length === 0) return false
    this.#names.delete(this.#random.pick(refs))
    return true
  }

  /** Forgets one defined :value: an undefined-value error. */
  dropValue(): boolean {
    const refs = [...this.#values.keys()]
    if (refs.length === 0) return false
    this.#values.delete(this.#random.pick(refs))
    return true
  }

  /** Replaces one value by a value DynamoDB rejects. */
  corruptValue(): boolean {
    const refs = [...this.#values.keys()]
    if (refs.length === 0) return false
    this.#values.set(this.#random.pick(refs), invalidValue(this.#random))
    return true
  }

  /** The request's ExpressionAttributeNames / Values, each omitted when empty (or sent empty, rarely). */
  placeholders(): Placeholders {
    const out: { ExpressionAttributeNames?: Record<string, string>; ExpressionAttributeValues?: Record<string, unknown> } = {}
    if (this.#names.size > 0) out.ExpressionAttributeNames = Object.fromEntries(this.#names)
    else if (this.#random.chance(0.01)) out.ExpressionAttributeNames = {}
    if (this.#values.size > 0) out.ExpressionAttributeValues = Object.fromEntries(this.#values)
    else if (this.#random.chance(0.01)) out.ExpressionAttributeValues = {}
    return out
  }
}

/** What expressions are generated against: the items they will meet, and the key attributes not to touch. */
export interface ExpressionContext {
  readonly random: Random
  readonly builder: PlaceholderBuilder
  readonly items: readonly ItemJson[]
}

/** A document path: mostly one found in the items (so conditions meet values), sometimes a made-up one. */
export function pickPath(context: ExpressionContext): Segment[] {
  const { random, items } = context
  const found = items.flatMap((item) => pathsOf(item))
  if (found.length > 0 && random.chance(0.75)) {
    const path = [...random.pick(found).path]
    if (random.chance(0.1)) path.push(random.chance(0.5) ? random.int(0, 3) : attributeName(random))
    return path
  }
  const path: Segment[] = [attributeName(random)]
  while (path.length < 4 && random.chance(0.3)) path.push(random.chance(0.4) ? random.int(0, 3) : random.pick([...PLAIN_NAMES, ...ODD_NAMES]))
  return path
}

/** A value near what the items hold at `path`: the same value, a neighbour, or anything. */
export function valueFor(context: ExpressionContext, path: readonly Segment[] | null): AttributeValueJson {
  const { random, items } = context
  if (path !== null && random.chance(0.6)) {
    const found = items.flatMap((item) => pathsOf(item).filter((p) => samePath(p.path, path)).map((p) => p.value))
    if (found.length > 0) return random.pick(found)
  }
  return random.chance(0.7) ? scalar(random) : value(random, 1)
}

function samePath(a: readonly Segment[], b: readonly Segment[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i])
}

function operand(context: ExpressionContext, partner: readonly Segment[] | null): { text: string; path: Segment[] | null } {
  const { random, builder } = context
  const kind = random.weighted<string>([[5, 'path'], [4, 'value'], [1, 'size'], [0.2, 'paren']])
  if (kind === 'path') {
    const path = pickPath(context)
    return { text: builder.path(path), path }
  }
  if (kind === 'size') {
    const path = pickPath(context)
    return { text: `${functionName(random, 'size')}(${builder.path(path)})`, path: null }
  }
  if (kind === 'paren') {
    const inner = operand(context, partner)
    return { text: `(${inner.text})`, path: inner.path }
  }
  return { text: builder.value(valueFor(context, partner)), path: null }
}

function functionName(random: Random, name: string): string {
  return random.weighted<string>([[60, name], [1, name.toUpperCase()], [1, `${name[0]?.toUpperCase()}${name.slice(1)}`], [0.5, 'foo']])
}

/** A condition of up to `depth` levels of AND, OR, NOT and parentheses over comparisons and functions. */
export function condition(context: ExpressionContext, depth = 2): string {
  const { random, builder } = context
  const form = random.weighted<string>([
    [depth > 0 ? 1.2 : 0, 'AND'], [depth > 0 ? 1 : 0, 'OR'], [depth > 0 ? 0.6 : 0, 'NOT'], [depth > 0 ? 0.4 : 0, 'paren'],
    [4, 'compare'], [1, 'between'], [1, 'in'], [1, 'exists'], [1, 'not_exists'], [0.8, 'type'], [1, 'begins'], [1, 'contains'],
  ])
  const keyword = (word: string): string => (random.chance(0.1) ? word.toLowerCase() : word)
  switch (form) {
    case 'AND':
    case 'OR':
      return `${condition(context, depth - 1)} ${keyword(form)} ${condition(context, depth - 1)}`
    case 'NOT':
      return `${keyword('NOT')} ${condition(context, depth - 1)}`
    case 'paren':
      return `(${condition(context, depth - 1)})`
    case 'compare': {
      const left = operand(context, null)
      const right = operand(context, left.path)
      return `${left.text} ${random.weighted([[3, '='], [1.5, '<>'], [1, '<'], [1, '<='], [1, '>'], [1, '>=']])} ${right.text}`
    }
    case 'between': {
      const subject = operand(context, null)
      const low = operand(context, subject.path)
      const high = operand(context, subject.path)
      return `${subject.text} ${keyword('BETWEEN')} ${low.text} ${keyword('AND')} ${high.text}`
    }
    case 'in': {
      const subject = operand(context, null)
      const list = Array.from({ length: random.int(1, 4) }, () => operand(context, subject.path).text)
      return `${subject.text} ${keyword('IN')} (${list.join(', ')})`
    }
    case 'exists':
    case 'not_exists': {
      const argument = random.chance(0.95) ? builder.path(pickPath(context)) : builder.value(scalar(random))
      return `${functionName(random, form === 'exists' ? 'attribute_exists' : 'attribute_not_exists')}(${argument})`
    }
    case 'type': {
      const path = pickPath(context)
      const typeName = random.chance(0.95) ? { S: random.pick(TYPE_NAMES) } : random.chance(0.5) ? { S: 'X' } : { N: '1' }
      return `${functionName(random, 'attribute_type')}(${builder.path(path)}, ${builder.value(typeName)})`
    }
    default: {
      const subject = random.chance(0.9) ? pickPath(context) : null
      const subjectText = subject === null ? builder.value(scalar(random)) : builder.path(subject)
      const found = valueFor(context, subject)
      const needle = form === 'begins' && !('S' in found || 'B' in found) && random.chance(0.8) ? scalar(random, 'S') : found
      const prefix = form === 'begins' && 'S' in needle && random.chance(0.6) ? { S: needle.S.slice(0, random.int(0, needle.S.length)) } : needle
      const argument = random.chance(0.85) ? builder.value(prefix) : builder.path(pickPath(context))
      return `${functionName(random, form === 'begins' ? 'begins_with' : 'contains')}(${subjectText}, ${argument})`
    }
  }
}

/** An update expression of one to four clauses, in any order, each with one to three actions. */
export function update(context: ExpressionContext, keyNames: readonly string[]): string {
  const { random, builder } = context
  const clauses = random.shuffle(['SET', 'REMOVE', 'ADD', 'DELETE'] as const).filter((_, i) => i === 0 || random.chance(0.2))
  if (random.chance(0.015)) clauses.push(random.pick(clauses))
  const used = new Set<string>()
  const target = (): Segment[] => {
    for (let attempt = 0; ; attempt++) {
      const path = random.chance(0.015) ? [random.pick(keyNames)] : random.chance(0.3) ? [attributeName(random)] : pickPath(context)
      const top = String(path[0])
      if (attempt < 5 && used.has(top) && random.chance(0.9)) continue
      used.add(top)
      return path
    }
  }
  const parts = clauses.map((clause) => {
    const count = random.weighted([[6, 1], [3, 2], [1, 3]])
    const actions: string[] = []
    for (let i = 0; i < count; i++) {
      if (clause === 'SET') {
        const path = target()
        actions.push(`${builder.path(path)} = ${setValue(context, path)}`)
      } else if (clause === 'REMOVE') {
        actions.push(builder.path(target()))
      } else if (clause === 'ADD') {
        const path = target()
        const argument = random.weighted<AttributeValueJson>([
          [4, scalar(random, 'N')],
          [3, sameSetType(context, path)],
          [0.4, value(random, 1)],
        ])
        actions.push(`${builder.path(path)} ${builder.value(argument)}`)
      } else {
        const path = target()
        actions.push(`${builder.path(path)} ${builder.value(random.chance(0.93) ? sameSetType(context, path) : value(random, 1))}`)
      }
    }
    const keyword = random.chance(0.1) ? clause.toLowerCase() : clause
    return `${keyword} ${actions.join(', ')}`
  })
  return parts.join(' ')
}

function sameSetType(context: ExpressionContext, path: readonly Segment[]): AttributeValueJson {
  const { random } = context
  const there = valueFor(context, path)
  if ('SS' in there || 'NS' in there || 'BS' in there) {
    const elements = 'SS' in there ? there.SS : 'NS' in there ? there.NS : there.BS
    const subset = elements.filter(() => random.chance(0.5))
    const chosen = subset.length > 0 ? subset : elements.slice(0, 1)
    return 'SS' in there ? { SS: chosen } : 'NS' in there ? { NS: chosen } : { BS: chosen }
  }
  return random.pick<AttributeValueJson>([{ SS: ['a', 'b'] }, { NS: ['1', '2'] }, { BS: ['AQ=='] }, { SS: ['zz'] }, { NS: ['12345678901234567890123456789012345678'] }])
}

function setValue(context: ExpressionContext, target: readonly Segment[]): string {
  const { random } = context
  const form = random.weighted<string>([[5, 'operand'], [2, '+'], [1.5, '-']])
  if (form === 'operand') return setOperand(context, target, 2)
  return `${arithmeticOperand(context, target)} ${form} ${arithmeticOperand(context, target)}`
}

function arithmeticOperand(context: ExpressionContext, target: readonly Segment[]): string {
  const { random, builder } = context
  const numbers = context.items.flatMap((item) => pathsOf(item).filter((p) => 'N' in p.value).map((p) => p.path))
  return random.weighted<() => string>([
    [5, () => builder.value(scalar(random, 'N'))],
    [2, () => builder.path([...target])],
    [numbers.length > 0 ? 3 : 0, () => builder.path([...random.pick(numbers)])],
    [1, () => setOperand(context, target, 1)],
  ])()
}

function setOperand(context: ExpressionContext, target: readonly Segment[], depth: number): string {
  const { random, builder } = context
  const form = random.weighted<string>([
    [4, 'value'], [3, 'path'], [depth > 0 ? 1.5 : 0, 'if_not_exists'], [depth > 0 ? 1.5 : 0, 'list_append'], [depth > 0 ? 0.3 : 0, 'paren'], [0.1, 'other'],
  ])
  switch (form) {
    case 'value':
      return builder.value(random.chance(0.5) ? scalar(random, 'N') : valueFor(context, target))
    case 'path':
      return builder.path(random.chance(0.4) ? [...target] : pickPath(context))
    case 'if_not_exists': {
      const first = random.chance(0.95) ? builder.path(random.chance(0.6) ? [...target] : pickPath(context)) : builder.value(scalar(random))
      return `${functionName(random, 'if_not_exists')}(${first}, ${setOperand(context, target, depth - 1)})`
    }
    case 'list_append': {
      const list = (): string =>
        random.chance(0.5)
          ? builder.value(random.chance(0.9) ? { L: Array.from({ length: random.int(0, 2) }, () => scalar(random)) } : scalar(random))
          : builder.path(random.chance(0.5) ? [...target] : pickPath(context))
      return `${functionName(random, 'list_append')}(${list()}, ${list()})`
    }
    case 'paren':
      return `(${setValue(context, target)})`
    default:
      return `${random.pick(['size', 'contains', 'attribute_exists'])}(${builder.path(pickPath(context))})`
  }
}

/** A projection of one to four paths. */
export function projection(context: ExpressionContext): string {
  return Array.from({ length: context.random.int(1, 4) }, () => context.builder.path(pickPath(context))).join(', ')
}

/** A key condition on a table's keys: mostly valid, sometimes with an operator or shape the service rejects. */
export function keyCondition(context: ExpressionContext, table: TableSpec): string {
  const { random, builder, items } = context
  const partition = table.partitionKey
  const sort = table.sortKey
  const keyValue = (key: { name: string; type: 'S' | 'N' }, near: boolean): AttributeValueJson => {
    if (random.chance(0.04)) return key.type === 'S' ? scalar(random, 'N') : scalar(random, 'S')
    if (near && items.length > 0 && random.chance(0.8)) {
      const found = random.pick(items)[key.name]
      if (found !== undefined) return found
    }
    return scalar(random, key.type)
  }
  const name = (key: string): string => builder.name(key)
  const flip = (left: string, op: string, right: string): string => {
    if (!random.chance(0.15)) return `${left} ${op} ${right}`
    const mirrored: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' }
    return `${right} ${mirrored[op] ?? op} ${left}`
  }
  const fault = random.weighted<string>([
    [85, 'none'], [2, 'OR'], [2, 'NOT'], [1.5, '<>'], [1.5, 'IN'], [1.5, 'contains'], [1, 'size'], [1.5, 'nested'], [2, 'non-key'],
    [2, 'sort-only'], [1.5, 'twice'], [1, 'exists'], [1.5, 'partition-range'],
  ])
  const partitionOp = fault === 'partition-range' ? random.pick(['<', '>=', 'BETWEEN']) : '='
  const partitionCondition =
    partitionOp === 'BETWEEN'
      ? `${name(partition.name)} BETWEEN ${builder.value(keyValue(partition, true))} AND ${builder.value(keyValue(partition, true))}`
      : flip(name(partition.name), partitionOp, builder.value(keyValue(partition, true)))
  const sortCondition = (): string | null => {
    if (sort === undefined) return null
    const sortName = fault === 'nested' ? `${name(sort.name)}.${name('x')}` : fault === 'non-key' ? name(random.pick(PLAIN_NAMES)) : name(sort.name)
    const op = random.weighted<string>([[2, '='], [1.5, '<'], [1.5, '<='], [1.5, '>'], [1.5, '>='], [2, 'BETWEEN'], [sort.type === 'S' ? 2 : 0.3, 'begins_with']])
    if (fault === '<>') return `${sortName} <> ${builder.value(keyValue(sort, true))}`
    if (fault === 'IN') return `${sortName} IN (${builder.value(keyValue(sort, true))}, ${builder.value(keyValue(sort, true))})`
    if (fault === 'contains') return `contains(${sortName}, ${builder.value(keyValue(sort, true))})`
    if (fault === 'size') return `size(${sortName}) > ${builder.value(scalar(random, 'N'))}`
    if (fault === 'exists') return `attribute_exists(${sortName})`
    if (op === 'BETWEEN') return `${sortName} ${random.chance(0.1) ? 'between' : 'BETWEEN'} ${builder.value(keyValue(sort, true))} AND ${builder.value(keyValue(sort, true))}`
    if (op === 'begins_with') {
      const full = keyValue(sort, true)
      const prefix = 'S' in full ? { S: full.S.slice(0, random.int(random.chance(0.05) ? 0 : 1, full.S.length)) } : full
      return `begins_with(${sortName}, ${builder.value(prefix)})`
    }
    return flip(sortName, op, builder.value(keyValue(sort, true)))
  }
  const wrap = (text: string): string => (random.chance(0.08) ? `(${text})` : text)
  const sortText = random.chance(0.7) || fault !== 'none' ? sortCondition() : null
  if (fault === 'sort-only' && sortText !== null) return sortText
  if (fault === 'OR') return `${wrap(partitionCondition)} OR ${sortText ?? partitionCondition}`
  if (fault === 'NOT') return `NOT ${partitionCondition}`
  if (fault === 'twice' && sortText !== null) return `${partitionCondition} AND ${sortText} AND ${sortCondition() ?? ''}`
  if (fault === 'twice') return `${partitionCondition} AND ${partitionCondition.replace(/:v\d+/, builder.value(keyValue(partition, true)))}`
  if (sortText === null) return wrap(partitionCondition)
  const whole = random.chance(0.2) ? `${wrap(sortText)} AND ${wrap(partitionCondition)}` : `${wrap(partitionCondition)} AND ${wrap(sortText)}`
  return random.chance(0.05) ? `(${whole})` : whole
}

/** A syntax fault applied to an expression: cut short, a stray token inserted, or a character dropped. */
export function breakSyntax(random: Random, text: string): string {
  const at = random.int(0, text.length)
  switch (random.int(0, 4)) {
    case 0:
      return text.slice(0, at)
    case 1:
      return `${text.slice(0, at)} ${random.pick(['(', ')', ',', '=', 'AND', '::', '#', '[', ']', '.', '1', '!', 'foo', '[-1]', '[0.5]', ':', 'SET'])} ${text.slice(at)}`
    case 2:
      return `${text.slice(0, at)}${text.slice(at + 1)}`
    case 3:
      return random.pick(['', '   ', 'INVALID SYNTAX HERE', '!!! INVALID !!!', 'a b', 'a,', '((a = :v0))', '#', ':'])
    default:
      return `((${text}))`
  }
}
