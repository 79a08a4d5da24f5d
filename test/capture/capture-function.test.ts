import { describe, expect, it } from 'vitest'
import { capture, ChangeKind, createCapturedChange } from '../../src/capture/capture.js'
import type { ItemState } from '../../src/capture/record.js'
import { VIEW_TYPES } from '../../src/index.js'

const keys = Object.freeze({ id: 'a' })
const state = (item: Record<string, unknown>, sizeBytes: number): ItemState => ({ item: Object.freeze(item) as ItemState['item'], sizeBytes, hasBinarySet: false, holdsBinary: false, keys, keyBytes: 2 })

describe('capture(before, after, viewType): what the log stores, or nothing', () => {
  const old = state({ id: 'a', v: 1 }, 5)
  const next = state({ id: 'a', v: 2 }, 6)

  it('decides nothing changed for the same or an equal item, and for no item on either side', () => {
    const into = createCapturedChange()
    expect(capture(undefined, undefined, 'NEW_IMAGE', undefined, into)).toBeUndefined()
    expect(capture(old, old, 'NEW_IMAGE', undefined, into)).toBeUndefined()
    expect(capture(old, state({ id: 'a', v: 1 }, 5), undefined, undefined, into)).toBeUndefined()
  })

  it.each(VIEW_TYPES)('gives kind, keys, images and size for %s, filling the object it is handed', (viewType) => {
    const into = createCapturedChange()
    const withNew = viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES'
    const withOld = viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES'
    expect(capture(undefined, next, viewType, undefined, into)).toBe(into)
    expect({ ...into }).toEqual({ kind: ChangeKind.Insert, keys, newImage: withNew ? next.item : undefined, oldImage: undefined, sizeBytes: 2 + (withNew ? 6 : 0), holdsBinary: false })
    capture(old, next, viewType, undefined, into)
    expect({ ...into }).toEqual({ kind: ChangeKind.Modify, keys, newImage: withNew ? next.item : undefined, oldImage: withOld ? old.item : undefined, sizeBytes: 2 + (withNew ? 6 : 0) + (withOld ? 5 : 0), holdsBinary: false })
    capture(old, undefined, viewType, undefined, into)
    expect({ ...into }).toEqual({ kind: ChangeKind.Delete, keys, newImage: undefined, oldImage: withOld ? old.item : undefined, sizeBytes: 2 + (withOld ? 5 : 0), holdsBinary: false })
    capture(old, undefined, viewType, { type: 'Service', principalId: 'dynamodb.amazonaws.com' }, into)
    expect(into.kind).toBe(ChangeKind.TtlDelete)
  })

  it('still decides a change without a stream, carrying no image', () => {
    const into = createCapturedChange()
    expect(capture(old, next, undefined, undefined, into)).toMatchObject({ kind: ChangeKind.Modify, newImage: undefined, oldImage: undefined, sizeBytes: 2 })
  })
})
