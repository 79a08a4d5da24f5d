/** The AWS exception names a streamtable error can carry as its `code`. */
export type ErrorCode =
  | 'ValidationException'
  | 'ConditionalCheckFailedException'
  | 'ResourceNotFoundException'
  | 'ResourceInUseException'
  | 'TransactionCanceledException'
  | 'ExpiredIteratorException'
  | 'TrimmedDataAccessException'
  | 'LimitExceededException'
  | 'SerializationException'
  | 'RecursiveInvocationException'
  | 'ResourceConflictException'
  | 'TableNotFoundException'
  | 'AccessDeniedException'
  | 'IdempotentParameterMismatchException'
  | 'InvalidParameterValueException'

// A brand that survives two installed copies of the package, where `instanceof` would not.
const BRAND = Symbol.for('streamtable.error')

/** Context a streamtable error may carry, in fields rather than only in its message. */
export interface ErrorContext {
  readonly tableName?: string
  readonly streamArn?: string
  readonly shardId?: string
  readonly sequenceNumber?: string
  readonly path?: string
  /** The exact text the service sends for this error, without the code suffix this class adds to `message`. */
  readonly serviceMessage?: string
}

/** Base class of every error streamtable throws; branch on `code`, not on `instanceof`. */
export class StreamtableError extends Error implements ErrorContext {
  readonly code: ErrorCode
  /** True where the same call may succeed later without any change to its input. */
  readonly retriable: boolean
  // Declared, not defined: a context field the error does not have is absent, not an own property set to undefined.
  declare readonly tableName?: string
  declare readonly streamArn?: string
  declare readonly shardId?: string
  declare readonly sequenceNumber?: string
  declare readonly path?: string
  declare readonly serviceMessage?: string
  readonly [BRAND] = true

  constructor(code: ErrorCode, message: string, context: ErrorContext & { retriable?: boolean; cause?: unknown } = {}) {
    super(`${message} (${code})`, context.cause === undefined ? undefined : { cause: context.cause })
    this.name = code
    this.code = code
    this.retriable = context.retriable ?? false
    const fields = this as { -readonly [K in keyof ErrorContext]: ErrorContext[K] }
    if (context.tableName !== undefined) fields.tableName = context.tableName
    if (context.streamArn !== undefined) fields.streamArn = context.streamArn
    if (context.shardId !== undefined) fields.shardId = context.shardId
    if (context.sequenceNumber !== undefined) fields.sequenceNumber = context.sequenceNumber
    if (context.path !== undefined) fields.path = context.path
    if (context.serviceMessage !== undefined) fields.serviceMessage = context.serviceMessage
  }
}

/** True for any error thrown by streamtable, whichever installed copy threw it. */
export function isStreamtableError(error: unknown): error is StreamtableError {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true
}

type Ctx = ErrorContext & { cause?: unknown }

/** Input that breaks a rule of the service: a wrong type, a missing key, a limit out of range. */
export class ValidationException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('ValidationException', message, context)
  }
}

/** A write whose condition did not hold; nothing was written. */
export class ConditionalCheckFailedException extends StreamtableError {
  /** The item as it stood when the condition failed, when the write asked for it. */
  declare readonly item?: unknown
  constructor(message: string, context: Ctx & { item?: unknown } = {}) {
    super('ConditionalCheckFailedException', message, context)
    if (context.item !== undefined) (this as { item?: unknown }).item = context.item
  }
}

/** A table, stream or shard that does not exist (or no longer does). */
export class ResourceNotFoundException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('ResourceNotFoundException', message, context)
  }
}

/** A resource that exists already, or is busy, for the requested operation. */
export class ResourceInUseException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('ResourceInUseException', message, context)
  }
}

/** Why one action of a cancelled transaction failed, in the service's terms. */
export interface CancellationReason {
  readonly code: 'None' | 'ConditionalCheckFailed' | 'ValidationError'
  readonly message?: string
  readonly item?: unknown
}

/** A transaction that was cancelled as a whole; `cancellationReasons` has one entry per action. */
export class TransactionCanceledException extends StreamtableError {
  readonly cancellationReasons: readonly CancellationReason[]
  constructor(reasons: readonly CancellationReason[], context: Ctx = {}) {
    super(
      'TransactionCanceledException',
      `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.code).join(', ')}]`,
      context,
    )
    this.cancellationReasons = Object.freeze(reasons.map((r) => Object.freeze({ ...r })))
  }
}

/** A shard iterator used more than 15 minutes after it was issued. */
export class ExpiredIteratorException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('ExpiredIteratorException', message, context)
  }
}

/** A read at a position whose records have already passed the 24-hour retention. */
export class TrimmedDataAccessException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('TrimmedDataAccessException', message, context)
  }
}

/** A limit of the service reached, such as the number of consumers reading one stream. */
export class LimitExceededException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('LimitExceededException', message, context)
  }
}

/** A table that does not exist, as the backup operations name it. */
export class TableNotFoundException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('TableNotFoundException', message, context)
  }
}

/** A resource of another account. */
export class AccessDeniedException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('AccessDeniedException', message, context)
  }
}

/** Text as a message quotes it: whole when short, else its first `max` characters and its length. */
export function quoteText(text: string, max = 100): string {
  return text.length > max ? `${text.slice(0, max)}... (${text.length} characters)` : text
}

/** A request that reuses a ClientRequestToken of the last 10 minutes with other parameters. */
export class IdempotentParameterMismatchException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('IdempotentParameterMismatchException', message, context)
  }
}

/** A request member whose JSON type is not the one the operation's model declares. */
export class SerializationException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('SerializationException', message, context)
  }
}

/** Lambda's name for a chain of invocations stopped as a recursive loop: here, a consumer cascade past its depth. */
export class RecursiveInvocationException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('RecursiveInvocationException', message, context)
  }
}

/** Lambda's name for a request that clashes with an existing resource: here, a second running consumer of one name. */
export class ResourceConflictException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('ResourceConflictException', message, context)
  }
}

/** Lambda's name for a parameter of an event source mapping outside its range or of the wrong kind. */
export class InvalidParameterValueException extends StreamtableError {
  constructor(message: string, context: Ctx = {}) {
    super('InvalidParameterValueException', message, context)
  }
}

/** Describes a received value for an error message: its type, and its value where short. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined'
  if (value === null) return 'null'
  if (typeof value === 'string') return value.length > 40 ? `string "${value.slice(0, 37)}..."` : `string "${value}"`
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') {
    return `${typeof value} ${String(value)}`
  }
  if (typeof value === 'function') return 'function'
  if (typeof value === 'symbol') return 'symbol'
  if (value instanceof Uint8Array) return `Uint8Array(${value.length})`
  if (Array.isArray(value)) return `array(${value.length})`
  if (value instanceof Set) return `Set(${value.size})`
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null
  if (proto === null || proto === Object.prototype) return 'object'
  return `instance of ${proto.constructor?.name ?? 'unknown class'}`
}

/** `ValidationException` for an option or argument outside its range. */
export function invalidOption(name: string, expected: string, received: unknown, context: Ctx = {}): ValidationException {
  return new ValidationException(`Invalid ${name}: expected ${expected}, received ${describeValue(received)}`, context)
}

/**
 * `ValidationException` for an option name that is not one of `known` (a misspelt option would otherwise be
 * ignored in silence, as JavaScript callers get no type check).
 */
export function checkOptionNames(options: object, known: ReadonlySet<string>, what: string, context: Ctx = {}): void {
  for (const name in options) {
    if (!known.has(name)) {
      throw new ValidationException(`Unknown ${what} option "${quoteText(name)}": expected one of ${[...known].join(', ')}`, context)
    }
  }
}
