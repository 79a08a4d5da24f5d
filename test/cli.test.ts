import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { call, json, rawSocket, readUntilClosed, send } from './aws/server/http.js'
import { runCli, startServeProcess, type ServeProcess } from './helpers/serve-process.js'

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string; bin: Record<string, string> }
const started: ServeProcess[] = []
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => (p.child.exitCode === null ? p.stop('SIGKILL') : undefined)))
})

async function serve(args: readonly string[] = []): Promise<ServeProcess> {
  const p = await startServeProcess(args)
  started.push(p)
  return p
}

describe('the streamtable program', () => {
  it('is the package bin', () => {
    expect(pkg.bin).toEqual({ streamtable: './dist/cli.cjs' })
    expect(readFileSync(new URL('../dist/cli.cjs', import.meta.url), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true)
  })

  it('prints its version and its help', async () => {
    expect(await runCli(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' })
    const help = await runCli(['--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toMatch(/^Usage: streamtable serve \[options\]\n/)
  })

  it('exits 2 on a usage error, saying what it expected', async () => {
    expect(await runCli(['serve', '--port', 'x'])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'streamtable: Invalid --port: expected an integer from 0 to 65535, received "x". Run "streamtable --help" for the options\n',
    })
    const region = await runCli(['serve', '--region', 'mars'])
    expect(region.code).toBe(2)
    expect(region.stderr).toBe('streamtable: Invalid --region: expected a region name such as us-east-1, received string "mars"\n')
  })

  it('prints one start line with the endpoint and region, and serves DynamoDB there', async () => {
    const p = await serve(['--region', 'eu-west-2', '--account-id', '123456789012', '--shards', '2'])
    expect(p.startLine).toMatch(/^streamtable listening on http:\/\/127\.0\.0\.1:\d+ \(region eu-west-2\)$/)
    expect((await send(p.url, { method: 'GET' })).text).toBe('healthy: dynamodb.eu-west-2.amazonaws.com ')
    const created = await call(p.url, 'CreateTable', {
      TableName: 'orders',
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamEnabled: true, StreamViewType: 'KEYS_ONLY' },
    })
    const description = json(created).TableDescription as { TableArn: string; LatestStreamArn: string }
    expect(description.TableArn).toBe('arn:aws:dynamodb:eu-west-2:123456789012:table/orders')
    const stream = json(await call(p.url, 'DynamoDBStreams_20120810.DescribeStream', { StreamArn: description.LatestStreamArn }))
    expect((stream.StreamDescription as { Shards: unknown[] }).Shards).toHaveLength(2)
  })

  it('says so on the start line when it binds beyond loopback', async () => {
    const p = await serve(['--host', '0.0.0.0'])
    expect(p.startLine).toMatch(/^streamtable listening on http:\/\/0\.0\.0\.0:\d+ \(region us-east-1; --host 0\.0\.0\.0 is not loopback: other machines can reach this store, and no signature is checked\)$/)
  })

  it('names each DynamoDB Local flag it ignores, and why, on stderr', async () => {
    const p = await serve(['-inMemory', '-sharedDb', '-cors', '*'])
    expect(p.stderr()).toContain('streamtable: -inMemory ignored: streamtable always keeps its tables in memory\n')
    expect(p.stderr()).toContain('streamtable: -sharedDb ignored:')
    const answer = await call(p.url, 'ListTables', {}, { headers: { origin: 'http://localhost:3000' } })
    expect(answer.headers['access-control-allow-origin']).toBe('*')
  })

  it('checks signatures and policies with --credentials and --policy, and says so on the start line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'streamtable-cli-auth-'))
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({ AKIAORDERS: { secretAccessKey: 'orders-secret' } }))
    writeFileSync(join(dir, 'policy.json'), JSON.stringify({ AKIAORDERS: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:ListTables', Resource: '*' }] } }))
    const p = await serve(['--credentials', join(dir, 'keys.json'), '--policy', join(dir, 'policy.json')])
    expect(p.startLine).toMatch(/^streamtable listening on http:\/\/127\.0\.0\.1:\d+ \(region us-east-1; signatures and policies checked\)$/)
    // A signature of the right shape but not made with the key's secret.
    const forged = await call(p.url, 'ListTables', {}, { headers: { authorization: 'AWS4-HMAC-SHA256 Credential=AKIAORDERS/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00' } })
    expect(forged.status).toBe(400)
    expect(String(json(forged).__type)).toMatch(/#(InvalidSignatureException)$/)
  })

  it('exits 2 when a credentials file cannot be read or parsed, naming it', async () => {
    const missing = await runCli(['serve', '--credentials', '/nonexistent/keys.json'])
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/^streamtable: Cannot read --credentials: expected a readable JSON file, received "\/nonexistent\/keys\.json" \(ENOENT/)
    const dir = mkdtempSync(join(tmpdir(), 'streamtable-cli-auth-'))
    writeFileSync(join(dir, 'keys.json'), '{ "AKIA": ')
    const malformed = await runCli(['serve', '--credentials', join(dir, 'keys.json')])
    expect(malformed.code).toBe(2)
    expect(malformed.stderr).toContain('keys.json')
  })

  it('writes the access log it is given', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'streamtable-cli-')), 'access.log')
    const p = await serve(['--access-log', path])
    await call(p.url, 'ListTables', {})
    expect(await p.stop('SIGTERM')).toBe(0)
    const entry = JSON.parse(readFileSync(path, 'utf8').trim()) as Record<string, unknown>
    expect(entry).toMatchObject({ operation: 'ListTables', status: 200, errorCode: null, accessKeyId: 'AKIDEXAMPLE' })
  })

  it.each(['SIGTERM', 'SIGINT'] as const)('on %s stops accepting, finishes the request in flight, and exits 0', async (signal) => {
    const p = await serve()
    const body = JSON.stringify({})
    const socket = await rawSocket(p.url)
    const answer = readUntilClosed(socket)
    socket.write(`POST / HTTP/1.1\r\nhost: x\r\ncontent-type: application/x-amz-json-1.0\r\nx-amz-target: DynamoDB_20120810.ListTables\r\nauthorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0\r\nx-amz-date: 20260101T000000Z\r\ncontent-length: ${body.length}\r\n\r\n`)
    await new Promise((resolve) => setTimeout(resolve, 100))
    const exited = p.stop(signal)
    await new Promise((resolve) => setTimeout(resolve, 200))
    socket.write(body)
    expect(await answer).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*\r\n\r\n\{"TableNames":\[\]\}$/)
    expect(await exited).toBe(0)
    expect(p.stderr()).toContain(`streamtable: ${signal}: stopping`)
  })
})
