import { describe, expect, it } from 'vitest'
import { evaluatePolicy } from '../../../src/aws/auth/policy-evaluation.js'
import { compilePolicy } from '../../../src/aws/auth/policy.js'
import { parsePolicyFile } from '../../../src/aws/index.js'
import { expectError } from '../../helpers/errors.js'

const ORDERS = 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders'
const STREAM = `${ORDERS}/stream/2026-01-15T12:00:00.000`

function decide(statements: unknown, action: string, resource: string) {
  return evaluatePolicy(compilePolicy({ Version: '2012-10-17', Statement: statements }), action, resource)
}

describe('policy evaluation', () => {
  it('allows what a statement allows and denies the rest by default', () => {
    const allow = [{ Effect: 'Allow', Action: ['dynamodb:PutItem', 'dynamodb:GetItem'], Resource: ORDERS }]
    expect(decide(allow, 'dynamodb:PutItem', ORDERS)).toBe('allow')
    expect(decide(allow, 'dynamodb:DeleteItem', ORDERS)).toBe('implicitDeny')
    expect(decide(allow, 'dynamodb:PutItem', 'arn:aws:dynamodb:eu-west-1:111122223333:table/customers')).toBe('implicitDeny')
    expect(evaluatePolicy(compilePolicy([]), 'dynamodb:PutItem', ORDERS)).toBe('implicitDeny')
  })

  it('lets an explicit Deny win over any Allow, in whichever order they come', () => {
    const statements = [
      { Effect: 'Deny', Action: 'dynamodb:Delete*', Resource: '*' },
      { Effect: 'Allow', Action: 'dynamodb:*', Resource: 'arn:aws:dynamodb:*:*:table/*' },
    ]
    expect(decide(statements, 'dynamodb:DeleteItem', ORDERS)).toBe('explicitDeny')
    expect(decide([...statements].reverse(), 'dynamodb:DeleteTable', ORDERS)).toBe('explicitDeny')
    expect(decide(statements, 'dynamodb:UpdateItem', ORDERS)).toBe('allow')
  })

  it('matches actions with wildcards and without regard to case, and never across services', () => {
    expect(decide([{ Effect: 'Allow', Action: 'dynamodb:Get*', Resource: '*' }], 'dynamodb:GetRecords', STREAM)).toBe('allow')
    expect(decide([{ Effect: 'Allow', Action: 'dynamodb:Get*', Resource: '*' }], 'dynamodb:Query', ORDERS)).toBe('implicitDeny')
    expect(decide([{ Effect: 'Allow', Action: 'DynamoDB:putitem', Resource: '*' }], 'dynamodb:PutItem', ORDERS)).toBe('allow')
    expect(decide([{ Effect: 'Allow', Action: 'dynamodb:?etItem', Resource: '*' }], 'dynamodb:GetItem', ORDERS)).toBe('allow')
    expect(decide([{ Effect: 'Allow', Action: 's3:*', Resource: '*' }], 'dynamodb:GetItem', ORDERS)).toBe('implicitDeny')
    expect(decide([{ Effect: 'Allow', Action: '*', Resource: '*' }], 'dynamodb:GetItem', ORDERS)).toBe('allow')
  })

  it('matches resource ARNs segment by segment: a table ARN covers neither its indexes nor its streams', () => {
    const tableOnly = [{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: 'arn:aws:dynamodb:*:*:table/orders' }]
    expect(decide(tableOnly, 'dynamodb:Query', ORDERS)).toBe('allow')
    expect(decide(tableOnly, 'dynamodb:Query', `${ORDERS}/index/byCustomer`)).toBe('implicitDeny')
    const indexes = [{ Effect: 'Allow', Action: 'dynamodb:Query', Resource: 'arn:aws:dynamodb:*:*:table/orders/index/*' }]
    expect(decide(indexes, 'dynamodb:Query', `${ORDERS}/index/byCustomer`)).toBe('allow')
    expect(decide(indexes, 'dynamodb:Query', ORDERS)).toBe('implicitDeny')
    const streams = [{ Effect: 'Allow', Action: 'dynamodb:GetRecords', Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/*' }]
    expect(decide(streams, 'dynamodb:GetRecords', STREAM)).toBe('allow')
    expect(decide(streams, 'dynamodb:GetRecords', STREAM.replace('eu-west-1', 'us-east-1'))).toBe('implicitDeny')
    // `*` in the region segment does not reach into the account segment.
    const region = [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:dynamodb:*:111122223333:table/ord?rs' }]
    expect(decide(region, 'dynamodb:PutItem', ORDERS)).toBe('allow')
    expect(decide(region, 'dynamodb:PutItem', ORDERS.replace('111122223333', '444455556666'))).toBe('implicitDeny')
    // Resource names are case sensitive.
    expect(decide([{ Effect: 'Allow', Action: '*', Resource: ORDERS.replace('orders', 'Orders') }], 'dynamodb:PutItem', ORDERS)).toBe('implicitDeny')
  })

  it('applies NotAction and NotResource to everything they do not list', () => {
    const notAction = [{ Effect: 'Allow', NotAction: ['dynamodb:Delete*', 'dynamodb:UpdateTable'], Resource: '*' }]
    expect(decide(notAction, 'dynamodb:PutItem', ORDERS)).toBe('allow')
    expect(decide(notAction, 'dynamodb:DeleteItem', ORDERS)).toBe('implicitDeny')
    const notResource = [
      { Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' },
      { Effect: 'Deny', Action: 'dynamodb:*', NotResource: ['arn:aws:dynamodb:*:*:table/orders', 'arn:aws:dynamodb:*:*:table/orders/*'] },
    ]
    expect(decide(notResource, 'dynamodb:PutItem', ORDERS)).toBe('allow')
    expect(decide(notResource, 'dynamodb:GetRecords', STREAM)).toBe('allow')
    expect(decide(notResource, 'dynamodb:PutItem', ORDERS.replace('orders', 'customers'))).toBe('explicitDeny')
  })

  it('takes one statement without a list, and several documents for one key', () => {
    expect(evaluatePolicy(compilePolicy({ Statement: { Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: ORDERS } }), 'dynamodb:PutItem', ORDERS)).toBe('allow')
    const documents = compilePolicy([
      { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] },
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'dynamodb:DeleteTable', Resource: '*' }] },
    ])
    expect(evaluatePolicy(documents, 'dynamodb:DeleteTable', ORDERS)).toBe('explicitDeny')
    expect(evaluatePolicy(documents, 'dynamodb:CreateTable', ORDERS)).toBe('allow')
  })
})

describe('policy files', () => {
  const ok = { Version: '2012-10-17', Statement: [{ Sid: 'Orders', Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: ORDERS }] }

  it('parses a file of policies by access key id', () => {
    expect(parsePolicyFile(JSON.stringify({ AKIAORDERS: ok, AKIAADMIN: [ok, ok] }), 'policy.json')).toEqual({ AKIAORDERS: ok, AKIAADMIN: [ok, ok] })
  })

  it('says where the JSON breaks', () => {
    expectError(() => parsePolicyFile('{\n  "AKIAORDERS": {\n    "Version": "2012-10-17",,\n  }\n}', 'policy.json'), 'ValidationException', /^Invalid policy file policy\.json: expected JSON, received text that does not parse at line 3, column 29 /)
  })

  it.each([
    [[], 'Invalid policy file p.json at $: expected an object of policy documents by access key id, received array(0)'],
    [{ K: { Version: '2012-10-17' } }, 'Invalid policy file p.json at $.K.Statement: expected a statement or a list of statements, received undefined'],
    [{ K: { Version: '2020-01-01', Statement: [] } }, 'Invalid policy file p.json at $.K.Version: expected "2012-10-17" or "2008-10-17", received string "2020-01-01"'],
    [{ K: { Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] } }, 'Invalid policy file p.json at $.K.Statement[0].Effect: expected "Allow" or "Deny", received string "allow"'],
    [{ K: { Statement: [{ Effect: 'Allow', Resource: '*' }] } }, 'Invalid policy file p.json at $.K.Statement[0]: expected exactly one of Action or NotAction, received neither'],
    [{ K: { Statement: [{ Effect: 'Allow', Action: '*', NotAction: '*', Resource: '*' }] } }, 'Invalid policy file p.json at $.K.Statement[0]: expected exactly one of Action or NotAction, received both'],
    [{ K: { Statement: [{ Effect: 'Allow', Action: 'PutItem', Resource: '*' }] } }, 'Invalid policy file p.json at $.K.Statement[0].Action[0]: expected an action "service:Action" (such as "dynamodb:PutItem" or "dynamodb:Get*") or "*", received string "PutItem"'],
    [{ K: { Statement: [{ Effect: 'Allow', Action: [], Resource: '*' }] } }, 'Invalid policy file p.json at $.K.Statement[0].Action: expected a non-empty string or a non-empty list of non-empty strings, received array(0)'],
    [{ K: { Statement: [{ Effect: 'Allow', Action: '*', Resource: 'table/orders' }] } }, 'Invalid policy file p.json at $.K.Statement[0].Resource[0]: expected an ARN "arn:partition:service:region:account:resource" (such as "arn:aws:dynamodb:*:*:table/orders") or "*", received string "table/orders"'],
    [{ K: { Statement: [{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:dynamodb:*:*:table/${aws:username}' }] } }, 'Invalid policy file p.json at $.K.Statement[0].Resource[0]: expected a resource without policy variables (${...} is not substituted here), received string "arn:aws:dynamodb:*:*:table/${aws:user..."'],
    [{ K: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } }] } }, 'Invalid policy file p.json at $.K.Statement[0].Condition: expected no Condition (conditions are not evaluated here; a statement with one would be applied without it), received object'],
    [{ K: { Statement: [{ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] } }, 'Invalid policy file p.json at $.K.Statement[0].Principal: expected no Principal (an identity-based policy applies to the access key it is attached to), received string "*"'],
    [{ K: { Statement: [{ Effect: 'Allow', Actions: '*', Resource: '*' }] } }, 'Invalid policy file p.json at $.K.Statement[0].Actions: expected no member "Actions" (known members: Sid, Effect, Action, NotAction, Resource, NotResource), received string "*"'],
  ])('refuses %j with what it expected and where', (value, message) => {
    expectError(() => parsePolicyFile(JSON.stringify(value), 'p.json'), 'ValidationException', message)
  })
})
