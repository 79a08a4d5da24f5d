// Identity-based policies in IAM's JSON grammar: Version, Statement (one or a list) of Effect, Action or NotAction,
// Resource or NotResource. Parsed once into matchers; elements IAM allows but this evaluator cannot honour
// (Condition, policy variables) are refused with a message rather than ignored, since ignoring them would grant
// or withhold access the policy's author did not mean.
import { checkMembers, configError, configMismatch, isPlainObject, member, parseConfigJson, type ConfigPlace } from './config-json.js'
import { actionMatcher, arnSegments, resourceMatcher, type WildcardMatcher } from './wildcard.js'

/** One statement of a policy, as IAM's JSON grammar spells it. */
export interface PolicyStatement {
  readonly Sid?: string
  readonly Effect: 'Allow' | 'Deny'
  readonly Action?: string | readonly string[]
  readonly NotAction?: string | readonly string[]
  readonly Resource?: string | readonly string[]
  readonly NotResource?: string | readonly string[]
}

/** An identity-based policy document. */
export interface PolicyDocument {
  readonly Version?: '2012-10-17' | '2008-10-17'
  readonly Id?: string
  readonly Statement: PolicyStatement | readonly PolicyStatement[]
}

/** The policies of each access key: one document or several, all of which apply. */
export type PolicySet = { readonly [accessKeyId: string]: PolicyDocument | readonly PolicyDocument[] }

/** A statement ready to evaluate. */
export interface CompiledStatement {
  readonly effect: 'Allow' | 'Deny'
  /** True when the statement's actions are the ones it does not apply to (NotAction). */
  readonly notAction: boolean
  readonly actions: readonly WildcardMatcher[]
  /** True when the statement's resources are the ones it does not apply to (NotResource). */
  readonly notResource: boolean
  readonly resources: readonly WildcardMatcher[]
}

/** The statements of all the policies of one access key. */
export type CompiledPolicy = readonly CompiledStatement[]

const DOCUMENT_MEMBERS = ['Version', 'Id', 'Statement']
const STATEMENT_MEMBERS = ['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource']
const VERSIONS = ['2012-10-17', '2008-10-17']

function stringList(value: unknown, place: ConfigPlace): readonly string[] {
  const list = typeof value === 'string' ? [value] : value
  if (!Array.isArray(list) || list.length === 0 || list.some((item) => typeof item !== 'string' || item === '')) {
    throw configError(place, 'a non-empty string or a non-empty list of non-empty strings', value)
  }
  return list as readonly string[]
}

function onlyOne(statement: { readonly [name: string]: unknown }, names: readonly [string, string], place: ConfigPlace): string {
  const present = names.filter((name) => statement[name] !== undefined)
  if (present.length !== 1) throw configMismatch(place, `exactly one of ${names.join(' or ')}`, present.length === 0 ? 'neither' : 'both')
  return present[0] as string
}

function compileActions(patterns: readonly string[], place: ConfigPlace): WildcardMatcher[] {
  return patterns.map((pattern, i) => {
    if (pattern !== '*' && !/^[A-Za-z0-9*?-]+:[A-Za-z0-9*?]+$/.test(pattern)) {
      throw configError(member(place, i), 'an action "service:Action" (such as "dynamodb:PutItem" or "dynamodb:Get*") or "*"', pattern)
    }
    return actionMatcher(pattern)
  })
}

function compileResources(patterns: readonly string[], place: ConfigPlace): WildcardMatcher[] {
  return patterns.map((pattern, i) => {
    if (pattern.includes('${')) throw configError(member(place, i), 'a resource without policy variables (${...} is not substituted here)', pattern)
    if (pattern !== '*' && (arnSegments(pattern) === undefined || !pattern.startsWith('arn:'))) {
      throw configError(member(place, i), 'an ARN "arn:partition:service:region:account:resource" (such as "arn:aws:dynamodb:*:*:table/orders") or "*"', pattern)
    }
    return resourceMatcher(pattern)
  })
}

function compileStatement(value: unknown, place: ConfigPlace): CompiledStatement {
  if (!isPlainObject(value)) throw configError(place, 'a statement object { "Effect", "Action" | "NotAction", "Resource" | "NotResource" }', value)
  if (value.Condition !== undefined) throw configError(member(place, 'Condition'), 'no Condition (conditions are not evaluated here; a statement with one would be applied without it)', value.Condition)
  for (const name of ['Principal', 'NotPrincipal']) {
    if (value[name] !== undefined) throw configError(member(place, name), `no ${name} (an identity-based policy applies to the access key it is attached to)`, value[name])
  }
  checkMembers(value, STATEMENT_MEMBERS, place)
  if (value.Sid !== undefined && typeof value.Sid !== 'string') throw configError(member(place, 'Sid'), 'a string', value.Sid)
  if (value.Effect !== 'Allow' && value.Effect !== 'Deny') throw configError(member(place, 'Effect'), '"Allow" or "Deny"', value.Effect)
  const actionName = onlyOne(value, ['Action', 'NotAction'], place)
  const resourceName = onlyOne(value, ['Resource', 'NotResource'], place)
  const actionPlace = member(place, actionName)
  const resourcePlace = member(place, resourceName)
  return Object.freeze({
    effect: value.Effect,
    notAction: actionName === 'NotAction',
    actions: compileActions(stringList(value[actionName], actionPlace), actionPlace),
    notResource: resourceName === 'NotResource',
    resources: compileResources(stringList(value[resourceName], resourcePlace), resourcePlace),
  })
}

function compileDocument(value: unknown, place: ConfigPlace): CompiledStatement[] {
  if (!isPlainObject(value)) throw configError(place, 'a policy document { "Version": "2012-10-17", "Statement": [...] }', value)
  checkMembers(value, DOCUMENT_MEMBERS, place)
  if (value.Version !== undefined && !VERSIONS.includes(value.Version as string)) throw configError(member(place, 'Version'), '"2012-10-17" or "2008-10-17"', value.Version)
  if (value.Id !== undefined && typeof value.Id !== 'string') throw configError(member(place, 'Id'), 'a string', value.Id)
  const statements = value.Statement
  const statementPlace = member(place, 'Statement')
  if (Array.isArray(statements)) return statements.map((statement, i) => compileStatement(statement, member(statementPlace, i)))
  if (statements === undefined) throw configError(statementPlace, 'a statement or a list of statements', statements)
  return [compileStatement(statements, statementPlace)]
}

/**
 * Checks and compiles the policies of one access key: a policy document, or a list of them.
 * @param value the document or documents
 * @param place where the value sits, for messages
 * @returns the statements of all the documents
 */
export function compilePolicy(value: unknown, place: ConfigPlace = { source: 'policy', path: '$' }): CompiledPolicy {
  if (Array.isArray(value)) return Object.freeze(value.flatMap((document, i) => compileDocument(document, member(place, i))))
  return Object.freeze(compileDocument(value, place))
}

/**
 * Checks and compiles a policy set given as a value (the `policies` option, or a parsed file).
 * @param value `{ "<access key id>": <policy document> | [<policy documents>] }`
 * @param source how messages name where the value came from
 * @returns the compiled policies by access key id
 */
export function compilePolicies(value: unknown, source = 'policies'): ReadonlyMap<string, CompiledPolicy> {
  const place: ConfigPlace = { source, path: '$' }
  if (!isPlainObject(value)) throw configError(place, 'an object of policy documents by access key id', value)
  return new Map(Object.entries(value).map(([accessKeyId, policy]) => [accessKeyId, compilePolicy(policy, member(place, accessKeyId))]))
}

/**
 * Parses a policy file (`--policy FILE`): a JSON object of identity-based policies by access key id.
 * @param text the file's content
 * @param fileName how messages name the file
 * @returns the policy set, checked
 * @example
 * parsePolicyFile('{ "AKIAORDERS": { "Version": "2012-10-17", "Statement": [{ "Effect": "Allow", "Action": "dynamodb:PutItem", "Resource": "arn:aws:dynamodb:*:*:table/orders" }] } }', 'policy.json')
 */
export function parsePolicyFile(text: string, fileName: string): PolicySet {
  const source = `policy file ${fileName}`
  const value = parseConfigJson(text, source)
  compilePolicies(value, source)
  return value as PolicySet
}
