import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The chaos suite: `*.chaos-spec.ts`, against the real stack, one process killed at a time under
 * load. Run by `npm run test:chaos`; the stack comes up first as for the integration tests.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: { tsconfigPaths: true },
  test: {
    include: ['**/*.chaos-spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    environment: 'node',
    globalSetup: ['libs/testing/src/stack-global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    fileParallelism: false,
  },
});
