import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BLOCK_RECORDS, Blocks } from '../../src/storage/blocks.js'

// Blocks against a flat array of the same records: every read, search and the blocks' own bookkeeping must agree
// after each insert, remove and cell write, across block splits, merges and emptied blocks.
type Op = { kind: 'insert'; at: number; value: number } | { kind: 'remove'; at: number } | { kind: 'set'; at: number; value: number }

const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 1000 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 1000 }) }) },
)

function checkAgainst(blocks: Blocks, model: number[][], stride: number): void {
  expect(blocks.length).toBe(model.length)
  let start = 0
  blocks.blocks.forEach((block, b) => {
    expect(blocks.starts[b]).toBe(start)
    expect(block.length % stride).toBe(0)
    expect(block.length).toBeLessThanOrEqual(BLOCK_RECORDS * stride)
    if (blocks.blocks.length > 1) expect(block.length).toBeGreaterThan(0)
    expect(blocks.heads.slice(b * stride, (b + 1) * stride)).toEqual(block.slice(0, stride))
    start += block.length / stride
  })
  expect(start).toBe(model.length)
  expect(blocks.heads).toHaveLength(model.length === 0 ? 0 : blocks.blocks.length * stride)
  for (let at = 0; at < model.length; at++) for (let c = 0; c < stride; c++) expect(blocks.cell(at, c)).toBe((model[at] as number[])[c])
}

describe('Blocks', () => {
  it.each([2, 3])('keeps records of stride %i exactly as a flat array does', (stride) => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), fc.array(opArb, { minLength: 1, maxLength: 1500 }), (initial, ops) => {
        const model: number[][] = Array.from({ length: initial }, (_, i) => Array.from({ length: stride }, (_, c) => i * 10 + c))
        const blocks = new Blocks(stride, model.flat())
        for (const op of ops) {
          if (op.kind === 'insert') {
            const at = op.at % (model.length + 1)
            const record = Array.from({ length: stride }, (_, c) => op.value * 10 + c)
            model.splice(at, 0, record)
            blocks.insert(at, record[0], record[1], record[2])
          } else if (model.length > 0) {
            const at = op.at % model.length
            if (op.kind === 'remove') {
              model.splice(at, 1)
              blocks.remove(at)
            } else {
              ;(model[at] as number[])[1] = op.value
              blocks.setCell(at, 1, op.value)
            }
          }
        }
        checkAgainst(blocks, model, stride)
      }),
      { numRuns: 25 },
    )
  })

  it.each(['front', 'middle', 'back'] as const)('splits as records arrive at the %s and merges as they leave', (where) => {
    const model: number[][] = []
    const blocks = new Blocks(3, [])
    let blockCounts = 0
    for (let i = 0; i < 3000; i++) {
      const at = where === 'front' ? 0 : where === 'back' ? model.length : model.length >> 1
      model.splice(at, 0, [i, i + 1, i + 2])
      blocks.insert(at, i, i + 1, i + 2)
      blockCounts = Math.max(blockCounts, blocks.blocks.length)
    }
    checkAgainst(blocks, model, 3)
    expect(blockCounts).toBeGreaterThanOrEqual(3000 / BLOCK_RECORDS)
    // Removals spread over the sequence shrink blocks below a quarter, which then merge.
    for (let step = 0; model.length > 0; step++) {
      const at = (step * 7919) % model.length
      model.splice(at, 1)
      blocks.remove(at)
      if (model.length === 1500) {
        checkAgainst(blocks, model, 3)
        expect(blocks.blocks.length).toBeLessThan(blockCounts)
      }
    }
    checkAgainst(blocks, model, 3)
  })

  it('finds the first record a search does not precede, in every block and at both ends', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 3000 }), fc.integer({ min: -1, max: 301 }), (values, target) => {
        const sorted = [...values].sort((a, b) => a - b)
        const blocks = new Blocks(2, sorted.flatMap((v) => [v, 'x']))
        const expected = sorted.findIndex((v) => v >= target)
        expect(blocks.search((block, at) => (block[2 * at] as number) < target)).toBe(expected < 0 ? sorted.length : expected)
      }),
      { numRuns: 60 },
    )
  })

  it('reads in order and backwards from the block found last, and after writes that move block starts', () => {
    const blocks = new Blocks(2, Array.from({ length: 2000 }, (_, i) => [i, i]).flat())
    const forwards: unknown[] = []
    for (let at = 0; at < blocks.length; at++) forwards.push(blocks.cell(at, 0))
    expect(forwards).toEqual(Array.from({ length: 2000 }, (_, i) => i))
    blocks.insert(0, -1, -1)
    const backwards: unknown[] = []
    for (let at = blocks.length - 1; at >= 0; at--) backwards.push(blocks.cell(at, 1))
    expect(backwards).toEqual(Array.from({ length: 2001 }, (_, i) => 1999 - i))
  })

  it('an emptied sequence keeps one empty block and takes records again', () => {
    const blocks = new Blocks(3, [1, 2, 3, 4, 5, 6])
    blocks.remove(1)
    blocks.remove(0)
    expect(blocks.length).toBe(0)
    expect(blocks.blocks).toEqual([[]])
    expect(blocks.search(() => true)).toBe(0)
    blocks.insert(0, 7, 8, 9)
    expect([blocks.cell(0, 0), blocks.cell(0, 1), blocks.cell(0, 2)]).toEqual([7, 8, 9])
  })
})
