// Shared setup of the AWS SDK tests: a store on a manual clock and real SDK clients answering from it, in process,
// or over HTTP through startServer when STREAMTABLE_SDK_TRANSPORT=http (vitest.config.ts runs the suite both ways).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb'
import { DynamoDBStreamsClient } from '@aws-sdk/client-dynamodb-streams'
import { awsClientConfig, startServer, type StreamtableServer } from '../../src/aws/index.js'
import { createStore, type Store, type StoreOptions } from '../../src/index.js'
import { ManualClock } from '../../src/testing.js'
import { T0 } from '../helpers/time.js'

/** How the SDK clients of this run reach their store. */
export const SDK_TRANSPORT: 'in-process' | 'http' = process.env.STREAMTABLE_SDK_TRANSPORT === 'http' ? 'http' : 'in-process'

const servers: Promise<StreamtableServer>[] = []

/** Closes the servers the setups of a test file started (test/aws/sdk-over-http.setup.ts runs it after each file). */
export async function closeSdkServers(): Promise<void> {
  await Promise.all(servers.splice(0).map(async (server) => (await server).close()))
}

function clientConfig(store: Store) {
  if (SDK_TRANSPORT === 'in-process') return awsClientConfig(store)
  const server = startServer(store, { port: 0 })
  servers.push(server)
  return {
    region: store.region,
    credentials: { accessKeyId: 'streamtable', secretAccessKey: 'streamtable' },
    // The server listens once the first request asks for its address; setups stay synchronous.
    endpoint: async () => ({ protocol: 'http:', hostname: '127.0.0.1', port: (await server).port, path: '/' }),
  }
}

/** A store on a manual clock, with a DynamoDB and a DynamoDB Streams client reaching it (in process or over HTTP). */
export function sdkSetup(options: Omit<StoreOptions, 'clock'> = {}) {
  const clock = new ManualClock(T0)
  const store = createStore({ clock, shards: { initial: 1 }, ...options })
  const config = clientConfig(store)
  // No retries: an error a test expects is answered once, and a 500 would show at once.
  const streams = new DynamoDBStreamsClient({ ...config, maxAttempts: 1 })
  const dynamodb = new DynamoDBClient({ ...config, maxAttempts: 1 })
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
