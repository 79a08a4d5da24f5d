import { createOperationRegistry, type OperationRegistry } from '../protocol/registry.js'
import { BATCH_OPERATIONS } from './batch.js'
import { ITEM_OPERATIONS } from './items.js'
import { READ_OPERATIONS } from './reads.js'
import { STREAMS_OPERATIONS } from './streams.js'
import { TABLE_LIST_OPERATIONS } from './tables.js'
import { TRANSACTION_OPERATIONS } from './transactions.js'

/** Every operation the AWS door answers; a target not listed here is an UnknownOperationException. */
export const DEFAULT_OPERATIONS: OperationRegistry = createOperationRegistry(STREAMS_OPERATIONS, TABLE_LIST_OPERATIONS, ITEM_OPERATIONS, READ_OPERATIONS, BATCH_OPERATIONS, TRANSACTION_OPERATIONS)
