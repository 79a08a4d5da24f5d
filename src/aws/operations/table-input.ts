// The members CreateTable and UpdateTable share, read as the service's model declares them, and the checks on key
// schemas, attribute definitions and projections that the service makes after the model's constraints.
import { ValidationException, type KeyType, type ProvisionedThroughput } from '../../index.js'
import type { MemberReader } from '../protocol/input.js'
import { TABLE_TEXT } from './table-messages.js'

/** The model's rules for table and index names. */
export const TABLE_NAME = { min: 3, max: 255, pattern: /[a-zA-Z0-9_.-]+/ } as const
export const INDEX_NAME = TABLE_NAME
export const BILLING_MODES = ['PROVISIONED', 'PAY_PER_REQUEST'] as const
export const TABLE_CLASSES = ['STANDARD', 'STANDARD_INFREQUENT_ACCESS'] as const
export const VIEW_TYPE_NAMES = ['NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES', 'KEYS_ONLY'] as const
const KEY_TYPES = ['HASH', 'RANGE'] as const
const ATTRIBUTE_TYPES = ['B', 'N', 'S'] as const
const PROJECTION_TYPES = ['ALL', 'INCLUDE', 'KEYS_ONLY'] as const
const SSE_TYPES = ['AES256', 'KMS'] as const

/** One KeySchemaElement as sent (members may be missing: the model's violations are collected). */
export interface KeyElement {
  readonly attributeName: string | undefined
  readonly keyType: string | undefined
}

export interface AttributeDefinition {
  readonly attributeName: string | undefined
  readonly attributeType: string | undefined
}

export interface ProjectionInput {
  readonly projectionType: string | undefined
  readonly nonKeyAttributes: readonly string[] | undefined
}

export interface IndexInput {
  readonly indexName: string | undefined
  readonly keySchema: readonly KeyElement[] | undefined
  readonly projection: ProjectionInput | undefined
  readonly provisionedThroughput: ProvisionedThroughput | undefined
}

export interface StreamSpecificationInput {
  readonly streamEnabled: boolean | undefined
  readonly viewType: string | undefined
}

export interface SseInput {
  readonly enabled: boolean | undefined
  readonly sseType: string | undefined
  readonly kmsMasterKeyId: string | undefined
}

/** How the service prints a KeySchema list in a length violation (Java's toString of its model objects). */
function renderKeySchema(list: readonly unknown[]): string {
  const parts = list.map((element) => {
    const e = (typeof element === 'object' && element !== null ? element : {}) as Record<string, unknown>
    return `KeySchemaElement(attributeName=${String(e.AttributeName ?? '')}, keyType=${String(e.KeyType ?? '')})`
  })
  return `[${parts.join(', ')}]`
}

/** Reads a KeySchema list: 1 or 2 elements of AttributeName and KeyType. */
export function readKeySchema(reader: MemberReader, name: string, required: boolean): KeyElement[] | undefined {
  return reader.structureList(
    name,
    (element) => ({
      attributeName: element.string('AttributeName', { required: true, min: 1, max: 255 }),
      keyType: element.string('KeyType', { required: true, enum: KEY_TYPES }),
    }),
    { required, min: 1, max: 2, render: renderKeySchema },
  )
}

export function readAttributeDefinitions(reader: MemberReader, required: boolean): AttributeDefinition[] | undefined {
  return reader.structureList(
    'AttributeDefinitions',
    (element) => ({
      attributeName: element.string('AttributeName', { required: true, min: 1, max: 255 }),
      attributeType: element.string('AttributeType', { required: true, enum: ATTRIBUTE_TYPES }),
    }),
    { required },
  )
}

export function readThroughput(reader: MemberReader, name = 'ProvisionedThroughput'): ProvisionedThroughput | undefined {
  return reader.structure(name, (t) => ({
    readCapacityUnits: t.integer('ReadCapacityUnits', { required: true, min: 1 }) as number,
    writeCapacityUnits: t.integer('WriteCapacityUnits', { required: true, min: 1 }) as number,
  }))
}

export function readProjection(reader: MemberReader): ProjectionInput | undefined {
  return reader.structure(
    'Projection',
    (p) => ({
      projectionType: p.string('ProjectionType', { enum: PROJECTION_TYPES }),
      nonKeyAttributes: p.stringList('NonKeyAttributes', { min: 1, max: 20 }, { min: 1, max: 255 }),
    }),
    { required: true },
  )
}

/** Reads one GlobalSecondaryIndex (or an UpdateTable Create action) or LocalSecondaryIndex. */
export function readIndex(reader: MemberReader, global: boolean): IndexInput {
  // The service reports a global index's members in the order keySchema, projection, indexName.
  const indexName = global ? undefined : reader.string('IndexName', { required: true, ...INDEX_NAME })
  const keySchema = readKeySchema(reader, 'KeySchema', true)
  const projection = readProjection(reader)
  const name = global ? reader.string('IndexName', { required: true, ...INDEX_NAME }) : indexName
  const provisionedThroughput = global ? readThroughput(reader) : undefined
  return { indexName: name, keySchema, projection, provisionedThroughput }
}

export function readStreamSpecification(reader: MemberReader): StreamSpecificationInput | undefined {
  return reader.structure('StreamSpecification', (s) => {
    const streamEnabled = s.boolean('StreamEnabled')
    // A missing StreamEnabled is a model violation, recorded by reading it as a required member.
    if (streamEnabled === undefined) s.string('StreamEnabled', { required: true })
    return { streamEnabled, viewType: s.string('StreamViewType', { enum: VIEW_TYPE_NAMES }) }
  })
}

export function readSse(reader: MemberReader): SseInput | undefined {
  return reader.structure('SSESpecification', (s) => ({
    enabled: s.boolean('Enabled'),
    sseType: s.string('SSEType', { enum: SSE_TYPES }),
    kmsMasterKeyId: s.string('KMSMasterKeyId'),
  }))
}

/** The native key type of an AttributeType letter. */
export function keyTypeOfLetter(letter: string): KeyType {
  return letter === 'S' ? 'string' : letter === 'N' ? 'number' : 'binary'
}

/** The AttributeType letter of a native key type. */
export function letterOfKeyType(type: KeyType): string {
  return type === 'string' ? 'S' : type === 'number' ? 'N' : 'B'
}

/** The service's checks of a key schema's shape: HASH first, then RANGE, two distinct names. */
export function checkKeySchemaShape(keySchema: readonly KeyElement[]): { hash: string; range: string | undefined } {
  const [first, second] = keySchema
  if (first?.keyType !== 'HASH') throw new ValidationException(TABLE_TEXT.firstNotHash)
  if (second !== undefined && second.attributeName === first.attributeName) throw new ValidationException(TABLE_TEXT.sameHashAndRange)
  if (second !== undefined && second.keyType !== 'RANGE') throw new ValidationException(TABLE_TEXT.secondNotRange)
  return { hash: first.attributeName as string, range: second?.attributeName }
}

/** Checks that every attribute of the key schemas is defined; the service's two wordings. */
export function checkKeysDefined(keySchema: readonly KeyElement[], definitions: readonly AttributeDefinition[]): void {
  const defined = definitions.map((d) => d.attributeName)
  const missing = keySchema.filter((k) => !defined.includes(k.attributeName))
  const duplicate = keySchema.length === 2 && keySchema[0]?.attributeName === keySchema[1]?.attributeName
  if (missing.length === 0 && !duplicate) return
  if (missing.length === 0 || definitions.length === 0 || keySchema.length >= 2) throw new ValidationException(TABLE_TEXT.keysWithoutDefinition)
  throw new ValidationException(TABLE_TEXT.keysNotDefined(missing.map((k) => k.attributeName as string), defined as string[]))
}

/** Checks the index keys against the definitions, across all indexes of one list. */
export function checkIndexKeysDefined(indexes: readonly IndexInput[], definitions: readonly AttributeDefinition[]): void {
  const defined = definitions.map((d) => d.attributeName as string)
  const keys = [...new Set(indexes.flatMap((i) => (i.keySchema ?? []).map((k) => k.attributeName as string)))]
  if (keys.some((k) => !defined.includes(k))) throw new ValidationException(TABLE_TEXT.keysNotDefined(keys, defined))
}

/** The service's rules on a projection's type and NonKeyAttributes. */
export function checkProjection(projection: ProjectionInput): void {
  const { projectionType, nonKeyAttributes } = projection
  if (projectionType === undefined) throw new ValidationException(TABLE_TEXT.unknownProjectionType)
  if (projectionType === 'INCLUDE' && nonKeyAttributes === undefined) throw new ValidationException(TABLE_TEXT.includeWithoutAttributes)
  if (projectionType !== 'INCLUDE' && nonKeyAttributes !== undefined) throw new ValidationException(TABLE_TEXT.attributesWithoutInclude(projectionType))
}

/** The native projection of a checked projection. */
export function nativeProjection(projection: ProjectionInput): 'ALL' | 'KEYS_ONLY' | { include: string[] } {
  if (projection.projectionType === 'INCLUDE') return { include: [...(projection.nonKeyAttributes as readonly string[])] }
  return projection.projectionType as 'ALL' | 'KEYS_ONLY'
}
