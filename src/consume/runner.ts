import { interpretResponse, runBatch, takeBatch, type BatchDriver, type Outcome } from './invocation.js'
import type { AnyChangeRecord } from '../capture/record.js'
import type { Checkpoint, CheckpointKey } from './checkpoint-store.js'
import type { CancelTimer, Clock } from '../core/clock.js'
import type { ResolvedConsumerOptions } from './options.js'
import type { BatchHandler, Consumer, ConsumerMetrics, FailureCondition, OnFailureRecord, ShardMetrics, WindowContext } from './types.js'
import { isStreamtableError } from '../core/errors.js'
import { decodeIterator } from '../log/iterator.js'
import { toServiceRecord } from './filter.js'
import { hashKeyValue, type KeyValue } from '../values/keys.js'
import { backoffDelay, waitOn } from './retry.js'
import type { ChangeStream } from '../log/stream.js'
import { isStateTooLarge, openWindow, windowContext, windowStartOf, type OpenWindow } from './window.js'

/** What the runner needs from its store; it knows the stream, never the table. */
export interface RunnerConfig<R> {
  readonly stream: ChangeStream<any>
  readonly handler: BatchHandler<R>
  readonly options: ResolvedConsumerOptions<R>
  readonly clock: Clock
  readonly region: string
  readonly accountId: string
  /** The records' retention: a record this old has left the stream. */
  readonly retentionMs: number
  readonly onError: (error: unknown) => void
  /** Called as the consumer starts reading; throws (LimitExceededException) when the stream has too many readers. */
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

interface Entry {
  readonly record: AnyChangeRecord
  done: boolean
}

interface Lane {
  readonly queue: Entry[]
  running: boolean
  batchingTimer: { readonly at: number; readonly cancel: CancelTimer } | undefined
}

interface ShardTask {
  readonly shardId: string
  readonly key: CheckpointKey
  loaded: boolean
  ended: boolean
  /** The next read; null once the closed shard has been read to its end. */
  token: string | null
  /** Where to take a new iterator from when one expires: after the last record read (or the checkpoint). */
  resumeAfter: string | undefined
  /** True when the last read found nothing more to read for now. */
  caughtUp: boolean
  /** Records read and not yet checkpointed, in sequence order; those before `head` are checkpointed. */
  entries: Entry[]
  head: number
  readonly lanes: Lane[]
  checkpoint: string | undefined
  pendingSave: Checkpoint | undefined
  saving: boolean
  readonly inFlight: number[]
  window: OpenWindow | undefined
  windowTimer: CancelTimer | undefined
}

const READ_LIMIT = 1000
const MIN_READ_AHEAD = 1000

class HandlerTimeoutError extends Error {
  override readonly name = 'HandlerTimeoutError'
}

function isoSeconds(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`
}

/** Creates the event source mapping of one stream, stopped: lineage, batching, retries, checkpoints and metrics. */
export function createRunner<R>(config: RunnerConfig<R>): ConsumerInternal {
  const { stream, clock, options } = config
  const { batchSize, parallelizationFactor, maximumBatchingWindowMs, tumblingWindowMs, filter } = options
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
  // A clock that moves only when told cannot end a handler timeout by itself, so settle must not wait on one.
  const manualClock = typeof clock.runDue === 'function'

  let state: 'running' | 'paused' | 'stopped' = 'stopped'
  let stopping: Promise<void> | undefined
  let stopController = new AbortController()
  let unsubscribe: (() => void) | undefined
  let tasks = new Map<string, ShardTask>()
  let generation = 0
  /** Where LATEST puts each shard listed at start (its newest record then), used only if the consumer has no checkpoints. */
  let latestAtStart: Map<string, { readonly closed: boolean; readonly last: string | undefined }> | undefined
  let resumeWaiters: (() => void)[] = []
  let busy = 0
  let idleWaiters: (() => void)[] = []
  const running = new Set<Promise<void>>()
  let requestCounter = 0
  let alarmed = false
  // The shard that raised the alarm, named again when it recovers (by then no shard has an age of its own).
  let alarmShard = ''
  let alarmTimer: { at: number; cancel: CancelTimer } | undefined
  const counters = { invocations: 0, errors: 0, retries: 0, recordsDelivered: 0, recordsFiltered: 0, recordsSentToOnFailure: 0 }

  function enter(): void {
    busy++
  }

  function leave(): void {
    busy--
    if (busy === 0 && idleWaiters.length > 0) {
      const waiters = idleWaiters
      idleWaiters = []
      for (const wake of waiters) wake()
    }
  }

  /** Runs `work` as a tracked activity: settle waits for it, stop waits for it. */
  function spawn(work: () => Promise<void>): void {
    enter()
    const promise = work()
      .catch(reportError)
      .finally(() => {
        running.delete(promise)
        leave()
      })
    running.add(promise)
  }

  /** Waits on the clock without counting as busy; false when the consumer stops first. */
  async function idleWait(ms: number): Promise<boolean> {
    leave()
    try {
      const ok = await waitOn(clock, ms, stopController.signal)
      return ok && (await whileUnpaused())
    } finally {
      enter()
    }
  }

  async function whileUnpaused(): Promise<boolean> {
    while (state === 'paused' && stopping === undefined) await new Promise<void>((resolve) => resumeWaiters.push(resolve))
    return stopping === undefined && state === 'running'
  }

  function nextRequestId(): string {
    const n = ++requestCounter
    return `${hashKeyValue(options.name).toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`
  }

  function acquire(task: ShardTask, after: string | undefined): string {
    if (after !== undefined) {
      try {
        return stream.getShardIterator({ shardId: task.shardId, type: 'AFTER_SEQUENCE_NUMBER', sequenceNumber: after })
      } catch (error) {
        // Records past retention are lost to every reader, as on the service: carry on from the oldest one left.
        if (!(isStreamtableError(error) && error.code === 'TrimmedDataAccessException')) throw error
      }
    }
    return stream.getShardIterator({ shardId: task.shardId, type: 'TRIM_HORIZON' })
  }

  function read(task: ShardTask): readonly AnyChangeRecord[] | undefined {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        if (task.token === null) return []
        const { records, nextIterator } = stream.getRecords(task.token, { limit: READ_LIMIT })
        task.token = nextIterator
        return records
      } catch (error) {
        const code = isStreamtableError(error) ? error.code : undefined
        try {
          if (code === 'ExpiredIteratorException') task.token = acquire(task, task.resumeAfter)
          else if (code === 'TrimmedDataAccessException') task.token = acquire(task, undefined)
          else if (code === 'ResourceNotFoundException') {
            // The shard (or the whole stream) has passed retention: nothing is left to read in it.
            task.token = null
            return []
          } else throw error
        } catch (inner) {
          if (isStreamtableError(inner) && inner.code === 'ResourceNotFoundException') {
            task.token = null
            return []
          }
          reportError(inner)
          return undefined
        }
      }
    }
    return undefined
  }

  function laneOf(record: AnyChangeRecord): number {
    if (laneCount === 1) return 0
    return hashKeyValue(record.keys[stream.keySchema.partitionKey] as KeyValue) % laneCount
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
    let filtered = false
    while (task.token !== null && task.entries.length - task.head < readAhead) {
      const records = read(task)
      if (records === undefined) break
      for (const record of records) {
        const entry: Entry = { record, done: false }
        task.entries.push(entry)
        task.resumeAfter = record.sequenceNumber
        if (matches(record)) (task.lanes[laneOf(record)] as Lane).queue.push(entry)
        else {
          entry.done = true
          filtered = true
          counters.recordsFiltered++
        }
      }
      task.caughtUp = records.length < READ_LIMIT
      if (records.length === 0) break
    }
    if (filtered || task.token === null) advance(task)
    for (const lane of task.lanes) kick(task, lane)
    checkAlarm()
  }

  function wakeAll(): void {
    if (stopping !== undefined || state === 'stopped') return
    for (const task of tasks.values()) fill(task)
  }

  // Only the shards that took records (or closed) have anything new: polling just those keeps a write O(1) in the
  // number of shards, which hot-shard splits can make large.
  function wakeShards(shardIds: ReadonlySet<string>): void {
    if (stopping !== undefined || state === 'stopped') return
    for (const id of shardIds) {
      const task = tasks.get(id)
      if (task !== undefined) fill(task)
    }
  }

  function advance(task: ShardTask): void {
    let last: string | undefined
    const { entries } = task
    while (task.head < entries.length && (entries[task.head] as Entry).done) {
      last = (entries[task.head] as Entry).record.sequenceNumber
      task.head++
    }
    if (task.head > 1024 && task.head * 2 > entries.length) {
      task.entries = entries.slice(task.head)
      task.head = 0
    }
    if (last !== undefined) {
      task.checkpoint = last
      save(task, { sequenceNumber: last, shardEnded: false })
    }
    if (task.token === null && task.head === task.entries.length && !task.ended) {
      if (tumbling && task.window !== undefined) {
        kick(task, task.lanes[0] as Lane)
        return
      }
      finish(task)
    }
  }

  function save(task: ShardTask, checkpoint: Checkpoint): void {
    task.pendingSave = checkpoint
    if (task.saving) return
    task.saving = true
    spawn(async () => {
      try {
        while (task.pendingSave !== undefined) {
          const next = task.pendingSave
          task.pendingSave = undefined
          try {
            await options.checkpointStore.set(task.key, next)
          } catch (error) {
            // A later save carries the same information; the records stay at least once either way.
            reportError(error)
          }
        }
      } finally {
        task.saving = false
      }
    })
  }

  function finish(task: ShardTask): void {
    task.ended = true
    task.windowTimer?.()
    save(task, task.checkpoint === undefined ? { shardEnded: true } : { sequenceNumber: task.checkpoint, shardEnded: true })
    discover()
  }

  function newTask(shardId: string): ShardTask {
    return {
      shardId,
      key: Object.freeze({ consumer: options.name, streamArn: stream.arn, shardId }),
      loaded: false,
      ended: false,
      token: null,
      resumeAfter: undefined,
      caughtUp: false,
      entries: [],
      head: 0,
      lanes: Array.from({ length: laneCount }, () => ({ queue: [], running: false, batchingTimer: undefined })),
      checkpoint: undefined,
      pendingSave: undefined,
      saving: false,
      inFlight: [],
      window: undefined,
      windowTimer: undefined,
    }
  }

  function listShards(): readonly { shardId: string; parentShardId?: string; closed: boolean }[] {
    try {
      return stream.shards().map((s) => ({ shardId: s.shardId, ...(s.parentShardId === undefined ? {} : { parentShardId: s.parentShardId }), closed: s.sequenceNumberRange.endingSequenceNumber !== undefined }))
    } catch (error) {
      if (!(isStreamtableError(error) && error.code === 'ResourceNotFoundException')) reportError(error)
      return []
    }
  }

  /** Starts every shard whose parent is done (or gone): children are never read before their parent is finished. */
  function discover(): void {
    if (stopping !== undefined || state === 'stopped') return
    const shards = listShards()
    const listed = new Set(shards.map((s) => s.shardId))
    for (const [id, task] of tasks) if (task.ended && !listed.has(id)) tasks.delete(id)
    for (const shard of shards) {
      if (tasks.has(shard.shardId)) continue
      const parent = shard.parentShardId
      if (parent !== undefined && listed.has(parent) && tasks.get(parent)?.ended !== true) continue
      const task = newTask(shard.shardId)
      tasks.set(shard.shardId, task)
      const mine = generation
      spawn(() => load(task, latestAtStart?.get(shard.shardId), mine))
    }
  }

  /** Where LATEST starts in a shard: the position a LATEST iterator holds (after the newest record), in O(1). */
  function lastSequenceNumber(shardId: string): string | undefined {
    return decodeIterator(stream.getShardIterator({ shardId, type: 'LATEST' })).position.sequenceNumber
  }

  /** `latest` is set for a shard that starts at LATEST: where it stood at start (a shard closed then is not read at all). */
  async function load(task: ShardTask, latest: { readonly closed: boolean; readonly last: string | undefined } | undefined, mine: number): Promise<void> {
    const found = await loadCheckpoint(task.key)
    if (found === false || mine !== generation) return
    let saved = found.checkpoint
    try {
      if (saved === undefined && latest !== undefined) {
        saved = latest.last === undefined ? { shardEnded: latest.closed } : { sequenceNumber: latest.last, shardEnded: latest.closed }
        save(task, saved)
      }
      task.loaded = true
      task.checkpoint = saved?.sequenceNumber
      task.resumeAfter = saved?.sequenceNumber
      if (saved?.shardEnded === true) {
        task.ended = true
        discover()
        return
      }
      task.token = acquire(task, saved?.sequenceNumber)
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
    const shards = listShards()
    // Positions are taken before the first await: LATEST means after the call that started the consumer.
    const latest = new Map<string, { readonly closed: boolean; readonly last: string | undefined }>()
    if (options.startingPosition === 'LATEST') {
      for (const shard of shards) {
        try {
          latest.set(shard.shardId, { closed: shard.closed, last: shard.closed ? undefined : lastSequenceNumber(shard.shardId) })
        } catch (error) {
          if (!(isStreamtableError(error) && error.code === 'ResourceNotFoundException')) throw error
        }
      }
    }
    let fresh = true
    for (const shard of shards) {
      const found = await loadCheckpoint(Object.freeze({ consumer: options.name, streamArn: stream.arn, shardId: shard.shardId }))
      if (found === false) return
      if (found.checkpoint !== undefined) fresh = false
    }
    if (mine !== generation) return
    // LATEST applies to a consumer's first start only; after that it resumes from its checkpoints.
    latestAtStart = fresh && options.startingPosition === 'LATEST' ? latest : undefined
    discover()
  }

  function kick(task: ShardTask, lane: Lane): void {
    if (lane.running || state !== 'running' || stopping !== undefined || task.ended || !task.loaded) return
    if (lane.queue.length === 0 && !(tumbling && task.window !== undefined)) return
    lane.running = true
    spawn(async () => {
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

  function batchingDelay(task: ShardTask, lane: Lane): number {
    if (maximumBatchingWindowMs === 0 || lane.queue.length >= batchSize || task.token === null) return 0
    const head = lane.queue[0] as Entry
    return Math.max(0, head.record.createdAt + maximumBatchingWindowMs - clock.now())
  }

  function wakeAt(task: ShardTask, lane: Lane, delay: number): void {
    const at = clock.now() + delay
    if (lane.batchingTimer !== undefined && lane.batchingTimer.at <= at) return
    lane.batchingTimer?.cancel()
    const cancel = clock.setTimer(delay, () => {
      lane.batchingTimer = undefined
      fill(task)
      kick(task, lane)
    })
    lane.batchingTimer = { at, cancel }
  }

  async function drainLane(task: ShardTask, lane: Lane): Promise<void> {
    while (state === 'running' && stopping === undefined) {
      if (tumbling) {
        const more = await windowStep(task, lane)
        if (!more) return
        continue
      }
      if (lane.queue.length === 0) return
      const delay = batchingDelay(task, lane)
      if (delay > 0) {
        wakeAt(task, lane, delay)
        return
      }
      const batch = takeBatch(lane.queue, batchSize)
      if (!(await deliver(task, lane, batch, undefined))) return
      fill(task)
    }
  }

  /** One step of a tumbling consumer: a batch of the open window, or the window's final invocation. False when there is nothing to do now. */
  async function windowStep(task: ShardTask, lane: Lane): Promise<boolean> {
    const head = lane.queue[0]
    const window = task.window
    if (window !== undefined && (head === undefined || windowStartOf(head.record.createdAt, tumblingWindowMs) !== window.start)) {
      const shardDone = task.token === null && head === undefined
      if (!shardDone && head === undefined) {
        if (clock.now() < window.end) {
          scheduleWindowEnd(task, lane, window.end)
          return false
        }
        if (!task.caughtUp) return false
      }
      if (!(await deliverWindow(task, lane, [], window, true, false))) return false
      task.window = undefined
      if (shardDone) advance(task)
      return true
    }
    if (head === undefined) return false
    const delay = batchingDelay(task, lane)
    if (delay > 0) {
      wakeAt(task, lane, delay)
      return false
    }
    const open = window ?? openWindow(head.record.createdAt, tumblingWindowMs)
    task.window = open
    const batch = takeBatch(lane.queue, batchSize, (e) => windowStartOf(e.record.createdAt, tumblingWindowMs) === open.start)
    const next = lane.queue[0]
    const final = clock.now() >= open.end && (next === undefined ? task.caughtUp || task.token === null : windowStartOf(next.record.createdAt, tumblingWindowMs) !== open.start)
    if (!(await deliverWindow(task, lane, batch, open, final, false))) return false
    if (final) task.window = undefined
    else if (isStateTooLarge(open.state)) {
      if (!(await deliverWindow(task, lane, [], open, true, true))) return false
      task.window = undefined
    }
    fill(task)
    return true
  }

  function scheduleWindowEnd(task: ShardTask, lane: Lane, end: number): void {
    task.windowTimer?.()
    task.windowTimer = clock.setTimer(end - clock.now(), () => {
      task.windowTimer = undefined
      fill(task)
      kick(task, lane)
    })
  }

  async function deliverWindow(task: ShardTask, lane: Lane, batch: Entry[], window: OpenWindow, final: boolean, terminatedEarly: boolean): Promise<boolean> {
    return deliver(task, lane, batch, () => windowContext(window, final, terminatedEarly), (state) => {
      window.state = Object.freeze({ ...state })
    })
  }

  /** Runs one batch to its end; false when the consumer stopped first (the unfinished records go back to their lane). */
  async function deliver(task: ShardTask, lane: Lane, batch: Entry[], window: (() => WindowContext) | undefined, keepState?: (state: Readonly<Record<string, unknown>>) => void): Promise<boolean> {
    const size = batch.length
    task.inFlight.push(size)
    let done: boolean
    try {
      done = await runBatch(batch, driver(task, window, keepState))
    } finally {
      task.inFlight.splice(task.inFlight.indexOf(size), 1)
    }
    if (!done) lane.queue.unshift(...batch.filter((e) => !e.done))
    checkAlarm()
    return done
  }

  function driver(task: ShardTask, window: (() => WindowContext) | undefined, keepState: ((state: Readonly<Record<string, unknown>>) => void) | undefined): BatchDriver<Entry> {
    let lastRequestId = ''
    return {
      maximumRetryAttempts: options.maximumRetryAttempts,
      bisect: options.bisectBatchOnFunctionError,
      isExpired,
      stopped: () => stopping !== undefined || state === 'stopped',
      async invoke(entries, attempt) {
        lastRequestId = nextRequestId()
        return invoke(task, entries, attempt, window?.())
      },
      async succeeded(entries, outcome) {
        if (outcome.kind !== 'failure' && outcome.state !== undefined) keepState?.(outcome.state)
        for (const entry of entries) entry.done = true
        advance(task)
      },
      async discard(entries, condition, invokeCount, functionError) {
        if (entries.length > 0) {
          const failure = failureRecord(task, entries, condition, invokeCount, functionError, invokeCount > 0 ? lastRequestId : nextRequestId())
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

  function failureRecord(task: ShardTask, entries: readonly Entry[], condition: FailureCondition, invokeCount: number, functionError: 'Unhandled' | null, requestId: string): OnFailureRecord {
    const first = (entries[0] as Entry).record
    const last = (entries[entries.length - 1] as Entry).record
    return Object.freeze({
      requestContext: Object.freeze({ requestId, functionArn, condition, approximateInvokeCount: invokeCount }),
      responseContext: Object.freeze({ statusCode: 200 as const, executedVersion: '$LATEST' as const, functionError }),
      version: '1.0' as const,
      timestamp: new Date(clock.now()).toISOString(),
      DDBStreamBatchInfo: Object.freeze({
        shardId: task.shardId,
        startSequenceNumber: first.sequenceNumber,
        endSequenceNumber: last.sequenceNumber,
        approximateArrivalOfFirstRecord: isoSeconds(first.createdAt),
        approximateArrivalOfLastRecord: isoSeconds(last.createdAt),
        batchSize: entries.length,
        streamArn: stream.arn,
      }),
    })
  }

  async function invoke(task: ShardTask, entries: readonly Entry[], attempt: number, window: WindowContext | undefined): Promise<Outcome> {
    const records = Object.freeze(entries.map((e) => e.record))
    counters.invocations++
    counters.recordsDelivered += records.length
    if (attempt > 1) counters.retries++
    const controller = new AbortController()
    const context = Object.freeze({ shardId: task.shardId, streamArn: stream.arn, attempt, signal: controller.signal, ...(window === undefined ? {} : { window }) })
    const call = new Promise<unknown>((resolve) => resolve(config.handler(records as unknown as readonly R[], context)))
    let response: unknown
    try {
      if (options.handlerTimeoutMs > 0) {
        const timer = new AbortController()
        const timeout = clock.sleep(options.handlerTimeoutMs, timer.signal).then(() => {
          const error = new HandlerTimeoutError(`Handler timed out after ${options.handlerTimeoutMs} ms`)
          controller.abort(error)
          throw error
        })
        timeout.catch(() => undefined)
        call.catch(() => undefined)
        if (manualClock) leave()
        try {
          response = await Promise.race([call, timeout])
        } finally {
          if (manualClock) enter()
          timer.abort()
        }
      } else response = await call
    } catch (error) {
      counters.errors++
      return { kind: 'failure', functionError: 'Unhandled', error }
    }
    const outcome = interpretResponse(
      response,
      records.map((r) => r.sequenceNumber),
      options.reportBatchItemFailures,
      tumbling,
    )
    if (outcome.kind !== 'success') counters.errors++
    return outcome
  }

  function oldestPending(task: ShardTask): number | undefined {
    for (let i = task.head; i < task.entries.length; i++) {
      const entry = task.entries[i] as Entry
      if (!entry.done) return entry.record.createdAt
    }
    return undefined
  }

  function checkAlarm(): void {
    const alarm = options.iteratorAgeAlarm
    if (alarm === undefined || state === 'stopped') return
    const now = clock.now()
    let maxAge = 0
    let maxShard = ''
    let oldest: number | undefined
    for (const task of tasks.values()) {
      const created = oldestPending(task)
      if (created === undefined) continue
      if (now - created >= maxAge) {
        maxAge = now - created
        maxShard = task.shardId
      }
      if (oldest === undefined || created < oldest) oldest = created
    }
    if (alarmed !== maxAge > alarm.thresholdMs) {
      alarmed = !alarmed
      if (alarmed) alarmShard = maxShard
      try {
        alarm.onChange(Object.freeze({ alarm: alarmed, iteratorAgeMs: maxAge, thresholdMs: alarm.thresholdMs, shardId: alarmed ? maxShard : alarmShard }))
      } catch (error) {
        reportError(error)
      }
    }
    // The age grows with the clock alone, so the crossing is a time that can be known in advance.
    if (!alarmed && oldest !== undefined) {
      const at = oldest + alarm.thresholdMs + 1
      if (alarmTimer === undefined || alarmTimer.at > at) {
        alarmTimer?.cancel()
        alarmTimer = { at, cancel: clock.setTimer(at - now, () => {
          alarmTimer = undefined
          checkAlarm()
        }) }
      }
    }
  }

  function metrics(): ConsumerMetrics {
    const now = clock.now()
    const shards: ShardMetrics[] = []
    const inFlight: number[] = []
    let maxAge = 0
    for (const task of tasks.values()) {
      if (task.ended) continue
      const created = oldestPending(task)
      const age = created === undefined ? 0 : now - created
      if (age > maxAge) maxAge = age
      inFlight.push(...task.inFlight)
      shards.push(
        Object.freeze({ shardId: task.shardId, iteratorAgeMs: age, inFlightBatchSizes: Object.freeze([...task.inFlight]), ...(task.checkpoint === undefined ? {} : { checkpoint: task.checkpoint }) }),
      )
    }
    checkAlarm()
    return Object.freeze({ state, iteratorAgeMs: maxAge, shards: Object.freeze(shards), ...counters, inFlightBatchSizes: Object.freeze(inFlight) })
  }

  function start(): void {
    if (state !== 'stopped' || stopping !== undefined) return
    config.onStart()
    state = 'running'
    generation++
    stopController = new AbortController()
    tasks = new Map()
    unsubscribe = stream.onRecords(wakeShards)
    const mine = generation
    spawn(() => boot(mine))
  }

  function stop(): Promise<void> {
    if (stopping !== undefined) return stopping
    if (state === 'stopped') return Promise.resolve()
    stopping = (async () => {
      unsubscribe?.()
      unsubscribe = undefined
      stopController.abort()
      const waiters = resumeWaiters
      resumeWaiters = []
      for (const wake of waiters) wake()
      alarmTimer?.cancel()
      alarmTimer = undefined
      for (const task of tasks.values()) {
        task.windowTimer?.()
        for (const lane of task.lanes) lane.batchingTimer?.cancel()
      }
      while (running.size > 0) await Promise.allSettled([...running])
      state = 'stopped'
      generation++
      tasks = new Map()
      alarmed = false
      config.onStop()
    })().finally(() => {
      stopping = undefined
    })
    return stopping
  }

  function pause(): () => void {
    if (state === 'running' && stopping === undefined) state = 'paused'
    return resume
  }

  function resume(): void {
    if (state !== 'paused') return
    state = 'running'
    const waiters = resumeWaiters
    resumeWaiters = []
    for (const wake of waiters) wake()
    wakeAll()
  }

  const consumer: Consumer = Object.freeze({
    streamArn: stream.arn,
    name: options.name,
    start,
    stop,
    pause,
    resume,
    metrics,
  })

  return {
    consumer,
    whenIdle() {
      if (busy === 0) return undefined
      return new Promise<void>((resolve) => idleWaiters.push(resolve))
    },
  }
}
