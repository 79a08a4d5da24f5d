import { ValidationException } from '../core/errors.js'

/** How a shard iterator picks its first record, as DynamoDB's ShardIteratorType. */
export type ShardIteratorType = 'TRIM_HORIZON' | 'LATEST' | 'AT_SEQUENCE_NUMBER' | 'AFTER_SEQUENCE_NUMBER'

/** The iterator types, in the service's order. */
export const SHARD_ITERATOR_TYPES: readonly ShardIteratorType[] = Object.freeze(['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER'])

/** Where an iterator reads next: at or after a sequence number. */
export type IteratorPosition =
  | { readonly kind: 'at'; readonly sequenceNumber: string }
  | { readonly kind: 'after'; readonly sequenceNumber: string }

/** What an iterator token carries. */
export interface IteratorState {
  /** The store that issued the iterator: stream ARNs are unique only within a store. */
  readonly storeId: string
  readonly streamArn: string
  readonly shardId: string
  readonly position: IteratorPosition
  readonly issuedAt: number
}

/** How long an iterator stays valid after it was issued: 15 minutes. */
export const ITERATOR_LIFETIME_MS = 15 * 60 * 1000
const MAX_TOKEN_LENGTH = 2048

/** Encodes an iterator as an opaque token shaped like the service's: `{streamArn}|1|{opaque}`. */
export function encodeIterator(state: IteratorState, nonce: number): string {
  const { position } = state
  const code = position.kind === 'at' ? 'a' : 'f'
  const body = `${code}~${position.sequenceNumber}~${state.shardId}~${state.issuedAt}~${state.storeId}~${nonce}`
  return `${state.streamArn}|1|${Buffer.from(body, 'utf8').toString('base64url')}`
}

function malformed(received: unknown): ValidationException {
  const text = typeof received === 'string' ? `"${received.length > 60 ? `${received.slice(0, 57)}...` : received}"` : String(received)
  return new ValidationException(`Invalid ShardIterator: expected a token returned by getShardIterator or getRecords, received ${text}`)
}

/** Decodes a token; a string that is not one is a ValidationException. */
export function decodeIterator(token: unknown): IteratorState {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) throw malformed(token)
  const bar = token.lastIndexOf('|1|')
  if (bar <= 0) throw malformed(token)
  const streamArn = token.slice(0, bar)
  const body = Buffer.from(token.slice(bar + 3), 'base64url').toString('utf8')
  const parts = body.split('~')
  if (parts.length !== 6) throw malformed(token)
  const [code, seq = '', shardId = '', issued = '', storeId = ''] = parts
  const issuedAt = Number(issued)
  if (!/^shardId-/.test(shardId) || !Number.isFinite(issuedAt) || !/^[0-9a-f]{16}$/.test(storeId)) throw malformed(token)
  if ((code !== 'a' && code !== 'f') || !/^\d{21,40}$/.test(seq)) throw malformed(token)
  return { storeId, streamArn, shardId, position: { kind: code === 'a' ? 'at' : 'after', sequenceNumber: seq }, issuedAt }
}
