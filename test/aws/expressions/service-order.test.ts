// Answers of DynamoDB's own engine (DynamoDB Local) that the differential oracle found: which error wins when a
// request has several, the texts of number faults in updates, and the names the service accepts.
import { describe, expect, it } from 'vitest'
import {
  checkFilterKeyAttributes,
  checkKeyAttributePaths,
  compileCondition,
  compileExpressions,
  compileFilter,
  compileProjection,
  compileUpdate,
} from '../../../src/aws/expressions/index.js'
import { Decimal } from '../../../src/values/number.js'
import { serviceMessageOf } from './helpers.js'

const KEYS = ['pk', 'sk']
const SCHEMA = { partitionKey: 'pk', sortKey: 'sk', partitionKeyType: 'S', sortKeyType: 'S' } as const
const MAX = '9.9999999999999999999999999999999999999E+125'
const SCALARS = "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk"

describe('size as an attribute name', () => {
  it('is accepted in filters, projections and updates, in any letter case', () => {
    expect(compileFilter('size.s = :v', { values: { ':v': 1 } }).evaluate({ size: { s: 1 } })).toBe(true)
    expect(compileProjection('size, SIZE.x').paths).toEqual([['size'], ['SIZE', 'x']])
    expect(compileUpdate('SET size = size + :v REMOVE m.size', { values: { ':v': 1 } }).apply({ size: 1, m: { size: 2 } }, {})).toEqual({ size: 2, m: {} })
  })

  it('leaves the next finding of the same phase to be reported', () => {
    expect(serviceMessageOf(() => compileCondition(':v BETWEEN a AND size(size)', { values: { ':v': {} } }))).toBe(
      'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: M',
    )
  })
})

describe('syntax errors', () => {
  it('take a leading underscore for a token of its own: a bare name starts with a letter', () => {
    expect(serviceMessageOf(() => compileProjection('_id'))).toBe('Invalid ProjectionExpression: Syntax error; token: "_", near: "_id"')
    expect(serviceMessageOf(() => compileProjection('a._b'))).toBe('Invalid ProjectionExpression: Syntax error; token: "_", near: "._b"')
    expect(serviceMessageOf(() => compileCondition('attribute_not # _exists(z)'))).toBe('Invalid ConditionExpression: Syntax error; token: "#", near: "attribute_not # _"')
    expect(compileProjection('a_b, #_x', { names: { '#_x': 'x' } }).paths).toEqual([['a_b'], ['x']])
  })

  // DynamoDB Local's answers, probed.
  it('take a parenthesised operand for one, and fail at the token after it', () => {
    const condition = (text: string): string => serviceMessageOf(() => compileCondition(text, { values: { ':v0': 'x' } }))
    const syntax = (token: string, near: string): string => `Invalid ConditionExpression: Syntax error; token: "${token}", near: "${near}"`
    expect(condition('(:v0) N (s)')).toBe(syntax('N', ') N ('))
    expect(condition('(a)')).toBe(syntax('<EOF>', ')'))
    expect(condition('(a.b)')).toBe(syntax('<EOF>', ')'))
    expect(condition('NOT (a)')).toBe(syntax('<EOF>', ')'))
    expect(condition('(a) AND b = :v0')).toBe(syntax('AND', ') AND b'))
    expect(condition('(a) OR (b = :v0)')).toBe(syntax('OR', ') OR ('))
    expect(condition('(a) b')).toBe(syntax('b', ') b'))
    expect(condition('(a = :v0) N')).toBe(syntax('N', ') N'))
    expect(condition('(a = )')).toBe(syntax(')', '= )'))
  })

  it('quote the leading blanks when the error is at the first token', () => {
    expect(serviceMessageOf(() => compileProjection('  , a'))).toBe('Invalid ProjectionExpression: Syntax error; token: ",", near: "  , a"')
    expect(serviceMessageOf(() => compileUpdate(' . ADD a :v'))).toBe('Invalid UpdateExpression: Syntax error; token: ".", near: " . ADD"')
  })
})

describe('BETWEEN messages', () => {
  it('quote numbers as the request spelt them', () => {
    const values = { ':a': 150, ':b': 3.14, ':c': 0 }
    const numberTexts = { ':a': '1.5E2', ':b': '3.1400', ':c': '-0' }
    expect(serviceMessageOf(() => compileCondition('x BETWEEN :a AND :b', { values, numberTexts }))).toBe(
      'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:1.5E2}, upper bound operand: AttributeValue: {N:3.1400}',
    )
    expect(serviceMessageOf(() => compileCondition('x BETWEEN :b AND :c', { values, numberTexts }))).toMatch(/\{N:3\.1400\}, upper bound operand: AttributeValue: \{N:-0\}$/)
  })

  it('print the normalised number when the text is not given', () => {
    expect(serviceMessageOf(() => compileCondition('x BETWEEN :a AND :b', { values: { ':a': 150, ':b': 1 } }))).toMatch(/\{N:150\}, upper bound operand: AttributeValue: \{N:1\}$/)
  })
})

describe('arithmetic in updates', () => {
  const apply = (expression: string, values: Record<string, unknown>, item = {}): string =>
    serviceMessageOf(() => compileUpdate(expression, { values: values as never }).apply(item, {}))

  it('fails on precision before range, in the words of the update path', () => {
    expect(apply('SET a = :x + :x', { ':x': Decimal.from(MAX) })).toBe('DynamoDB only supports precision up to 38 digits')
    expect(apply('SET a = :x + :y', { ':x': Decimal.from('1E+100'), ':y': 100 })).toBe('DynamoDB only supports precision up to 38 digits')
    expect(apply('ADD a :y', { ':y': 10 }, { a: Decimal.from(MAX) })).toBe('DynamoDB only supports precision up to 38 digits')
  })

  it('keeps the overflow and underflow texts of a result of few digits', () => {
    expect(apply('SET a = :x + :x', { ':x': Decimal.from('9E+125') })).toBe('Number overflow. Attempting to store a number with magnitude larger than supported range')
    expect(apply('SET a = :x - :y', { ':x': Decimal.from('1.1E-130'), ':y': Decimal.from('1E-130') })).toBe(
      'Number underflow. Attempting to store a number with magnitude smaller than supported range',
    )
  })
})

describe('undefined names in an update', () => {
  // DynamoDB Local's answers, probed.
  it('are met as the engine files the targets, from the one written last, among the overlaps and conflicts', () => {
    const undefinedName = (name: string): string => `Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: ${name}`
    const overlapOfB = 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [b], path two: [b, c]'
    const update = (text: string): string => serviceMessageOf(() => compileUpdate(text, { values: { ':v': 1 } }))
    expect(update('ADD #a :v SET #b = :v')).toBe(undefinedName('#b'))
    expect(update('REMOVE #a ADD #c :v')).toBe(undefinedName('#c'))
    expect(update('ADD #c :v REMOVE #a')).toBe(undefinedName('#a'))
    expect(update('SET #b = :v REMOVE #a')).toBe(undefinedName('#a'))
    expect(update('REMOVE #a, #b')).toBe(undefinedName('#b'))
    expect(update('SET b = :v, b.c = :v, #a = :v')).toBe(undefinedName('#a'))
    expect(update('REMOVE b ADD b.c :v, #a :v')).toBe(undefinedName('#a'))
    expect(update('SET #a = :v, b = :v, b.c = :v')).toBe(overlapOfB)
    expect(update('REMOVE #a ADD b :v, b.c :v')).toBe(overlapOfB)
  })

  it('in a projection, are met the same way', () => {
    const projection = (text: string): string => serviceMessageOf(() => compileProjection(text))
    expect(projection('b, b.c, #a')).toBe('Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #a')
    expect(projection('b, #a, b.c')).toBe('Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #a')
    expect(projection('#a, b, b.c')).toBe('Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [b], path two: [b, c]')
  })
})

describe('if_not_exists', () => {
  it('reads its fallback even when the first operand exists', () => {
    const update = compileUpdate('SET a = if_not_exists(s, zz)')
    expect(serviceMessageOf(() => update.apply({ s: 'x' }, {}))).toBe('The provided expression refers to an attribute that does not exist in the item')
    expect(compileUpdate('SET a = if_not_exists(zz, s)').apply({ s: 'x' }, {})).toEqual({ s: 'x', a: 'x' })
  })
})

describe('a Query', () => {
  it('checks the filter and the projection before the key condition, syntax included', () => {
    expect(serviceMessageOf(() => compileExpressions({ keyConditionExpression: 'pk = = :v', filterExpression: 'status = :v', values: { ':v': 'x' } }))).toBe(
      'Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: status',
    )
  })

  it('checks the key-condition rules after the unused placeholders and the key paths', () => {
    const values = { ':v': 'x', ':w': 1 }
    for (const keyConditionExpression of ['NOT pk = :v', 'pk = :v AND pk = :v', 'pk = :v AND size(sk) = :v', 'pk = :v AND sk <> :v']) {
      expect(serviceMessageOf(() => compileExpressions({ keyConditionExpression, values })), keyConditionExpression).toBe(
        'Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}',
      )
    }
    const compiled = compileExpressions({ keyConditionExpression: 'NOT pk = :v', projectionExpression: 'pk.a', values: { ':v': 'x' } })
    expect(serviceMessageOf(() => checkKeyAttributePaths(compiled, KEYS))).toBe(SCALARS)
    expect(serviceMessageOf(() => compiled.keyCondition?.match(SCHEMA))).toBe('Invalid operator used in KeyConditionExpression: NOT')
  })

  it('reports the generic findings of a key condition before the unused placeholders', () => {
    const values = { ':v': 'x', ':a': 'b', ':b': 'a', ':w': 1 }
    expect(serviceMessageOf(() => compileExpressions({ keyConditionExpression: 'pk = :v AND sk BETWEEN :a AND :b', values }))).toMatch(/^Invalid KeyConditionExpression: The BETWEEN operator requires upper bound/)
    expect(serviceMessageOf(() => compileExpressions({ keyConditionExpression: '((pk = :v))', values }))).toBe('Invalid KeyConditionExpression: The expression has redundant parentheses;')
  })

  it('refuses an empty string key value once the types match', () => {
    const match = (values: Record<string, string>): string =>
      serviceMessageOf(() => compileExpressions({ keyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b', values }).keyCondition?.match(SCHEMA))
    expect(match({ ':p': '', ':a': 'a', ':b': 'b' })).toBe('One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk')
    expect(match({ ':p': 'x', ':a': '', ':b': 'b' })).toBe('One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: sk')
  })
})

describe('paths inside key attributes', () => {
  it('are refused in conditions, filters and projections, after the unused placeholders', () => {
    expect(serviceMessageOf(() => checkKeyAttributePaths(compileExpressions({ filterExpression: 'attribute_exists(pk[0])' }), KEYS))).toBe(SCALARS)
    expect(serviceMessageOf(() => checkKeyAttributePaths(compileExpressions({ conditionExpression: 'attribute_exists(pk.a)' }), KEYS))).toBe(SCALARS)
    expect(() => checkKeyAttributePaths(compileExpressions({ filterExpression: 'attribute_exists(pk)', projectionExpression: 'sk, a.pk' }), KEYS)).not.toThrow()
    expect(serviceMessageOf(() => compileExpressions({ filterExpression: 'pk.a = :v', values: { ':v': 1, ':w': 1 } }))).toBe(
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}',
    )
  })

  it('are refused in update operands, after a write of a key attribute', () => {
    expect(serviceMessageOf(() => compileUpdate('SET b = pk.a').checkKeyAttributes(KEYS))).toBe(SCALARS)
    expect(serviceMessageOf(() => compileUpdate('SET sk = :v, b = pk.a', { values: { ':v': 1 } }).checkKeyAttributes(KEYS))).toBe(
      'One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key',
    )
  })
})

describe('placeholders without expressions', () => {
  it('treat an empty FilterExpression as absent for the values, not for the names', () => {
    const valueParameters = ['FilterExpression'] as const
    expect(serviceMessageOf(() => compileExpressions({ filterExpression: '', values: { ':v': 1 }, valueParameters }))).toBe(
      'ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null',
    )
    expect(serviceMessageOf(() => compileExpressions({ filterExpression: '', names: { '#a': 'a' }, valueParameters }))).toBe('Invalid FilterExpression: The expression can not be empty;')
    expect(serviceMessageOf(() => compileExpressions({ filterExpression: '', keyConditionExpression: 'pk = :v', values: { ':v': 'x' } }))).toBe(
      'Invalid FilterExpression: The expression can not be empty;',
    )
  })

  it('ignore empty maps when the request has no expression, and refuse them when it has one', () => {
    expect(() => compileExpressions({ names: {}, values: {} })).not.toThrow()
    expect(serviceMessageOf(() => compileExpressions({ projectionExpression: 'a', values: {}, valueParameters: ['FilterExpression'] }))).toBe('ExpressionAttributeValues must not be empty')
    expect(serviceMessageOf(() => compileExpressions({ names: {}, values: { ':v': 1 }, valueParameters: ['FilterExpression'] }))).toBe(
      'ExpressionAttributeValues can only be specified when using expressions: FilterExpression is null',
    )
  })
})

describe('the engine order of an update action faults', () => {
  const PATH = 'The document path provided in the update expression is invalid for update'
  const TYPE = 'An operand in the update expression has an incorrect data type'
  const faultOf = (expression: string, item: Record<string, unknown>): string =>
    serviceMessageOf(() => compileUpdate(expression, { names: { '#y': 'year' }, values: { ':n': 1, ':ss': new Set(['a']) } }).apply(item as never, {}))

  it('meets a REMOVE among the other actions, in the order of its tree of paths', () => {
    // x files before b in the engine's hash order, whatever the text order.
    expect(faultOf('REMOVE x.r ADD b :ss', { b: 1 })).toBe(PATH)
    expect(faultOf('ADD b :ss REMOVE x.r', { b: 1 })).toBe(PATH)
    expect(faultOf('REMOVE b.r ADD x :ss', { x: 1 })).toBe(TYPE)
  })

  it('orders names by the spread hash of the engine, multi-letter names included', () => {
    // year files before nums and after m; a name that shares a bucket goes by the text, the one written last first.
    expect(faultOf('ADD #y :ss REMOVE nums[1]', { year: 1 })).toBe(TYPE)
    expect(faultOf('REMOVE nums[1] ADD #y :ss', { year: 1 })).toBe(TYPE)
    expect(faultOf('ADD #y :ss REMOVE m.q', { year: 1 })).toBe(PATH)
    expect(faultOf('ADD #y :ss REMOVE x.q', { year: 1 })).toBe(PATH)
    expect(faultOf('REMOVE x.q ADD #y :ss', { year: 1 })).toBe(TYPE)
  })

  it('checks operands when filing actions, from the action written last', () => {
    expect(serviceMessageOf(() => compileUpdate('SET l = :u + l ADD m :s', { values: { ':s': 'ab' } }))).toBe(
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND',
    )
    expect(serviceMessageOf(() => compileUpdate('DELETE z :l, s :n', { values: { ':l': [null], ':n': 1 } }))).toBe(
      'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND',
    )
  })
})

describe('the keywords of every grammar', () => {
  it('are syntax errors where a name stands, in conditions, updates and projections, in any letter case', () => {
    expect(serviceMessageOf(() => compileCondition('a = set b'))).toBe('Invalid ConditionExpression: Syntax error; token: "set", near: "= set b"')
    expect(serviceMessageOf(() => compileCondition('attribute_exists(REMOVE)'))).toBe('Invalid ConditionExpression: Syntax error; token: "REMOVE", near: "(REMOVE)"')
    expect(serviceMessageOf(() => compileUpdate('SET a = AND'))).toBe('Invalid UpdateExpression: Syntax error; token: "AND", near: "= AND"')
    expect(serviceMessageOf(() => compileUpdate('SET not = :v', { values: { ':v': 1 } }))).toBe('Invalid UpdateExpression: Syntax error; token: "not", near: "SET not ="')
    expect(serviceMessageOf(() => compileProjection('a.remove'))).toBe('Invalid ProjectionExpression: Syntax error; token: "remove", near: ".remove"')
    expect(serviceMessageOf(() => compileProjection('a, between'))).toBe('Invalid ProjectionExpression: Syntax error; token: "between", near: ", between"')
  })
})

describe('what the parser refuses at once', () => {
  it('reports redundant parentheses as the group closes, before a later syntax error, an arithmetic group included', () => {
    const REDUNDANT = 'The expression has redundant parentheses;'
    expect(serviceMessageOf(() => compileUpdate('SET x = ((a + b)) + c'))).toBe(`Invalid UpdateExpression: ${REDUNDANT}`)
    expect(serviceMessageOf(() => compileUpdate('SET x = ((a)), y = = b'))).toBe(`Invalid UpdateExpression: ${REDUNDANT}`)
    expect(serviceMessageOf(() => compileUpdate('SET x = (a + b) + c'))).toBe('Invalid UpdateExpression: Syntax error; token: "+", near: ") + c"')
    expect(serviceMessageOf(() => compileCondition('((a = b)) AND = c'))).toBe(`Invalid ConditionExpression: ${REDUNDANT}`)
    expect(serviceMessageOf(() => compileCondition('a = = ((b))'))).toBe('Invalid ConditionExpression: Syntax error; token: "=", near: "= = ("')
  })

  it('shows the blanks after a token that ends the text in the near window', () => {
    expect(serviceMessageOf(() => compileCondition(':a = :b , ', { values: { ':a': 1, ':b': 1 } }))).toBe('Invalid ConditionExpression: Syntax error; token: ",", near: ":b , "')
    expect(serviceMessageOf(() => compileCondition('a = b ( '))).toBe('Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "( "')
  })
})

describe('the static checks of a condition', () => {
  it('go in one walk in the text order: placeholders, operand counts, distinct operands and type names alike', () => {
    expect(serviceMessageOf(() => compileCondition('b = b and a = :u'))).toBe(
      'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [b]',
    )
    expect(serviceMessageOf(() => compileCondition('begins_with(a) and #f = c'))).toBe(
      'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1',
    )
    expect(serviceMessageOf(() => compileCondition('#f = c and begins_with(a)'))).toBe(
      'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #f',
    )
    expect(serviceMessageOf(() => compileCondition('size(:s) > :n and #f = c', { values: { ':s': 1, ':n': 1 } }))).toBe(
      'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N',
    )
  })
})

// DynamoDB Local's answers to these expressions, probed pair by pair.
describe('the paths an overlap or a conflict names', () => {
  const overlap = (one: string, two: string): string => `Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`
  const conflict = (one: string, two: string): string => `Two document paths conflict with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`
  const projection = (text: string): string | undefined => serviceMessageOf(() => compileProjection(text))

  it('start from the path written last: path one is the first, going back, that meets one written after it', () => {
    expect(projection('nums[1][3], s, nums, s')).toBe(`Invalid ProjectionExpression: ${overlap('[s]', '[s]')}`)
    expect(projection('l[0], l[1], l, c[3]')).toBe(`Invalid ProjectionExpression: ${overlap('[l, [1]]', '[l]')}`)
    expect(projection('b.d, a.c, a')).toBe(`Invalid ProjectionExpression: ${overlap('[a, c]', '[a]')}`)
  })

  it('name as path two the first path of the engine tree walk, which need not overlap path one', () => {
    expect(projection('b, a, b.d, a.c')).toBe(`Invalid ProjectionExpression: ${overlap('[a]', '[b, d]')}`)
    expect(projection('a.c, b.d, a')).toBe(`Invalid ProjectionExpression: ${overlap('[a, c]', '[b, d]')}`)
    expect(projection('a.c, b, a')).toBe(`Invalid ProjectionExpression: ${overlap('[a, c]', '[b]')}`)
    expect(projection('a, a.c, a.d')).toBe(`Invalid ProjectionExpression: ${overlap('[a]', '[a, d]')}`)
    expect(projection('m, m.x.b, size, m.z')).toBe(`Invalid ProjectionExpression: ${overlap('[m]', '[m, z]')}`)
  })

  it('report whichever of an overlap and a conflict the walk meets first, a conflict naming a path below its step', () => {
    expect(serviceMessageOf(() => compileUpdate('SET a[1] = :v, b = :v, a.x = :v', { values: { ':v': 1 } }))).toBe(
      `Invalid UpdateExpression: ${conflict('[a, [1]]', '[a, x]')}`,
    )
    expect(serviceMessageOf(() => compileUpdate('REMOVE nums, l SET nums[3] = :v ADD b :s, nums.#n :s', { names: { '#n': 'name' }, values: { ':v': 1, ':s': new Set([1]) } }))).toBe(
      `Invalid UpdateExpression: ${conflict('[nums, [3]]', '[nums, name]')}`,
    )
    expect(serviceMessageOf(() => compileUpdate('SET b.d = :v, a = :v, a.c = :v', { values: { ':v': 1 } }))).toBe(`Invalid UpdateExpression: ${overlap('[a]', '[a, c]')}`)
  })
})

describe('the walk an overlap names its path two from', () => {
  const overlap = (one: string, two: string): string =>
    `Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: ${one}, path two: ${two}`

  it('starts at the step above the filed path met, at any depth', () => {
    expect(serviceMessageOf(() => compileProjection('s.b[0], m.l.z.z, s.b[0], s.b[1]'))).toBe(overlap('[s, b, [0]]', '[s, b, [1]]'))
    expect(serviceMessageOf(() => compileProjection('qty, z.bin, l[1], z.bin'))).toBe(overlap('[z, bin]', '[z, bin]'))
    expect(serviceMessageOf(() => compileProjection('st.fi[3], lb, st.fi, pk'))).toBe(overlap('[st, fi, [3]]', '[st, fi]'))
  })
})

// DynamoDB Local's answers, probed on a table of a string partition key and a number sort key.
describe('the order of a key condition schema checks', () => {
  const schema = { partitionKey: 'pk', sortKey: 'sk', partitionKeyType: 'S', sortKeyType: 'N' } as const
  const match = (keyConditionExpression: string, values: Record<string, string | number>): string =>
    serviceMessageOf(() => compileExpressions({ keyConditionExpression, values }).keyCondition?.match(schema))
  const EMPTY_PK = 'One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain an empty string value. Key: pk'
  const TYPE = 'One or more parameter values were invalid: Condition parameter type does not match schema type'

  it('checks the partition key term whole before matching the other term to the sort key', () => {
    expect(match('pk = :e AND x = :n', { ':e': '', ':n': 1 })).toBe(EMPTY_PK)
    expect(match('x = :n AND pk = :e', { ':e': '', ':n': 1 })).toBe(EMPTY_PK)
    expect(match('pk = :n AND x = :n', { ':n': 1 })).toBe(TYPE)
    expect(match('pk < :s AND x = :n', { ':s': 'a', ':n': 1 })).toBe('Query key condition not supported')
    expect(match('sk = :n AND x = :n', { ':n': 1 })).toBe('Query condition missed key schema element: pk')
  })

  it('checks the partition key value type before its operator, and its operator before an empty value', () => {
    expect(match('pk < :n AND sk = :n', { ':n': 1 })).toBe(TYPE)
    expect(match('pk < :e AND sk = :n', { ':e': '', ':n': 1 })).toBe('Query key condition not supported')
    expect(match('pk = :s AND sk = :s', { ':s': 'a' })).toBe(TYPE)
    expect(match('sk = :s AND pk = :e', { ':e': '', ':s': 'a' })).toBe(EMPTY_PK)
  })
})

// DynamoDB Local's answers, probed.
describe('a path inside a key attribute', () => {
  const nested = (key: string): string => `Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: ${key}`

  it('is reported for the partition key before the sort key, whatever the order of the paths', () => {
    const filtered = (filterExpression: string): string =>
      serviceMessageOf(() => checkKeyAttributePaths(compileExpressions({ filterExpression, values: { ':v': 1 } }), KEYS))
    expect(filtered('sk.a = :v AND pk[0] = :v')).toBe(nested('pk'))
    expect(filtered('x = :v AND sk.a = :v AND pk.b = :v')).toBe(nested('pk'))
    expect(serviceMessageOf(() => checkKeyAttributePaths(compileExpressions({ projectionExpression: 'sk.a, pk[0]' }), KEYS))).toBe(nested('pk'))
    expect(serviceMessageOf(() => checkKeyAttributePaths(compileExpressions({ projectionExpression: 'a, sk.a, b' }), KEYS))).toBe(nested('sk'))
  })

  it('in a Query filter, as a key attribute read, is reported for the partition key first too', () => {
    expect(serviceMessageOf(() => checkFilterKeyAttributes(compileFilter('sk <> pk OR attribute_exists(v.n)'), KEYS))).toBe(
      'Filter Expression can only contain non-primary key attributes: Primary key attribute: pk',
    )
  })
})

describe('an arithmetic operand of an update', () => {
  it('is checked whole, side by side: a function not allowed on the left is met before a misused list_append on the right', () => {
    expect(serviceMessageOf(() => compileUpdate('SET bin = size(bin) + list_append(:v0, :v1)', { values: { ':v0': [], ':v1': 3 } }))).toBe(
      'Invalid UpdateExpression: The function is not allowed in an update expression; function: size',
    )
    expect(serviceMessageOf(() => compileUpdate('SET bin = list_append(:v0, :v1) + size(bin)', { values: { ':v0': [], ':v1': 3 } }))).toBe(
      'Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append',
    )
  })
})
