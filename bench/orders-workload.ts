// The orders workload of bench/writes.ts, shared with bench/profile.ts so that a profile runs what the benchmark times.
import { seeded } from './harness.js'

/** An order as the write benchmarks store it. */
export type Order = { customerId: string; orderId: string; total: number; status: 'open' | 'paid' }
/** An order's table key. */
export type OrderKey = { customerId: string; orderId: string }

/** Customers in the workload; each has ORDERS_PER_CUSTOMER orders. */
export const CUSTOMERS = 10_000
/** Orders per customer. */
export const ORDERS_PER_CUSTOMER = 10
/** Distinct keys in the workload. */
export const KEYS = CUSTOMERS * ORDERS_PER_CUSTOMER

/** The writes of one run, generated before any timing. */
export interface OrdersWorkload {
  /** The key of write i: every key once in a seeded random order, then again in the same order. */
  readonly writeKeys: readonly OrderKey[]
  /** The item of write i: its key, a `total` distinct per write (so that every write is a change) and a status. */
  readonly items: readonly Order[]
}

/**
 * The workload of `writes` writes over KEYS keys (CUSTOMERS customers × ORDERS_PER_CUSTOMER orders), key strings
 * shared by every write of a key.
 * @param writes how many writes
 * @returns the keys and items of the writes
 */
export function ordersWorkload(writes: number): OrdersWorkload {
  const rand = seeded(20261125)
  const keyOrder = Array.from({ length: KEYS }, (_, k) => k)
  for (let i = KEYS - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    const t = keyOrder[i] as number
    keyOrder[i] = keyOrder[j] as number
    keyOrder[j] = t
  }
  const customerIds = Array.from({ length: CUSTOMERS }, (_, c) => `customer-${String(c).padStart(5, '0')}`)
  const orderIds = Array.from({ length: ORDERS_PER_CUSTOMER }, (_, o) => `order-${String(o).padStart(4, '0')}`)
  const keys: OrderKey[] = Array.from({ length: KEYS }, (_, k) => ({
    customerId: customerIds[Math.floor(k / ORDERS_PER_CUSTOMER)] as string,
    orderId: orderIds[k % ORDERS_PER_CUSTOMER] as string,
  }))
  const writeKeys = new Array<OrderKey>(writes)
  const items = new Array<Order>(writes)
  for (let i = 0; i < writes; i++) {
    const key = keys[keyOrder[i % KEYS] as number] as OrderKey
    writeKeys[i] = key
    items[i] = { customerId: key.customerId, orderId: key.orderId, total: 1000 + i, status: i % 2 === 0 ? 'open' : 'paid' }
  }
  return { writeKeys, items }
}
