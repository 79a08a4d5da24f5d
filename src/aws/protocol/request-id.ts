import { unseededRandom } from '../../core/ids.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const ID_LENGTH = 52
const COUNTER_DIGITS = 12
const BASE_36 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'
const LOW_IDS = 36 * 36
let lowDigitsTable: readonly string[] | undefined

/** The two last counter digits of every id, in counter order. */
function lowDigits(): readonly string[] {
  lowDigitsTable ??= Array.from({ length: LOW_IDS }, (_, n) => `${BASE_36[Math.floor(n / 36)] as string}${BASE_36[n % 36] as string}`)
  return lowDigitsTable
}

/**
 * Makes request ids shaped like the service's: 52 characters of A-Z and 0-9. A random prefix per source and a
 * counter keep them unique without drawing randomness per request.
 * @returns a function returning the next id
 */
export function createRequestIds(): () => string {
  const random = unseededRandom()
  let prefix = ''
  for (let i = 0; i < ID_LENGTH - COUNTER_DIGITS; i++) prefix += ALPHABET[Math.floor(random() * ALPHABET.length)]
  // The counter's last two digits come from a table, so that the rest of the id is built once per 1,296 ids.
  const lastTwo = lowDigits()
  let counter = 0
  let high = ''
  return () => {
    const low = counter % LOW_IDS
    if (low === 0) high = prefix + (counter / LOW_IDS).toString(36).toUpperCase().padStart(COUNTER_DIGITS - 2, '0')
    counter++
    return high + (lastTwo[low] as string)
  }
}
