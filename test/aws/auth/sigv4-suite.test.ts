import { describe, expect, it } from 'vitest'
import { canonicalRequest, sha256Hex } from '../../../src/aws/auth/canonical-request.js'
import { createSignatureVerifier } from '../../../src/aws/auth/signature-verifier.js'
import { scopeText, signatureOf, signingKey, stringToSign } from '../../../src/aws/auth/signing.js'
import { SUITE, SUITE_CASES } from './sigv4-suite.js'

const AMZ_MS = Date.UTC(2015, 7, 30, 12, 36, 0)

describe('the AWS Signature Version 4 test suite', () => {
  it.each(SUITE_CASES.map((c) => [c.name, c] as const))('%s: canonical request, string to sign and signature as published', (_, c) => {
    const creq = canonicalRequest({ method: c.method, path: c.path, headers: c.headers, signedHeaders: c.signedHeaders, payloadHash: sha256Hex(c.body) })
    expect(creq).toBe(c.creq)
    expect(sha256Hex(creq)).toBe(c.canonicalHash)
    const sts = stringToSign(SUITE.amzDate, SUITE.scope, creq)
    expect(sts).toBe(`AWS4-HMAC-SHA256\n${SUITE.amzDate}\n${scopeText(SUITE.scope)}\n${c.canonicalHash}`)
    expect(signatureOf(signingKey(SUITE.secretAccessKey, SUITE.scope), sts)).toBe(c.signature)
  })

  it('derives the signing key of the documentation example', () => {
    const key = signingKey(SUITE.secretAccessKey, { date: '20150830', region: 'us-east-1', service: 'iam', terminator: 'aws4_request' })
    expect(key.toString('hex')).toBe('c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9')
  })

  it('refuses the suite requests at the door: they are scoped to the service "service", not dynamodb', () => {
    const c = SUITE_CASES.find((s) => s.name === 'get-vanilla')
    if (c === undefined) throw new Error('get-vanilla is a suite case')
    const verify = createSignatureVerifier({ credentials: { [SUITE.accessKeyId]: { secretAccessKey: SUITE.secretAccessKey } } })
    const authorization = `AWS4-HMAC-SHA256 Credential=${SUITE.accessKeyId}/${scopeText(SUITE.scope)}, SignedHeaders=${c.signedHeaders.join(';')}, Signature=${c.signature}`
    const verdict = verify({ method: c.method, path: c.path, headers: { ...c.headers, authorization }, body: c.body }, AMZ_MS)
    expect(verdict).toEqual({ fault: { status: 400, code: 'InvalidSignatureException', message: "Credential should be scoped to correct service: 'dynamodb'. " } })
  })
})
