// Raw HTTP against a running server: what a client that is not an SDK sends and sees.
import { request as httpRequest, Agent } from 'node:http'
import { connect, type Socket } from 'node:net'

/** A signature of the shape the service requires; no guard checks it. */
export const AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc'

/** An answer as received. */
export interface HttpAnswer {
  readonly status: number
  readonly headers: { readonly [name: string]: string | string[] | undefined }
  readonly body: Buffer
  readonly text: string
  /** True when the request went out on a connection an earlier request had used. */
  readonly reusedSocket: boolean
}

/** What `send` puts on the wire; JSON 1.0, a signature shape and POST / unless told otherwise. */
export interface HttpCall {
  readonly method?: string
  readonly path?: string
  readonly target?: string
  readonly body?: string | Buffer
  readonly headers?: { readonly [name: string]: string }
  readonly agent?: Agent
}

/** Sends one request to `url` and reads the whole answer. */
export function send(url: string, call: HttpCall = {}): Promise<HttpAnswer> {
  const body = call.body ?? ''
  const headers: { [name: string]: string } = {
    'content-type': 'application/x-amz-json-1.0',
    authorization: AUTHORIZATION,
    'x-amz-date': '20260101T000000Z',
    ...(call.target === undefined ? {} : { 'x-amz-target': call.target }),
    ...call.headers,
  }
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const options = { hostname, port, path: call.path ?? '/', method: call.method ?? 'POST', headers, agent: call.agent ?? false }
    const req = httpRequest(options, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => {
        const buffer = Buffer.concat(chunks)
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: buffer, text: buffer.toString('utf8'), reusedSocket: req.reusedSocket })
      })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}

/** Sends a DynamoDB call with a JSON body. */
export function call(url: string, operation: string, input: unknown, extra: Omit<HttpCall, 'target' | 'body'> = {}): Promise<HttpAnswer> {
  const target = operation.includes('.') ? operation : `DynamoDB_20120810.${operation}`
  return send(url, { ...extra, target, body: JSON.stringify(input) })
}

/** The parsed JSON body of an answer. */
export function json(answer: HttpAnswer): Record<string, unknown> {
  return JSON.parse(answer.text) as Record<string, unknown>
}

/** The error code of an answer's `__type`. */
export function codeOf(answer: HttpAnswer): string | undefined {
  const type = json(answer).__type
  return typeof type === 'string' ? type.slice(type.indexOf('#') + 1) : undefined
}

/** A raw TCP connection to the server of `url`, once connected. */
export function rawSocket(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket))
    socket.on('error', reject)
  })
}

/** Everything a raw socket receives until the server closes it. */
export function readUntilClosed(socket: Socket): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    socket.on('data', (chunk: Buffer) => chunks.push(chunk))
    socket.on('error', () => {})
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')))
  })
}
