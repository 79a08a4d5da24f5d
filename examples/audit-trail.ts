// Audit trail: every change to the accounts table lands in an append-only audit table, with the item as it was
// before and after, who made it (TTL deletes are marked as the service's own), and the stream's sequence number.
// Appending is idempotent: an entry is keyed by the sequence number and written only if absent, so a redelivered
// batch adds nothing twice.
import { createStore, isStreamtableError, type Frozen } from 'streamtable'
import { ManualClock } from 'streamtable/testing'

type Account = { accountId: string; owner: string; plan: 'free' | 'pro'; trialEndsAt?: number }
type AuditEntry = {
  accountId: string
  sequenceNumber: string
  at: string
  change: 'created' | 'changed' | 'deleted' | 'expired'
  by: string
  before?: Frozen<Account>
  after?: Frozen<Account>
}

const clock = new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0))
const store = createStore({ clock })
const accounts = store.createTable<Account>()({
  name: 'accounts',
  partitionKey: 'accountId',
  ttlAttribute: 'trialEndsAt',
  stream: { viewType: 'NEW_AND_OLD_IMAGES' },
})
const audit = store.createTable<AuditEntry>()({ name: 'audit', partitionKey: 'accountId', sortKey: 'sequenceNumber' })

let failOnce = true
const auditor = store.consume(
  accounts,
  (records) => {
    for (const record of records) {
      const change = record.eventName === 'INSERT' ? 'created' : record.eventName === 'MODIFY' ? 'changed' : record.userIdentity === undefined ? 'deleted' : 'expired'
      const entry: AuditEntry = {
        accountId: record.keys.accountId,
        sequenceNumber: record.sequenceNumber,
        at: new Date(record.createdAt).toISOString(),
        change,
        // A TTL delete carries the service's identity; anything else came from the application.
        by: record.userIdentity === undefined ? 'application' : `${record.userIdentity.type}:${record.userIdentity.principalId}`,
        ...(record.oldImage === undefined ? {} : { before: record.oldImage }),
        ...(record.newImage === undefined ? {} : { after: record.newImage }),
      }
      try {
        audit.put(entry, { condition: (current) => current === undefined })
      } catch (error) {
        if (!isStreamtableError(error) || error.code !== 'ConditionalCheckFailedException') throw error
      }
    }
    // The audit store is briefly unreachable once: the batch comes again, and nothing is appended twice.
    if (failOnce) {
      failOnce = false
      throw new Error('audit store unavailable')
    }
  },
  { startingPosition: 'TRIM_HORIZON' },
)

const now = (): number => Math.floor(clock.now() / 1000)
accounts.put({ accountId: 'a-1', owner: 'ada', plan: 'free' })
accounts.put({ accountId: 'a-2', owner: 'bob', plan: 'free', trialEndsAt: now() + 3_600 })
await clock.runFor(5_000)
accounts.update({ accountId: 'a-1' }, (draft) => {
  draft.plan = 'pro'
})
accounts.put({ accountId: 'a-3', owner: 'cy', plan: 'free' })
accounts.delete({ accountId: 'a-3' })
await clock.runFor(2 * 60 * 60 * 1000) // past a-2's trial: the TTL sweeper deletes it

const entries: AuditEntry[] = []
for (const accountId of ['a-1', 'a-2', 'a-3']) entries.push(...audit.query(accountId).items)
for (const e of entries.sort((a, b) => (a.sequenceNumber < b.sequenceNumber ? -1 : 1))) {
  const plans = `${e.before?.plan ?? '-'} → ${e.after?.plan ?? '-'}`
  console.log(`${e.at.slice(11, 19)} ${e.accountId} ${e.change.padEnd(7)} by ${e.by.padEnd(32)} plan ${plans}`)
}
const m = auditor.metrics()
console.log(`${entries.length} audit entries from ${m.recordsDelivered} records delivered: the failed batch came again (${m.retries} retry) and appended nothing twice`)
await auditor.stop()
