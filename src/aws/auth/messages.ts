// The service's words for authentication and authorization failures, in one table. Texts quoted from DynamoDB's
// answers; the scope and clock messages end in a space because the service joins several with none between.

/** Messages of the auth faults, by what went wrong. */
export const AUTH_TEXT = Object.freeze({
  signatureMismatch:
    'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  invalidToken: 'The security token included in the request is invalid.',
  missingToken: 'Request is missing Authentication Token',
  missingParameter: (name: string) => `Authorization header requires '${name}' parameter. `,
  missingDate: "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ",
  withHeader: (messages: string, authorization: string) => `${messages}Authorization=${authorization}`,
  unsupportedAlgorithm: (algorithm: string) => `Unsupported AWS 'algorithm': '${algorithm}'`,
  credentialParts: (credential: string) =>
    `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`,
  dateFormat: (date: string) => `Date must be in ISO-8601 'basic format'. Got '${date}'. See http://en.wikipedia.org/wiki/ISO_8601`,
  wrongRegion: 'Credential should be scoped to a valid region. ',
  wrongService: (service: string) => `Credential should be scoped to correct service: '${service}'. `,
  wrongTerminator: (terminator: string) => `Credential should be scoped with a valid terminator: 'aws4_request', not '${terminator}'. `,
  wrongScopeDate: (scopeDate: string, requestDate: string, amzDate: string) =>
    `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scopeDate}' != '${requestDate}', from '${amzDate}'. `,
  expired: (amzDate: string, earliest: string, now: string, skewMinutes: number) =>
    `Signature expired: ${amzDate} is now earlier than ${earliest} (${now} - ${skewMinutes} min.)`,
  notYetCurrent: (amzDate: string, latest: string, now: string, skewMinutes: number) =>
    `Signature not yet current: ${amzDate} is still later than ${latest} (${now} + ${skewMinutes} min.)`,
  implicitDeny: (principal: string, action: string, resource: string) =>
    `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`,
  explicitDeny: (principal: string, action: string, resource: string) =>
    `User: ${principal} is not authorized to perform: ${action} on resource: ${resource} with an explicit deny in an identity-based policy`,
})
