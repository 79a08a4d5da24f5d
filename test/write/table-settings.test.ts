import { describe, expect, it } from 'vitest'
import { createStore } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { expectError } from '../helpers/errors.js'
import { DAY, T0 } from '../helpers/time.js'

type Item = { pk: string; g?: string; ttl?: number }

function setup() {
  const clock = new ManualClock(T0)
  const store = createStore({ clock })
  return { clock, store }
}

describe('table settings', () => {
  it('default to on-demand, STANDARD, unprotected, service-owned encryption, no tags; each table has its own UUID', () => {
    const { store } = setup()
    const a = store.createTable<Item>()({ name: 'alpha', partitionKey: 'pk' })
    const b = store.createTable<Item>()({ name: 'beta', partitionKey: 'pk' })
    const settings = a.describe().settings
    expect(settings).toEqual({ billingMode: 'PAY_PER_REQUEST', indexThroughput: {}, tableClass: 'STANDARD', deletionProtection: false })
    expect(a.describe().id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(a.describe().id).not.toBe(b.describe().id)
    expect(a.tags()).toEqual({})
  })

  it('seeded stores repeat their table ids', () => {
    const ids = [1, 2].map(() => {
      let n = 0
      const store = createStore({ random: () => ((n = (n * 7 + 3) % 101) / 101) })
      return store.createTable<Item>()({ name: 'alpha', partitionKey: 'pk' }).describe().id
    })
    expect(ids[0]).toBe(ids[1])
  })

  it('PROVISIONED needs the table capacity and every global index capacity; PAY_PER_REQUEST refuses them', () => {
    const { store } = setup()
    expectError(() => store.createTable<Item>()({ name: 'prov', partitionKey: 'pk', settings: { billingMode: 'PROVISIONED' } }), 'ValidationException', 'ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED')
    expectError(
      () => store.createTable<Item>()({ name: 'prov', partitionKey: 'pk', globalIndexes: { byG: { partitionKey: 'g' } }, settings: { billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 1 } } }),
      'ValidationException',
      'ProvisionedThroughput must be specified for index: byG',
    )
    expectError(() => store.createTable<Item>()({ name: 'odr', partitionKey: 'pk', settings: { provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 1 } } }), 'ValidationException', 'Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST')
    expectError(() => store.createTable<Item>()({ name: 'zero', partitionKey: 'pk', settings: { billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 0, writeCapacityUnits: 1 } } }), 'ValidationException', 'readCapacityUnits')
    expect(store.listTables()).toEqual([])
    const t = store.createTable<Item>()({
      name: 'prov',
      partitionKey: 'pk',
      globalIndexes: { byG: { partitionKey: 'g' } },
      settings: { billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 }, indexThroughput: { byG: { readCapacityUnits: 2, writeCapacityUnits: 3 } } },
    })
    const settings = t.describe().settings
    expect(settings.provisionedThroughput).toEqual({ readCapacityUnits: 5, writeCapacityUnits: 5, numberOfDecreasesToday: 0 })
    expect(settings.indexThroughput).toEqual({ byG: { readCapacityUnits: 2, writeCapacityUnits: 3, numberOfDecreasesToday: 0 } })
  })

  it('counts capacity increases and decreases, the decreases per UTC day', () => {
    const { store, clock } = setup()
    const t = store.createTable<Item>()({ name: 'prov', partitionKey: 'pk', settings: { billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 } } })
    clock.advance(1000)
    t.updateSettings({ provisionedThroughput: { readCapacityUnits: 10, writeCapacityUnits: 5 } })
    expect(t.describe().settings.provisionedThroughput).toEqual({ readCapacityUnits: 10, writeCapacityUnits: 5, numberOfDecreasesToday: 0, lastIncreaseAt: T0 + 1000 })
    clock.advance(1000)
    t.updateSettings({ provisionedThroughput: { readCapacityUnits: 4, writeCapacityUnits: 5 } })
    expect(t.describe().settings.provisionedThroughput).toMatchObject({ readCapacityUnits: 4, numberOfDecreasesToday: 1, lastDecreaseAt: T0 + 2000 })
    clock.advance(DAY)
    expect(t.describe().settings.provisionedThroughput?.numberOfDecreasesToday).toBe(0)
  })

  it('switching to PAY_PER_REQUEST drops the capacity and records when', () => {
    const { store, clock } = setup()
    const t = store.createTable<Item>()({ name: 'prov', partitionKey: 'pk', settings: { billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 } } })
    clock.advance(5000)
    t.updateSettings({ billingMode: 'PAY_PER_REQUEST' })
    const settings = t.describe().settings
    expect(settings.billingMode).toBe('PAY_PER_REQUEST')
    expect(settings.provisionedThroughput).toBeUndefined()
    expect(settings.lastUpdateToPayPerRequestAt).toBe(T0 + 5000)
  })

  it('a failed change applies nothing', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'odr', partitionKey: 'pk' })
    expectError(() => t.updateSettings({ tableClass: 'STANDARD_INFREQUENT_ACCESS', billingMode: 'PROVISIONED' }), 'ValidationException')
    expect(t.describe().settings.tableClass).toBe('STANDARD')
    expectError(() => t.updateSettings({ bogus: true } as never), 'ValidationException', 'Unknown table settings option')
  })

  it('global indexes created on a provisioned table need capacity, and lose it when deleted', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'prov', partitionKey: 'pk', settings: { billingMode: 'PROVISIONED', provisionedThroughput: { readCapacityUnits: 5, writeCapacityUnits: 5 } } })
    expectError(() => t.createGlobalIndex('byG', { partitionKey: 'g' }), 'ValidationException', 'ProvisionedThroughput must be specified for index: byG')
    expect(t.describe().globalIndexes).toBeUndefined()
    const withIndex = t.createGlobalIndex('byG', { partitionKey: 'g' }, { provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 2 } })
    expect(withIndex.describe().settings.indexThroughput.byG).toMatchObject({ readCapacityUnits: 1, writeCapacityUnits: 2 })
    withIndex.deleteGlobalIndex('byG')
    expect(withIndex.describe().settings.indexThroughput).toEqual({})
    const odr = store.createTable<Item>()({ name: 'odr', partitionKey: 'pk' })
    expectError(() => odr.createGlobalIndex('byG', { partitionKey: 'g' }, { provisionedThroughput: { readCapacityUnits: 1, writeCapacityUnits: 1 } }), 'ValidationException', 'should not be specified for index: byG')
  })

  it('deletion protection makes deleteTable refuse with the service text, until it is turned off', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'kept', partitionKey: 'pk', settings: { deletionProtection: true } })
    expectError(() => store.deleteTable('kept'), 'ValidationException', 'Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.')
    expect(store.listTables()).toEqual(['kept'])
    t.updateSettings({ deletionProtection: false })
    store.deleteTable('kept')
    expect(store.listTables()).toEqual([])
  })

  it('keeps KMS encryption until it is set back to the service-owned key', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'enc', partitionKey: 'pk', settings: { encryption: {} } })
    expect(t.describe().settings.encryption).toEqual({})
    t.updateSettings({ encryption: { kmsMasterKeyId: 'alias/mine' } })
    expect(t.describe().settings.encryption).toEqual({ kmsMasterKeyId: 'alias/mine' })
    t.updateSettings({ encryption: null })
    expect(t.describe().settings.encryption).toBeUndefined()
  })
})

describe('tags', () => {
  it('add, overwrite and remove; at most 50', () => {
    const { store } = setup()
    const t = store.createTable<Item>()({ name: 'tagged', partitionKey: 'pk' })
    t.tag({ env: 'test', team: 'a' })
    t.tag({ env: 'prod' })
    expect(t.tags()).toEqual({ env: 'prod', team: 'a' })
    t.untag(['team', 'missing'])
    expect(t.tags()).toEqual({ env: 'prod' })
    const many = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']))
    expectError(() => t.tag(many), 'ValidationException', 'The number of tags exceeds the limit of 50')
    expect(t.tags()).toEqual({ env: 'prod' })
    expectError(() => t.tag({ '': 'v' }), 'ValidationException', 'tag key')
  })
})

describe('setTimeToLive', () => {
  it('enables expiry at runtime, items already written included; disables it again', () => {
    const { store, clock } = setup()
    const t = store.createTable<Item>()({ name: 'ttl', partitionKey: 'pk' })
    t.put({ pk: 'old', ttl: T0 / 1000 + 10 })
    t.setTimeToLive('ttl')
    expect(t.describe().ttlAttribute).toBe('ttl')
    t.put({ pk: 'new', ttl: T0 / 1000 + 20 })
    clock.advance(30_000)
    expect(t.count()).toBe(0)
    expectError(() => t.setTimeToLive('ttl'), 'ValidationException', 'TimeToLive is already enabled')
    t.setTimeToLive(undefined)
    expect(t.describe().ttlAttribute).toBeUndefined()
    t.put({ pk: 'kept', ttl: T0 / 1000 })
    clock.advance(60_000)
    expect(t.count()).toBe(1)
    expectError(() => t.setTimeToLive(undefined), 'ValidationException', 'TimeToLive is already disabled')
  })
})
