// Requests signed by the AWS CLI (botocore), recorded as a local endpoint received them, checked at the time they
// were signed.
import { describe, expect, it } from 'vitest'
import { createSignatureVerifier } from '../../../src/aws/auth/signature-verifier.js'
import { createAuthGuard, createDispatcher, DEFAULT_OPERATIONS } from '../../../src/aws/index.js'
import { createStore } from '../../../src/index.js'
import { ManualClock } from '../../../src/testing.js'
import { CLI_REQUESTS, type RecordedRequest } from './cli-requests.js'

const CREDENTIALS = {
  AKIACLIEXAMPLE: { secretAccessKey: 'cli-example-secret' },
  ASIACLIEXAMPLE: { secretAccessKey: 'cli-example-secret', sessionToken: 'cli-example-session' },
}

function signedAt(request: RecordedRequest): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(request.headers['x-amz-date'] as string)
  if (m === null) throw new Error('a recorded request carries X-Amz-Date')
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[]
  return Date.UTC(y as number, (mo as number) - 1, d, h, mi, s)
}

describe('requests the AWS CLI signed', () => {
  const verify = createSignatureVerifier({ credentials: CREDENTIALS, region: 'eu-west-1' })

  it.each(CLI_REQUESTS.map((r) => [r.headers['x-amz-target'], r] as const))('%s is accepted at the time it was signed', (_, request) => {
    expect(verify(request, signedAt(request) + 2000)).toMatchObject({ region: 'eu-west-1' })
  })

  it.each(CLI_REQUESTS.map((r) => [r.headers['x-amz-target'], r] as const))('%s is refused with another secret, a changed body or too late', (_, request) => {
    const other = createSignatureVerifier({ credentials: { AKIACLIEXAMPLE: { secretAccessKey: 'other' }, ASIACLIEXAMPLE: { secretAccessKey: 'other', sessionToken: 'cli-example-session' } } })
    expect(other(request, signedAt(request))).toMatchObject({ fault: { code: 'InvalidSignatureException' } })
    expect(verify({ ...request, body: `${request.body} ` }, signedAt(request))).toMatchObject({ fault: { code: 'InvalidSignatureException' } })
    expect(verify(request, signedAt(request) + 16 * 60_000)).toMatchObject({ fault: { code: 'InvalidSignatureException', message: expect.stringMatching(/^Signature expired: /) } })
  })

  it('is answered through the dispatcher with the guard in front', () => {
    const put = CLI_REQUESTS.find((r) => r.headers['x-amz-target'] === 'DynamoDB_20120810.PutItem') as RecordedRequest
    const store = createStore({ clock: new ManualClock(signedAt(put)), region: 'eu-west-1' })
    store.createTable<{ id: string }>()({ name: 'orders', partitionKey: 'id' })
    const dispatch = createDispatcher(store, DEFAULT_OPERATIONS, { guard: createAuthGuard({ credentials: CREDENTIALS, accountId: store.accountId }) })
    expect(dispatch(put).status).toBe(200)
    expect(store.getTable('orders').get({ id: 'crème brûlée' })).toEqual({ id: 'crème brûlée', n: 1 })
  })
})
