// Run by test/testing/jest.test.ts with jest, against the built package: the jest registration and its messages.
require('../../../dist/testing/jest.cjs')
const { createTestStore, markStream, createRecordFactory } = require('../../../dist/testing.cjs')

function orders() {
  const store = createTestStore()
  const table = store.createTable()({ name: 'orders', partitionKey: 'customerId', sortKey: 'orderId', stream: { viewType: 'NEW_AND_OLD_IMAGES' } })
  return { store, table }
}

test('toHaveEmitted matches partial records, and .not inverts it', () => {
  const { table } = orders()
  table.put({ customerId: 'c1', orderId: 'o1', status: 'open' })
  table.update({ customerId: 'c1', orderId: 'o1' }, (d) => {
    d.status = 'paid'
  })
  expect(table).toHaveEmitted({ eventName: 'MODIFY', newImage: { status: 'paid' }, oldImage: { status: 'open' } })
  expect(table).toHaveEmitted({ sequenceNumber: expect.stringMatching(/^\d{21}$/) })
  expect(table).not.toHaveEmitted({ eventName: 'DELETE' })
  expect(table).toHaveEmittedTimes(2)
  expect(table).toHaveEmittedTimes(1, { eventName: 'INSERT' })
})

test('marks see what came after them', () => {
  const { table } = orders()
  table.put({ customerId: 'c1', orderId: 'o1', status: 'open' })
  const mark = markStream(table)
  table.delete({ customerId: 'c1', orderId: 'o1' })
  expect(mark).toHaveEmittedTimes(1, { eventName: 'DELETE', oldImage: { status: 'open' } })
  expect(mark).not.toHaveEmitted({ eventName: 'INSERT' })
})

test('records a factory made', () => {
  const records = createRecordFactory()({ table: 'orders', partitionKey: 'id' })
  expect([records.remove({ id: 'a' }, { ttl: true })]).toHaveEmitted({ userIdentity: { principalId: 'dynamodb.amazonaws.com' } })
})

test('a failing assertion lists the records', () => {
  const { table } = orders()
  table.put({ customerId: 'c1', orderId: 'o1', status: 'open' })
  expect(() => expect(table).toHaveEmitted({ eventName: 'DELETE' })).toThrow(
    /expected table orders to have emitted a record matching \{ eventName: "DELETE" \}, but its only record does not match:\n {2}1\. INSERT \{ customerId: "c1", orderId: "o1" \}/,
  )
  expect(() => expect(table).not.toHaveEmittedTimes(1)).toThrow(/expected table orders not to have emitted 1 record, but it did/)
})
