// The AWS SDK v3 door: a request handler (the SDK's HttpHandler contract) that answers through the dispatcher, in
// process, with no network. Nothing here imports the SDK: the contract is structural.
import type { Store } from '../index.js'
import { DEFAULT_OPERATIONS } from './operations/index.js'
import { createDispatcher, type Dispatcher } from './protocol/dispatch.js'
import type { RequestGuard } from './protocol/guard.js'
import type { OperationRegistry } from './protocol/registry.js'

/** The parts of the SDK's HttpRequest the handler reads. */
export interface SdkHttpRequest {
  readonly method: string
  /** The path a signature covers; `/` when absent (the DynamoDB protocols send no query string). */
  readonly path?: string
  readonly headers: { readonly [name: string]: string | undefined }
  readonly body?: unknown
}

/** The SDK's HttpResponse: status, lower-case headers, the body as bytes. */
export interface SdkHttpResponse {
  readonly statusCode: number
  readonly reason?: string
  readonly headers: { [name: string]: string }
  readonly body: Uint8Array
}

/** A request handler in the shape of the SDK v3 HttpHandler. */
export interface AwsRequestHandler {
  readonly metadata: { readonly handlerProtocol: string }
  /** Answers one request; service errors are 4xx/5xx responses, never a rejection (except when aborted). */
  handle(request: SdkHttpRequest, options?: { readonly abortSignal?: { readonly aborted: boolean } }): Promise<{ response: SdkHttpResponse }>
  /** Accepts a config update as the SDK's handlers do; nothing in process depends on one. */
  updateHttpClientConfig(key: string, value: unknown): void
  /** The handler's config, as set through `updateHttpClientConfig`. */
  httpHandlerConfigs(): { readonly [key: string]: unknown }
  /** Releases nothing: the handler holds no sockets. */
  destroy(): void
}

/** Options of `awsRequestHandler`. */
export interface AwsRequestHandlerOptions {
  /** The operations answered; the built-in set by default. */
  readonly operations?: OperationRegistry
  /** Checks each request before its operation runs, as a server does: `createAuthGuard(...)` for signed requests. */
  readonly guard?: RequestGuard
}

const REASONS: Readonly<Record<number, string>> = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict', 500: 'Internal Server Error' }

function lowerCaseHeaders(headers: SdkHttpRequest['headers']): { [name: string]: string } {
  const out: { [name: string]: string } = {}
  for (const name in headers) {
    const value = headers[name]
    if (value !== undefined) out[name.toLowerCase()] = value
  }
  return out
}

function bodyOf(body: unknown): string | Uint8Array {
  if (typeof body === 'string' || body instanceof Uint8Array) return body
  if (body === undefined || body === null) return ''
  // A body the SDK never sends for these protocols (a stream): refused as the service refuses non-JSON.
  return String(body)
}

function abortError(): Error {
  const error = new Error('Request aborted')
  error.name = 'AbortError'
  return error
}

/**
 * A request handler answering DynamoDB and DynamoDB Streams clients from `store`, in process:
 * `new DynamoDBClient({ requestHandler: awsRequestHandler(store), ... })`.
 * @param store the store the clients read and write
 * @param options the operations answered, and a guard in front of them
 * @returns the handler
 */
export function awsRequestHandler(store: Store, options: AwsRequestHandlerOptions = {}): AwsRequestHandler {
  const dispatch: Dispatcher = createDispatcher(store, options.operations ?? DEFAULT_OPERATIONS, options.guard === undefined ? {} : { guard: options.guard })
  const config: { [key: string]: unknown } = {}
  return Object.freeze({
    metadata: Object.freeze({ handlerProtocol: 'streamtable/in-process' }),
    handle(request: SdkHttpRequest, handleOptions?: { readonly abortSignal?: { readonly aborted: boolean } }) {
      if (handleOptions?.abortSignal?.aborted === true) return Promise.reject(abortError())
      const answer = dispatch({ method: request.method, path: request.path ?? '/', headers: lowerCaseHeaders(request.headers), body: bodyOf(request.body) })
      const response: SdkHttpResponse = {
        statusCode: answer.status,
        reason: REASONS[answer.status] ?? '',
        // Each answer's headers are an object of its own, which the SDK may add to.
        headers: answer.headers as { [name: string]: string },
        body: answer.body,
      }
      return Promise.resolve({ response })
    },
    updateHttpClientConfig(key: string, value: unknown) {
      config[key] = value
    },
    httpHandlerConfigs: () => ({ ...config }),
    destroy() {},
  })
}

/** What `awsClientConfig` returns: spread it into a DynamoDB or DynamoDB Streams client's config. */
export interface AwsClientConfig {
  readonly region: string
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string }
  readonly endpoint: string
  readonly requestHandler: AwsRequestHandler
  readonly accountIdEndpointMode: 'disabled'
  readonly authSchemePreference: string[]
  readonly endpointDiscoveryEnabled: false
  readonly retryMode: 'standard'
  readonly useDualstackEndpoint: false
  readonly useFipsEndpoint: false
  readonly userAgentAppId: string
  /** Without a guard: SigV4 that names the credential scope and computes no signature (see `awsClientConfig`). */
  readonly httpAuthSchemes?: InProcessAuthScheme[]
}

/** An SDK identity provider, in the shape the auth scheme passes on. */
export type InProcessIdentityProvider = (properties?: Record<string, unknown>) => Promise<{ readonly expiration?: Date }>

/** The shape of the SDK's HttpAuthScheme that `awsClientConfig` provides. */
export interface InProcessAuthScheme {
  readonly schemeId: 'aws.auth#sigv4'
  identityProvider(config: { getIdentityProvider(schemeId: string): InProcessIdentityProvider | undefined }): InProcessIdentityProvider | undefined
  readonly signer: {
    sign<R extends { headers: { [name: string]: string } }>(
      request: R,
      identity: { readonly accessKeyId?: string; readonly expiration?: Date },
      properties: { readonly signingRegion?: unknown; readonly region?: unknown; readonly signingName?: unknown; readonly name?: unknown },
    ): Promise<R>
  }
}

// Requests of the same second carry the same date; formatting it is most of what the unsigned signer costs.
let lastSecond = Number.NaN
let lastAmzDate = ''

function amzDate(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== lastSecond) {
    lastSecond = second
    lastAmzDate = new Date(second * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '')
  }
  return lastAmzDate
}

// In process a signature protects nothing: the request never leaves the process, and without a guard nothing
// checks it. Deriving the signing key and hashing the request are most of what the SDK spends on a call after
// (de)serialising it, and a new client (one per test) derives the key again. The request still carries the
// Authorization header's shape, with the caller's access key and region, as the service requires.
function unsignedSigV4(region: string): InProcessAuthScheme {
  return {
    schemeId: 'aws.auth#sigv4',
    identityProvider: (config) => config.getIdentityProvider('aws.auth#sigv4'),
    signer: {
      sign(request, identity, properties) {
        const date = amzDate(Date.now())
        // The SDK's own signer takes them from the endpoint's auth scheme, else from the scheme's resolved properties.
        const scopeRegion = typeof properties.signingRegion === 'string' ? properties.signingRegion : typeof properties.region === 'string' ? properties.region : region
        const service = typeof properties.signingName === 'string' ? properties.signingName : typeof properties.name === 'string' ? properties.name : 'dynamodb'
        request.headers['x-amz-date'] = date
        request.headers.authorization = `AWS4-HMAC-SHA256 Credential=${identity.accessKeyId ?? 'streamtable'}/${date.slice(0, 8)}/${scopeRegion}/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=unsigned`
        return Promise.resolve(request)
      },
    },
  }
}

/**
 * A client config for `store`: its region, static dummy credentials, a local endpoint and the in-process handler,
 * so that `new DynamoDBClient({ ...awsClientConfig(store) })` needs nothing else. It also settles the settings the
 * SDK would otherwise look up in the environment and ~/.aws files on every new client (retry mode, FIPS and
 * dual-stack endpoints, account-based endpoints, endpoint discovery, app id): none of them applies in process,
 * and the lookups were most of a new client's cost. Without a guard, requests name their credential scope but are not
 * signed: nothing in process checks a signature. Spread your own values after it to override any.
 * @param store the store the client reads and writes
 * @param options the operations answered
 * @returns the config to spread
 */
export function awsClientConfig(store: Store, options: AwsRequestHandlerOptions = {}): AwsClientConfig {
  // Not frozen: the SDK marks the credentials object it is given with where it came from.
  return {
    region: store.region,
    credentials: { accessKeyId: 'streamtable', secretAccessKey: 'streamtable' },
    // A fixed endpoint keeps the SDK from resolving account-based endpoints; no request leaves the process.
    endpoint: 'http://streamtable.localhost',
    requestHandler: awsRequestHandler(store, options),
    accountIdEndpointMode: 'disabled',
    authSchemePreference: [],
    endpointDiscoveryEnabled: false,
    retryMode: 'standard',
    useDualstackEndpoint: false,
    useFipsEndpoint: false,
    userAgentAppId: '',
    // A guard checks signatures: then the SDK signs as it would for the service.
    ...(options.guard === undefined ? { httpAuthSchemes: [unsignedSigV4(store.region)] } : {}),
  }
}
