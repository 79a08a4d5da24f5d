// streamtable reached through its real door: the oracle's requests, built exactly as they are for DynamoDB Local,
// go as JSON bodies through the dispatcher the SDK request handler and the HTTP server use, so the comparison covers
// request validation, error ranking and the wire shapes of answers as well as the expression engine.
import { createDispatcher } from '../src/aws/protocol/dispatch.js'
import { DEFAULT_OPERATIONS } from '../src/aws/operations/index.js'
import { createStore } from '../src/index.js'
import type { CaseRunner } from './cases.js'
import type { WireAnswer } from './dynamodb-local.js'
import { createLocalRunner } from './local-engine.js'

const HEADERS = {
  'content-type': 'application/x-amz-json-1.0',
  'x-amz-date': '20260101T000000Z',
  authorization: 'AWS4-HMAC-SHA256 Credential=oracle/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=00',
}

/** A JSON call to one store through the dispatcher, answered as DynamoDB Local's client answers. */
export function createWireCall(): (operation: string, body: unknown) => Promise<WireAnswer> {
  const dispatch = createDispatcher(createStore(), DEFAULT_OPERATIONS)
  const decoder = new TextDecoder()
  return async (operation, body) => {
    const response = dispatch({ method: 'POST', path: '/', headers: { ...HEADERS, 'x-amz-target': `DynamoDB_20120810.${operation}` }, body: JSON.stringify(body) })
    const text = decoder.decode(response.body)
    const parsed = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>
    if (response.status === 200) return { ok: true, body: parsed }
    const type = String(parsed.__type ?? '')
    return { ok: false, status: response.status, name: type.slice(type.lastIndexOf('#') + 1) || `HTTP${response.status}`, message: String(parsed.message ?? parsed.Message ?? '') }
  }
}

/** Answers oracle cases with the same requests DynamoDB Local gets, sent to a fresh store through the dispatcher. */
export function createStreamtableWireRunner(): CaseRunner {
  return createLocalRunner({ call: createWireCall() }, 'streamtable')
}
