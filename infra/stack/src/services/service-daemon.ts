import type { StackConfig } from '../config/stack-config.ts';
import type { DaemonSpec } from '../process/daemon.ts';
import { serviceBundle } from './build-service.ts';

/** How the stack runs a bundled service: the repository's Node, source maps on, production mode. */
export function serviceDaemon(config: StackConfig, name: string, env: Record<string, string>): DaemonSpec {
  return {
    name,
    command: process.execPath,
    args: ['--enable-source-maps', serviceBundle(config, name)],
    cwd: config.paths.repo,
    env: { ...process.env, NODE_ENV: 'production', ...env },
  };
}
