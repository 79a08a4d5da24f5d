import { unseededRandom } from '../../core/ids.js'

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'
const ID_LENGTH = 52
const COUNTER_DIGITS = 12

/**
 * Makes request ids shaped like the service's: 52 characters of A-Z and 0-9. A random prefix per source and a
 * counter keep them unique without drawing randomness per request.
 * @returns a function returning the next id
 */
export function createRequestIds(): () => string {
  const random = unseededRandom()
  let prefix = ''
  for (let i = 0; i < ID_LENGTH - COUNTER_DIGITS; i++) prefix += ALPHABET[Math.floor(random() * ALPHABET.length)]
  let counter = 0
  return () => prefix + (counter++).toString(36).toUpperCase().padStart(COUNTER_DIGITS, '0')
}
