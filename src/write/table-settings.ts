// What the service keeps about a table besides its items: billing and capacity, table class, deletion protection,
// encryption and tags. None of it changes what a write does; it is kept so that a table describes itself as the
// service would, and so that deletion protection is enforced where tables are deleted.
import { checkOptionNames, invalidOption, ValidationException } from '../core/errors.js'

/** How a table is billed: by provisioned capacity, or on demand. */
export type BillingMode = 'PROVISIONED' | 'PAY_PER_REQUEST'

/** DynamoDB's storage classes. */
export type TableClass = 'STANDARD' | 'STANDARD_INFREQUENT_ACCESS'

/** Provisioned read and write capacity units, each at least 1. */
export interface ProvisionedThroughput {
  readonly readCapacityUnits: number
  readonly writeCapacityUnits: number
}

/** Provisioned capacity as a table or index describes it, with the history of its changes. */
export interface ThroughputDescription extends ProvisionedThroughput {
  /** Decreases during the current UTC day. */
  readonly numberOfDecreasesToday: number
  readonly lastIncreaseAt?: number
  readonly lastDecreaseAt?: number
}

/** Server-side encryption with a KMS key; without it a table is encrypted with a key the service owns. */
export interface EncryptionSettings {
  /** The key's id, alias or ARN; the service's managed key when absent. */
  readonly kmsMasterKeyId?: string
}

/** Settings of `createTable` (the `settings` option) and of `updateSettings`. */
export interface TableSettings {
  /** PAY_PER_REQUEST by default. */
  readonly billingMode?: BillingMode
  /** Required when the billing mode is PROVISIONED, refused otherwise. */
  readonly provisionedThroughput?: ProvisionedThroughput
  /** Capacity of global indexes by index name, when the billing mode is PROVISIONED. */
  readonly indexThroughput?: { readonly [indexName: string]: ProvisionedThroughput }
  /** STANDARD by default. */
  readonly tableClass?: TableClass
  /** When true, `deleteTable` refuses to delete the table. */
  readonly deletionProtection?: boolean
  /** KMS encryption; `null` in `updateSettings` returns to the service-owned key. */
  readonly encryption?: EncryptionSettings | null
}

/** The settings as `describe()` reports them. */
export interface TableSettingsDescription {
  readonly billingMode: BillingMode
  /** Present when the billing mode is PROVISIONED. */
  readonly provisionedThroughput?: ThroughputDescription
  /** Capacity of the global indexes by name, when the billing mode is PROVISIONED. */
  readonly indexThroughput: { readonly [indexName: string]: ThroughputDescription }
  readonly tableClass: TableClass
  readonly deletionProtection: boolean
  readonly encryption?: EncryptionSettings
  /** When the table last switched to PAY_PER_REQUEST (epoch ms), if it ever did after creation. */
  readonly lastUpdateToPayPerRequestAt?: number
}

const SETTING_NAMES: ReadonlySet<string> = new Set(['billingMode', 'provisionedThroughput', 'indexThroughput', 'tableClass', 'deletionProtection', 'encryption'])
const BILLING_MODES: readonly BillingMode[] = ['PROVISIONED', 'PAY_PER_REQUEST']
const TABLE_CLASSES: readonly TableClass[] = ['STANDARD', 'STANDARD_INFREQUENT_ACCESS']
const DAY_MS = 24 * 60 * 60 * 1000
const INVALID = 'One or more parameter values were invalid'

function checkThroughput(value: unknown, what: string, tableName: string): ProvisionedThroughput {
  if (typeof value !== 'object' || value === null) throw invalidOption(what, 'an object with readCapacityUnits and writeCapacityUnits', value, { tableName })
  checkOptionNames(value, new Set(['readCapacityUnits', 'writeCapacityUnits']), what, { tableName })
  const { readCapacityUnits, writeCapacityUnits } = value as Record<string, unknown>
  for (const [name, units] of [['readCapacityUnits', readCapacityUnits], ['writeCapacityUnits', writeCapacityUnits]] as const) {
    if (!Number.isInteger(units) || (units as number) < 1) throw invalidOption(`${what}.${name}`, 'an integer of at least 1', units, { tableName })
  }
  return Object.freeze({ readCapacityUnits: readCapacityUnits as number, writeCapacityUnits: writeCapacityUnits as number })
}

interface Capacity {
  units: ProvisionedThroughput
  decreases: number
  decreaseDay: number
  lastIncreaseAt?: number
  lastDecreaseAt?: number
}

function describeCapacity(capacity: Capacity, now: number): ThroughputDescription {
  return Object.freeze({
    ...capacity.units,
    numberOfDecreasesToday: capacity.decreaseDay === Math.floor(now / DAY_MS) ? capacity.decreases : 0,
    ...(capacity.lastIncreaseAt === undefined ? {} : { lastIncreaseAt: capacity.lastIncreaseAt }),
    ...(capacity.lastDecreaseAt === undefined ? {} : { lastDecreaseAt: capacity.lastDecreaseAt }),
  })
}

/** One table's settings; validated on every change, which applies whole or not at all. */
export class TableSettingsState {
  readonly #tableName: string
  #billingMode: BillingMode = 'PAY_PER_REQUEST'
  #table: Capacity | undefined
  readonly #indexes = new Map<string, Capacity>()
  #tableClass: TableClass = 'STANDARD'
  #deletionProtection = false
  #encryption: EncryptionSettings | undefined
  #lastUpdateToPayPerRequestAt: number | undefined
  readonly #tags = new Map<string, string>()

  /** Settings of a new table whose global indexes are `globalIndexes`. */
  constructor(settings: TableSettings | undefined, globalIndexes: readonly string[], tableName: string, now: number) {
    this.#tableName = tableName
    this.update(settings ?? {}, globalIndexes, now, true)
  }

  /**
   * Applies a change. Moving to PROVISIONED needs the table's capacity and every global index's; moving to
   * PAY_PER_REQUEST drops them. `globalIndexes` names the table's global indexes after the change.
   */
  update(changes: TableSettings, globalIndexes: readonly string[], now: number, creating = false): void {
    const tableName = this.#tableName
    if (typeof changes !== 'object' || changes === null) throw invalidOption('table settings', 'an object', changes, { tableName })
    checkOptionNames(changes, SETTING_NAMES, 'table settings', { tableName })
    const billingMode = changes.billingMode ?? this.#billingMode
    if (!BILLING_MODES.includes(billingMode)) throw invalidOption('billingMode', BILLING_MODES.join(' or '), billingMode, { tableName })
    if (changes.tableClass !== undefined && !TABLE_CLASSES.includes(changes.tableClass)) throw invalidOption('tableClass', TABLE_CLASSES.join(' or '), changes.tableClass, { tableName })
    if (changes.deletionProtection !== undefined && typeof changes.deletionProtection !== 'boolean') throw invalidOption('deletionProtection', 'a boolean', changes.deletionProtection, { tableName })
    const encryption = changes.encryption
    if (encryption !== undefined && encryption !== null) {
      if (typeof encryption !== 'object') throw invalidOption('encryption', 'an object such as { kmsMasterKeyId }', encryption, { tableName })
      checkOptionNames(encryption, new Set(['kmsMasterKeyId']), 'encryption', { tableName })
      if (encryption.kmsMasterKeyId !== undefined && (typeof encryption.kmsMasterKeyId !== 'string' || encryption.kmsMasterKeyId === '')) {
        throw invalidOption('encryption.kmsMasterKeyId', 'a non-empty key id, alias or ARN', encryption.kmsMasterKeyId, { tableName })
      }
    }
    const throughput = changes.provisionedThroughput === undefined ? undefined : checkThroughput(changes.provisionedThroughput, 'provisionedThroughput', tableName)
    const indexThroughput = new Map<string, ProvisionedThroughput>()
    if (changes.indexThroughput !== undefined) {
      if (typeof changes.indexThroughput !== 'object' || changes.indexThroughput === null) throw invalidOption('indexThroughput', 'an object of throughputs by index name', changes.indexThroughput, { tableName })
      for (const [index, units] of Object.entries(changes.indexThroughput)) {
        if (!globalIndexes.includes(index)) throw invalidOption('indexThroughput', `capacity for global indexes of ${tableName} (${globalIndexes.join(', ') || 'none'})`, index, { tableName })
        indexThroughput.set(index, checkThroughput(units, `indexThroughput.${index}`, tableName))
      }
    }
    if (billingMode === 'PAY_PER_REQUEST') {
      if (throughput !== undefined || indexThroughput.size > 0) {
        throw new ValidationException(`${INVALID}: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST`, { tableName })
      }
    } else {
      if (throughput === undefined && this.#table === undefined) {
        throw new ValidationException(`${INVALID}: ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is PROVISIONED`, { tableName })
      }
      for (const index of globalIndexes) {
        if (!indexThroughput.has(index) && !this.#indexes.has(index)) {
          throw new ValidationException(`${INVALID}: ProvisionedThroughput must be specified for index: ${index}`, { tableName })
        }
      }
    }
    // Everything is valid: apply.
    if (billingMode === 'PAY_PER_REQUEST') {
      if (this.#billingMode === 'PROVISIONED' && !creating) this.#lastUpdateToPayPerRequestAt = now
      this.#table = undefined
      this.#indexes.clear()
    } else {
      this.#table = this.#changed(this.#table, throughput, now)
      for (const index of [...this.#indexes.keys()]) if (!globalIndexes.includes(index)) this.#indexes.delete(index)
      for (const index of globalIndexes) this.#indexes.set(index, this.#changed(this.#indexes.get(index), indexThroughput.get(index), now) as Capacity)
    }
    this.#billingMode = billingMode
    if (changes.tableClass !== undefined) this.#tableClass = changes.tableClass
    if (changes.deletionProtection !== undefined) this.#deletionProtection = changes.deletionProtection
    if (encryption === null) this.#encryption = undefined
    else if (encryption !== undefined) this.#encryption = Object.freeze({ ...encryption })
  }

  #changed(capacity: Capacity | undefined, units: ProvisionedThroughput | undefined, now: number): Capacity | undefined {
    if (units === undefined) return capacity
    if (capacity === undefined) return { units, decreases: 0, decreaseDay: Math.floor(now / DAY_MS) }
    const was = capacity.units
    const next: Capacity = { ...capacity, units }
    if (units.readCapacityUnits > was.readCapacityUnits || units.writeCapacityUnits > was.writeCapacityUnits) next.lastIncreaseAt = now
    if (units.readCapacityUnits < was.readCapacityUnits || units.writeCapacityUnits < was.writeCapacityUnits) {
      const day = Math.floor(now / DAY_MS)
      next.decreases = capacity.decreaseDay === day ? capacity.decreases + 1 : 1
      next.decreaseDay = day
      next.lastDecreaseAt = now
    }
    return next
  }

  /** Throws unless a new global index's capacity fits the billing mode: required when PROVISIONED, refused otherwise. */
  checkNewIndex(indexName: string, throughput: ProvisionedThroughput | undefined): void {
    const tableName = this.#tableName
    if (this.#billingMode === 'PROVISIONED' && throughput === undefined) {
      throw new ValidationException(`${INVALID}: ProvisionedThroughput must be specified for index: ${indexName}`, { tableName })
    }
    if (this.#billingMode === 'PAY_PER_REQUEST' && throughput !== undefined) {
      throw new ValidationException(`${INVALID}: ProvisionedThroughput should not be specified for index: ${indexName} when BillingMode is PAY_PER_REQUEST`, { tableName })
    }
  }

  /** Forgets a deleted global index's capacity. */
  dropIndex(name: string): void {
    this.#indexes.delete(name)
  }

  /** True when `deleteTable` must refuse the table. */
  get deletionProtection(): boolean {
    return this.#deletionProtection
  }

  describe(now: number): TableSettingsDescription {
    const indexThroughput: { [name: string]: ThroughputDescription } = {}
    for (const [name, capacity] of this.#indexes) indexThroughput[name] = describeCapacity(capacity, now)
    return Object.freeze({
      billingMode: this.#billingMode,
      ...(this.#table === undefined ? {} : { provisionedThroughput: describeCapacity(this.#table, now) }),
      indexThroughput: Object.freeze(indexThroughput),
      tableClass: this.#tableClass,
      deletionProtection: this.#deletionProtection,
      ...(this.#encryption === undefined ? {} : { encryption: this.#encryption }),
      ...(this.#lastUpdateToPayPerRequestAt === undefined ? {} : { lastUpdateToPayPerRequestAt: this.#lastUpdateToPayPerRequestAt }),
    })
  }

  /** The table's tags, by key. */
  tags(): Readonly<Record<string, string>> {
    return Object.freeze(Object.fromEntries(this.#tags))
  }

  /** Adds or overwrites tags; at most 50 per table, keys of 1 to 128 characters, values up to 256. */
  tag(tags: Readonly<Record<string, string>>): void {
    const tableName = this.#tableName
    if (typeof tags !== 'object' || tags === null) throw invalidOption('tags', 'an object of tag values by key', tags, { tableName })
    const entries = Object.entries(tags)
    for (const [key, value] of entries) {
      if (key.length < 1 || key.length > 128) throw invalidOption('tag key', '1 to 128 characters', key, { tableName })
      if (typeof value !== 'string' || value.length > 256) throw invalidOption(`tag value of ${key}`, 'a string of at most 256 characters', value, { tableName })
    }
    const keys = new Set([...this.#tags.keys(), ...entries.map(([key]) => key)])
    if (keys.size > MAX_TAGS) throw new ValidationException(`The number of tags exceeds the limit of ${MAX_TAGS}: expected at most ${MAX_TAGS} tags on ${tableName}, received ${keys.size}`, { tableName })
    for (const [key, value] of entries) this.#tags.set(key, value)
  }

  /** Removes the tags with these keys; a key without a tag is ignored. */
  untag(keys: readonly string[]): void {
    if (!Array.isArray(keys)) throw invalidOption('tag keys', 'an array of tag keys', keys, { tableName: this.#tableName })
    for (const key of keys) this.#tags.delete(key)
  }
}

/** DynamoDB's limit of tags on one resource. */
export const MAX_TAGS = 50
