// Reads the members of a request body the way the service's deserializer and model validation do: a member of the
// wrong JSON type fails at once (SerializationException); constraint violations (required, length, pattern, range,
// enum) are collected and reported together in the service's `N validation errors detected: …` envelope.
import { SerializationException, ValidationException } from '../../core/errors.js'
import { UNEXPECTED_FIELD_TYPE, wrongJsonType } from '../../codec/messages.js'

/** A parsed JSON object, as a request body or one of its structures. */
export type JsonObject = { readonly [name: string]: unknown }

/** Constraints of a string member, as the service model declares them. */
export interface StringRules {
  readonly required?: boolean
  readonly min?: number
  readonly max?: number
  /** The model's pattern, quoted as written in the service's message. */
  readonly pattern?: RegExp
  readonly enum?: readonly string[]
}

/** Constraints of a list member. */
export interface ListRules {
  readonly required?: boolean
  readonly min?: number
  readonly max?: number
  /** How the service prints the list in a length violation; JSON-like `[a, b]` by default. */
  readonly render?: (list: readonly unknown[]) => string
}

/** Constraints of an integer member. */
export interface IntegerRules {
  readonly required?: boolean
  readonly min?: number
  readonly max?: number
}

const INT_MAX = 2 ** 31 - 1

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The service's path of a member in messages: lowerCamel names joined by dots. */
function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1)
}

/** Reads one structure's members; `finish()` throws the collected constraint violations. */
export interface MemberReader {
  string(name: string, rules?: StringRules): string | undefined
  integer(name: string, rules?: IntegerRules): number | undefined
  boolean(name: string): boolean | undefined
  /** A nested structure, read by `read` with a reader whose paths are prefixed by this member's. */
  structure<T>(name: string, read: (reader: MemberReader) => T, rules?: { readonly required?: boolean }): T | undefined
  /** A list of structures, each read by `read` with paths such as `keySchema.1.member.keyType`. */
  structureList<T>(name: string, read: (reader: MemberReader, index: number) => T, rules?: ListRules): T[] | undefined
  /** A map of structures, each entry read by `read` with paths such as `expected.a.member.comparisonOperator`. */
  structureMap<T>(name: string, read: (reader: MemberReader, key: string) => T): [string, T][] | undefined
  /** A list of strings, each checked against `elementRules`. */
  stringList(name: string, rules?: ListRules, elementRules?: StringRules): string[] | undefined
  /** Throws a ValidationException listing every violation found, if any. */
  finish(): void
}

// A rule's pattern must match the whole value. The anchored form is compiled once per pattern text: a regular
// expression literal in a function is a new object on every call, so the text is the key, not the object. The
// rules' own constant patterns are found by object first, which spares reading flags and building the text.
const anchoredPatterns = new Map<string, RegExp>()
const anchoredByPattern = new WeakMap<RegExp, RegExp>()

function wholeMatch(pattern: RegExp): RegExp {
  const known = anchoredByPattern.get(pattern)
  if (known !== undefined) return known
  const flags = pattern.flags.replace(/[gy]/g, '')
  const key = `${flags}/${pattern.source}`
  let anchored = anchoredPatterns.get(key)
  if (anchored === undefined) {
    anchored = new RegExp(`^(?:${pattern.source})$`, flags)
    anchoredPatterns.set(key, anchored)
  }
  anchoredByPattern.set(pattern, anchored)
  return anchored
}

/**
 * A reader of the members of `body`, for one operation's input.
 * @param body the parsed request body
 * @returns the reader
 */
export function readMembers(body: JsonObject): MemberReader {
  return new StructureReader(body, '', [])
}

// A class rather than a closure of methods: every request makes one or more readers, and a closure per method was
// most of what a reader allocated.
class StructureReader implements MemberReader {
  constructor(
    private readonly body: JsonObject,
    private readonly prefix: string,
    private readonly violations: string[],
  ) {}

  private at(name: string): string {
    return `${this.prefix}${lowerCamel(name)}`
  }

  // A null member is an absent one, as the service reads it.
  private member(name: string): unknown {
    return (Object.prototype.hasOwnProperty.call(this.body, name) ? this.body[name] : undefined) ?? undefined
  }

  private violation(value: unknown, name: string, rule: string): void {
    this.violations.push(`Value ${value === undefined ? 'null' : `'${String(value)}'`} at '${this.at(name)}' failed to satisfy constraint: Member must ${rule}`)
  }

  private listMember(name: string, rules: ListRules): unknown[] | undefined {
    const value = this.member(name)
    if (value === undefined) {
      if (rules.required === true) this.violation(undefined, name, 'not be null')
      return undefined
    }
    if (!Array.isArray(value)) throw new SerializationException(isJsonObject(value) ? 'Start of structure or map found where not expected' : UNEXPECTED_FIELD_TYPE)
    const shown = (): string => (rules.render ?? ((l) => `[${l.map((e) => String(e)).join(', ')}]`))(value)
    if (rules.min !== undefined && value.length < rules.min) this.violation(shown(), name, `have length greater than or equal to ${rules.min}`)
    if (rules.max !== undefined && value.length > rules.max) this.violation(shown(), name, `have length less than or equal to ${rules.max}`)
    return value
  }

  string(name: string, rules: StringRules = {}): string | undefined {
    const value = this.member(name)
    if (value === undefined) {
      if (rules.required === true) this.violation(undefined, name, 'not be null')
      return undefined
    }
    if (typeof value !== 'string') throw new SerializationException(wrongJsonType(value, 'String'))
    if (rules.enum !== undefined && !rules.enum.includes(value)) this.violation(value, name, `satisfy enum value set: [${rules.enum.join(', ')}]`)
    if (rules.min !== undefined && value.length < rules.min) this.violation(value, name, `have length greater than or equal to ${rules.min}`)
    if (rules.max !== undefined && value.length > rules.max) this.violation(value, name, `have length less than or equal to ${rules.max}`)
    if (rules.pattern !== undefined && !wholeMatch(rules.pattern).test(value)) {
      this.violation(value, name, `satisfy regular expression pattern: ${rules.pattern.source}`)
    }
    return value
  }

  integer(name: string, rules: IntegerRules = {}): number | undefined {
    const value = this.member(name)
    if (value === undefined) {
      if (rules.required === true) this.violation(undefined, name, 'not be null')
      return undefined
    }
    if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > INT_MAX) throw new SerializationException(wrongJsonType(value, 'Integer'))
    // The service's deserializer truncates a fraction where an integer belongs.
    const n = Math.trunc(value)
    if (rules.min !== undefined && n < rules.min) this.violation(n, name, `have value greater than or equal to ${rules.min}`)
    if (rules.max !== undefined && n > rules.max) this.violation(n, name, `have value less than or equal to ${rules.max}`)
    return n
  }

  boolean(name: string): boolean | undefined {
    const value = this.member(name)
    if (value === undefined) return undefined
    if (typeof value !== 'boolean') throw new SerializationException(wrongJsonType(value, 'Boolean'))
    return value
  }

  structure<T>(name: string, read: (reader: MemberReader) => T, rules: { readonly required?: boolean } = {}): T | undefined {
    const value = this.member(name)
    if (value === undefined) {
      if (rules.required === true) this.violation(undefined, name, 'not be null')
      return undefined
    }
    if (!isJsonObject(value)) throw new SerializationException(Array.isArray(value) ? 'Start of list found where not expected' : UNEXPECTED_FIELD_TYPE)
    return read(new StructureReader(value, `${this.at(name)}.`, this.violations))
  }

  structureList<T>(name: string, read: (reader: MemberReader, index: number) => T, rules: ListRules = {}): T[] | undefined {
    const list = this.listMember(name, rules)
    if (list === undefined) return undefined
    return list.map((element, i) => {
      if (!isJsonObject(element)) throw new SerializationException(Array.isArray(element) ? 'Start of list found where not expected' : UNEXPECTED_FIELD_TYPE)
      return read(new StructureReader(element, `${this.at(name)}.${i + 1}.member.`, this.violations), i)
    })
  }

  structureMap<T>(name: string, read: (reader: MemberReader, key: string) => T): [string, T][] | undefined {
    const value = this.member(name)
    if (value === undefined) return undefined
    if (!isJsonObject(value)) throw new SerializationException(Array.isArray(value) ? 'Start of list found where not expected' : UNEXPECTED_FIELD_TYPE)
    return Object.entries(value).map(([key, entry]): [string, T] => {
      const structure = entry ?? {}
      if (!isJsonObject(structure)) throw new SerializationException(Array.isArray(structure) ? 'Start of list found where not expected' : UNEXPECTED_FIELD_TYPE)
      return [key, read(new StructureReader(structure, `${this.at(name)}.${key}.member.`, this.violations), key)]
    })
  }

  stringList(name: string, rules: ListRules = {}, elementRules: StringRules = {}): string[] | undefined {
    const list = this.listMember(name, rules)
    if (list === undefined) return undefined
    return list.map((element, i) => {
      if (typeof element !== 'string') throw new SerializationException(wrongJsonType(element, 'String'))
      const path = `${this.at(name)}.${i + 1}.member`
      if (elementRules.min !== undefined && element.length < elementRules.min) {
        this.violations.push(`Value '${element}' at '${path}' failed to satisfy constraint: Member must have length greater than or equal to ${elementRules.min}`)
      }
      if (elementRules.max !== undefined && element.length > elementRules.max) {
        this.violations.push(`Value '${element}' at '${path}' failed to satisfy constraint: Member must have length less than or equal to ${elementRules.max}`)
      }
      return element
    })
  }

  finish(): void {
    const { violations } = this
    if (violations.length === 0) return
    const count = violations.length === 1 ? '1 validation error detected' : `${violations.length} validation errors detected`
    throw new ValidationException(`${count}: ${violations.join('; ')}`)
  }
}
