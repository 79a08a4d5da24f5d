// IAM's wildcards: `*` any run of characters, `?` any one character. Actions match without regard to case;
// resource ARNs match segment by segment (partition, service, region, account, resource), case preserved.

/** A compiled pattern of a policy's Action or Resource element. */
export type WildcardMatcher = (text: string) => boolean

function globSource(pattern: string): string {
  let source = ''
  for (const char of pattern) {
    if (char === '*') source += '.*'
    else if (char === '?') source += '.'
    else source += char.replace(/[\\^$.|+()[\]{}]/g, '\\$&')
  }
  return source
}

/** A matcher of IAM action names (`dynamodb:Get*`, `*`), case-insensitive as IAM compares them. */
export function actionMatcher(pattern: string): WildcardMatcher {
  const regex = new RegExp(`^${globSource(pattern)}$`, 'is')
  return (action) => regex.test(action)
}

/** The six segments of an ARN: `arn`, partition, service, region, account, and the resource (which may hold `:`). */
export function arnSegments(arn: string): string[] | undefined {
  const parts = arn.split(':')
  if (parts.length < 6) return undefined
  return [...parts.slice(0, 5), parts.slice(5).join(':')]
}

/** A matcher of resource ARNs: `*` alone matches every resource; otherwise each ARN segment is matched on its own. */
export function resourceMatcher(pattern: string): WildcardMatcher {
  if (pattern === '*') return () => true
  const segments = arnSegments(pattern)
  if (segments === undefined) return (resource) => resource === pattern
  const regexes = segments.map((segment) => new RegExp(`^${globSource(segment)}$`, 's'))
  return (resource) => {
    const parts = arnSegments(resource)
    return parts !== undefined && regexes.every((regex, i) => regex.test(parts[i] as string))
  }
}
