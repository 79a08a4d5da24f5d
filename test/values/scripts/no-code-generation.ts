// Run by shape.test.ts under `node --disallow-code-generation-from-strings`: items go in and come back out
// through the public API, and it prints what it found as one JSON line.
import { isDeepStrictEqual } from 'node:util'
import { createStore } from '../../../src/index.js'

let codeGeneration = true
try {
  new Function('return 0')
} catch {
  codeGeneration = false
}

const store = createStore({ shards: { initial: 1 } })
const table = store.createTable<Record<string, unknown>>()({ name: 'things', partitionKey: 'id', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
const items: Record<string, unknown>[] = []
for (let i = 0; i < 50; i++) {
  items.push({ id: `plain-${i}`, n: i, name: `item ${i}`, nested: { b: i, a: [i, { y: 'y', x: 'x' }] } })
  items.push({ id: `wide-${i}`, z: 1, '10': 'numeric-looking', tags: new Set([`t${i}`]), bytes: new Uint8Array([i]), flag: i % 2 === 0, nothing: null })
}
items.push(JSON.parse('{"id":"proto","before":1,"__proto__":{"polluted":true},"after":{"__proto__":2,"k":3}}'))

const mismatches: string[] = []
const same = (what: string, got: unknown, expected: unknown): void => {
  const ordered = (value: unknown): unknown => (typeof value === 'object' && value !== null && !(value instanceof Uint8Array) ? Object.keys(value) : undefined)
  if (!isDeepStrictEqual(got, expected) || !isDeepStrictEqual(ordered(got), ordered(expected))) mismatches.push(what)
}
for (const item of items) table.put(item)
for (const item of items) same(`get ${String(item.id)}`, table.get({ id: item.id as string }), item)
table.update({ id: 'plain-0' }, (draft) => {
  draft.n = 100
  ;(draft.nested as { b: number }).b = 100
})
same('updated', table.get({ id: 'plain-0' }), { ...items[0], n: 100, nested: { b: 100, a: [0, { y: 'y', x: 'x' }] } })
same('scan count', table.scan().items.length, items.length)

const [shard] = table.stream.shards()
const { records } = table.stream.getRecords(table.stream.getShardIterator({ shardId: shard?.shardId as string, type: 'TRIM_HORIZON' }))
same('record count', records.length, items.length + 1)
records.slice(0, items.length).forEach((record, i) => same(`record ${i}`, record.newImage, items[i]))
same('polluted', ({} as Record<string, unknown>).polluted, undefined)

console.log(JSON.stringify({ codeGeneration, checked: items.length, mismatches }))
