import { defineConfig } from 'vitest/config'

// The SDK suite runs twice: clients answered in process, and the same clients over HTTP through startServer.
const SDK_SUITE = ['test/aws/items/**/*.test.ts', 'test/aws/tables/**/*.test.ts', 'test/aws/streams.test.ts', 'test/aws/handler.test.ts']

export default defineConfig({
  test: {
    typecheck: { include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    projects: [
      // `vitest run --typecheck` enables type tests on the root config only, not in projects: passed on here.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], typecheck: { enabled: process.argv.includes('--typecheck') } } },
      {
        extends: true,
        test: {
          name: 'sdk-over-http',
          include: SDK_SUITE,
          env: { STREAMTABLE_SDK_TRANSPORT: 'http' },
          setupFiles: ['test/aws/sdk-over-http.setup.ts'],
          // The files share one module graph per worker, so the SDK is loaded once rather than once per file.
          isolate: false,
          // The type tests run once, in the unit project.
          typecheck: { enabled: false, include: [] },
        },
      },
    ],
  },
})
