import { invalidOption, ValidationException } from '../core/errors.js'
import type { AttributeMap } from '../values/admission.js'
import type { KeySchema, KeyType } from '../values/keys.js'
import { checkIndexSet, resolveGlobalIndex, type IndexSchema } from './index-definition.js'
import { SecondaryIndex, type AttributeTypes, type IndexDescription } from './secondary-index.js'

/** A table's secondary indexes, and the key types of the attributes they use. */
export class IndexSet {
  readonly #table: KeySchema
  readonly #tableName: string
  readonly #tableArn: string
  // Types of the attributes that index keys use (besides the table's own keys), shared by every index.
  readonly #types: AttributeTypes = new Map()
  /** The indexes, in creation order. */
  readonly list: SecondaryIndex[] = []

  constructor(schemas: readonly IndexSchema[], table: KeySchema, tableName: string, tableArn: string) {
    this.#table = table
    this.#tableName = tableName
    this.#tableArn = tableArn
    for (const schema of schemas) this.list.push(new SecondaryIndex(schema, table, this.#types, tableArn))
  }

  /** The index with this name; the service's ValidationException when there is none. */
  named(name: unknown): SecondaryIndex {
    const index = this.list.find((i) => i.schema.name === name)
    if (index === undefined) throw new ValidationException(`The table does not have the specified index: ${String(name)}`, { tableName: this.#tableName })
    return index
  }

  /** The known type of an index key attribute that is not a table key attribute. */
  typeOf(attribute: string): KeyType | undefined {
    return this.#types.get(attribute)
  }

  /** Throws when an item's index key attributes cannot be stored (checked when a write is planned). */
  check(item: AttributeMap): void {
    const list = this.list
    for (let i = 0; i < list.length; i++) (list[i] as SecondaryIndex).check(item, this.#tableName)
  }

  /** Throws when the items of one request disagree on an index key type that none has fixed yet. */
  checkAgree(items: readonly AttributeMap[]): void {
    const pending: AttributeTypes = new Map()
    for (const item of items) for (const index of this.list) if (index.holds(item)) index.check(item, this.#tableName, pending)
  }

  /** Moves every index from an item's state before a write to its state after it. */
  apply(before: AttributeMap | undefined, beforeBytes: number, after: AttributeMap | undefined, afterBytes: number): void {
    const list = this.list
    for (let i = 0; i < list.length; i++) (list[i] as SecondaryIndex).apply(before, beforeBytes, after, afterBytes)
  }

  /**
   * Adds a global index filled from `items`; items whose index key attributes have another type (or are empty) stay
   * out, as DynamoDB's backfill leaves them. `tableKeyType` gives the known types of the table's key attributes.
   */
  addGlobal(name: unknown, definition: unknown, items: Iterable<{ readonly item: AttributeMap; readonly sizeBytes: number }>, tableKeyType: (attribute: string) => KeyType | undefined): void {
    const tableName = this.#tableName
    if (typeof name !== 'string') throw invalidOption('index name', 'a string', name, { tableName })
    if (this.list.some((i) => i.schema.name === name)) throw new ValidationException(`One or more parameter values were invalid: Index already exists: ${name}`, { tableName })
    const schema = resolveGlobalIndex(name, definition, tableName)
    checkIndexSet([...this.list.map((i) => i.schema), schema], this.#table, tableName)
    // The index's declared types must not contradict what the table and its indexes already hold.
    for (const [attribute, type] of schema.declaredTypes) {
      const known = tableKeyType(attribute) ?? this.#types.get(attribute)
      if (known !== undefined && known !== type) {
        throw new ValidationException(`One or more parameter values were invalid: attribute ${attribute} is already used as a ${known} key, received ${type} (index ${name})`, { tableName })
      }
    }
    const index = new SecondaryIndex(schema, this.#table, this.#types, this.#tableArn)
    for (const { item, sizeBytes } of items) if (index.holds(item) && index.accepts(item)) index.apply(undefined, 0, item, sizeBytes)
    this.list.push(index)
  }

  /** Removes a global index and what it holds; types learnt for attributes no other index uses are forgotten. */
  removeGlobal(name: unknown): void {
    const index = this.named(name)
    if (index.schema.kind !== 'GLOBAL') {
      throw new ValidationException(`Invalid index deletion: expected a global secondary index, received local index ${String(name)} (local indexes live as long as their table)`, {
        tableName: this.#tableName,
      })
    }
    this.list.splice(this.list.indexOf(index), 1)
    index.storage.clear()
    const { partitionKey, sortKey } = this.#table
    for (const attribute of index.keyAttributes) {
      if (attribute !== partitionKey && attribute !== sortKey && !this.list.some((i) => i.keyAttributes.includes(attribute))) this.#types.delete(attribute)
    }
    for (const i of this.list) for (const [attribute, type] of i.schema.declaredTypes) if (!this.#types.has(attribute)) this.#types.set(attribute, type)
  }

  /** The descriptions of the global and of the local indexes. */
  describe(): { globals: IndexDescription[]; locals: IndexDescription[] } {
    return {
      globals: this.list.filter((i) => i.schema.kind === 'GLOBAL').map((i) => i.describe()),
      locals: this.list.filter((i) => i.schema.kind === 'LOCAL').map((i) => i.describe()),
    }
  }
}
