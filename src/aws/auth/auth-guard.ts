// The guard a server puts in front of the operations: every request signed with a configured access key, and,
// when policies are given, every permission the request needs allowed by the policies of that key.
import { checkOptionNames, invalidOption } from '../../core/errors.js'
import type { RequestGuard } from '../protocol/guard.js'
import { wireError } from '../protocol/wire-error.js'
import { principalArn, resolveCredentials, type CredentialSet } from './credentials.js'
import { AUTH_TEXT } from './messages.js'
import { accessOf } from './operation-access.js'
import { evaluatePolicy } from './policy-evaluation.js'
import { compilePolicies, type CompiledPolicy, type PolicySet } from './policy.js'
import { createSignatureVerifier } from './signature-verifier.js'

/** Options of `createAuthGuard`. */
export interface AuthGuardOptions {
  /** The access keys accepted; a request signed with any other is an UnrecognizedClientException. */
  readonly credentials: CredentialSet
  /**
   * Identity-based policies by access key id. When given, a request is answered only if every permission it needs
   * is allowed (an access key without policies may do nothing); when absent, every authenticated request is.
   */
  readonly policies?: PolicySet
  /** The 12-digit account of the ARNs that policies name and denials quote; the store's account. */
  readonly accountId: string
  /** When set, signatures must be scoped to this region; any region otherwise. */
  readonly region?: string
  /** The clock skew tolerated either way; 15 minutes by default, as the service. */
  readonly skewMs?: number
}

const OPTION_NAMES: ReadonlySet<string> = new Set(['credentials', 'policies', 'accountId', 'region', 'skewMs'])
const EMPTY_POLICY: CompiledPolicy = Object.freeze([])

/**
 * A request guard that authenticates SigV4 signatures against `credentials` and authorises each request against
 * `policies`: `createDispatcher(store, operations, { guard })` or `awsRequestHandler(store, { guard })`.
 * @param options the accepted keys, their policies, the account and region
 * @returns the guard
 * @example
 * const guard = createAuthGuard({
 *   credentials: { AKIAORDERS: { secretAccessKey: 's3cret', principal: 'orders-service' } },
 *   policies: { AKIAORDERS: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'dynamodb:PutItem', Resource: 'arn:aws:dynamodb:*:*:table/orders' }] } },
 *   accountId: store.accountId,
 * })
 */
export function createAuthGuard(options: AuthGuardOptions): RequestGuard {
  if (typeof options !== 'object' || options === null) throw invalidOption('auth guard options', 'an object { credentials, policies?, accountId, region? }', options)
  checkOptionNames(options, OPTION_NAMES, 'auth guard')
  const { accountId, region, skewMs } = options
  if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) throw invalidOption('accountId', 'a string of 12 digits', accountId)
  if (region !== undefined && (typeof region !== 'string' || region === '')) throw invalidOption('region', 'a region name such as us-east-1', region)
  if (skewMs !== undefined && (typeof skewMs !== 'number' || !Number.isFinite(skewMs) || skewMs < 0)) throw invalidOption('skewMs', 'a number of milliseconds >= 0', skewMs)
  const credentials = resolveCredentials(options.credentials)
  const policies = options.policies === undefined ? undefined : compilePolicies(options.policies)
  // A policy under a misspelt key id would leave the real key with no policy, denied everything, without a word.
  for (const accessKeyId of policies?.keys() ?? []) {
    if (!Object.hasOwn(credentials, accessKeyId)) {
      throw invalidOption('policies key', `one of the credentials' access key ids (${Object.keys(credentials).join(', ')})`, accessKeyId)
    }
  }
  const verify = createSignatureVerifier({ credentials, ...(region === undefined ? {} : { region }), ...(skewMs === undefined ? {} : { skewMs }) })

  return (request) => {
    const caller = verify(request, request.nowMs)
    if ('fault' in caller) return caller
    const { accessKeyId } = caller
    if (policies === undefined) return { accessKeyId }
    const policy = policies.get(accessKeyId) ?? EMPTY_POLICY
    for (const { action, resource } of accessOf(request.target, request.input, { region: caller.region, accountId })) {
      const decision = evaluatePolicy(policy, action, resource)
      if (decision === 'allow') continue
      const principal = principalArn(accessKeyId, caller.credential, accountId)
      const message = decision === 'explicitDeny' ? AUTH_TEXT.explicitDeny(principal, action, resource) : AUTH_TEXT.implicitDeny(principal, action, resource)
      return { fault: wireError('AccessDeniedException', message) }
    }
    return { accessKeyId }
  }
}
