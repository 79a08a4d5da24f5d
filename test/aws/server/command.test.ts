import { describe, expect, it } from 'vitest'
import { DYNAMODB_LOCAL_FLAGS, HELP, parseCommandLine } from '../../../src/aws/server/command.js'
import { isLoopbackHost } from '../../../src/aws/server/options.js'

const DEFAULTS = { kind: 'serve', port: 8000, host: '127.0.0.1', region: undefined, accountId: undefined, shards: undefined, accessLog: undefined, cors: undefined, credentials: undefined, policy: undefined, notices: [] }

describe('the streamtable command line', () => {
  it('serves on loopback port 8000 by default', () => {
    expect(parseCommandLine(['serve'])).toEqual(DEFAULTS)
  })

  it('reads every option of serve', () => {
    const argv = ['serve', '--port', '0', '--host', '0.0.0.0', '--region', 'eu-west-2', '--account-id', '123456789012', '--shards', '2', '--access-log', 'a.log', '--cors', '*', '--credentials', 'keys.json', '--policy', 'policy.json']
    expect(parseCommandLine(argv)).toEqual({ ...DEFAULTS, port: 0, host: '0.0.0.0', region: 'eu-west-2', accountId: '123456789012', shards: 2, accessLog: 'a.log', cors: '*', credentials: 'keys.json', policy: 'policy.json' })
  })

  it('takes DynamoDB Local flags: renames -port and -cors, notes the ones without effect and why', () => {
    const command = parseCommandLine(['serve', '-sharedDb', '-inMemory', '-port', '8001', '-disableTelemetry', '-delayTransientStatuses', '-cors', 'http://localhost:3000'])
    expect(command).toMatchObject({ port: 8001, cors: 'http://localhost:3000' })
    expect(command.kind === 'serve' && command.notices).toEqual([
      '-sharedDb ignored: streamtable always serves one database to every access key and region, as DynamoDB Local does with -sharedDb',
      '-inMemory ignored: streamtable always keeps its tables in memory',
      '-disableTelemetry ignored: streamtable sends no telemetry',
      '-delayTransientStatuses ignored: tables and indexes are ACTIVE as soon as CreateTable or UpdateTable has answered; there is no CREATING or DELETING phase to delay',
    ])
  })

  it.each([
    [['--help'], 'help'],
    [['-h'], 'help'],
    [['serve', '-help'], 'help'],
    [['--version'], 'version'],
    [['-v'], 'version'],
  ])('%j asks for %s', (argv, kind) => {
    expect(parseCommandLine(argv).kind).toBe(kind)
  })

  it.each([
    [[], 'Missing command: expected "serve"'],
    [['start'], 'Unknown command "start": expected "serve"'],
    [['serve', '--port', '80000'], 'Invalid --port: expected an integer from 0 to 65535, received "80000"'],
    [['serve', '--port', 'eighty'], 'Invalid --port: expected an integer from 0 to 65535, received "eighty"'],
    [['serve', '--shards', '0'], 'Invalid --shards: expected an integer from 1 to 1000, received "0"'],
    [['serve', '--prot', '1'], "Unknown option '--prot'"],
    [['serve', '--port'], "Option '--port <value>' argument missing"],
    [['serve', '-port'], 'Option -port needs a value'],
    [['serve', '-dbPath', '/tmp'], 'The DynamoDB Local option -dbPath is not supported: streamtable keeps no database files'],
    [['serve', '-optimize'], 'Unknown option "-optimize": expected one of'],
    [['serve', '--policy', 'policy.json'], 'Option --policy needs --credentials: a policy applies to the access keys of a credentials file'],
  ])('refuses %j, saying what it expected', (argv, message) => {
    expect(() => parseCommandLine(argv)).toThrow(message)
    expect(() => parseCommandLine(argv)).toThrow('Run "streamtable --help" for the options')
  })

  it('documents every DynamoDB Local flag it knows in --help', () => {
    for (const flag of Object.keys(DYNAMODB_LOCAL_FLAGS)) expect(HELP).toContain(flag)
    for (const option of ['--port', '--host', '--region', '--account-id', '--shards', '--access-log', '--cors', '--credentials', '--policy', '--help', '--version']) expect(HELP).toContain(option)
  })
})

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['localhost', true],
    ['::ffff:127.0.0.1', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['example.com', false],
  ])('%s: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback)
  })
})
