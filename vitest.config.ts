import { defineConfig } from 'vitest/config';

/**
 * One vitest run covers the whole repo: each package is a project. Packages
 * resolve each other's TypeScript sources through the `source` export
 * condition, so unit tests need no build; e2e tests use the built client.
 */
const source = { conditions: ['source'] };
// Node-side projects resolve through Vite's SSR environment, which has its
// own condition list: without it `@kenes/shared` is looked up in dist/.
const ssr = { resolve: { conditions: ['source'] } };

export default defineConfig({
  test: {
    // On CI a JSON report is written too, from which .ci/run prints one plain summary line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.vitest-results.json' },
    projects: [
      {
        resolve: source,
        ssr,
        test: { name: 'shared', root: 'packages/shared', include: ['src/**/*.test.ts'] },
      },
      {
        resolve: source,
        ssr,
        test: {
          name: 'server',
          root: 'packages/server',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve: source,
        test: {
          name: 'client',
          root: 'packages/client',
          include: ['src/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
        },
      },
      {
        resolve: source,
        ssr,
        test: {
          name: 'e2e',
          root: 'e2e',
          include: ['**/*.test.ts'],
          exclude: ['node_modules/**'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
