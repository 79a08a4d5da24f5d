import { describe, expect, it, vi } from 'vitest'
import { createStore, Decimal } from '../../src/index.js'

// A second module instance of the package, as when its CommonJS and ESM builds are both loaded in one process.
async function secondCopy(): Promise<typeof import('../../src/index.js')> {
  vi.resetModules()
  const copy = await import('../../src/index.js')
  vi.resetModules()
  return copy
}

describe('Decimals made by another copy of the package', () => {
  it('is another class that still counts as a Decimal', async () => {
    const copy = await secondCopy()
    expect(copy.Decimal).not.toBe(Decimal)
    const foreign = new copy.Decimal('12345678901234567890.123456789')
    expect(foreign instanceof Decimal).toBe(true)
    expect(new Decimal('1') instanceof copy.Decimal).toBe(true)
    expect({ value: '1' } instanceof Decimal).toBe(false)
  })

  it('is stored, compared, sorted and read back exactly, as a key too', async () => {
    const copy = await secondCopy()
    const store = createStore()
    const accounts = store.createTable<{ id: string; at: number | Decimal; balance: number | Decimal }>()({ name: 'accounts', partitionKey: 'id', sortKey: 'at' })
    accounts.put({ id: 'a', at: new copy.Decimal('12345678901234567890.5'), balance: new copy.Decimal('0.10000000000000000000000000000000000001') })
    accounts.put({ id: 'a', at: 2, balance: new copy.Decimal('7') })
    accounts.put({ id: 'a', at: new Decimal('12345678901234567890.25'), balance: 1 })
    const read = accounts.get({ id: 'a', at: new copy.Decimal('12345678901234567890.5') })
    expect(String(read?.balance)).toBe('0.10000000000000000000000000000000000001')
    expect(accounts.get({ id: 'a', at: 2 })?.balance).toBe(7)
    expect(accounts.query('a').items.map((item) => String(item.at))).toEqual(['2', '12345678901234567890.25', '12345678901234567890.5'])
    expect(accounts.put({ id: 'a', at: 2, balance: new copy.Decimal('7') }).changed).toBe(false)
    expect(accounts.put({ id: 'a', at: 2, balance: new copy.Decimal('7.5') }).changed).toBe(true)
  })
})
