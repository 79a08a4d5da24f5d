// Every static error of the expression languages, with the service's exact text (reference §3; texts and the order
// of errors as DynamoDB's own engine, DynamoDB Local, answers them).
import { describe, expect, it } from 'vitest'
import {
  checkFilterKeyAttributes,
  checkPlaceholderMaps,
  compileCondition,
  compileFilter,
  compileExpressions,
  compileUpdate,
  isReservedWord,
  RESERVED_WORD_COUNT,
} from '../../../src/aws/expressions/index.js'
import type { AttributeValue } from '../../../src/index.js'
import { compileOne, serviceMessageOf, type Kind } from './helpers.js'

type Case = readonly [kind: Kind, expression: string, message: string, names?: Record<string, string>, values?: Record<string, AttributeValue>]

const N1 = { ':v': 1 }
const S1 = { ':v': 'x' }
const ALL_A = Object.fromEntries([[':a', 1]])
const DEEP_33 = Array.from({ length: 33 }, (_, i) => `a${i}`).join('.')

const cases: readonly Case[] = [
  // §3.1 lexical rules: empty, syntax with its token and near window, redundant parentheses, reserved words.
  ['condition', '', 'Invalid ConditionExpression: The expression can not be empty;'],
  ['update', '', 'Invalid UpdateExpression: The expression can not be empty;'],
  ['projection', '', 'Invalid ProjectionExpression: The expression can not be empty;'],
  ['condition', ' ', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: " "'],
  ['condition', 'a b', 'Invalid ConditionExpression: Syntax error; token: "b", near: "a b"'],
  ['update', 'INVALID SYNTAX HERE', 'Invalid UpdateExpression: Syntax error; token: "INVALID", near: "INVALID SYNTAX"'],
  ['projection', '!!! INVALID !!!', 'Invalid ProjectionExpression: Syntax error; token: "!", near: "!!"'],
  ['projection', 'a,', 'Invalid ProjectionExpression: Syntax error; token: "<EOF>", near: ","'],
  ['condition', 'a,', 'Invalid ConditionExpression: Syntax error; token: ",", near: "a,"'],
  ['condition', 'a = :type AND ', 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "AND "', undefined, { ':type': 'x' }],
  ['condition', 'attribute_type()', 'Invalid ConditionExpression: Syntax error; token: ")", near: "()"'],
  ['projection', 'l[a]', 'Invalid ProjectionExpression: Syntax error; token: "a", near: "[a]"'],
  ['update', 'SET', 'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "SET"'],
  ['condition', 'a[-1] = :v', 'Invalid ConditionExpression: Syntax error; token: "-", near: "[-1"', undefined, N1],
  ['condition', 'a[0.4] = :v', 'Invalid ConditionExpression: Syntax error; token: ".", near: "0.4"', undefined, N1],
  ['condition', '1a = :v', 'Invalid ConditionExpression: Syntax error; token: "1", near: "1a"', undefined, N1],
  ['condition', 'a = :v,', 'Invalid ConditionExpression: Syntax error; token: ",", near: ":v,"', undefined, N1],
  ['update', 'SET a = :v + (:v - :v)', 'Invalid UpdateExpression: Syntax error; token: "-", near: ":v - :v"', undefined, N1],
  ['update', 'SET a = (:v + :v) - :v', 'Invalid UpdateExpression: Syntax error; token: "-", near: ") - :v"', undefined, N1],
  ['update', 'SET a = list_append((:v + :v), :v)', 'Invalid UpdateExpression: Syntax error; token: "+", near: ":v + :v"', undefined, N1],
  ['update', 'SET (a) = :v', 'Invalid UpdateExpression: Syntax error; token: "(", near: "SET (a"', undefined, N1],
  ['condition', '((a = :v))', 'Invalid ConditionExpression: The expression has redundant parentheses;', undefined, N1],
  ['condition', '((a)) = :v', 'Invalid ConditionExpression: The expression has redundant parentheses;', undefined, N1],
  ['key', '((pk = :v))', 'Invalid KeyConditionExpression: The expression has redundant parentheses;', undefined, S1],
  ['filter', 'a = :v AND ((b = :v))', 'Invalid FilterExpression: The expression has redundant parentheses;', undefined, N1],
  ['update', 'SET a = (((:v)))', 'Invalid UpdateExpression: The expression has redundant parentheses;', undefined, N1],
  ['condition', 'status = :v', 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status', undefined, N1],
  ['update', 'SET status = :v', 'Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status', undefined, N1],
  ['filter', 'x.Name = :v', 'Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: Name', undefined, N1],
  ['projection', 'a, status', 'Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: status'],
  ['key', 'status = :v', 'Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved keyword: status', undefined, S1],
  // §3.2 placeholders used but not defined.
  ['condition', '#x = :v', 'Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #x', undefined, N1],
  ['condition', 'a = :w', 'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w', undefined, undefined],
  ['condition', ':w = #x', 'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w'],
  ['projection', 'a.#x', 'Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #x'],
  // §3.3 functions and operands.
  ['condition', 'foo(a)', 'Invalid ConditionExpression: Invalid function name; function: foo'],
  ['condition', 'ATTRIBUTE_EXISTS(a)', 'Invalid ConditionExpression: Invalid function name; function: ATTRIBUTE_EXISTS'],
  ['condition', 'begins_with(a)', 'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: begins_with, number of operands: 1'],
  ['condition', 'attribute_exists(a, b)', 'Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or function: attribute_exists, number of operands: 2'],
  ['condition', 'attribute_exists(:v)', 'Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists', undefined, N1],
  ['condition', 'size(a)', 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size'],
  ['condition', 'begins_with(a, :v) = :v', 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: begins_with', undefined, S1],
  ['condition', 'contains(#d, #d)', 'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: contains, first operand: [data]', { '#d': 'data' }],
  ['condition', 'a.b.c = a.b.c', 'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a, b, c]'],
  ['condition', 'a IN (:v, a)', 'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: IN, first operand: [a]', undefined, N1],
  ['condition', 'a BETWEEN :v AND a', 'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: BETWEEN, first operand: [a]', undefined, N1],
  ['condition', 'begins_with(a, :v)', 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N', undefined, N1],
  ['condition', 'size(:v) = :v', 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N', undefined, N1],
  ['condition', 'size(size(a)) = :v', 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: size, operand type: N', undefined, N1],
  ['condition', 'attribute_type(a, :v)', 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: attribute_type, operand type: N', undefined, N1],
  ['condition', 'attribute_type(a, :v)', 'Invalid ConditionExpression: Invalid attribute type name found; type: X, valid types: {N,BS,L,B,NULL,M,S,SS,NS,BOOL}', undefined, { ':v': 'X' }],
  ['condition', 'a BETWEEN :a AND :b', 'Invalid ConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:a}', undefined, { ':a': 1, ':b': 'a' }],
  ['condition', 'a BETWEEN :a AND :b', 'Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {N:1}', undefined, { ':a': 5, ':b': 1 }],
  ['condition', `a IN (${Array(101).fill(':a').join(', ')})`, 'Invalid ConditionExpression: The IN operator is provided with too many operands; number of operands: 101', undefined, ALL_A],
  ['condition', 'a > :v', 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: >, operand type: SS', undefined, { ':v': new Set(['x']) }],
  ['condition', 'a BETWEEN :v AND :w', 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: BOOL', undefined, { ':v': false, ':w': 'L' }],
  ['condition', '#a BETWEEN a AND :v', 'Invalid ConditionExpression: Incorrect operand type for operator or function; operator or function: BETWEEN, operand type: SS', { '#a': 'a' }, { ':v': new Set(['x']) }],
  // Which error wins: phases in order, and within a phase the first met in the text.
  ['condition', 'contains(data, data)', 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: data'],
  ['condition', 'status = :v AND ((a = :v))', 'Invalid ConditionExpression: The expression has redundant parentheses;', undefined, N1],
  ['condition', 'status = :v AND foo(a)', 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status', undefined, N1],
  ['condition', 'foo(status)', 'Invalid ConditionExpression: Invalid function name; function: foo'],
  ['condition', 'size(b) AND foo(a)', 'Invalid ConditionExpression: The function is not allowed to be used this way in an expression; function: size'],
  ['condition', '#x = :v AND status = :v', 'Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status', undefined, N1],
  ['condition', 'a = a AND begins_with(a)', 'Invalid ConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: =, first operand: [a]'],
  ['condition', 'attribute_exists(:v) AND a = a', 'Invalid ConditionExpression: Operator or function requires a document path; operator or function: attribute_exists', undefined, N1],
  ['condition', 'a = :w AND #x = :v', 'Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :w', undefined, N1],
  // §3.4 key conditions.
  ['key', 'sk = :v', 'Query condition missed key schema element: pk', undefined, S1],
  ['key', 'x = :v', 'Query condition missed key schema element: pk', undefined, S1],
  ['key', 'pk = :v AND x = :v', 'Query condition missed key schema element: sk', undefined, S1],
  ['key', 'pk = :v OR sk = :v', 'Invalid operator used in KeyConditionExpression: OR', undefined, S1],
  ['key', 'pk = :v AND NOT sk = :v', 'Invalid operator used in KeyConditionExpression: NOT', undefined, S1],
  ['key', 'pk IN (:v)', 'Invalid operator used in KeyConditionExpression: IN', undefined, S1],
  ['key', 'pk <> :v', 'Invalid operator used in KeyConditionExpression: <>', undefined, S1],
  ['key', 'pk = :v AND contains(sk, :v)', 'Invalid operator used in KeyConditionExpression: contains', undefined, S1],
  ['key', 'pk = :v AND attribute_exists(sk)', 'Invalid operator used in KeyConditionExpression: attribute_exists', undefined, S1],
  ['key', 'pk = :v AND pk = :v', 'KeyConditionExpressions must only contain one condition per key', undefined, S1],
  ['key', 'pk = :v AND size(sk) = :v', 'KeyConditionExpressions cannot contain nested operations', undefined, S1],
  ['key', 'pk.x = :v', "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: Key: pk", undefined, S1],
  ['key', 'pk = :v AND x.y = :v', 'KeyConditionExpressions cannot have conditions on nested attributes', undefined, S1],
  ['key', 'pk = sk', 'Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition'],
  ['key', ':v = :v', 'Invalid condition in KeyConditionExpression: No key attribute specified', undefined, S1],
  ['key', 'pk = :v AND begins_with(:v, sk)', 'Invalid condition in KeyConditionExpression: begins_with operator must have the key attribute as its first operand', undefined, S1],
  ['key', 'pk < :v', 'Query key condition not supported', undefined, S1],
  ['key', 'begins_with(pk, :v)', 'Query key condition not supported', undefined, S1],
  ['key', 'pk BETWEEN :v AND :v', 'Query key condition not supported', undefined, S1],
  ['key', 'pk = :v', 'One or more parameter values were invalid: Condition parameter type does not match schema type', undefined, N1],
  ['key', 'pk = :v AND sk = :v AND x = :v', 'Conditions can be of length 1 or 2 only', undefined, S1],
  ['key', 'pk = :v AND sk BETWEEN sk AND :v', 'Invalid KeyConditionExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: BETWEEN, first operand: [sk]', undefined, S1],
  // §3.5 updates.
  ['update', 'SET a = :v SET b = :v', 'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;', undefined, N1],
  ['update', 'REMOVE a REMOVE b', 'Invalid UpdateExpression: The "REMOVE" section can only be used once in an update expression;'],
  ['update', 'SET a = :x REMOVE a.b', 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]', undefined, { ':x': 1 }],
  ['update', 'SET a = :v REMOVE a', 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]', undefined, N1],
  ['update', 'SET a.b = :v, a = :v', 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a]', undefined, N1],
  ['update', 'SET a[0] = :v, a.b = :v', 'Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]', undefined, N1],
  ['update', 'SET #a = :v REMOVE a', 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]', { '#a': 'a' }, N1],
  ['update', 'SET a = #x REMOVE a', 'Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]'],
  ['update', 'SET a = #x, b = :w REMOVE c', 'Invalid UpdateExpression: An expression attribute value used in expression is not defined; attribute value: :w'],
  ['update', 'SET #x = :w', 'Invalid UpdateExpression: An expression attribute name used in the document path is not defined; attribute name: #x'],
  ['update', 'SET a = foo(b)', 'Invalid UpdateExpression: Invalid function name; function: foo'],
  ['update', 'SET a = foo(status)', 'Invalid UpdateExpression: Invalid function name; function: foo'],
  ['update', 'SET a = size(b)', 'Invalid UpdateExpression: The function is not allowed in an update expression; function: size'],
  ['update', 'SET a = attribute_exists(b)', 'Invalid UpdateExpression: The function is not allowed in an update expression; function: attribute_exists'],
  ['update', 'SET a = if_not_exists(a, list_append(c, c))', 'Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append'],
  ['update', 'SET a = if_not_exists(b)', 'Invalid UpdateExpression: Incorrect number of operands for operator or function; operator or function: if_not_exists, number of operands: 1'],
  ['update', 'SET a = if_not_exists(a, a)', 'Invalid UpdateExpression: The first operand must be distinct from the remaining operands for this operator or function; operator: if_not_exists, first operand: [a]'],
  ['update', 'SET a = list_append(b, c) + :v', 'Invalid UpdateExpression: The function is not allowed to be used this way in an expression; function: list_append', undefined, N1],
  ['update', 'ADD a :s SET b = c - :t', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, operand type: M', undefined, { ':s': 'x', ':t': {} }],
  ['update', 'SET b = c - :t ADD a :s', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND', undefined, { ':s': 'x', ':t': {} }],
  ['update', 'SET a = if_not_exists(:v, :v)', 'Invalid UpdateExpression: Operator or function requires a document path; operator or function: if_not_exists', undefined, N1],
  ['update', 'SET a = :s + :v', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: +, operand type: S', undefined, { ':s': 'x', ':v': 1 }],
  ['update', 'SET a = list_append(:v, :v)', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: N', undefined, N1],
  // Both operands are no list: the first is reported (DynamoDB Local's answer); of two such calls, the last one's.
  ['update', 'SET a = list_append(:b, :n)', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: B', undefined, { ':b': new Uint8Array([97]), ':n': -1 }],
  ['update', 'SET a = list_append(:b, :n), c = list_append(:n, :b)', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: N', undefined, { ':b': new Uint8Array([97]), ':n': -1 }],
  ['update', 'ADD b :s', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND', undefined, { ':s': 'x' }],
  ['update', 'ADD b :s', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: LIST, typeSet: ALLOWED_FOR_ADD_OPERAND', undefined, { ':s': [] }],
  ['update', 'DELETE b :s', 'Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER, typeSet: ALLOWED_FOR_DELETE_OPERAND', undefined, { ':s': 1 }],
  ['update', 'SET pk = :v', 'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key', undefined, N1],
  ['update', 'SET sk = :v, pk = :v', 'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key', undefined, N1],
  ['update', 'SET pk.x = :v', 'One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key', undefined, N1],
  ['update', 'REMOVE sk', 'One or more parameter values were invalid: Cannot update attribute sk. This attribute is part of the key'],
  // Paths deeper than 32 levels.
  ['condition', `${DEEP_33} = :v`, 'Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33', undefined, N1],
  ['projection', DEEP_33, 'Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33'],
  ['update', `SET ${DEEP_33} = :v`, 'Invalid UpdateExpression: The document path has too many nesting levels; nesting levels: 33', undefined, N1],
  // §3.6 projections.
  ['projection', 'a, a.b', 'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]'],
  ['projection', 'a, #a', 'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]', { '#a': 'a' }],
  ['projection', 'a.b, a[0]', 'Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, b], path two: [a, [0]]'],
  ['projection', '#x, a, a', 'Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a]'],
  ['projection', 'foo(a)', 'Invalid ProjectionExpression: Syntax error; token: "(", near: "foo(a"'],
]

describe('static errors of the expression languages carry the service text', () => {
  for (const [kind, expression, message, names, values] of cases) {
    it(`${kind} ${JSON.stringify(expression.length > 60 ? `${expression.slice(0, 60)}…` : expression)}`, () => {
      expect(serviceMessageOf(() => compileOne(kind, expression, names, values))).toBe(message)
    })
  }

  it('accepts the forms the service accepts', () => {
    const accepted: readonly Case[] = [
      ['condition', '(a = :v)', '', undefined, N1],
      ['condition', '(a = :v) AND (b = :v)', '', undefined, N1],
      ['condition', '(a = :v AND (b = :v))', '', undefined, N1],
      ['condition', 'a = :v and b = :v or not c = :v', '', undefined, N1],
      ['condition', 'NOT NOT a = :v', '', undefined, N1],
      ['condition', 'size((a)) = :v', '', undefined, N1],
      ['condition', `a IN (${Array(100).fill(':a').join(',')})`, '', undefined, ALL_A],
      ['key', '(pk = :v) AND (sk = :v)', '', undefined, S1],
      ['key', ':v = pk AND :v <= sk', '', undefined, S1],
      ['update', 'SET a = (:v + :v)', '', undefined, N1],
      ['update', 'SET a = (:v) + (:v)', '', undefined, N1],
      ['update', 'SET a = ((:v) + (:v))', '', undefined, N1],
      ['update', 'set a = :v remove b', '', undefined, N1],
      ['update', 'SET a = list_append(if_not_exists(c, :v), :v)', '', undefined, { ':v': [] }],
      ['update', 'SET a = if_not_exists(a, if_not_exists(b, :v))', '', undefined, N1],
      ['projection', 'a[0], a[1].b, #n.c', '', { '#n': 'n' }],
    ]
    for (const c of accepted) expect(() => compileOne(c[0], c[1], c[3], c[4]), c[1]).not.toThrow()
  })

  it('rejects an expression over 4 KB, counting UTF-8 bytes', () => {
    expect(serviceMessageOf(() => compileCondition(`a = :v${' '.repeat(4091)}`, { values: N1 }))).toBe(
      'Invalid ConditionExpression: Expression size has exceeded the maximum allowed size; expression size: 4097',
    )
    expect(() => compileCondition(`a = :v${' '.repeat(4090)}`, { values: N1 })).not.toThrow()
    expect(serviceMessageOf(() => compileUpdate(`SET a = :v ${'é'.repeat(2043)}`, { values: N1 }))).toBe('Invalid UpdateExpression: Expression size has exceeded the maximum allowed size; expression size: 4097')
  })

  it('rejects more than 300 operators in an update', () => {
    const sum = (n: number): string => `SET ${Array.from({ length: n }, (_, i) => `a${i}=:v+:v`).join(',')}`
    expect(() => compileUpdate(sum(300), { values: N1 })).not.toThrow()
    expect(serviceMessageOf(() => compileUpdate(sum(301), { values: N1 }))).toMatch(/^Invalid UpdateExpression: The expression contains too many operators or functions/)
  })
})

describe('ExpressionAttributeNames and ExpressionAttributeValues of a request', () => {
  it('reports unused names before unused values, keys in the order of a Java hash set, across all expressions', () => {
    expect(serviceMessageOf(() => compileExpressions({ conditionExpression: 'a = :v', names: { '#y': 'y', '#x': 'x' }, values: { ':v': 1, ':w': 2 } }))).toBe(
      'Value provided in ExpressionAttributeNames unused in expressions: keys: {#x, #y}',
    )
    expect(serviceMessageOf(() => compileExpressions({ conditionExpression: 'a = :v', values: { ':v': 1, ':w': 2 } }))).toBe(
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}',
    )
    expect(serviceMessageOf(() => compileExpressions({ conditionExpression: 'a = :v1', values: { ':unused': 1, ':v0': 1, ':v1': 2 } }))).toBe(
      'Value provided in ExpressionAttributeValues unused in expressions: keys: {:v0, :unused}',
    )
    expect(() =>
      compileExpressions({ updateExpression: 'SET #a = :v', conditionExpression: '#b = :w', projectionExpression: '#c', names: { '#a': 'a', '#b': 'b', '#c': 'c' }, values: { ':v': 1, ':w': 2 } }),
    ).not.toThrow()
  })

  it('rejects placeholders without the expressions that use them', () => {
    expect(serviceMessageOf(() => compileExpressions({ names: { '#a': 'a' } }))).toBe('ExpressionAttributeNames can only be specified when using expressions')
    expect(serviceMessageOf(() => compileExpressions({ values: { ':v': 1 }, valueParameters: ['ConditionExpression'] }))).toBe(
      'ExpressionAttributeValues can only be specified when using expressions: ConditionExpression is null',
    )
    expect(serviceMessageOf(() => compileExpressions({ projectionExpression: 'a', values: { ':v': 1 }, valueParameters: ['UpdateExpression', 'ConditionExpression'] }))).toBe(
      'ExpressionAttributeValues can only be specified when using expressions: UpdateExpression and ConditionExpression are null',
    )
  })

  it('rejects empty maps and malformed keys', () => {
    expect(serviceMessageOf(() => checkPlaceholderMaps({ names: {} }))).toBe('ExpressionAttributeNames must not be empty')
    expect(serviceMessageOf(() => checkPlaceholderMaps({ values: {} }))).toBe('ExpressionAttributeValues must not be empty')
    expect(serviceMessageOf(() => checkPlaceholderMaps({ names: { a: 'a' } }))).toBe('ExpressionAttributeNames contains invalid key: Syntax error; key: "a"')
    expect(serviceMessageOf(() => checkPlaceholderMaps({ values: { ':a-b': 1 } }))).toBe('ExpressionAttributeValues contains invalid key: Syntax error; key: ":a-b"')
    expect(serviceMessageOf(() => checkPlaceholderMaps({ names: { '#': 'x' } }))).toBe('ExpressionAttributeNames contains invalid key: Syntax error; key: "#"')
    expect(serviceMessageOf(() => checkPlaceholderMaps({ names: { '#n': '' } }))).toBe('ExpressionAttributeNames contains invalid value: Empty attribute name for key #n')
  })

  it('reports the first failing expression in the service order: Update, Condition, Filter, Projection, KeyCondition', () => {
    expect(serviceMessageOf(() => compileExpressions({ updateExpression: 'SET', conditionExpression: 'a b', projectionExpression: 'x,' }))).toMatch(/^Invalid UpdateExpression/)
    expect(serviceMessageOf(() => compileExpressions({ keyConditionExpression: 'a b', filterExpression: 'x y', projectionExpression: 'x,' }))).toMatch(/^Invalid FilterExpression/)
    expect(serviceMessageOf(() => compileExpressions({ keyConditionExpression: 'a b', projectionExpression: 'status' }))).toMatch(/^Invalid ProjectionExpression/)
    expect(serviceMessageOf(() => compileExpressions({ filterExpression: 'a = :v', projectionExpression: 'x,', values: N1 }))).toMatch(/^Invalid ProjectionExpression/)
  })
})

describe('a Query filter', () => {
  it('may not read a key attribute', () => {
    const filter = compileFilter('a = :v AND pk.x = :v', { values: N1 })
    expect(filter.attributes).toEqual(['a', 'pk'])
    expect(serviceMessageOf(() => checkFilterKeyAttributes(filter, ['pk', 'sk']))).toBe('Filter Expression can only contain non-primary key attributes: Primary key attribute: pk')
    expect(() => checkFilterKeyAttributes(filter, ['id'])).not.toThrow()
  })
})

describe('reserved words', () => {
  it('lists the 573 words of the developer guide, in any letter case', () => {
    expect(RESERVED_WORD_COUNT).toBe(573)
    for (const word of ['status', 'NAME', 'Data', 'count', 'items', 'comment', 'date', 'year', 'zone', 'abort']) expect(isReservedWord(word), word).toBe(true)
    for (const word of ['pk', 'sk', 'orderId', 'contains', 'attribute_exists', 'begins_with']) expect(isReservedWord(word), word).toBe(false)
  })

  it('accepts a reserved word through a name placeholder', () => {
    expect(compileCondition('#s = :v', { names: { '#s': 'status' }, values: N1 }).evaluate({ status: 1 })).toBe(true)
  })
})
