import { describe, expect, it } from 'vitest'
import { canonicalRequest, sha256Hex } from '../../../src/aws/auth/canonical-request.js'
import { createSignatureVerifier, type SignedRequest } from '../../../src/aws/auth/signature-verifier.js'
import { signatureOf, signingKey, stringToSign } from '../../../src/aws/auth/signing.js'

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0)
const AMZ_DATE = '20260115T120000Z'
const SECRET = 'orders-secret'
const verify = createSignatureVerifier({ credentials: { AKIAORDERS: { secretAccessKey: SECRET } } })
const BODY = '{"TableName":"orders"}'

/** A request signed as a client signs it, with the time it says and the headers it signs. */
function signed(options: { amzDate?: string; date?: string; scopeDate?: string; region?: string; service?: string; separator?: string } = {}): SignedRequest {
  const headers: { [name: string]: string } = { host: 'localhost:8000', 'x-amz-target': 'DynamoDB_20120810.DescribeTable', 'content-type': 'application/x-amz-json-1.0' }
  if (options.date !== undefined) headers.date = options.date
  else headers['x-amz-date'] = options.amzDate ?? AMZ_DATE
  const signedHeaders = Object.keys(headers).sort()
  const amzDate = options.amzDate ?? AMZ_DATE
  const scope = { date: options.scopeDate ?? amzDate.slice(0, 8), region: options.region ?? 'us-east-1', service: options.service ?? 'dynamodb', terminator: 'aws4_request' }
  const canonical = canonicalRequest({ method: 'POST', path: '/', headers, signedHeaders, payloadHash: sha256Hex(BODY) })
  const signature = signatureOf(signingKey(SECRET, scope), stringToSign(amzDate, scope, canonical))
  const separator = options.separator ?? ', '
  headers.authorization = `AWS4-HMAC-SHA256 Credential=AKIAORDERS/${scope.date}/${scope.region}/${scope.service}/aws4_request${separator}SignedHeaders=${signedHeaders.join(';')}${separator}Signature=${signature}`
  return { method: 'POST', path: '/', headers, body: BODY }
}

function withAuthorization(request: SignedRequest, authorization: string): SignedRequest {
  return { ...request, headers: { ...request.headers, authorization } }
}

const fault = (code: string, message: string) => ({ fault: { status: 400, code, message } })

describe('the signature verifier', () => {
  it('accepts a request signed at the server time, in any region, however the parameters are separated', () => {
    expect(verify(signed(), NOW)).toMatchObject({ accessKeyId: 'AKIAORDERS', region: 'us-east-1' })
    expect(verify(signed({ region: 'ap-south-1' }), NOW)).toMatchObject({ region: 'ap-south-1' })
    expect(verify(signed({ separator: ',' }), NOW)).toMatchObject({ accessKeyId: 'AKIAORDERS' })
    expect(verify(signed({ separator: ' ' }), NOW)).toMatchObject({ accessKeyId: 'AKIAORDERS' })
  })

  it('reads the time from the Date header when there is no X-Amz-Date', () => {
    expect(verify(signed({ date: 'Thu, 15 Jan 2026 12:00:00 GMT' }), NOW)).toMatchObject({ accessKeyId: 'AKIAORDERS' })
    expect(verify(signed({ date: 'Thu, 15 Jan 2026 11:00:00 GMT' }), NOW)).toEqual(
      fault('InvalidSignatureException', 'Signature expired: 20260115T110000Z is now earlier than 20260115T114500Z (20260115T120000Z - 15 min.)'),
    )
  })

  it('answers a header it cannot read as the service does', () => {
    const request = signed()
    expect(verify({ ...request, headers: { ...request.headers, authorization: undefined } }, NOW)).toEqual(fault('MissingAuthenticationTokenException', 'Request is missing Authentication Token'))
    expect(verify(withAuthorization(request, 'Bearer abc'), NOW)).toEqual(fault('MissingAuthenticationTokenException', 'Request is missing Authentication Token'))
    expect(verify(withAuthorization(request, 'AWS4-HMAC-SHA1 Credential=a/b/c/d/e, SignedHeaders=host, Signature=00'), NOW)).toEqual(
      fault('IncompleteSignatureException', "Unsupported AWS 'algorithm': 'AWS4-HMAC-SHA1'"),
    )
    const noSignature = 'AWS4-HMAC-SHA256 Credential=AKIAORDERS/20260115/us-east-1/dynamodb/aws4_request, SignedHeaders=host'
    expect(verify(withAuthorization(request, noSignature), NOW)).toEqual(fault('IncompleteSignatureException', `Authorization header requires 'Signature' parameter. Authorization=${noSignature}`))
    const shortCredential = 'AWS4-HMAC-SHA256 Credential=AKIAORDERS/20260115/us-east-1, SignedHeaders=host, Signature=00'
    expect(verify(withAuthorization(request, shortCredential), NOW)).toEqual(
      fault('IncompleteSignatureException', "Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got 'AKIAORDERS/20260115/us-east-1'"),
    )
    expect(verify({ ...request, headers: { ...request.headers, 'x-amz-date': '2026-01-15T12:00:00Z' } }, NOW)).toEqual(
      fault('IncompleteSignatureException', "Date must be in ISO-8601 'basic format'. Got '2026-01-15T12:00:00Z'. See http://en.wikipedia.org/wiki/ISO_8601"),
    )
    const { 'x-amz-date': _, ...undated } = request.headers
    expect(verify({ ...request, headers: undated }, NOW)).toEqual(fault('IncompleteSignatureException', "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "))
  })

  it('names every way the credential scope is wrong, in one message', () => {
    expect(verify(signed({ service: 'dynamodbstreams' }), NOW)).toEqual(fault('InvalidSignatureException', "Credential should be scoped to correct service: 'dynamodb'. "))
    expect(verify(signed({ scopeDate: '20260114', service: 's3' }), NOW)).toEqual(
      fault(
        'InvalidSignatureException',
        "Credential should be scoped to correct service: 'dynamodb'. Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '20260114' != '20260115', from '20260115T120000Z'. ",
      ),
    )
    const request = signed()
    const wrongTerminator = (request.headers.authorization as string).replace('/aws4_request', '/aws5_request')
    expect(verify(withAuthorization(request, wrongTerminator), NOW)).toEqual(fault('InvalidSignatureException', "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws5_request'. "))
  })

  it('checks the clock before the key, and the key before the signature', () => {
    const stale = signed({ amzDate: '20260115T100000Z' })
    const unknownAndStale = withAuthorization(stale, (stale.headers.authorization as string).replace('AKIAORDERS', 'AKIAOTHER'))
    expect(verify(unknownAndStale, NOW)).toMatchObject({ fault: { code: 'InvalidSignatureException' } })
    const unknown = withAuthorization(signed(), (signed().headers.authorization as string).replace('AKIAORDERS', 'AKIAOTHER').replace(/Signature=\w+/, 'Signature=00'))
    expect(verify(unknown, NOW)).toEqual(fault('UnrecognizedClientException', 'The security token included in the request is invalid.'))
  })

  it('tolerates exactly the configured skew', () => {
    const strict = createSignatureVerifier({ credentials: { AKIAORDERS: { secretAccessKey: SECRET } }, skewMs: 0 })
    expect(strict(signed(), NOW)).toMatchObject({ accessKeyId: 'AKIAORDERS' })
    expect(strict(signed(), NOW + 1000)).toMatchObject({ fault: { code: 'InvalidSignatureException' } })
    expect(verify(signed({ amzDate: '20260115T114500Z' }), NOW)).toMatchObject({ accessKeyId: 'AKIAORDERS' })
    expect(verify(signed({ amzDate: '20260115T114459Z' }), NOW)).toMatchObject({ fault: { code: 'InvalidSignatureException' } })
  })
})
