// `import 'streamtable/testing/jest'` (in setupFilesAfterEnv, or at the top of a test file) registers the
// stream record matchers with jest's global expect.
// Loads the declarations of jest's expect so that the augmentation below has a module to augment.
import type {} from 'expect'
import type { EmittedMatchers } from './matcher-types.js'
import { streamtableMatchers } from './matchers.js'

const target = (globalThis as { expect?: { extend?: (matchers: object) => void } }).expect
if (typeof target?.extend !== 'function') {
  throw new Error(
    "streamtable/testing/jest: expected jest's global expect, received none (with injectGlobals: false, call expect.extend(streamtableMatchers) with the expect of @jest/globals)",
  )
}
target.extend(streamtableMatchers)

declare module 'expect' {
  interface Matchers<R extends void | Promise<void>, T = unknown> extends EmittedMatchers<T, R> {}
}

declare global {
  // The global jest namespace of @types/jest.
  namespace jest {
    interface Matchers<R, T = {}> extends EmittedMatchers<T, R> {}
  }
}
