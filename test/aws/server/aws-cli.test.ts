// The AWS CLI (botocore: it checks x-amz-crc32 and retries on a mismatch) against `streamtable serve`.
import { execFile } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServeProcess, type ServeProcess } from '../../helpers/serve-process.js'

let server: ServeProcess
let signed: ServeProcess
const home = mkdtempSync(join(tmpdir(), 'streamtable-aws-cli-'))
const KEYS = { AKIDSIGNED: { secretAccessKey: 'signed-secret', principal: 'cli-user' } }
const POLICY = {
  AKIDSIGNED: {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['dynamodb:CreateTable', 'dynamodb:PutItem', 'dynamodb:GetItem'], Resource: 'arn:aws:dynamodb:us-east-1:000000000000:table/orders' }],
  },
}

beforeAll(async () => {
  writeFileSync(join(home, 'keys.json'), JSON.stringify(KEYS))
  writeFileSync(join(home, 'policy.json'), JSON.stringify(POLICY))
  ;[server, signed] = await Promise.all([
    startServeProcess(['--shards', '1']),
    startServeProcess(['--credentials', join(home, 'keys.json'), '--policy', join(home, 'policy.json')]),
  ])
})
afterAll(async () => {
  await Promise.all([server.stop('SIGTERM'), signed.stop('SIGTERM')])
})

interface AwsResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `aws` against a server (the unchecked one by default) with the given keys and no user configuration. */
function aws(args: readonly string[], keys: { id: string; secret: string; to?: ServeProcess } = { id: 'AKIDSTREAMTABLE', secret: 'local-secret' }): Promise<AwsResult> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: home,
    AWS_ACCESS_KEY_ID: keys.id,
    AWS_SECRET_ACCESS_KEY: keys.secret,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_PAGER: '',
    AWS_EC2_METADATA_DISABLED: 'true',
  }
  return new Promise((resolve) => {
    execFile('aws', [...args, '--endpoint-url', (keys.to ?? server).url, '--output', 'json'], { env }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof (error as { code?: unknown }).code === 'number' ? ((error as { code: number }).code) : -1
      resolve({ code, stdout, stderr: error !== null && code === -1 ? `${String(error)}\n${stderr}` : stderr })
    })
  })
}

async function awsJson(args: readonly string[], keys?: Parameters<typeof aws>[1]): Promise<Record<string, unknown>> {
  const result = await aws(args, keys)
  expect(result.stderr).toBe('')
  expect(result.code).toBe(0)
  return result.stdout.trim() === '' ? {} : (JSON.parse(result.stdout) as Record<string, unknown>)
}

const KEY = JSON.stringify({ pk: { S: 'c1' }, sk: { S: 'o1' } })

describe('the AWS CLI against streamtable serve', () => {
  it('creates a table with a stream and an index, writes, queries, scans and reads the stream', async () => {
    const created = await awsJson([
      'dynamodb', 'create-table', '--table-name', 'orders',
      '--attribute-definitions', 'AttributeName=pk,AttributeType=S', 'AttributeName=sk,AttributeType=S', 'AttributeName=status,AttributeType=S',
      '--key-schema', 'AttributeName=pk,KeyType=HASH', 'AttributeName=sk,KeyType=RANGE',
      '--billing-mode', 'PAY_PER_REQUEST',
      '--stream-specification', 'StreamEnabled=true,StreamViewType=NEW_AND_OLD_IMAGES',
      '--global-secondary-indexes', JSON.stringify([{ IndexName: 'byStatus', KeySchema: [{ AttributeName: 'status', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } }]),
    ])
    const table = created.TableDescription as { TableName: string; LatestStreamArn: string; GlobalSecondaryIndexes: { IndexName: string }[] }
    expect(table.TableName).toBe('orders')
    expect(table.GlobalSecondaryIndexes.map((i) => i.IndexName)).toEqual(['byStatus'])
    const streamArn = table.LatestStreamArn

    await awsJson(['dynamodb', 'put-item', '--table-name', 'orders', '--item', JSON.stringify({ pk: { S: 'c1' }, sk: { S: 'o1' }, status: { S: 'open' }, total: { N: '42' } })])
    const updateArgs = [
      'dynamodb', 'update-item', '--table-name', 'orders', '--key', KEY,
      '--update-expression', 'SET #s = :paid', '--condition-expression', '#s = :open',
      '--expression-attribute-names', '{"#s":"status"}', '--expression-attribute-values', '{":paid":{"S":"paid"},":open":{"S":"open"}}',
      '--return-values', 'ALL_NEW',
    ]
    const updated = await awsJson(updateArgs)
    expect(updated.Attributes).toEqual({ pk: { S: 'c1' }, sk: { S: 'o1' }, status: { S: 'paid' }, total: { N: '42' } })
    const refused = await aws(updateArgs)
    // AWS CLI v1 exits 255 on a service error, v2 254.
    expect([254, 255]).toContain(refused.code)
    expect(refused.stderr).toContain('An error occurred (ConditionalCheckFailedException) when calling the UpdateItem operation: The conditional request failed')

    const query = await awsJson(['dynamodb', 'query', '--table-name', 'orders', '--key-condition-expression', 'pk = :pk', '--expression-attribute-values', '{":pk":{"S":"c1"}}'])
    expect(query).toMatchObject({ Count: 1, Items: [{ sk: { S: 'o1' }, status: { S: 'paid' } }] })
    const byStatus = await awsJson(['dynamodb', 'query', '--table-name', 'orders', '--index-name', 'byStatus', '--key-condition-expression', '#s = :s', '--expression-attribute-names', '{"#s":"status"}', '--expression-attribute-values', '{":s":{"S":"paid"}}'])
    expect(byStatus).toMatchObject({ Count: 1, Items: [{ pk: { S: 'c1' } }] })
    const scan = await awsJson(['dynamodb', 'scan', '--table-name', 'orders'])
    expect(scan).toMatchObject({ Count: 1, ScannedCount: 1 })
    await awsJson(['dynamodb', 'delete-item', '--table-name', 'orders', '--key', KEY])

    const stream = (await awsJson(['dynamodbstreams', 'describe-stream', '--stream-arn', streamArn])).StreamDescription as { StreamStatus: string; StreamViewType: string; Shards: { ShardId: string }[] }
    expect(stream).toMatchObject({ StreamStatus: 'ENABLED', StreamViewType: 'NEW_AND_OLD_IMAGES' })
    expect(stream.Shards).toHaveLength(1)
    const iterator = await awsJson(['dynamodbstreams', 'get-shard-iterator', '--stream-arn', streamArn, '--shard-id', stream.Shards[0]?.ShardId as string, '--shard-iterator-type', 'TRIM_HORIZON'])
    const records = await awsJson(['dynamodbstreams', 'get-records', '--shard-iterator', iterator.ShardIterator as string])
    const changes = records.Records as { eventName: string; dynamodb: { Keys: unknown; NewImage?: { status: unknown }; OldImage?: { status: unknown } } }[]
    expect(changes.map((r) => r.eventName)).toEqual(['INSERT', 'MODIFY', 'REMOVE'])
    expect(changes[1]?.dynamodb).toMatchObject({ Keys: JSON.parse(KEY), OldImage: { status: { S: 'open' } }, NewImage: { status: { S: 'paid' } } })
    expect(typeof records.NextShardIterator).toBe('string')
  }, 120_000)

  it('with --credentials and --policy: signed by a configured key and allowed, or refused as the service refuses', async () => {
    const key = { id: 'AKIDSIGNED', secret: 'signed-secret', to: signed }
    await awsJson(['dynamodb', 'create-table', '--table-name', 'orders', '--attribute-definitions', 'AttributeName=pk,AttributeType=S', '--key-schema', 'AttributeName=pk,KeyType=HASH', '--billing-mode', 'PAY_PER_REQUEST'], key)
    const item = JSON.stringify({ pk: { S: 'signed' } })
    await awsJson(['dynamodb', 'put-item', '--table-name', 'orders', '--item', item], key)
    expect((await awsJson(['dynamodb', 'get-item', '--table-name', 'orders', '--key', item], key)).Item).toEqual({ pk: { S: 'signed' } })
    const [denied, forged] = await Promise.all([
      aws(['dynamodb', 'delete-item', '--table-name', 'orders', '--key', item], key),
      aws(['dynamodb', 'put-item', '--table-name', 'orders', '--item', item], { ...key, secret: 'guessed' }),
    ])
    expect(denied.stderr).toContain(
      'An error occurred (AccessDeniedException) when calling the DeleteItem operation: User: arn:aws:iam::000000000000:user/cli-user is not authorized to perform: dynamodb:DeleteItem on resource: arn:aws:dynamodb:us-east-1:000000000000:table/orders because no identity-based policy allows the dynamodb:DeleteItem action',
    )
    expect(forged.stderr).toContain('An error occurred (InvalidSignatureException) when calling the PutItem operation: The request signature we calculated does not match the signature you provided.')
  }, 120_000)
})
