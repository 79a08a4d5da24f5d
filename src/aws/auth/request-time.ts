// When a request says it was signed: `X-Amz-Date` in ISO 8601 basic format, else the HTTP `Date` header; and
// whether that time is within the service's tolerance of its own clock.
import { wireError, type WireError } from '../protocol/wire-error.js'
import { AUTH_TEXT } from './messages.js'

/** How far a request's time may be from the server's, either way: DynamoDB allows 15 minutes. */
export const CLOCK_SKEW_MS = 15 * 60_000

/** A request's signing time, as the string to sign spells it and in epoch milliseconds. */
export interface RequestTime {
  /** `YYYYMMDDTHHMMSSZ`. */
  readonly amzDate: string
  readonly ms: number
}

const BASIC_FORMAT = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/

/** A time in ISO 8601 basic format, to the second. */
export function formatAmzDate(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')
}

function parseBasicFormat(text: string): number | undefined {
  const m = BASIC_FORMAT.exec(text)
  if (m === null) return undefined
  const [, year, month, day, hour, minute, second] = m.map(Number) as [number, number, number, number, number, number, number]
  const ms = Date.UTC(year, month - 1, day, hour, minute, second)
  // Date.UTC rolls 20150231 over into March; a date that does not round-trip is not a date.
  return formatAmzDate(ms) === text ? ms : undefined
}

/**
 * The signing time of a request, or the service's fault when it has none or none in a format it reads.
 * @param headers the request's headers, names in lower case
 * @returns the time, or the fault to answer with
 */
export function requestTime(headers: { readonly [name: string]: string | undefined }): RequestTime | { readonly fault: WireError } {
  const amzDate = headers['x-amz-date']
  if (amzDate !== undefined) {
    const ms = parseBasicFormat(amzDate.trim())
    return ms === undefined ? { fault: wireError('IncompleteSignatureException', AUTH_TEXT.dateFormat(amzDate)) } : { amzDate: amzDate.trim(), ms }
  }
  const date = headers.date
  if (date === undefined) return { fault: wireError('IncompleteSignatureException', AUTH_TEXT.missingDate) }
  const ms = Date.parse(date)
  if (!Number.isFinite(ms)) return { fault: wireError('IncompleteSignatureException', AUTH_TEXT.dateFormat(date)) }
  const seconds = Math.floor(ms / 1000) * 1000
  return { amzDate: formatAmzDate(seconds), ms: seconds }
}

/**
 * The service's fault for a request signed more than the clock skew away from `nowMs`, or undefined.
 * @param time the request's signing time
 * @param nowMs the server's clock
 * @param skewMs the tolerance either way
 * @returns the fault, or undefined when the time is within the tolerance
 */
export function skewFault(time: RequestTime, nowMs: number, skewMs: number = CLOCK_SKEW_MS): WireError | undefined {
  const now = Math.floor(nowMs / 1000) * 1000
  const minutes = Math.round(skewMs / 60_000)
  if (time.ms < now - skewMs) {
    return wireError('InvalidSignatureException', AUTH_TEXT.expired(time.amzDate, formatAmzDate(now - skewMs), formatAmzDate(now), minutes))
  }
  if (time.ms > now + skewMs) {
    return wireError('InvalidSignatureException', AUTH_TEXT.notYetCurrent(time.amzDate, formatAmzDate(now + skewMs), formatAmzDate(now), minutes))
  }
  return undefined
}
