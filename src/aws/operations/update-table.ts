// UpdateTable: the model's constraints, the request-only checks (a change is asked for, each index update names
// one action), then against the table: billing and capacity, index updates, the stream. Everything is checked
// before anything changes, so a refused request leaves the table as it was.
import { LimitExceededException } from '../../core/errors.js'
import { ResourceNotFoundException, ValidationException, type BillingMode, type ProvisionedThroughput, type TableSettings } from '../../index.js'
import { readMembers } from '../protocol/input.js'
import type { Operation } from '../protocol/registry.js'
import { checkGlobalIndexes, nativeIndex, readTableName } from './create-table.js'
import { controlPlaneTable } from './describe-table.js'
import { tableDescriptionJson } from './table-description.js'
import {
  BILLING_MODES,
  INDEX_NAME,
  readAttributeDefinitions,
  readIndex,
  readSse,
  readStreamSpecification,
  readThroughput,
  TABLE_CLASSES,
  type IndexInput,
} from './table-input.js'
import { TABLE_TEXT } from './table-messages.js'

interface IndexUpdate {
  readonly update?: { readonly indexName: string; readonly provisionedThroughput: ProvisionedThroughput | undefined }
  readonly create?: IndexInput
  readonly delete?: { readonly indexName: string }
}

const nameOf = (u: IndexUpdate): string | undefined => u.update?.indexName ?? u.create?.indexName ?? u.delete?.indexName

const updateTable: Operation = (input, { store }) => {
  const name = readTableName(input)
  const reader = readMembers(input)
  const definitions = readAttributeDefinitions(reader, false) ?? []
  const billingMode = reader.string('BillingMode', { enum: BILLING_MODES }) as BillingMode | undefined
  const throughput = readThroughput(reader)
  const indexUpdates: IndexUpdate[] =
    reader.structureList('GlobalSecondaryIndexUpdates', (u) => {
      const update = u.structure('Update', (x) => ({ indexName: x.string('IndexName', { required: true, ...INDEX_NAME }) as string, provisionedThroughput: readThroughput(x) }))
      const create = u.structure('Create', (x) => readIndex(x, true))
      const remove = u.structure('Delete', (x) => ({ indexName: x.string('IndexName', { required: true, ...INDEX_NAME }) as string }))
      return { ...(update === undefined ? {} : { update }), ...(create === undefined ? {} : { create }), ...(remove === undefined ? {} : { delete: remove }) }
    }) ?? []
  const stream = readStreamSpecification(reader)
  const sse = readSse(reader)
  const tableClass = reader.string('TableClass', { enum: TABLE_CLASSES })
  const deletionProtection = reader.boolean('DeletionProtectionEnabled')
  reader.finish()

  if (billingMode === 'PAY_PER_REQUEST' && throughput !== undefined) throw new ValidationException(TABLE_TEXT.throughputRefused)
  const settingsChange = throughput !== undefined || billingMode !== undefined || sse !== undefined || tableClass !== undefined || deletionProtection !== undefined
  if (!settingsChange && stream === undefined && indexUpdates.length === 0) throw new ValidationException(TABLE_TEXT.atLeastOneChange)
  const seen = new Set<string>()
  for (const u of indexUpdates) {
    if (u.update === undefined && u.create === undefined && u.delete === undefined) throw new ValidationException(TABLE_TEXT.indexUpdateEmpty)
    const indexName = nameOf(u) as string
    if (seen.has(indexName)) throw new ValidationException(TABLE_TEXT.indexUpdateRepeated(indexName))
    seen.add(indexName)
  }

  const table = controlPlaneTable(store, name)
  const before = table.describe()
  const current = before.settings
  if (current.billingMode === 'PAY_PER_REQUEST' && billingMode === undefined && throughput !== undefined) throw new ValidationException(TABLE_TEXT.throughputRefused)
  if (billingMode === 'PROVISIONED' && throughput === undefined && current.billingMode !== 'PROVISIONED') throw new ValidationException(TABLE_TEXT.updateThroughputRequired)
  const now = current.provisionedThroughput
  if (throughput !== undefined && now !== undefined && (billingMode ?? current.billingMode) === current.billingMode) {
    if (throughput.readCapacityUnits === now.readCapacityUnits && throughput.writeCapacityUnits === now.writeCapacityUnits) {
      throw new ValidationException(TABLE_TEXT.throughputUnchanged(now.readCapacityUnits, now.writeCapacityUnits, throughput.readCapacityUnits, throughput.writeCapacityUnits))
    }
  }
  const mode = billingMode ?? current.billingMode
  const existing = (before.globalIndexes ?? []).map((i) => i.name)
  for (const u of indexUpdates) if (u.update !== undefined && !existing.includes(u.update.indexName)) throw new ValidationException(TABLE_TEXT.indexUpdateBlocked)
  const structural = indexUpdates.filter((u) => u.create !== undefined || u.delete !== undefined)
  if (structural.length > 1) throw new LimitExceededException(TABLE_TEXT.oneIndexAtATime)
  const create = structural[0]?.create
  const remove = structural[0]?.delete
  if (create !== undefined) {
    const indexName = create.indexName as string
    if (existing.includes(indexName) || (before.localIndexes ?? []).some((i) => i.name === indexName)) throw new ValidationException(TABLE_TEXT.indexExists(indexName))
    checkGlobalIndexes([create], definitions, mode)
  }
  if (remove !== undefined && !existing.includes(remove.indexName)) throw new ResourceNotFoundException(TABLE_TEXT.tableNotFound(remove.indexName))
  if (stream !== undefined) {
    if (stream.streamEnabled === true) {
      if (stream.viewType === undefined) throw new ValidationException(TABLE_TEXT.streamEnabledWithoutViewType)
      if (before.streamSpecification !== undefined) throw new ValidationException(TABLE_TEXT.streamAlreadyEnabled(name))
    } else {
      if (stream.viewType !== undefined) throw new ValidationException(TABLE_TEXT.streamDisableWithViewType)
      if (before.streamSpecification === undefined) throw new ValidationException(TABLE_TEXT.streamNothingToDisable(name))
    }
  }

  const indexThroughput: { [index: string]: ProvisionedThroughput } = {}
  for (const u of indexUpdates) if (u.update?.provisionedThroughput !== undefined) indexThroughput[u.update.indexName] = u.update.provisionedThroughput
  const newIndexThroughput = create?.provisionedThroughput
  // A new index joins a provisioned table with its capacity; one joining a table switching to PROVISIONED gets it
  // with the switch.
  if (create !== undefined && newIndexThroughput !== undefined && current.billingMode !== 'PROVISIONED') indexThroughput[create.indexName as string] = newIndexThroughput
  const changes: TableSettings = {
    ...(billingMode === undefined ? {} : { billingMode }),
    ...(throughput === undefined ? {} : { provisionedThroughput: throughput }),
    ...(Object.keys(indexThroughput).length === 0 ? {} : { indexThroughput }),
    ...(tableClass === undefined ? {} : { tableClass: tableClass as (typeof TABLE_CLASSES)[number] }),
    ...(deletionProtection === undefined ? {} : { deletionProtection }),
    ...(sse === undefined ? {} : { encryption: sse.enabled === true ? (sse.kmsMasterKeyId === undefined ? {} : { kmsMasterKeyId: sse.kmsMasterKeyId }) : null }),
  }
  const deleted = remove === undefined ? [] : (before.globalIndexes ?? []).filter((i) => i.name === remove.indexName)
  const changeIndexes = (): void => {
    if (remove !== undefined) table.deleteGlobalIndex(remove.indexName as never)
    if (create !== undefined) {
      const indexOptions = current.billingMode === 'PROVISIONED' && newIndexThroughput !== undefined ? { provisionedThroughput: newIndexThroughput } : {}
      table.createGlobalIndex(create.indexName as string, nativeIndex(create, definitions) as never, indexOptions)
    }
  }
  // Leaving PROVISIONED first drops every capacity, so that the index change needs none; otherwise the index
  // change comes first, so that entering PROVISIONED finds the new index to give capacity to.
  if (mode === 'PAY_PER_REQUEST' && current.billingMode === 'PROVISIONED') {
    table.updateSettings(changes)
    changeIndexes()
  } else {
    changeIndexes()
    if (Object.keys(changes).length > 0) {
      try {
        table.updateSettings(changes)
      } catch (error) {
        if (create !== undefined) table.deleteGlobalIndex(create.indexName as never)
        throw error
      }
    }
  }
  if (stream?.streamEnabled === true) table.enableStream({ viewType: stream.viewType as never })
  else if (stream !== undefined) table.disableStream()

  const updating = throughput !== undefined || billingMode !== undefined || structural.length > 0 || stream !== undefined || Object.keys(indexThroughput).length > 0
  const indexes = {
    ...(create === undefined ? {} : { [create.indexName as string]: 'CREATING' as const }),
    ...(remove === undefined ? {} : { [remove.indexName]: 'DELETING' as const }),
  }
  return { TableDescription: tableDescriptionJson(table.describe(), { table: updating ? 'UPDATING' : 'ACTIVE', indexes }, deleted) }
}

/** UpdateTable by name. */
export const UPDATE_TABLE_OPERATIONS = { UpdateTable: updateTable }
