// Shared setup of the AWS SDK tests: a store on a manual clock and real SDK clients answered in process.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import { awsClientConfig } from '../../src/aws/index.js'
import { createStore, type StoreOptions } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { T0 } from '../helpers/time.js'

/** A store on a manual clock, with a DynamoDB and a DynamoDB Streams client reaching it in process. */
export function sdkSetup(options: Omit<StoreOptions, 'clock'> = {}) {
  const clock = new ManualClock(T0)
  const store = createStore({ clock, shards: { initial: 1 }, ...options })
  // No retries: an error a test expects is answered once, and a 500 would show at once.
  const streams = new DynamoDBStreamsClient({ ...awsClientConfig(store), maxAttempts: 1 })
  const dynamodb = new DynamoDBClient({ ...awsClientConfig(store), maxAttempts: 1 })
  return { clock, store, streams, dynamodb }
}

/** What a test checks of an error the SDK raised: its name, message, fault and HTTP status. */
export interface SdkError {
  readonly name: string
  readonly message: string
  readonly fault: string | undefined
  readonly status: number | undefined
  readonly error: Error
}

/** Awaits `call`, expecting the SDK to reject it; returns what it raised. */
export async function sdkError(call: Promise<unknown>): Promise<SdkError> {
  try {
    await call
  } catch (error) {
    const e = error as Error & { $fault?: string; $metadata?: { httpStatusCode?: number } }
    return { name: e.name, message: e.message, fault: e.$fault, status: e.$metadata?.httpStatusCode, error: e }
  }
  throw new Error('expected the SDK call to fail')
}
