// IAM's evaluation of identity-based policies for one action on one resource: an explicit Deny wins over every
// Allow, an Allow grants, and what no statement allows is denied by default.
import type { CompiledPolicy, CompiledStatement } from './policy.js'

/** The outcome of evaluating a request against a principal's policies. */
export type PolicyDecision = 'allow' | 'explicitDeny' | 'implicitDeny'

function applies(statement: CompiledStatement, action: string, resource: string): boolean {
  const actionListed = statement.actions.some((matches) => matches(action))
  if (actionListed === statement.notAction) return false
  const resourceListed = statement.resources.some((matches) => matches(resource))
  return resourceListed !== statement.notResource
}

/**
 * Evaluates a principal's policies for one action on one resource.
 * @param policy the statements of every policy of the principal
 * @param action the IAM action, such as `dynamodb:PutItem`
 * @param resource the resource ARN, or `*` for actions on no resource
 * @returns allow, an explicit deny, or the default deny
 */
export function evaluatePolicy(policy: CompiledPolicy, action: string, resource: string): PolicyDecision {
  let allowed = false
  for (const statement of policy) {
    if (!applies(statement, action, resource)) continue
    if (statement.effect === 'Deny') return 'explicitDeny'
    allowed = true
  }
  return allowed ? 'allow' : 'implicitDeny'
}
