import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadStackConfig, STACK_CLI } from '@gridledger/stack';

/**
 * Brings the stack up through the same command a person runs, so tests see exactly what
 * `npm run stack -- up` gives them: starting what is down, doing nothing when all is healthy.
 */
export default function setup(): void {
  const { paths } = loadStackConfig();
  // the repository's Node 24 runs the stack command even when the test runner was started by another Node
  const node = join(paths.repo, 'node_modules', '.bin', 'node');
  const result = spawnSync(node, [...STACK_CLI, 'up'], { cwd: paths.repo, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('The stack did not come up (see the output above); integration tests need it.');
}
