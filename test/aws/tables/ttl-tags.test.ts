import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  ListTagsOfResourceCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb'
import { describe, expect, it } from 'vitest'
import { T0 } from '../../helpers/time.js'
import { sdkError, sdkSetup } from '../clients.js'

const ARN = 'arn:aws:dynamodb:us-east-1:000000000000:table/plain'

async function withTable(tags?: { Key: string; Value: string }[]) {
  const setup = sdkSetup()
  await setup.dynamodb.send(new CreateTableCommand({
    TableName: 'plain',
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
    ...(tags === undefined ? {} : { Tags: tags }),
  }))
  return setup
}

describe('UpdateTimeToLive / DescribeTimeToLive (checklist 112)', () => {
  it('DISABLED without a name until enabled; the update echoes the specification; expiry then deletes items', async () => {
    const { dynamodb, store, clock } = await withTable()
    expect((await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'plain' }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' })
    const out = await dynamodb.send(new UpdateTimeToLiveCommand({ TableName: 'plain', TimeToLiveSpecification: { Enabled: true, AttributeName: 'expiresAt' } }))
    expect(out.TimeToLiveSpecification).toEqual({ Enabled: true, AttributeName: 'expiresAt' })
    expect((await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'plain' }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' })
    store.getTable('plain').put({ pk: 'a', expiresAt: T0 / 1000 + 5 })
    clock.advance(10_000)
    expect(store.getTable('plain').count()).toBe(0)
    const twice = await sdkError(dynamodb.send(new UpdateTimeToLiveCommand({ TableName: 'plain', TimeToLiveSpecification: { Enabled: true, AttributeName: 'other' } })))
    expect([twice.name, twice.message]).toEqual(['ValidationException', 'TimeToLive is already enabled'])
    await dynamodb.send(new UpdateTimeToLiveCommand({ TableName: 'plain', TimeToLiveSpecification: { Enabled: false, AttributeName: 'expiresAt' } }))
    expect((await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: 'plain' }))).TimeToLiveDescription).toEqual({ TimeToLiveStatus: 'DISABLED' })
  })

  it('an empty attribute name is a model violation; a missing table is ResourceNotFoundException', async () => {
    const { dynamodb } = await withTable()
    const empty = await sdkError(dynamodb.send(new UpdateTimeToLiveCommand({ TableName: 'plain', TimeToLiveSpecification: { Enabled: true, AttributeName: '' } })))
    expect(empty.message).toBe("1 validation error detected: Value '' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must have length greater than or equal to 1")
    for (const command of [
      new UpdateTimeToLiveCommand({ TableName: 'nothing', TimeToLiveSpecification: { Enabled: true, AttributeName: 'ttl' } }),
      new DescribeTimeToLiveCommand({ TableName: 'nothing' }),
    ]) {
      const e = await sdkError(dynamodb.send(command as never))
      expect([e.name, e.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found: Table: nothing not found'])
    }
  })
})

describe('TagResource / UntagResource / ListTagsOfResource (checklist 113)', () => {
  it('tags round-trip, the same key overwrites, untag removes', async () => {
    const { dynamodb } = await withTable([{ Key: 'env', Value: 'test' }])
    const tagged = await dynamodb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [{ Key: 'team', Value: 'a' }, { Key: 'env', Value: 'prod' }] }))
    expect(tagged.$metadata.httpStatusCode).toBe(200)
    expect((await dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: ARN }))).Tags).toEqual([{ Key: 'env', Value: 'prod' }, { Key: 'team', Value: 'a' }])
    await dynamodb.send(new UntagResourceCommand({ ResourceArn: ARN, TagKeys: ['team'] }))
    const listed = await dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: ARN }))
    expect(listed.Tags).toEqual([{ Key: 'env', Value: 'prod' }])
    expect(listed.NextToken).toBeUndefined()
  })

  it('a malformed ARN is ValidationException, another account AccessDeniedException, a missing table ResourceNotFoundException', async () => {
    const { dynamodb } = await withTable()
    const bad = await sdkError(dynamodb.send(new TagResourceCommand({ ResourceArn: 'not-a-valid-arn', Tags: [{ Key: 'a', Value: 'b' }] })))
    expect([bad.name, bad.message]).toEqual(['ValidationException', 'Invalid TableArn: Invalid ResourceArn provided as input not-a-valid-arn'])
    const other = await sdkError(dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: 'arn:aws:dynamodb:us-east-1:123456789012:table/plain' })))
    expect([other.name, other.status]).toEqual(['AccessDeniedException', 400])
    const missing = await sdkError(dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: 'arn:aws:dynamodb:us-east-1:000000000000:table/nothing' })))
    expect([missing.name, missing.message]).toEqual(['ResourceNotFoundException', 'Requested resource not found: ResourcArn: arn:aws:dynamodb:us-east-1:000000000000:table/nothing not found'])
    const none = await sdkError(dynamodb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: [] })))
    expect(none.message).toBe('Atleast one Tag needs to be provided as Input.')
  })

  it('more than 50 tags are refused and none is added', async () => {
    const { dynamodb } = await withTable()
    const tags = Array.from({ length: 51 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    const e = await sdkError(dynamodb.send(new TagResourceCommand({ ResourceArn: ARN, Tags: tags })))
    expect([e.name, e.message]).toEqual(['ValidationException', 'The number of tags exceeds the limit of 50'])
    expect((await dynamodb.send(new ListTagsOfResourceCommand({ ResourceArn: ARN }))).Tags).toEqual([])
  })
})
