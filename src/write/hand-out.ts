// The items a caller receives from a table; every read point passes its items through one of these. A caller must
// not be able to change the stored item (or a record already written) through what it receives: binaries are copied,
// and only items that hold one pay for it.
import type { ItemState } from '../capture/record.js'
import { handOut, type AttributeMap } from '../values/admission.js'
import type { Slot } from './table-internal.js'

/** The item in a slot, as a caller may receive it. */
export const itemOfSlot = (slot: Slot): AttributeMap => (slot.holdsBinary ? handOut(slot.item) : slot.item)

/** The item of a state, as a caller may receive it. */
export const itemOfState = (state: ItemState): AttributeMap => (state.holdsBinary ? handOut(state.item) : state.item)

/** The item of a state, or undefined for no item, as a caller may receive it. */
export const itemOfMaybe = (state: ItemState | undefined): AttributeMap | undefined => (state === undefined ? undefined : itemOfState(state))
