import { defineConfig } from 'tsup'

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing.ts', aws: 'src/aws/index.ts', 'testing/vitest': 'src/testing/vitest.ts', 'testing/jest': 'src/testing/jest.ts', cli: 'src/cli.ts' },
  // The program (package.json bin) runs from its CommonJS build: Node 20 loads it about 40 ms of CPU sooner than
  // the ESM one, and a server's start time is what DynamoDB Local users wait for.
  format: ['esm', 'cjs'],
  // immer is bundled, types included: the plugin the store enables stays in the store's own copy, and the user's
  // immer (any version, or none) behaves as it would without streamtable.
  noExternal: ['immer'],
  // The CommonJS chunks are converted from ESM by a second pass that rewrites every `?.` and `??` into helper calls
  // allocating an array and closures each time they run; lowered by esbuild first, they are plain conditionals.
  esbuildOptions(options, context) {
    if (context.format === 'cjs') options.supported = { ...options.supported, 'optional-chain': false, 'nullish-coalescing': false, 'logical-assignment': false }
    // Syntax only, so that stack traces still name functions. Not whitespace: Node prints the source line of an
    // uncaught error's throw site, and one-line chunks made that line 16 KB of code; an import costs the same either
    // way (within the noise of 15 processes each). (The CommonJS pass cannot read minified code.)
    if (context.format === 'esm') Object.assign(options, { minifySyntax: true })
  },
  // The program has no types to publish.
  dts: { entry: { index: 'src/index.ts', testing: 'src/testing.ts', aws: 'src/aws/index.ts', 'testing/vitest': 'src/testing/vitest.ts', 'testing/jest': 'src/testing/jest.ts' }, resolve: ['immer'] },
  sourcemap: true,
  clean: true,
  target: 'node20',
  splitting: true,
  minify: false,
})
