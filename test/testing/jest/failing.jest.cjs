// Fails on purpose: test/testing/jest.test.ts checks how jest reports a failed stream record assertion.
require('../../../dist/testing/jest.cjs')
const { createTestStore } = require('../../../dist/testing.cjs')

test('expects a payment that never happened', () => {
  const store = createTestStore()
  const table = store.createTable()({ name: 'payments', partitionKey: 'id', stream: { viewType: 'NEW_IMAGE' } })
  table.put({ id: 'p1', amount: 5 })
  table.put({ id: 'p2', amount: 7 })
  expect(table).toHaveEmitted({ eventName: 'INSERT', newImage: { amount: 9 } })
})
