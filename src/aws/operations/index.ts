import { createOperationRegistry, operationsOf, SERVICE_TARGETS, type OperationRegistry } from '../protocol/registry.js'
import { BATCH_OPERATIONS } from './batch.js'
import { CREATE_TABLE_OPERATIONS } from './create-table.js'
import { DESCRIBE_TABLE_OPERATIONS } from './describe-table.js'
import { ITEM_OPERATIONS } from './items.js'
import { READ_OPERATIONS } from './reads.js'
import { STREAMS_OPERATIONS } from './streams.js'
import { TABLE_LIST_OPERATIONS } from './tables.js'
import { TAG_OPERATIONS } from './tags.js'
import { TIME_TO_LIVE_OPERATIONS } from './time-to-live.js'
import { TRANSACTION_OPERATIONS } from './transactions.js'
import { UPDATE_TABLE_OPERATIONS } from './update-table.js'

const CONTROL_PLANE_OPERATIONS = operationsOf(SERVICE_TARGETS.dynamodb, {
  ...CREATE_TABLE_OPERATIONS,
  ...DESCRIBE_TABLE_OPERATIONS,
  ...UPDATE_TABLE_OPERATIONS,
  ...TIME_TO_LIVE_OPERATIONS,
  ...TAG_OPERATIONS,
})

/** Every operation the AWS door answers; a target not listed here is an UnknownOperationException. */
export const DEFAULT_OPERATIONS: OperationRegistry = createOperationRegistry(
  STREAMS_OPERATIONS,
  TABLE_LIST_OPERATIONS,
  CONTROL_PLANE_OPERATIONS,
  ITEM_OPERATIONS,
  READ_OPERATIONS,
  BATCH_OPERATIONS,
  TRANSACTION_OPERATIONS,
)
