import { spawnSync, type SpawnSyncReturns, type StdioOptions } from 'node:child_process';
import { loadConnectionConfig } from '@gridledger/stack-connection';

/**
 * Runs `npm run -s stack -- <args>` from the repository root, the command the README documents.
 * Tests run the stack's command rather than calling its code: `up` and `start` take the stack's
 * lock, build services and start daemons that must outlive the test worker, which a child process
 * does and a function inside the test runner would not; and this library then needs only where
 * things are (`@gridledger/stack-connection`), not the stack itself. `npm run` puts the
 * repository's own Node (node_modules/.bin/node, Node 24) first on the command's PATH, whichever
 * Node started the tests.
 */
export function stackCommand(args: readonly string[], { stdio = 'pipe', env = {}, timeoutMs }: { stdio?: StdioOptions; env?: Record<string, string>; timeoutMs?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync('npm', ['run', '-s', 'stack', '--', ...args], { cwd: loadConnectionConfig().paths.repo, stdio, encoding: 'utf8', env: { ...process.env, ...env }, ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }) });
}

/** `stackCommand`, throwing a sentence that names the command when it fails; answers what it printed. */
export function runStackCommand(args: readonly string[], stdio: StdioOptions = 'pipe'): string {
  const what = `npm run stack -- ${args.join(' ')}`;
  const result = stackCommand(args, { stdio });
  if (result.error) throw new Error(`${what} could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} failed${stdio === 'pipe' ? `: ${result.stderr || result.stdout}` : ' (see the output above)'}.`);
  return result.stdout ?? '';
}
