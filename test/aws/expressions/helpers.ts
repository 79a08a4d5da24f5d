// Helpers of the expression tests: the service text of an error, and one call per expression kind.
import { expect } from 'vitest'
import { compileExpressions, type ExpressionRequest } from '../../../src/aws/expressions/index.js'
import type { AttributeValue } from '../../../src/index.js'
import { catchError } from '../../helpers/errors.js'

/** The exact service text of the ValidationException `fn` throws. */
export function serviceMessageOf(fn: () => unknown): string {
  const error = catchError(fn)
  expect(error.code).toBe('ValidationException')
  expect(typeof error.serviceMessage).toBe('string')
  expect(error.message).toBe(`${String(error.serviceMessage)} (ValidationException)`)
  return error.serviceMessage as string
}

/** The expression kinds a case names. */
export type Kind = 'condition' | 'filter' | 'key' | 'update' | 'projection'

/** A request carrying `expression` as the member of `kind`, with the given placeholders. */
export function requestFor(
  kind: Kind,
  expression: string,
  names?: Record<string, string>,
  values?: Record<string, AttributeValue>,
): ExpressionRequest {
  const member = {
    condition: 'conditionExpression',
    filter: 'filterExpression',
    key: 'keyConditionExpression',
    update: 'updateExpression',
    projection: 'projectionExpression',
  }[kind]
  return { [member]: expression, names, values }
}

/** Compiles one expression as its kind, with the schema checks of a table keyed `pk` (S) and `sk` (S). */
export function compileOne(kind: Kind, expression: string, names?: Record<string, string>, values?: Record<string, AttributeValue>): void {
  const compiled = compileExpressions(requestFor(kind, expression, names, values))
  compiled.keyCondition?.match({ partitionKey: 'pk', sortKey: 'sk', partitionKeyType: 'S', sortKeyType: 'S' })
  compiled.update?.checkKeyAttributes(['pk', 'sk'])
}
