// Shared set-up of the Lambda mapping tests: the consumer tests' store, and helpers that read Lambda events.
import type { DynamoDBRecord } from 'aws-lambda'
import { createEventSourceMapping, type EventSourceMappingOptions, type EventSourceMappingParams, type LambdaStreamEvent, type LambdaStreamHandler } from '../../../src/aws/index.js'
import { setup as consumerSetup } from '../../consume/fixtures.js'

export { drain, START, writeOrders } from '../../consume/fixtures.js'

/** A store on a ManualClock with the streamed `orders` table, and a way to map a handler onto its stream. */
export function setup(options: Parameters<typeof consumerSetup>[0] = {}) {
  const base = consumerSetup(options)
  const map = (handler: LambdaStreamHandler, params: Partial<EventSourceMappingParams> = {}, functionOptions?: EventSourceMappingOptions) =>
    createEventSourceMapping(base.store, { EventSourceArn: base.orders.stream.arn, StartingPosition: 'TRIM_HORIZON', ...params }, handler, functionOptions)
  return { ...base, map }
}

/** The order ids of an event's records, from their keys in DynamoDB JSON. */
export const orderIds = (event: { Records: readonly DynamoDBRecord[] }): string[] => event.Records.map((r) => r.dynamodb?.Keys?.orderId?.S as string)

/** A handler that records every event it receives and returns what `respond` says. */
export function recorder(respond: (event: LambdaStreamEvent) => unknown = () => undefined) {
  const events: LambdaStreamEvent[] = []
  const handler: LambdaStreamHandler = async (event) => {
    events.push(event)
    return respond(event)
  }
  return { events, handler }
}
