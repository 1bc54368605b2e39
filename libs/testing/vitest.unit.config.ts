import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Unit tests: `*.spec.ts`, pure logic, no I/O. Each project's `test` target runs this
 * config with `--dir <project>`, so there is one definition of what a unit test is.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  resolve: { tsconfigPaths: true },
  test: {
    include: ['**/*.spec.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', '**/*.integration-spec.ts'],
    environment: 'node',
  },
});
