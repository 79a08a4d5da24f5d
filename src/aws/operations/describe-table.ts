// DescribeTable, DeleteTable and DescribeContinuousBackups: a table found by name, described as the service does.
import { TableNotFoundException } from '../../core/errors.js'
import { ResourceNotFoundException, type AttributeMap, type Store, type Table, type ViewType } from '../../index.js'
import type { Operation } from '../protocol/registry.js'
import { readTableName } from './create-table.js'
import { tableDescriptionJson } from './table-description.js'
import { TABLE_TEXT } from './table-messages.js'

/** The table a control-plane call names, or the control plane's ResourceNotFoundException. */
export function controlPlaneTable(store: Store, name: string): Table<AttributeMap, string, string, ViewType> {
  if (!store.listTables().includes(name)) throw new ResourceNotFoundException(TABLE_TEXT.tableNotFound(name))
  return store.getTable(name)
}

const describeTable: Operation = (input, { store }) => {
  const name = readTableName(input)
  return { Table: tableDescriptionJson(controlPlaneTable(store, name).describe(), { table: 'ACTIVE' }) }
}

const deleteTable: Operation = (input, { store }) => {
  const name = readTableName(input)
  const description = controlPlaneTable(store, name).describe()
  // The store refuses a protected table with the service's ValidationException.
  store.deleteTable(name)
  return { TableDescription: tableDescriptionJson(description, { table: 'DELETING' }) }
}

const describeContinuousBackups: Operation = (input, { store }) => {
  const name = readTableName(input)
  if (!store.listTables().includes(name)) throw new TableNotFoundException(TABLE_TEXT.continuousBackupsTableNotFound(name))
  // Point-in-time recovery is never enabled on a store's table; continuous backups are, as the service answers.
  return {
    ContinuousBackupsDescription: {
      ContinuousBackupsStatus: 'ENABLED',
      PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: 'DISABLED' },
    },
  }
}

/** The describing and deleting operations by name. */
export const DESCRIBE_TABLE_OPERATIONS = { DescribeTable: describeTable, DeleteTable: deleteTable, DescribeContinuousBackups: describeContinuousBackups }
