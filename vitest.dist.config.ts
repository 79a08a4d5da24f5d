import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

// The scenario suites again, against the built package: what users install is what is checked.
const dist = (file: string): string => fileURLToPath(new URL(`./dist/${file}`, import.meta.url))

export default defineConfig({
  resolve: {
    alias: [
      { find: /^(\.\.\/)+src\/index\.js$/, replacement: dist('index.js') },
      { find: /^(\.\.\/)+src\/testing\.js$/, replacement: dist('testing.js') },
      { find: /^(\.\.\/)+src\/aws\/index\.js$/, replacement: dist('aws.js') },
    ],
  },
  test: {
    include: ['test/capture/capture.test.ts', 'test/write/table.test.ts', 'test/log/iterators.test.ts', 'test/log/read.test.ts', 'test/log/stream-lifecycle.test.ts', 'test/aws/streams.test.ts', 'test/aws/handler.test.ts', 'test/aws/auth/least-privilege.test.ts', 'test/aws/lambda/scenarios.test.ts'],
  },
})
