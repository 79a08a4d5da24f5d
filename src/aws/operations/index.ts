import { createOperationRegistry, type OperationRegistry } from '../protocol/registry.js'
import { ITEM_OPERATIONS } from './items.js'
import { READ_OPERATIONS } from './reads.js'
import { STREAMS_OPERATIONS } from './streams.js'
import { TABLE_LIST_OPERATIONS } from './tables.js'

/** Every operation the AWS door answers; a target not listed here is an UnknownOperationException. */
export const DEFAULT_OPERATIONS: OperationRegistry = createOperationRegistry(STREAMS_OPERATIONS, TABLE_LIST_OPERATIONS, ITEM_OPERATIONS, READ_OPERATIONS)
