import type { AnyChangeRecord } from '../capture/record.js'
import type { Clock } from '../core/clock.js'
import { isStreamtableError, RecursiveInvocationException } from '../core/errors.js'
import type { ChangeStream } from '../log/stream.js'
import { generationOf } from '../log/write-generation.js'
import { hashKeyValue } from '../values/keys.js'
import { createActivity } from './activity.js'
import { createAgeAlarm } from './age-alarm.js'
import type { Checkpoint, CheckpointKey } from './checkpoint-store.js'
import { createCheckpointer, type Checkpointer, type Entry } from './checkpointer.js'
import { failureRecord } from './failure-record.js'
import { toServiceRecord } from './filter.js'
import { createInvoker } from './handler-invocation.js'
import { runBatch, takeBatch, type BatchDriver } from './invocation.js'
import { batchingDelay, createLanes, type Lane, type Lanes } from './lane.js'
import { createLifeCycle } from './life-cycle.js'
import type { ResolvedConsumerOptions } from './options.js'
import { backoffDelay, waitOn } from './retry.js'
import { createShardReader, READ_LIMIT, shardsToStart, type ShardCursor } from './shard-reader.js'
import type { BatchHandler, Consumer, ConsumerMetrics, FailureCondition, OnFailureRecord, ShardMetrics, WindowContext } from './types.js'
import { windowContext, type OpenWindow } from './window.js'
import { createWindowStep } from './window-step.js'
import type { YieldBudget } from './yield-budget.js'

/** What the runner needs from its store; it knows the stream, never the table. */
export interface RunnerConfig<R> {
  readonly stream: ChangeStream<any>
  readonly handler: BatchHandler<R, any>
  readonly options: ResolvedConsumerOptions<R>
  readonly clock: Clock
  readonly region: string
  readonly accountId: string
  /** The records' retention: a record this old has left the stream. */
  readonly retentionMs: number
  /** Shared by the store's consumers: when to give the event loop a turn. */
  readonly budget: YieldBudget
  /** A running consumer keeps the process alive (until `unref()`). */
  readonly keepProcessAlive: boolean
  readonly onError: (error: unknown) => void
  /** Called as the consumer starts reading; throws when the consumer may not run (too many readers, a name in use). */
  readonly onStart: () => void
  /** Called once the consumer has stopped. */
  readonly onStop: () => void
}

/** A consumer as its store drives it. */
export interface ConsumerInternal {
  readonly consumer: Consumer
  /** Resolves when nothing the consumer can do without the clock moving is left; undefined when that is already so. */
  whenIdle(): Promise<void> | undefined
}

/** One shard being consumed: its cursor, its records until checkpointed, its lanes and its open window. */
interface ShardTask {
  readonly shardId: string
  readonly cursor: ShardCursor
  readonly progress: Checkpointer
  readonly lanes: Lanes
  loaded: boolean
  ended: boolean
  readonly inFlight: number[]
  window: OpenWindow | undefined
  windowTimer: (() => void) | undefined
}

// Reading ahead of the batches in flight keeps lanes fed. Reading no further than that, in pages sized to what is
// missing, keeps the records held between reading and checkpointing few: a catch-up of a large backlog then
// hands each minor GC little to copy, where pages of a thousand records made each one copy thousands per shard.
const MIN_READ_AHEAD = 100

/** Creates the event source mapping of one stream, stopped, composed of its roles: reader, lanes, window step, checkpointer, alarm, life cycle. */
export function createRunner<R>(config: RunnerConfig<R>): ConsumerInternal {
  const { stream, clock, options, budget } = config
  const { batchSize, parallelizationFactor, maximumBatchingWindowMs, tumblingWindowMs, filter, maximumCascadeDepth } = options
  const tumbling = tumblingWindowMs > 0
  // Window state belongs to the shard, so a tumbling consumer runs one batch of a shard at a time.
  const laneCount = tumbling ? 1 : parallelizationFactor
  const readAhead = Math.max(MIN_READ_AHEAD, 2 * batchSize * laneCount)
  const functionArn = `arn:aws:lambda:${config.region}:${config.accountId}:function:${options.name}`
  const reportError = (error: unknown): void => {
    try {
      ;(options.onError ?? config.onError)(error)
    } catch {
      // An error reporter that throws has nowhere further to report to.
    }
  }
  const life = createLifeCycle(config.keepProcessAlive)
  const activity = createActivity(reportError)
  const reader = createShardReader(stream, reportError)
  let tasks = new Map<string, ShardTask>()
  /** Where LATEST puts each shard listed at start (its newest record then), used only if the consumer has no checkpoints. */
  let latestAtStart: Map<string, { readonly closed: boolean; readonly last: string | undefined }> | undefined
  let unsubscribe: (() => void) | undefined
  let requestCounter = 0
  const counters = { invocations: 0, errors: 0, retries: 0, recordsDelivered: 0, recordsFiltered: 0, recordsSentToOnFailure: 0 }
  const invoke = createInvoker({
    handler: config.handler,
    clock,
    activity,
    handlerTimeoutMs: options.handlerTimeoutMs,
    reportBatchItemFailures: options.reportBatchItemFailures,
    tumbling,
    counters,
  })
  const alarm = createAgeAlarm(
    options.iteratorAgeAlarm,
    clock,
    function* () {
      for (const task of tasks.values()) yield { shardId: task.shardId, oldestPending: task.progress.oldestPending() }
    },
    reportError,
  )

  /** Waits on the clock without counting as busy; false when the consumer stops first. */
  async function idleWait(ms: number): Promise<boolean> {
    const ok = await activity.outside(waitOn(clock, ms, life.signal).then((waited) => waited && life.whileUnpaused()))
    return ok
  }

  function nextRequestId(): string {
    const n = ++requestCounter
    return `${hashKeyValue(options.name).toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
  }

  function matches(record: AnyChangeRecord): boolean {
    if (filter === undefined) return true
    try {
      return filter(toServiceRecord(record, config.region))
    } catch (error) {
      reportError(error)
      return true
    }
  }

  /** Reads what the shard has, up to the read-ahead, and hands matching records to their lanes. */
  function fill(task: ShardTask): void {
    if (!task.loaded || task.ended) return
    const { cursor } = task
    let filtered = false
    while (cursor.token !== null && task.progress.pending < readAhead) {
      const limit = Math.min(READ_LIMIT, readAhead - task.progress.pending)
      const records = reader.read(cursor, limit)
      if (records === undefined) break
      // By index: a page is frozen, and for-of over a frozen array allocates a result object per record.
      for (let i = 0; i < records.length; i++) {
        const record = records[i] as AnyChangeRecord
        const entry: Entry = { record, done: false }
        task.progress.track(entry)
        cursor.resumeAfter = record.sequenceNumber
        if (matches(record)) task.lanes.laneOf(record).queue.push(entry)
        else {
          entry.done = true
          filtered = true
          counters.recordsFiltered++
        }
      }
      cursor.caughtUp = records.length < limit
      if (records.length === 0) break
    }
    if (filtered || cursor.token === null) advance(task)
    for (const lane of task.lanes.all) kick(task, lane)
    alarm.check()
  }

  // Only the shards that took records (or closed) have anything new: polling just those keeps a write O(1) in the
  // number of shards, which hot-shard splits can make large.
  function wakeShards(shardIds: ReadonlySet<string>): void {
    if (life.halted()) return
    for (const id of shardIds) {
      const task = tasks.get(id)
      if (task !== undefined) fill(task)
    }
  }

  function advance(task: ShardTask): void {
    task.progress.advance()
    if (task.cursor.token === null && task.progress.pending === 0 && !task.ended) {
      if (tumbling && task.window !== undefined) {
        kick(task, task.lanes.all[0] as Lane)
        return
      }
      finish(task)
    }
  }

  function finish(task: ShardTask): void {
    task.ended = true
    task.windowTimer?.()
    task.progress.finish()
    discover()
  }

  function keyOf(shardId: string): CheckpointKey {
    return Object.freeze({ consumer: options.name, streamArn: stream.arn, shardId })
  }

  function newTask(shardId: string): ShardTask {
    return {
      shardId,
      cursor: reader.cursor(shardId),
      progress: createCheckpointer({ key: keyOf(shardId), store: options.checkpointStore, spawn: activity.spawn, reportError }),
      lanes: createLanes(laneCount, stream.keySchema.partitionKey, clock),
      loaded: false,
      ended: false,
      inFlight: [],
      window: undefined,
      windowTimer: undefined,
    }
  }

  /** Starts every shard whose parent is done (or gone). */
  function discover(): void {
    if (life.halted()) return
    const shards = reader.list()
    const listed = new Set(shards.map((s) => s.shardId))
    for (const [id, task] of tasks) if (task.ended && !listed.has(id)) tasks.delete(id)
    const progressOf = (id: string) => {
      const task = tasks.get(id)
      return task === undefined ? undefined : task.ended ? 'ended' : 'reading'
    }
    for (const shard of shardsToStart(shards, progressOf)) {
      const task = newTask(shard.shardId)
      tasks.set(shard.shardId, task)
      const mine = life.generation
      activity.spawn(() => load(task, latestAtStart?.get(shard.shardId), mine))
    }
  }

  /** `latest` is set for a shard that starts at LATEST: where it stood at start (a shard closed then is not read at all). */
  async function load(task: ShardTask, latest: { readonly closed: boolean; readonly last: string | undefined } | undefined, mine: number): Promise<void> {
    const found = await loadCheckpoint(task.progress.key)
    if (found === false || mine !== life.generation) return
    let saved = found.checkpoint
    try {
      if (saved === undefined && latest !== undefined) {
        saved = latest.last === undefined ? { shardEnded: latest.closed } : { sequenceNumber: latest.last, shardEnded: latest.closed }
        task.progress.save(saved)
      }
      task.loaded = true
      task.progress.resumeFrom(saved?.sequenceNumber)
      if (saved?.shardEnded === true) {
        task.ended = true
        discover()
        return
      }
      reader.open(task.cursor, saved?.sequenceNumber)
    } catch (error) {
      if (isStreamtableError(error) && error.code === 'ResourceNotFoundException') {
        task.loaded = true
        finish(task)
        return
      }
      throw error
    }
    fill(task)
  }

  /** The saved checkpoint, asking again with backoff while the store fails; false when the consumer stops first. */
  async function loadCheckpoint(key: CheckpointKey): Promise<{ checkpoint: Checkpoint | undefined } | false> {
    for (let retry = 1; ; retry++) {
      try {
        return { checkpoint: await options.checkpointStore.get(key) }
      } catch (error) {
        reportError(error)
        if (!(await idleWait(backoffDelay(options.backoff, retry)))) return false
      }
    }
  }

  async function boot(mine: number): Promise<void> {
    const shards = reader.list()
    // Positions are taken before the first await: LATEST means after the call that started the consumer.
    const latest = new Map<string, { readonly closed: boolean; readonly last: string | undefined }>()
    if (options.startingPosition === 'LATEST') {
      for (const shard of shards) {
        try {
          latest.set(shard.shardId, { closed: shard.closed, last: shard.closed ? undefined : reader.latest(shard.shardId) })
        } catch (error) {
          if (!(isStreamtableError(error) && error.code === 'ResourceNotFoundException')) throw error
        }
      }
    }
    let fresh = true
    for (const shard of shards) {
      const found = await loadCheckpoint(keyOf(shard.shardId))
      if (found === false) return
      if (found.checkpoint !== undefined) fresh = false
    }
    if (mine !== life.generation) return
    // LATEST applies to a consumer's first start only; after that it resumes from its checkpoints.
    latestAtStart = fresh && options.startingPosition === 'LATEST' ? latest : undefined
    discover()
  }

  function kick(task: ShardTask, lane: Lane): void {
    if (lane.running || !life.active() || task.ended || !task.loaded) return
    if (lane.queue.length === 0 && !(tumbling && task.window !== undefined)) return
    lane.running = true
    activity.spawn(async () => {
      try {
        await drainLane(task, lane)
      } finally {
        lane.running = false
      }
    })
  }

  function isExpired(entry: Entry): boolean {
    const age = clock.now() - entry.record.createdAt
    return age >= config.retentionMs || (options.maximumRecordAgeMs !== -1 && age > options.maximumRecordAgeMs)
  }

  const delayOf = (task: ShardTask, lane: Lane): number => batchingDelay(lane, batchSize, maximumBatchingWindowMs, task.cursor.token === null, clock.now())

  function wakeAfter(task: ShardTask, lane: Lane, delay: number): void {
    lane.wakeAfter(delay, () => {
      fill(task)
      kick(task, lane)
    })
  }

  const windowStep = createWindowStep<ShardTask>({
    clock,
    windowMs: tumblingWindowMs,
    batchSize,
    batchingDelay: delayOf,
    wakeAfter,
    wakeAtWindowEnd(task, lane, end) {
      task.windowTimer?.()
      task.windowTimer = clock.setTimer(end - clock.now(), () => {
        task.windowTimer = undefined
        fill(task)
        kick(task, lane)
      })
    },
    deliver: (task, lane, batch, window, final, terminatedEarly) =>
      deliver(task, lane, batch, () => windowContext(window, final, terminatedEarly), (stateJson) => {
        window.stateJson = stateJson
      }),
    refill: fill,
    advance,
    take: takeBatch,
  })

  async function drainLane(task: ShardTask, lane: Lane): Promise<void> {
    while (life.active()) {
      if (!tumbling && lane.queue.length === 0) return
      // Before each invocation the event loop gets its turn once the store's consumers have used their budget; asking
      // before (not after) the work means lanes woken by one turn run one batch each, not one batch after another.
      const turn = budget.spend()
      if (turn !== undefined) {
        await turn
        continue
      }
      if (tumbling) {
        if (!(await windowStep(task, lane))) return
        continue
      }
      const delay = delayOf(task, lane)
      if (delay > 0) {
        wakeAfter(task, lane, delay)
        return
      }
      if (!(await deliver(task, lane, takeBatch(lane.queue, batchSize), undefined))) return
      fill(task)
    }
  }

  function tooDeep(entry: Entry): boolean {
    return maximumCascadeDepth !== -1 && generationOf(entry.record) >= maximumCascadeDepth
  }

  /** Runs one batch to its end; false when the consumer stopped first (the unfinished records go back to their lane). */
  async function deliver(task: ShardTask, lane: Lane, batch: Entry[], window: (() => WindowContext) | undefined, keepState?: (stateJson: string) => void): Promise<boolean> {
    let rest = batch
    if (batch.some(tooDeep)) {
      const deep = batch.filter(tooDeep)
      rest = batch.filter((e) => !tooDeep(e))
      if (!(await stopCascade(task, deep))) {
        lane.queue.unshift(...batch.filter((e) => !e.done))
        return false
      }
      if (rest.length === 0) return true
    }
    const size = rest.length
    task.inFlight.push(size)
    let done: boolean
    try {
      done = await runBatch(rest, driver(task, window, keepState))
    } finally {
      task.inFlight.splice(task.inFlight.indexOf(size), 1)
    }
    if (!done) lane.queue.unshift(...rest.filter((e) => !e.done))
    alarm.check()
    return done
  }

  /** Sends records that descend from one write through too many handler invocations to onFailure, and tells onError. */
  async function stopCascade(task: ShardTask, deep: Entry[]): Promise<boolean> {
    const generation = Math.max(...deep.map((e) => generationOf(e.record)))
    const failure = failureOf(task, deep, 'CascadeDepthExceeded', 0, null, nextRequestId())
    if (!(await sendToOnFailure(failure, deep.map((e) => e.record as unknown as R)))) return false
    counters.recordsSentToOnFailure += deep.length
    for (const entry of deep) entry.done = true
    advance(task)
    reportError(
      new RecursiveInvocationException(
        `Cascade stopped: consumer ${options.name} received ${deep.length} record(s) of ${task.shardId} written ${generation} handler invocations after the write that started them; expected fewer than maximumCascadeDepth ${maximumCascadeDepth}. They went to onFailure (condition CascadeDepthExceeded); a deliberate feedback loop can raise maximumCascadeDepth, or lift it with -1`,
        { streamArn: stream.arn, shardId: task.shardId, sequenceNumber: (deep[0] as Entry).record.sequenceNumber },
      ),
    )
    return true
  }

  function driver(task: ShardTask, window: (() => WindowContext) | undefined, keepState: ((stateJson: string) => void) | undefined): BatchDriver<Entry> {
    let lastRequestId = ''
    return {
      maximumRetryAttempts: options.maximumRetryAttempts,
      bisect: options.bisectBatchOnFunctionError,
      isExpired,
      stopped: life.halted,
      async invoke(entries, attempt) {
        lastRequestId = nextRequestId()
        return invoke({ shardId: task.shardId, streamArn: stream.arn, records: Object.freeze(entries.map((e) => e.record)), attempt, requestId: lastRequestId, window: window?.() })
      },
      async succeeded(entries, outcome) {
        if (outcome.kind !== 'failure' && outcome.stateJson !== undefined) keepState?.(outcome.stateJson)
        for (const entry of entries) entry.done = true
        advance(task)
      },
      async discard(entries, condition, invokeCount, functionError) {
        if (entries.length > 0) {
          const failure = failureOf(task, entries, condition, invokeCount, functionError, invokeCount > 0 ? lastRequestId : nextRequestId())
          if (!(await sendToOnFailure(failure, entries.map((e) => e.record as unknown as R)))) return false
          counters.recordsSentToOnFailure += entries.length
        }
        for (const entry of entries) entry.done = true
        advance(task)
        return true
      },
      backoff: (retry) => idleWait(backoffDelay(options.backoff, retry)),
    }
  }

  async function sendToOnFailure(failure: OnFailureRecord, records: readonly R[]): Promise<boolean> {
    const destination = options.onFailure
    if (destination === undefined) return true
    for (let retry = 1; ; retry++) {
      try {
        await destination(failure, records)
        return true
      } catch (error) {
        // The batch info must not be lost: keep the shard where it is and deliver again.
        reportError(error)
        if (!(await idleWait(backoffDelay(options.backoff, retry)))) return false
      }
    }
  }

  function failureOf(task: ShardTask, entries: readonly Entry[], condition: FailureCondition, invokeCount: number, functionError: 'Unhandled' | null, requestId: string): OnFailureRecord {
    return failureRecord(
      entries.map((e) => e.record),
      { requestId, functionArn, streamArn: stream.arn, shardId: task.shardId, condition, invokeCount, functionError, now: clock.now() },
    )
  }

  function metrics(): ConsumerMetrics {
    const now = clock.now()
    const shards: ShardMetrics[] = []
    const inFlight: number[] = []
    let maxAge = 0
    for (const task of tasks.values()) {
      if (task.ended) continue
      const created = task.progress.oldestPending()
      const age = created === undefined ? 0 : now - created
      if (age > maxAge) maxAge = age
      inFlight.push(...task.inFlight)
      const checkpoint = task.progress.checkpoint
      shards.push(Object.freeze({ shardId: task.shardId, iteratorAgeMs: age, inFlightBatchSizes: Object.freeze([...task.inFlight]), ...(checkpoint === undefined ? {} : { checkpoint }) }))
    }
    if (life.state !== 'stopped') alarm.check()
    return Object.freeze({ state: life.state, iteratorAgeMs: maxAge, shards: Object.freeze(shards), ...counters, inFlightBatchSizes: Object.freeze(inFlight) })
  }

  function start(): void {
    const started = life.start(() => config.onStart())
    if (!started) return
    tasks = new Map()
    unsubscribe = stream.onRecords(wakeShards)
    const mine = life.generation
    activity.spawn(() => boot(mine))
  }

  function stop(): Promise<void> {
    return life.stop(
      async () => {
        unsubscribe?.()
        unsubscribe = undefined
        alarm.reset()
        for (const task of tasks.values()) {
          task.windowTimer?.()
          for (const lane of task.lanes.all) lane.cancelWake()
        }
        await activity.drain()
      },
      () => {
        tasks = new Map()
        alarm.reset()
        config.onStop()
      },
    )
  }

  function resume(): void {
    if (!life.resume()) return
    for (const task of tasks.values()) fill(task)
  }

  const consumer: Consumer = Object.freeze({
    streamArn: stream.arn,
    name: options.name,
    start,
    stop,
    pause(): () => void {
      life.pause()
      return resume
    },
    resume,
    metrics,
    unref: life.unref,
  })

  return { consumer, whenIdle: activity.whenIdle }
}
