// A Lambda function for the orders stream, exactly as it deploys to AWS: it imports only the @types/aws-lambda types
// and the AWS SDK. examples/lambda.ts runs it in process, unchanged, through createEventSourceMapping.
//
// Its event source mapping (SAM):
//   Events:
//     Orders:
//       Type: DynamoDB
//       Properties:
//         Stream: !GetAtt Orders.StreamArn
//         StartingPosition: TRIM_HORIZON
//         BatchSize: 10
//         MaximumRetryAttempts: 2
//         FunctionResponseTypes: [ReportBatchItemFailures]
//         FilterCriteria: { Filters: [{ Pattern: '{"eventName":["INSERT","MODIFY"]}' }] }
//         DestinationConfig: { OnFailure: { Destination: !GetAtt OrdersDlq.Arn } }
import type { AttributeValue } from '@aws-sdk/client-dynamodb'
import { unmarshall } from '@aws-sdk/util-dynamodb'
import type { DynamoDBBatchItemFailure, DynamoDBRecord, DynamoDBStreamHandler } from 'aws-lambda'

type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid' }

function imageOf(image: Record<string, unknown> | undefined): Order | undefined {
  return image === undefined ? undefined : (unmarshall(image as Record<string, AttributeValue>) as Order)
}

function describe(record: DynamoDBRecord): string | undefined {
  const order = imageOf(record.dynamodb?.NewImage)
  const before = imageOf(record.dynamodb?.OldImage)
  if (order === undefined) return undefined
  if (order.total < 0) throw new Error(`order ${order.orderId} has a negative total ${order.total}`)
  if (record.eventName === 'INSERT') return `order ${order.customerId}/${order.orderId} placed: ${order.total}`
  if (before?.status === 'open' && order.status === 'paid') return `order ${order.customerId}/${order.orderId} paid: ${order.total}`
  return undefined
}

/** Logs placed and paid orders; a record it cannot handle is reported, so that only it and what follows come again. */
export const handler: DynamoDBStreamHandler = async (event, context) => {
  const batchItemFailures: DynamoDBBatchItemFailure[] = []
  for (const record of event.Records) {
    try {
      const line = describe(record)
      if (line !== undefined) console.log(`[${context.functionName}] ${line}`)
    } catch (error) {
      console.log(`[${context.functionName}] failed ${record.dynamodb?.SequenceNumber}: ${(error as Error).message}`)
      batchItemFailures.push({ itemIdentifier: record.dynamodb?.SequenceNumber as string })
    }
  }
  return { batchItemFailures }
}
