// The access keys a server accepts: for each access key id its secret, its session token when it is a temporary
// credential, and the principal it stands for in AccessDeniedException messages.
import { configError, checkMembers, isPlainObject, member, parseConfigJson, type ConfigPlace } from './config-json.js'

/** One access key's secret and who it stands for. */
export interface AccessKeyCredential {
  readonly secretAccessKey: string
  /** When set, every request of this key must carry it as `X-Amz-Security-Token`. */
  readonly sessionToken?: string
  /**
   * Who the key stands for: an IAM user name (`orders-service` becomes `arn:aws:iam::ACCOUNT:user/orders-service`)
   * or a whole ARN (`arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`). The access key id by default.
   */
  readonly principal?: string
}

/** Access keys by access key id. */
export type CredentialSet = { readonly [accessKeyId: string]: AccessKeyCredential }

const ACCESS_KEY_ID = /^[^\s/,;=]{1,128}$/
const USER_NAME = /^[\w+=,.@-]{1,64}$/
const MEMBERS = ['secretAccessKey', 'sessionToken', 'principal'] as const

function credentialAt(value: unknown, place: ConfigPlace): AccessKeyCredential {
  if (!isPlainObject(value)) throw configError(place, 'an object { "secretAccessKey": string, "sessionToken"?: string, "principal"?: string }', value)
  checkMembers(value, MEMBERS, place)
  const { secretAccessKey, sessionToken, principal } = value
  if (typeof secretAccessKey !== 'string' || secretAccessKey === '') throw configError(member(place, 'secretAccessKey'), 'a non-empty string', secretAccessKey)
  if (sessionToken !== undefined && (typeof sessionToken !== 'string' || sessionToken === '')) {
    throw configError(member(place, 'sessionToken'), 'a non-empty string when present', sessionToken)
  }
  if (principal !== undefined && (typeof principal !== 'string' || !(principal.startsWith('arn:') || USER_NAME.test(principal)))) {
    throw configError(member(place, 'principal'), 'an IAM user name (1 to 64 of letters, digits and +=,.@_-) or an ARN', principal)
  }
  return Object.freeze({
    secretAccessKey,
    ...(sessionToken === undefined ? {} : { sessionToken: sessionToken as string }),
    ...(principal === undefined ? {} : { principal: principal as string }),
  })
}

/**
 * Checks a credential set given as a value (the `credentials` option, or a parsed file) and freezes a copy.
 * @param value `{ "<access key id>": { "secretAccessKey": "…", "sessionToken"?: "…", "principal"?: "…" } }`
 * @param source how messages name where the value came from
 * @returns the credential set
 */
export function resolveCredentials(value: unknown, source = 'credentials'): CredentialSet {
  const place: ConfigPlace = { source, path: '$' }
  if (!isPlainObject(value)) throw configError(place, 'an object of access keys by access key id', value)
  const set: Record<string, AccessKeyCredential> = {}
  for (const [accessKeyId, credential] of Object.entries(value)) {
    if (!ACCESS_KEY_ID.test(accessKeyId)) {
      throw configError(member(place, accessKeyId), 'an access key id of 1 to 128 characters without spaces, "/", ",", ";" or "="', accessKeyId)
    }
    set[accessKeyId] = credentialAt(credential, member(place, accessKeyId))
  }
  if (Object.keys(set).length === 0) throw configError(place, 'at least one access key', value)
  return Object.freeze(set)
}

/**
 * Parses a credentials file (`--credentials FILE`): a JSON object of access keys by access key id.
 * @param text the file's content
 * @param fileName how messages name the file
 * @returns the credential set
 * @example
 * parseCredentialsFile('{ "AKIAORDERS": { "secretAccessKey": "s3cret", "principal": "orders-service" } }', 'keys.json')
 */
export function parseCredentialsFile(text: string, fileName: string): CredentialSet {
  const source = `credentials file ${fileName}`
  return resolveCredentials(parseConfigJson(text, source), source)
}

/** The ARN a credential's principal stands for in the account. */
export function principalArn(accessKeyId: string, credential: AccessKeyCredential, accountId: string): string {
  const principal = credential.principal ?? accessKeyId
  return principal.startsWith('arn:') ? principal : `arn:aws:iam::${accountId}:user/${principal}`
}
