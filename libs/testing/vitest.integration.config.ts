import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Integration tests: `*.integration-spec.ts`, against the real stack. The global setup
 * runs `npm run stack -- up` (a no-op when everything is healthy) before any test.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: { tsconfigPaths: true },
  test: {
    include: ['**/*.integration-spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    globalSetup: ['libs/testing/src/stack-global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // the stack is one shared machine-wide resource; files run one after another
    fileParallelism: false,
  },
});
