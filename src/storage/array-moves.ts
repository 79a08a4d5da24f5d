// Moving elements of the sorted arrays that storages keep, in place.
//
// Moving a few elements by hand beats splice, which allocates the array of removed elements on every call; a long
// tail is left to splice, whose native move wins there.
const HAND_MOVE_LIMIT = 32

/** Inserts `value` at `at`, the elements from there moving up by one. */
export function insertAt<T>(array: T[], at: number, value: T): void {
  let i = array.length
  if (i - at > HAND_MOVE_LIMIT) {
    array.splice(at, 0, value)
    return
  }
  array.push(value)
  for (; i > at; i--) array[i] = array[i - 1] as T
  array[at] = value
}

/** Removes the element at `at`, the elements after it moving down by one. */
export function removeAt<T>(array: T[], at: number): void {
  const last = array.length - 1
  if (last - at > HAND_MOVE_LIMIT) {
    array.splice(at, 1)
    return
  }
  for (let i = at; i < last; i++) array[i] = array[i + 1] as T
  array.pop()
}

/** `insertAt` for an array of triples: `a`, `b` and `c` become the triple at index `at` (elements 3at to 3at+2). */
export function insertTripleAt<T>(array: T[], at: number, a: T, b: T, c: T): void {
  const end = array.length
  const from = 3 * at
  if (end - from > 3 * HAND_MOVE_LIMIT) {
    array.splice(from, 0, a, b, c)
    return
  }
  array.push(a, b, c)
  for (let i = end - 1; i >= from; i--) array[i + 3] = array[i] as T
  array[from] = a
  array[from + 1] = b
  array[from + 2] = c
}

/** `removeAt` for an array of records of `stride` elements each: removes the record at index `at`. */
export function removeRecordAt<T>(array: T[], at: number, stride: number): void {
  const end = array.length - stride
  const from = stride * at
  if (end - from > stride * HAND_MOVE_LIMIT) {
    array.splice(from, stride)
    return
  }
  for (let i = from; i < end; i++) array[i] = array[i + stride] as T
  for (let k = 0; k < stride; k++) array.pop()
}

/** `shift` for an array of triples: the triple at index `from` moves to index `to` and becomes (`a`, `b`, `c`). */
export function shiftTriple<T>(array: T[], from: number, to: number, a: T, b: T, c: T): void {
  if (Math.abs(to - from) > HAND_MOVE_LIMIT) {
    array.splice(3 * from, 3)
    array.splice(3 * to, 0, a, b, c)
    return
  }
  if (from < to) for (let i = 3 * from; i < 3 * to; i++) array[i] = array[i + 3] as T
  else for (let i = 3 * from + 2; i > 3 * to + 2; i--) array[i] = array[i - 3] as T
  array[3 * to] = a
  array[3 * to + 1] = b
  array[3 * to + 2] = c
}

/** `insertAt` for an array of pairs: `a` and `b` become the pair at index `at` (elements 2at and 2at+1). */
export function insertPairAt<T>(array: T[], at: number, a: T, b: T): void {
  const end = array.length
  const from = 2 * at
  if (end - from > 2 * HAND_MOVE_LIMIT) {
    array.splice(from, 0, a, b)
    return
  }
  array.push(a, b)
  for (let i = end - 1; i >= from; i--) array[i + 2] = array[i] as T
  array[from] = a
  array[from + 1] = b
}
