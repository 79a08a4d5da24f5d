// Paging requests whose ExclusiveStartKey is malformed or lies outside what is read: the attribute set, types,
// empty values, the partition, the sort key condition in either direction, index keys and scan segments. Every
// table, item and request here is fixed, so the answers DynamoDB Local gave can be kept and compared in a test.
type Call = readonly [operation: string, body: Record<string, unknown>]

const S = (s: string) => ({ S: s })
const N = (n: string) => ({ N: n })
const keyType = (name: string, type: string) => ({ AttributeName: name, AttributeType: type })
const hash = (name: string) => ({ AttributeName: name, KeyType: 'HASH' })
const range = (name: string) => ({ AttributeName: name, KeyType: 'RANGE' })

/** The tables and items the cases read. */
export const START_KEY_SETUP: readonly Call[] = [
  [
    'CreateTable',
    {
      TableName: 'paged',
      AttributeDefinitions: [keyType('pk', 'S'), keyType('sk', 'S'), keyType('g', 'S'), keyType('h', 'N'), keyType('ls', 'S')],
      KeySchema: [hash('pk'), range('sk')],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        { IndexName: 'byG', KeySchema: [hash('g'), range('h')], Projection: { ProjectionType: 'ALL' } },
        { IndexName: 'byGOnly', KeySchema: [hash('g')], Projection: { ProjectionType: 'KEYS_ONLY' } },
      ],
      LocalSecondaryIndexes: [{ IndexName: 'byLs', KeySchema: [hash('pk'), range('ls')], Projection: { ProjectionType: 'ALL' } }],
    },
  ],
  ['CreateTable', { TableName: 'hashed', AttributeDefinitions: [keyType('id', 'S')], KeySchema: [hash('id')], BillingMode: 'PAY_PER_REQUEST' }],
  ['CreateTable', { TableName: 'binary', AttributeDefinitions: [keyType('pk', 'S'), keyType('b', 'B')], KeySchema: [hash('pk'), range('b')], BillingMode: 'PAY_PER_REQUEST' }],
  ['CreateTable', { TableName: 'numbered', AttributeDefinitions: [keyType('pk', 'S'), keyType('n', 'N')], KeySchema: [hash('pk'), range('n')], BillingMode: 'PAY_PER_REQUEST' }],
  ['PutItem', { TableName: 'paged', Item: { pk: S('a'), sk: S('m'), g: S('G'), h: N('5'), ls: S('m') } }],
  ['PutItem', { TableName: 'hashed', Item: { id: S('a') } }],
  ['PutItem', { TableName: 'numbered', Item: { pk: S('a'), n: N('10') } }],
]

const tableQuery = (condition: string, values: object, start: unknown, reverse = false): Call => [
  'Query',
  { TableName: 'paged', KeyConditionExpression: `pk = :p${condition === '' ? '' : ` AND ${condition}`}`, ExpressionAttributeValues: { ':p': S('a'), ...values }, ExclusiveStartKey: start, ...(reverse ? { ScanIndexForward: false } : {}) },
]
const indexQuery = (index: string, partition: string, condition: string, values: object, start: unknown, reverse = false): Call => [
  'Query',
  {
    TableName: 'paged',
    IndexName: index,
    KeyConditionExpression: `${partition} = :p${condition === '' ? '' : ` AND ${condition}`}`,
    ExpressionAttributeValues: { ':p': S(partition === 'g' ? 'G' : 'a'), ...values },
    ExclusiveStartKey: start,
    ...(reverse ? { ScanIndexForward: false } : {}),
  },
]
const scan = (table: string, start: unknown, extra: object = {}): Call => ['Scan', { TableName: table, ExclusiveStartKey: start, ...extra }]

// Every sort key condition against start keys below, on, between and above its bounds, read both ways.
function conditionGrid(): Call[] {
  const conditions: [string, object][] = [
    ['sk >= :c', { ':c': S('m') }],
    ['sk > :c', { ':c': S('m') }],
    ['sk <= :c', { ':c': S('m') }],
    ['sk < :c', { ':c': S('m') }],
    ['sk = :c', { ':c': S('m') }],
    ['sk BETWEEN :c AND :d', { ':c': S('m'), ':d': S('p') }],
    ['begins_with(sk, :c)', { ':c': S('m') }],
  ]
  const calls: Call[] = []
  for (const [condition, values] of conditions) {
    for (const sk of ['l', 'm', 'ma', 'n', 'p', 'q']) for (const reverse of [false, true]) calls.push(tableQuery(condition, values, { pk: S('a'), sk: S(sk) }, reverse))
  }
  const indexConditions: [string, object][] = [
    ['h >= :c', { ':c': N('5') }],
    ['h > :c', { ':c': N('5') }],
    ['h <= :c', { ':c': N('5') }],
    ['h < :c', { ':c': N('5') }],
    ['h = :c', { ':c': N('5') }],
    ['h BETWEEN :c AND :d', { ':c': N('5'), ':d': N('9') }],
  ]
  for (const [condition, values] of indexConditions) {
    for (const h of ['4', '5', '7', '9', '10']) {
      for (const reverse of [false, true]) calls.push(indexQuery('byG', 'g', condition, values, { pk: S('a'), sk: S('m'), g: S('G'), h: N(h) }, reverse))
    }
  }
  for (const ls of ['l', 'm', 'n']) for (const reverse of [false, true]) calls.push(indexQuery('byLs', 'pk', 'ls >= :c', { ':c': S('m') }, { pk: S('a'), sk: S('m'), ls: S(ls) }, reverse))
  return calls
}

/** The requests, each answered on its own (none of them writes). */
export const START_KEY_CASES: readonly Call[] = [
  // The attribute set of a table's key: counted first, then matched by name.
  tableQuery('', {}, {}),
  tableQuery('', {}, { pk: S('a') }),
  tableQuery('', {}, { pk: S('a'), x: S('1') }),
  tableQuery('', {}, { pk: S('a'), sk: S('1'), x: S('1') }),
  tableQuery('', {}, { pk: N('1') }),
  tableQuery('', {}, { pk: N('1'), x: S('1') }),
  scan('paged', {}),
  scan('paged', { pk: S('a') }),
  scan('paged', { pk: S('a'), x: S('1') }),
  scan('paged', { pk: S('a'), sk: S('1'), x: S('1') }),
  scan('hashed', { id: S('a'), sk: S('a') }),
  scan('hashed', { x: S('a') }),
  // Types, then empty values.
  tableQuery('', {}, { pk: S('a'), sk: N('1') }),
  tableQuery('', {}, { pk: N('1'), sk: S('1') }),
  tableQuery('', {}, { pk: S('a'), sk: { SS: ['x'] } }),
  tableQuery('', {}, { pk: S('a'), sk: { NULL: true } }),
  tableQuery('', {}, { pk: S('a'), sk: { M: {} } }),
  tableQuery('', {}, { pk: S(''), sk: N('1') }),
  tableQuery('', {}, { pk: S(''), sk: S('') }),
  tableQuery('', {}, { pk: S('b'), sk: S('') }),
  scan('paged', { pk: S(''), sk: N('1') }),
  scan('paged', { pk: S('a'), sk: { NS: ['1'] } }),
  scan('hashed', { id: S('') }),
  scan('binary', { pk: S('a'), b: { B: '' } }),
  // The partition, and sort keys of other types.
  tableQuery('', {}, { pk: S('b'), sk: S('a') }),
  tableQuery('sk > :c', { ':c': S('m') }, { pk: S('b'), sk: S('a') }),
  tableQuery('sk > :c', { ':c': S('m') }, { pk: S('b'), sk: N('1') }),
  ['Query', { TableName: 'hashed', KeyConditionExpression: 'id = :p', ExpressionAttributeValues: { ':p': S('a') }, ExclusiveStartKey: { id: S('a') } }],
  ['Query', { TableName: 'hashed', KeyConditionExpression: 'id = :p', ExpressionAttributeValues: { ':p': S('a') }, ExclusiveStartKey: { id: S('b') } }],
  ['Query', { TableName: 'binary', KeyConditionExpression: 'pk = :p AND begins_with(b, :c)', ExpressionAttributeValues: { ':p': S('a'), ':c': { B: 'AQI=' } }, ExclusiveStartKey: { pk: S('a'), b: { B: 'AQID' } } }],
  ['Query', { TableName: 'binary', KeyConditionExpression: 'pk = :p AND begins_with(b, :c)', ExpressionAttributeValues: { ':p': S('a'), ':c': { B: 'AQI=' } }, ExclusiveStartKey: { pk: S('a'), b: { B: 'AQM=' } } }],
  ['Query', { TableName: 'numbered', KeyConditionExpression: 'pk = :p AND n > :c', ExpressionAttributeValues: { ':p': S('a'), ':c': N('10') }, ExclusiveStartKey: { pk: S('a'), n: N('9') } }],
  ['Query', { TableName: 'numbered', KeyConditionExpression: 'pk = :p AND n > :c', ExpressionAttributeValues: { ':p': S('a'), ':c': N('10') }, ExclusiveStartKey: { pk: S('a'), n: N('10.5') } }],
  ['Query', { TableName: 'numbered', KeyConditionExpression: 'pk = :p AND n > :c', ExpressionAttributeValues: { ':p': S('a'), ':c': N('10') }, ExclusiveStartKey: { pk: S('a'), n: N('10.00') } }],
  // Index keys: the set as a whole, types, empty values, the index partition.
  indexQuery('byG', 'g', '', {}, { g: S('G') }),
  indexQuery('byG', 'g', '', {}, { pk: S('a'), g: S('G'), h: N('4') }),
  indexQuery('byG', 'g', '', {}, { pk: S('a'), sk: S('1'), g: S('G') }),
  indexQuery('byG', 'g', '', {}, { pk: N('1'), sk: S('1'), g: S('G') }),
  indexQuery('byG', 'g', '', {}, { pk: S('a'), sk: S('1'), g: S('G'), h: N('4'), x: S('1') }),
  indexQuery('byG', 'g', '', {}, { pk: S('a'), sk: S('1'), g: S('G'), h: S('x'), x: S('1') }),
  indexQuery('byG', 'g', '', {}, { pk: S('a'), sk: S('1'), g: S('G'), h: S('4') }),
  indexQuery('byG', 'g', '', {}, { pk: N('1'), sk: S('1'), g: N('1'), h: N('4') }),
  indexQuery('byG', 'g', '', {}, { pk: S('a'), sk: S(''), g: S('G'), h: N('4') }),
  indexQuery('byG', 'g', '', {}, { pk: S('a'), sk: S('1'), g: S(''), h: N('4') }),
  indexQuery('byG', 'g', '', {}, { pk: S(''), sk: S('1'), g: S(''), h: N('4') }),
  indexQuery('byG', 'g', '', {}, { pk: S('a'), sk: S(''), g: S(''), h: N('4') }),
  indexQuery('byG', 'g', '', {}, { pk: S('a'), sk: S('1'), g: S('H'), h: N('4') }),
  // Items with equal index keys follow each other in an order the service does not document (DynamoDB Local's is
  // not the table key's): the start key is an item's own.
  indexQuery('byGOnly', 'g', '', {}, { pk: S('a'), sk: S('m'), g: S('G') }),
  indexQuery('byGOnly', 'g', '', {}, { pk: S('a'), sk: S('1'), g: S('H') }),
  indexQuery('byLs', 'pk', '', {}, { pk: S('a'), sk: S('1') }),
  indexQuery('byLs', 'pk', '', {}, { pk: S('a'), sk: S('1'), ls: S('') }),
  indexQuery('byLs', 'pk', '', {}, { pk: S('b'), sk: S('1'), ls: S('m') }),
  scan('paged', { pk: S('a'), sk: S('1') }, { IndexName: 'byG' }),
  scan('paged', { pk: S('a'), sk: S('1'), g: S('G'), h: S('x') }, { IndexName: 'byG' }),
  scan('paged', { pk: S('a'), sk: S('1'), g: S('G'), h: N('1') }, { IndexName: 'byG' }),
  ...conditionGrid(),
]

/** The answer a case is compared by: the error's name and message, or how many items the page read. */
export type StartKeyAnswer = { readonly error: string; readonly message: string } | { readonly items: number }

/** A wire answer as a `StartKeyAnswer`. */
export function startKeyAnswer(answer: { ok: true; body: Record<string, unknown> } | { ok: false; name: string; message: string }): StartKeyAnswer {
  return answer.ok ? { items: ((answer.body.Items as unknown[] | undefined) ?? []).length } : { error: answer.name, message: answer.message }
}
