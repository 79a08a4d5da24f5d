// The seam between transport and operations where a server checks who is calling and what they may do.
import type { JsonObject } from './input.js'
import type { WireError } from './wire-error.js'

/** What a guard sees of a request once its target is known and its body parsed. */
export interface GuardedRequest {
  readonly method: string
  /** The request's path with its query string, `/` for the SDK handler. */
  readonly path: string
  /** Header names in lower case. */
  readonly headers: { readonly [name: string]: string | undefined }
  /** The body exactly as received: a signature covers these bytes. */
  readonly body: string | Uint8Array
  /** The full target, such as `DynamoDB_20120810.PutItem`. */
  readonly target: string
  readonly input: JsonObject
  /** The store's clock when the request arrived, in epoch milliseconds. */
  readonly nowMs: number
}

/** A guard's verdict: the caller it authenticated and authorised, or the service's error for the request. */
export type GuardVerdict = { readonly accessKeyId: string | undefined } | { readonly fault: WireError }

/** Decides whether a well-formed request may reach its operation. */
export type RequestGuard = (request: GuardedRequest) => GuardVerdict

/** What a dispatcher reports of each request it answered, for access logs and metrics. */
export interface DispatchReport {
  readonly requestId: string
  /** The operation's name, such as `PutItem`, when the target named one. */
  readonly operation: string | undefined
  /** The `TableName` of the input, or the table of its `StreamArn`, when it names one. */
  readonly tableName: string | undefined
  /** The access key of the request's credential scope (verified when a guard is set). */
  readonly accessKeyId: string | undefined
  readonly status: number
  /** The error code the request was answered with, undefined on success. */
  readonly errorCode: string | undefined
}
