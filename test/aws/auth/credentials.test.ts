import { describe, expect, it } from 'vitest'
import { principalArn, resolveCredentials } from '../../../src/aws/auth/credentials.js'
import { createAuthGuard, parseCredentialsFile } from '../../../src/aws/index.js'
import { expectError } from '../../helpers/errors.js'

describe('credentials files', () => {
  it('parses access keys by id, with their optional session token and principal', () => {
    const text = JSON.stringify({
      AKIAORDERS: { secretAccessKey: 'orders-secret', principal: 'orders-service' },
      ASIATEMPORARY: { secretAccessKey: 'temporary-secret', sessionToken: 'token', principal: 'arn:aws:sts::111122223333:assumed-role/orders-fn/session' },
    })
    const set = parseCredentialsFile(text, 'keys.json')
    expect(set).toEqual({
      AKIAORDERS: { secretAccessKey: 'orders-secret', principal: 'orders-service' },
      ASIATEMPORARY: { secretAccessKey: 'temporary-secret', sessionToken: 'token', principal: 'arn:aws:sts::111122223333:assumed-role/orders-fn/session' },
    })
    expect(Object.isFrozen(set)).toBe(true)
  })

  it('names the principal of a key as an IAM user of the account, or by the ARN it was given', () => {
    expect(principalArn('AKIAORDERS', { secretAccessKey: 's', principal: 'orders-service' }, '111122223333')).toBe('arn:aws:iam::111122223333:user/orders-service')
    expect(principalArn('AKIAORDERS', { secretAccessKey: 's' }, '111122223333')).toBe('arn:aws:iam::111122223333:user/AKIAORDERS')
    const role = 'arn:aws:sts::111122223333:assumed-role/orders-fn/session'
    expect(principalArn('ASIA', { secretAccessKey: 's', principal: role }, '111122223333')).toBe(role)
  })

  it('says where the JSON breaks', () => {
    expectError(() => parseCredentialsFile('{ "AKIAORDERS": { "secretAccessKey": "s" }', 'keys.json'), 'ValidationException', /^Invalid credentials file keys\.json: expected JSON, received text that does not parse/)
  })

  it.each([
    ['[]', 'Invalid credentials file k.json at $: expected an object of access keys by access key id, received array(0)'],
    ['{}', 'Invalid credentials file k.json at $: expected at least one access key, received object'],
    ['{ "AKIA": "secret" }', 'Invalid credentials file k.json at $.AKIA: expected an object { "secretAccessKey": string, "sessionToken"?: string, "principal"?: string }, received string "secret"'],
    ['{ "AKIA": {} }', 'Invalid credentials file k.json at $.AKIA.secretAccessKey: expected a non-empty string, received undefined'],
    ['{ "AKIA": { "secretAccessKey": "s", "sessionToken": 7 } }', 'Invalid credentials file k.json at $.AKIA.sessionToken: expected a non-empty string when present, received number 7'],
    ['{ "AKIA": { "secretAccessKey": "s", "secret": "t" } }', 'Invalid credentials file k.json at $.AKIA.secret: expected no member "secret" (known members: secretAccessKey, sessionToken, principal), received string "t"'],
    ['{ "AKIA": { "secretAccessKey": "s", "principal": "no spaces please" } }', 'Invalid credentials file k.json at $.AKIA.principal: expected an IAM user name (1 to 64 of letters, digits and +=,.@_-) or an ARN, received string "no spaces please"'],
    ['{ "AKIA/2": { "secretAccessKey": "s" } }', 'Invalid credentials file k.json at $["AKIA/2"]: expected an access key id of 1 to 128 characters without spaces, "/", ",", ";" or "=", received string "AKIA/2"'],
  ])('refuses %s with what it expected and where', (text, message) => {
    expectError(() => parseCredentialsFile(text, 'k.json'), 'ValidationException', message)
  })

  it('checks the credentials option of the guard as it checks a file', () => {
    expectError(() => resolveCredentials({ AKIA: { secretAccessKey: '' } }), 'ValidationException', 'Invalid credentials at $.AKIA.secretAccessKey: expected a non-empty string, received string ""')
  })
})

describe('createAuthGuard options', () => {
  const credentials = { AKIA: { secretAccessKey: 's' } }

  it.each([
    [{ credentials, accountId: '123' }, 'Invalid accountId: expected a string of 12 digits, received string "123"'],
    [{ credentials, accountId: '111122223333', region: '' }, 'Invalid region: expected a region name such as us-east-1, received string ""'],
    [{ credentials, accountId: '111122223333', skewMs: -1 }, 'Invalid skewMs: expected a number of milliseconds >= 0, received number -1'],
    [{ credentials, accountId: '111122223333', policy: {} }, 'policy'],
    [{ credentials, accountId: '111122223333', policies: { AKIA: { Statement: [{ Effect: 'Allow' }] } } }, 'Invalid policies at $.AKIA.Statement[0]: expected exactly one of Action or NotAction'],
    [{ credentials, accountId: '111122223333', policies: { AKAI: [] } }, `Invalid policies key: expected one of the credentials' access key ids (AKIA), received string "AKAI"`],
  ])('refuses %j', (options, message) => {
    expectError(() => createAuthGuard(options as never), 'ValidationException', message)
  })
})
