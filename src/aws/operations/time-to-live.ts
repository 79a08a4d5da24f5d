// UpdateTimeToLive and DescribeTimeToLive over the table's native TTL attribute. The service takes hours to
// enable or disable TTL (ENABLING, DISABLING); the store does it at once, so the statuses are ENABLED and DISABLED.
import { ValidationException } from '../../index.js'
import { readMembers } from '../protocol/input.js'
import type { Operation } from '../protocol/registry.js'
import { readTableName } from './create-table.js'
import { controlPlaneTable } from './describe-table.js'
import { TABLE_TEXT } from './table-messages.js'

const updateTimeToLive: Operation = (input, { store }) => {
  const name = readTableName(input)
  const reader = readMembers(input)
  const specification = reader.structure(
    'TimeToLiveSpecification',
    (s) => {
      const enabled = s.boolean('Enabled')
      // A missing Enabled is a model violation, recorded by reading it as a required member.
      if (enabled === undefined) s.string('Enabled', { required: true })
      return { enabled, attributeName: s.string('AttributeName', { required: true, min: 1, max: 255 }) }
    },
    { required: true },
  )
  reader.finish()
  const { enabled, attributeName } = specification as { enabled: boolean; attributeName: string }
  const table = controlPlaneTable(store, name)
  const current = table.describe().ttlAttribute
  if (enabled && current !== undefined) throw new ValidationException(TABLE_TEXT.ttlAlreadyEnabled)
  if (!enabled && current === undefined) throw new ValidationException(TABLE_TEXT.ttlAlreadyDisabled)
  table.setTimeToLive(enabled ? attributeName : undefined)
  return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: attributeName } }
}

const describeTimeToLive: Operation = (input, { store }) => {
  const name = readTableName(input)
  const attribute = controlPlaneTable(store, name).describe().ttlAttribute
  return {
    TimeToLiveDescription: attribute === undefined ? { TimeToLiveStatus: 'DISABLED' } : { TimeToLiveStatus: 'ENABLED', AttributeName: attribute },
  }
}

/** The TTL operations by name. */
export const TIME_TO_LIVE_OPERATIONS = { UpdateTimeToLive: updateTimeToLive, DescribeTimeToLive: describeTimeToLive }
