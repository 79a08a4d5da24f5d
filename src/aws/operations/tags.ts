// TagResource, UntagResource and ListTagsOfResource over a table's native tags; the resource is named by its ARN.
import { AccessDeniedException } from '../../core/errors.js'
import { ResourceNotFoundException, ValidationException, type AttributeMap, type Store, type Table, type ViewType } from '../../index.js'
import { readMembers, type MemberReader } from '../protocol/input.js'
import type { Operation } from '../protocol/registry.js'
import { TABLE_TEXT } from './table-messages.js'

const TABLE_ARN = /^arn:aws[a-z-]*:dynamodb:([a-z0-9-]+):(\d{12}):table\/([a-zA-Z0-9_.-]{3,255})$/
const RESOURCE_ARN = { required: true, min: 1, max: 1283 } as const

/** A Tags list as CreateTable and TagResource take it. */
export function readTags(reader: MemberReader, required: boolean): { key: string; value: string }[] | undefined {
  return reader.structureList(
    'Tags',
    (tag) => ({
      key: tag.string('Key', { required: true, min: 1, max: 128 }) as string,
      value: tag.string('Value', { required: true, min: 0, max: 256 }) as string,
    }),
    { required },
  )
}

function tableOfArn(store: Store, arn: string): Table<AttributeMap, string, string, ViewType> {
  const match = TABLE_ARN.exec(arn)
  if (match === null) throw new ValidationException(TABLE_TEXT.invalidArn(arn))
  if (match[2] !== store.accountId) throw new AccessDeniedException(TABLE_TEXT.accessDenied(arn))
  const name = match[3] as string
  if (match[1] !== store.region || !store.listTables().includes(name)) throw new ResourceNotFoundException(TABLE_TEXT.resourceArnNotFound(arn))
  return store.getTable(name)
}

const tagResource: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const arn = reader.string('ResourceArn', RESOURCE_ARN) as string
  const tags = readTags(reader, true) as { key: string; value: string }[]
  reader.finish()
  if (tags.length === 0) throw new ValidationException(TABLE_TEXT.noTags)
  const table = tableOfArn(store, arn)
  const keys = new Set([...Object.keys(table.tags()), ...tags.map((t) => t.key)])
  if (keys.size > 50) throw new ValidationException(TABLE_TEXT.tooManyTags)
  table.tag(Object.fromEntries(tags.map((t) => [t.key, t.value])))
  return {}
}

const untagResource: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const arn = reader.string('ResourceArn', RESOURCE_ARN) as string
  const keys = reader.stringList('TagKeys', { required: true }, { min: 1, max: 128 }) as string[]
  reader.finish()
  if (keys.length === 0) throw new ValidationException(TABLE_TEXT.noTagKeys)
  tableOfArn(store, arn).untag(keys)
  return {}
}

const listTagsOfResource: Operation = (input, { store }) => {
  const reader = readMembers(input)
  const arn = reader.string('ResourceArn', RESOURCE_ARN) as string
  // Every tag fits one page (a table holds at most 50), so no token is ever handed out; one given resumes after
  // the tag key it names, tags being listed in key order.
  const after = reader.string('NextToken')
  reader.finish()
  const tags = Object.entries(tableOfArn(store, arn).tags())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .filter(([key]) => after === undefined || key > after)
  return { Tags: tags.map(([Key, Value]) => ({ Key, Value })) }
}

/** The tagging operations by name. */
export const TAG_OPERATIONS = { TagResource: tagResource, UntagResource: untagResource, ListTagsOfResource: listTagsOfResource }
