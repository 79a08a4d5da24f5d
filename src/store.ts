import { enableMapSet } from 'immer'
import type { AttributeMap } from './values/admission.js'
import type { ViewType } from './capture/record.js'
import { systemClock, type Clock } from './core/clock.js'
import type { BatchContext, BatchHandler, Consumer, ConsumerOptions, WindowHandler, WindowState } from './consume/types.js'
import { createYieldBudget } from './consume/yield-budget.js'
import { CONSUMER_DEFAULTS, resolveConsumerOptions } from './consume/options.js'
import {
  checkOptionNames,
  invalidOption,
  LimitExceededException,
  ResourceConflictException,
  ResourceInUseException,
  ResourceNotFoundException,
  ValidationException,
} from './core/errors.js'
import { createEventIdSource, createUuidSource, newStoreId, parseStreamArn, TABLE_NAME_PATTERN, type Random } from './core/ids.js'
import { createRunner, type ConsumerInternal } from './consume/runner.js'
import { RETENTION_MS, resolveShardOptions, SHARD_DEFAULTS, type ChangeStream, type ShardOptions, type StreamInternal } from './log/stream.js'
import { createTableInternal, type KeyAttributeName, type Table, type TableIndexes, type TableInternal, type TableRecord, type TableOptions } from './write/table.js'
import type { GlobalIndexDefinitions, LocalIndexDefinitions } from './storage/index-definition.js'
import { transact, type TransactionBuilder } from './write/transact.js'
import { batchWrite, type BatchWriteBuilder } from './write/batch-write.js'
import type { MultiWriteResult } from './write/multi-write.js'

export type { TransactionBuilder, TransactWriteOptions } from './write/transact.js'
export type { BatchWriteBuilder } from './write/batch-write.js'
export type { MultiWriteResult } from './write/multi-write.js'

/** Options of `createStore`; every one has a default. */
export interface StoreOptions {
  /** Source of time for retention, TTL, iterator expiry and rollover; `systemClock` by default. */
  readonly clock?: Clock
  /** Region in ARNs; `us-east-1` by default. */
  readonly region?: string
  /** 12-digit account id in ARNs; `000000000000` by default. */
  readonly accountId?: string
  /** Shard layout of every stream of the store; a table's stream may override it. */
  readonly shards?: Partial<ShardOptions>
  /** Randomness for event ids, in [0, 1); pass a seeded generator for reproducible ids. */
  readonly random?: Random
  /** Receives errors that reach no caller: thrown by stream listeners, or by consumers' machinery unless a consumer has its own `onError`; ignored by default. */
  readonly onError?: (error: unknown) => void
  /** Consumers reading one stream at once, 1 to 100; 2 by default, as DynamoDB advises no more than two readers per shard. */
  readonly maxConsumersPerStream?: number
  /** A started consumer keeps the Node process alive until it is stopped, as a server does (default true); false opts every consumer out. */
  readonly keepProcessAlive?: boolean
}

/** The resolved store options. */
export interface ResolvedStoreOptions {
  readonly clock: Clock
  readonly region: string
  readonly accountId: string
  readonly shards: ShardOptions
  readonly random: Random | undefined
  readonly onError: (error: unknown) => void
  readonly maxConsumersPerStream: number
  readonly keepProcessAlive: boolean
}

/** Store defaults. */
export const STORE_DEFAULTS = Object.freeze({ region: 'us-east-1', accountId: '000000000000', shards: SHARD_DEFAULTS, maxConsumersPerStream: 2, keepProcessAlive: true })

const LIST_STREAMS_OPTION_NAMES: ReadonlySet<string> = new Set(['tableName', 'limit', 'exclusiveStartStreamArn'])
const STORE_OPTION_NAMES: ReadonlySet<string> = new Set(['clock', 'region', 'accountId', 'shards', 'random', 'onError', 'maxConsumersPerStream', 'keepProcessAlive'])

/** Fills and validates store options. */
export function resolveStoreOptions(user: StoreOptions = {}): ResolvedStoreOptions {
  if (typeof user !== 'object' || user === null) throw invalidOption('store options', 'an object', user)
  checkOptionNames(user, STORE_OPTION_NAMES, 'store')
  const clock = user.clock ?? systemClock
  if (typeof clock !== 'object' || clock === null || typeof clock.now !== 'function' || typeof clock.setTimer !== 'function' || typeof clock.sleep !== 'function') {
    throw invalidOption('clock', 'a Clock with now(), setTimer() and sleep()', clock)
  }
  const region = user.region ?? STORE_DEFAULTS.region
  if (typeof region !== 'string' || !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) throw invalidOption('region', 'a region name such as us-east-1', region)
  const accountId = user.accountId ?? STORE_DEFAULTS.accountId
  if (typeof accountId !== 'string' || !/^\d{12}$/.test(accountId)) throw invalidOption('accountId', 'a string of 12 digits', accountId)
  if (user.random !== undefined && typeof user.random !== 'function') throw invalidOption('random', 'a function returning a number in [0, 1)', user.random)
  if (user.onError !== undefined && typeof user.onError !== 'function') throw invalidOption('onError', 'a function', user.onError)
  const maxConsumersPerStream = user.maxConsumersPerStream ?? STORE_DEFAULTS.maxConsumersPerStream
  if (!Number.isInteger(maxConsumersPerStream) || maxConsumersPerStream < 1 || maxConsumersPerStream > 100) {
    throw invalidOption('maxConsumersPerStream', 'an integer from 1 to 100', maxConsumersPerStream)
  }
  const keepProcessAlive = user.keepProcessAlive ?? STORE_DEFAULTS.keepProcessAlive
  if (typeof keepProcessAlive !== 'boolean') throw invalidOption('keepProcessAlive', 'true or false', keepProcessAlive)
  return Object.freeze({
    clock,
    region,
    accountId,
    shards: resolveShardOptions(user.shards),
    random: user.random,
    onError: user.onError ?? (() => undefined),
    maxConsumersPerStream,
    keepProcessAlive,
  })
}


/** A stream as `listStreams` lists it. */
export interface StreamSummary {
  readonly streamArn: string
  readonly tableName: string
  readonly streamLabel: string
}

/** Options of `listStreams`: DynamoDB's filter and paging. */
export interface ListStreamsOptions {
  readonly tableName?: string
  /** Streams per page, 1 to 100 (default 100). */
  readonly limit?: number
  readonly exclusiveStartStreamArn?: string
}

/** A page of `listStreams`; `lastEvaluatedStreamArn` is present when more may follow. */
export interface ListStreamsResult {
  readonly streams: readonly StreamSummary[]
  readonly lastEvaluatedStreamArn?: string
}

/** The records a consumer of a table receives: typed by its item type and view type. */
export type ConsumedRecord<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType> = TableRecord<T, PK, SK, [V] extends [never] ? ViewType : V>

/** A set of tables and their streams, sharing one clock; two stores never interact. */
export interface Store {
  readonly region: string
  readonly accountId: string
  readonly clock: Clock
  /** Creates a table of items of type `T`; call the result with the options (key names are checked against `T`). */
  createTable<T extends object>(): <
    const PK extends KeyAttributeName<T>,
    const SK extends KeyAttributeName<T> = never,
    const V extends ViewType = never,
    const G extends GlobalIndexDefinitions<T> = {},
    const L extends LocalIndexDefinitions<T> = {},
  >(
    options: TableOptions<T, PK, SK, V, G, L>,
  ) => Table<T, PK, SK, V, TableIndexes<PK, G, L>>
  /** The table with this name, untyped; a ResourceNotFoundException when there is none. */
  getTable(name: string): Table<AttributeMap, string, string, ViewType>
  /** Names of the store's tables, ascending. */
  listTables(): readonly string[]
  /** Deletes a table; its stream is disabled and stays readable for 24 hours. */
  deleteTable(name: string): void
  /** Writes up to 100 actions on distinct items all together, or none of them. */
  transact(build: (tx: TransactionBuilder) => void): MultiWriteResult
  /** Writes up to 25 puts and deletes on distinct items, without conditions. */
  batchWrite(build: (batch: BatchWriteBuilder) => void): MultiWriteResult
  /** Streams of the store (including disabled ones within 24 hours), in label (creation time) order. */
  listStreams(options?: ListStreamsOptions): ListStreamsResult
  /** The stream with this ARN. */
  getStream(arn: string): ChangeStream
  /**
   * Runs a handler over the table's current stream the way a Lambda event source mapping does: lineage, batching,
   * retries, bisect, partial batch responses, filters, parallelization, tumbling windows and checkpoints.
   */
  consume<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType>(
    table: Table<T, PK, SK, V>,
    handler: BatchHandler<ConsumedRecord<T, PK, SK, V>>,
    options: ConsumerOptions<ConsumedRecord<T, PK, SK, V>> & { readonly tumblingWindowMs?: 0 },
  ): Consumer
  /** With `tumblingWindowMs`, the handler always has `context.window` (its state typed `State`) and returns the new state. */
  consume<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType, State = WindowState>(
    table: Table<T, PK, SK, V>,
    handler: WindowHandler<ConsumedRecord<T, PK, SK, V>, State>,
    options: ConsumerOptions<ConsumedRecord<T, PK, SK, V>> & { readonly tumblingWindowMs: number },
  ): Consumer
  /**
   * Resolves once nothing is due: timers due on the clock have run, every listener has been woken, and every consumer
   * has caught up with the records written before the call (or waits on the clock: a retry backoff, a batching window).
   */
  settle(): Promise<void>
}

const SETTLE_ROUNDS = 10_000
let mapSetEnabled = false

/** Creates a store: the tables, their streams, and the clock they share. */
export function createStore(options: StoreOptions = {}): Store {
  const resolved = resolveStoreOptions(options)
  // Items may hold sets, which immer drafts only with this plugin. The built package bundles its own copy of immer
  // (tsup.config.ts), so the plugin never reaches the user's immer; enabling it once per process is enough.
  if (!mapSetEnabled) {
    enableMapSet()
    mapSetEnabled = true
  }
  const { clock } = resolved
  const tables = new Map<string, TableInternal>()
  const internals = new WeakMap<object, TableInternal>()
  const streams: StreamInternal[] = []
  const newEventIds = createEventIdSource(resolved.random)
  const consumers = new Set<ConsumerInternal>()
  const consumerCounts = new Map<string, number>()
  // Per stream ARN: the names of every consumer created, and the running ones with how to name them in an error.
  const namesCreated = new Map<string, Set<string>>()
  const runningByName = new Map<string, Map<string, string>>()
  let consumersCreated = 0
  // One budget for all the store's consumers, so that together they cannot keep the event loop from its turn.
  const budget = createYieldBudget()

  const context = {
    clock,
    region: resolved.region,
    accountId: resolved.accountId,
    shards: resolved.shards,
    newEventIds,
    onListenerError: resolved.onError,
    storeId: newStoreId(),
    userCode: { depth: 0 },
    registerStream: (stream: StreamInternal) => {
      streams.push(stream)
    },
    newTableId: createUuidSource(resolved.random),
  }

  function createTable<T extends object>() {
    return <
      const PK extends KeyAttributeName<T>,
      const SK extends KeyAttributeName<T> = never,
      const V extends ViewType = never,
      const G extends GlobalIndexDefinitions<T> = {},
      const L extends LocalIndexDefinitions<T> = {},
    >(
      tableOptions: TableOptions<T, PK, SK, V, G, L>,
    ): Table<T, PK, SK, V, TableIndexes<PK, G, L>> => {
      const name = (tableOptions as { name?: unknown } | undefined)?.name
      if (typeof name === 'string' && tables.has(name)) throw new ResourceInUseException(`Table already exists: ${name}`, { tableName: name })
      const internal = createTableInternal(tableOptions, context)
      tables.set(internal.name, internal)
      internals.set(internal.table, internal)
      return internal.table as unknown as Table<T, PK, SK, V, TableIndexes<PK, G, L>>
    }
  }

  function tableByName(name: unknown): TableInternal {
    if (typeof name !== 'string') throw invalidOption('table name', 'a string', name)
    const internal = tables.get(name)
    if (internal === undefined) throw new ResourceNotFoundException(`Requested resource not found: Table: ${name} not found`, { tableName: name })
    return internal
  }

  function internalOf(table: unknown): TableInternal {
    const internal = typeof table === 'object' && table !== null ? internals.get(table) : undefined
    if (internal === undefined) throw invalidOption('table', 'a table created by this store', table)
    return internal
  }

  function liveStreams(): StreamInternal[] {
    for (let i = streams.length - 1; i >= 0; i--) if ((streams[i] as StreamInternal).isGone()) streams.splice(i, 1)
    return streams
  }

  function listStreams(listOptions: ListStreamsOptions = {}): ListStreamsResult {
    if (typeof listOptions !== 'object' || listOptions === null) throw invalidOption('listStreams options', 'an object', listOptions)
    checkOptionNames(listOptions, LIST_STREAMS_OPTION_NAMES, 'listStreams')
    const { tableName, exclusiveStartStreamArn } = listOptions
    const limit = listOptions.limit ?? 100
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw invalidOption('limit', 'an integer from 1 to 100', limit)
    if (tableName !== undefined && (typeof tableName !== 'string' || !TABLE_NAME_PATTERN.test(tableName))) {
      throw invalidOption('tableName', '3 to 255 characters of a-z, A-Z, 0-9, _, - and .', tableName)
    }
    let all = liveStreams()
      .filter((s) => tableName === undefined || s.stream.tableName === tableName)
      .sort((a, b) => (a.stream.label < b.stream.label ? -1 : a.stream.label > b.stream.label ? 1 : a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))
    if (exclusiveStartStreamArn !== undefined) {
      if (parseStreamArn(exclusiveStartStreamArn) === undefined) throw invalidOption('exclusiveStartStreamArn', 'a stream ARN', exclusiveStartStreamArn)
      // Pages follow (label, ARN) order, so a start ARN that is no longer listed still has its place.
      const label = (parseStreamArn(exclusiveStartStreamArn) as { label: string }).label
      all = all.filter((s) => s.stream.label > label || (s.stream.label === label && s.arn > exclusiveStartStreamArn))
    }
    const page = all.slice(0, limit)
    const summaries = page.map((s) => Object.freeze({ streamArn: s.arn, tableName: s.stream.tableName, streamLabel: s.stream.label }))
    return Object.freeze(
      all.length > limit ? { streams: Object.freeze(summaries), lastEvaluatedStreamArn: (page[page.length - 1] as StreamInternal).arn } : { streams: Object.freeze(summaries) },
    )
  }

  function getStream(arn: string): ChangeStream {
    if (parseStreamArn(arn) === undefined) throw invalidOption('stream ARN', 'arn:aws:dynamodb:{region}:{account}:table/{name}/stream/{label}', arn)
    const stream = liveStreams().find((s) => s.arn === arn)
    if (stream === undefined) throw new ResourceNotFoundException(`Requested resource not found: Stream: ${arn} not found`, { streamArn: arn })
    return stream.stream
  }

  /** A name for a consumer created without one: "consumer", then "consumer-2", … so names stay unique per stream. */
  function defaultConsumerName(arn: string): string {
    const taken = namesCreated.get(arn) ?? new Set<string>()
    let name: string = CONSUMER_DEFAULTS.name
    for (let n = 2; taken.has(name); n++) name = `${CONSUMER_DEFAULTS.name}-${n}`
    return name
  }

  function consume<T, PK extends KeyAttributeName<T>, SK extends KeyAttributeName<T>, V extends ViewType>(
    table: Table<T, PK, SK, V>,
    handler: BatchHandler<ConsumedRecord<T, PK, SK, V>, BatchContext>,
    consumerOptions: ConsumerOptions<ConsumedRecord<T, PK, SK, V>>,
  ): Consumer {
    const internal = internalOf(table)
    if (typeof handler !== 'function') throw invalidOption('handler', 'a function receiving (records, context)', handler)
    const given = resolveConsumerOptions(consumerOptions)
    const stream = (internal.table as Table<AttributeMap, string, string, ViewType>).stream
    if (stream === undefined || stream.status() !== 'ENABLED') {
      throw new ValidationException(`Invalid table for consume: expected a table with an enabled stream, received ${internal.name} without one`, { tableName: internal.name })
    }
    const arn = stream.arn
    const unnamed = (consumerOptions as { name?: unknown }).name === undefined
    const options = unnamed ? Object.freeze({ ...given, name: defaultConsumerName(arn) }) : given
    const names = namesCreated.get(arn) ?? new Set<string>()
    names.add(options.name)
    namesCreated.set(arn, names)
    const running = runningByName.get(arn) ?? new Map<string, string>()
    runningByName.set(arn, running)
    const description = `${options.name} (handler ${handler.name === '' ? 'anonymous' : handler.name}, consumer #${++consumersCreated} of this store)`
    let counted = false
    const runner = createRunner({
      stream,
      handler,
      options,
      clock,
      region: resolved.region,
      accountId: resolved.accountId,
      retentionMs: RETENTION_MS,
      budget,
      keepProcessAlive: resolved.keepProcessAlive,
      onError: resolved.onError,
      onStart() {
        const other = running.get(options.name)
        if (other !== undefined) {
          throw new ResourceConflictException(
            `Consumer name in use on stream ${arn}: expected a name unique per stream (checkpoints are keyed by it), received ${description} while ${other} is running`,
            { streamArn: arn, tableName: internal.name },
          )
        }
        const readers = consumerCounts.get(arn) ?? 0
        if (readers >= resolved.maxConsumersPerStream) {
          throw new LimitExceededException(
            `Too many consumers of stream ${arn}: expected at most ${resolved.maxConsumersPerStream} (the store's maxConsumersPerStream), received one more`,
            { streamArn: arn, tableName: internal.name },
          )
        }
        consumerCounts.set(arn, readers + 1)
        running.set(options.name, description)
        counted = true
        consumers.add(runner)
      },
      onStop() {
        if (counted) {
          consumerCounts.set(arn, (consumerCounts.get(arn) ?? 1) - 1)
          running.delete(options.name)
        }
        counted = false
        consumers.delete(runner)
      },
    })
    if (options.enabled) runner.consumer.start()
    return runner.consumer
  }

  async function settle(): Promise<void> {
    for (let round = 0; round < SETTLE_ROUNDS; round++) {
      // A macrotask turn lets every queued microtask (listener wake-ups, readers) and due system timer run.
      await new Promise<void>((resolve) => setImmediate(resolve))
      const pending = [...consumers].map((c) => c.whenIdle()).filter((p) => p !== undefined)
      if (pending.length > 0) {
        await Promise.all(pending)
        continue
      }
      const fired = clock.runDue?.() ?? 0
      if (fired === 0) return
    }
    // Only work that keeps scheduling more work due at once (a timer re-arming itself at delay 0) gets here.
    throw new Error(`settle() gave up after ${SETTLE_ROUNDS} rounds: timers or consumers keep scheduling work that is due now`)
  }

  const store = Object.freeze({
    region: resolved.region,
    accountId: resolved.accountId,
    clock,
    createTable,
    getTable: (name: string) => tableByName(name).table,
    listTables: () => Object.freeze([...tables.keys()].sort()),
    deleteTable(name: string) {
      const internal = tableByName(name)
      if (internal.isDeletionProtected()) {
        throw new ValidationException('Resource cannot be deleted as it is currently protected against deletion. Disable deletion protection first.', { tableName: name })
      }
      internal.drop()
      tables.delete(name)
    },
    transact: (build: (tx: TransactionBuilder) => void) => transact(build, internalOf),
    batchWrite: (build: (batch: BatchWriteBuilder) => void) => batchWrite(build, internalOf),
    listStreams,
    getStream,
    consume,
    settle,
  }) as Store
  // A clock that moves only when told lets the store settle at each step it takes.
  clock.register?.(store)
  return store
}
