import type { AnyChangeRecord } from '../capture/record.js'
import type { ChangeStream } from '../log/stream-types.js'
import type { StreamMark } from './emitted.js'
import type { RecordPattern } from './record-pattern.js'

/** The record type a matcher reads from what `expect` received: a table's, a stream's, a mark's, or an array's. */
export type EmittedRecordOf<S> = 0 extends 1 & S
  ? AnyChangeRecord
  : S extends StreamMark<infer R>
    ? R
    : S extends ChangeStream<infer R>
      ? R
      : S extends { readonly stream: infer St }
        ? St extends ChangeStream<infer R>
          ? R
          : never
        : S extends readonly (infer R)[]
          ? R
          : AnyChangeRecord

/** The stream record matchers, typed by what `expect` received; `R` is what the framework's matchers return. */
export interface EmittedMatchers<S, R = void> {
  /** At least one record matches the partial record (any record, without a pattern). */
  toHaveEmitted(pattern?: RecordPattern<EmittedRecordOf<S>>): R
  /** Exactly `times` records match the partial record (exist, without a pattern). */
  toHaveEmittedTimes(times: number, pattern?: RecordPattern<EmittedRecordOf<S>>): R
}
