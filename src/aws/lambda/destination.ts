import { createUuidSource } from '../../core/ids.js'
import type { OnFailureRecord } from '../../index.js'
import { InvalidParameterValueException } from '../../core/errors.js'

/** The on-failure record as a destination receives it: the JSON document Lambda sends, parsed. */
export type LambdaFailureRecord = OnFailureRecord

/** One message as the queue (SQS) or topic (SNS) received it: its id and its body, the record's JSON text. */
export interface FailureMessage {
  readonly messageId: string
  /** The record as JSON text: an SQS message's body, an SNS notification's Message. */
  readonly body: string
}

/** An in-process SQS queue or SNS topic for the batches a mapping gives up on. */
export interface FailureDestination {
  /** The queue's or topic's ARN, as `DestinationConfig.OnFailure.Destination` names it on the service. */
  readonly arn: string
  readonly kind: 'sqs' | 'sns'
  /** The messages received, oldest first. */
  readonly messages: readonly FailureMessage[]
  /** The records received, parsed from the messages, oldest first. */
  records(): readonly LambdaFailureRecord[]
  /** Forgets the messages received. */
  clear(): void
  /** Takes one record's JSON text, as the mapping sends it. */
  send(body: string): void
}

/** The function form of an on-failure destination: it receives each record, parsed from the JSON Lambda sends. */
export type FailureDestinationFunction = (record: LambdaFailureRecord) => void | Promise<void>

const DESTINATION_ARN = /^arn:aws[a-zA-Z-]*:(sqs|sns):[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:[a-zA-Z0-9_.-]{1,256}$/

/**
 * Creates an in-process on-failure destination: a queue or topic that keeps every failure record sent to it.
 * @param arn the SQS queue's or SNS topic's ARN (default an SQS queue named on-failure in us-east-1)
 * @returns the destination, to put in `DestinationConfig.OnFailure.Destination`
 */
export function createFailureDestination(arn = 'arn:aws:sqs:us-east-1:000000000000:on-failure'): FailureDestination {
  const match = typeof arn === 'string' ? DESTINATION_ARN.exec(arn) : null
  if (match === null) {
    throw new InvalidParameterValueException(
      `Invalid on-failure destination ARN: expected the ARN of an SQS queue or SNS topic (arn:aws:sqs:{region}:{account}:{name}), received ${JSON.stringify(arn) ?? String(arn)}`,
    )
  }
  const messages: FailureMessage[] = []
  const newId = createUuidSource()
  return Object.freeze({
    arn,
    kind: match[1] as 'sqs' | 'sns',
    messages,
    records: () => Object.freeze(messages.map((m) => JSON.parse(m.body) as LambdaFailureRecord)),
    clear: () => void messages.splice(0),
    send(body: string) {
      messages.push(Object.freeze({ messageId: newId(), body }))
    },
  })
}

/** True for a destination made by `createFailureDestination` (or one shaped like it). */
export function isFailureDestination(value: unknown): value is FailureDestination {
  return typeof value === 'object' && value !== null && typeof (value as FailureDestination).send === 'function' && typeof (value as FailureDestination).arn === 'string'
}
