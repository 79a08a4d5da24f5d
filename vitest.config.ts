import { defineConfig } from 'vitest/config'

// The SDK suite runs twice: clients answered in process, and the same clients over HTTP through startServer.
const SDK_SUITE = ['test/aws/items/**/*.test.ts', 'test/aws/tables/**/*.test.ts', 'test/aws/streams.test.ts', 'test/aws/handler.test.ts']

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
        },
      },
      {
        extends: true,
        test: {
          name: 'sdk-over-http',
          include: SDK_SUITE,
          env: { STREAMTABLE_SDK_TRANSPORT: 'http' },
          setupFiles: ['test/aws/sdk-over-http.setup.ts'],
          // The files share one module graph per worker, so the SDK is loaded once rather than once per file.
          isolate: false,
          typecheck: { include: [] },
        },
      },
    ],
  },
})
