// `import 'streamtable/testing/vitest'` (in a setup file, or at the top of a test file) registers the stream
// record matchers with vitest's expect.
import { expect } from 'vitest'
import type { EmittedMatchers } from './matcher-types.js'
import { streamtableMatchers } from './matchers.js'

expect.extend(streamtableMatchers)

declare module 'vitest' {
  interface Assertion<T = any> extends EmittedMatchers<T> {}
}
