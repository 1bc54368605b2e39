import type { StackConfig } from '../config/stack-config.ts';
import type { DaemonSpec } from '../process/daemon.ts';
import { serviceBundle } from './build-service.ts';

/**
 * V8 flags of the services that stream file bodies (storage, the public entry). Every 64 KiB a
 * socket delivers and every piece of ciphertext is a new ArrayBuffer; with V8's default young
 * generation these live until their external size forces a full mark-compact, about once per
 * 45 MiB streamed (47 per GiB uploaded, seen with --trace-gc), which cost the storage service
 * 5–6 CPU-seconds per GiB on V8's worker threads and held 110–124 MiB of garbage in RSS. With a
 * 1 MiB semi-space, scavenges run often enough to free the buffers while they are young.
 * Measured per GiB uploaded: storage CPU 11–14 s → 5–6 s, its RSS growth → 36–53 MiB; the entry's
 * CPU 3.7–3.9 s → 1.5–1.6 s. The JSON services keep V8's default.
 */
export const STREAMING_SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=1'];

/**
 * V8 flags of the services that sign and relay the write path (ledger, identity). Under a burst
 * V8 grows the young generation to its largest, 2 × 64 MiB here, seen with
 * v8.getHeapSpaceStatistics() in the ledger during a 20,000-command backlog: new space 128 MiB
 * with 28 MiB live, while old space held 87 MiB. An 8 MiB semi-space keeps what they allocate per
 * transaction (protobuf, JSON, signatures) short-lived without that reserve.
 */
export const WRITE_PATH_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/**
 * Every service's environment, for glibc's allocator. Each thread that allocates (libuv's pool,
 * V8's GC helpers, OpenSSL) gets an arena of its own, up to 8 per core, and memory freed in one
 * stays in RSS: two arenas hold what a Node process needs. Blocks of 64 KiB and more are mapped
 * on their own and given back when freed, where glibc would otherwise raise that threshold as
 * large buffers come and go and leave them in its heap. With both and the write path's V8 flag,
 * the ledger's peak RSS through a 20,000-command backlog went 490 → 372 MiB.
 */
const SERVICE_PROCESS_ENV = { NODE_ENV: 'production', MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '65536' };

/** How the stack runs a bundled service: the repository's Node, source maps on, production mode. */
export function serviceDaemon(config: StackConfig, name: string, env: Record<string, string>, nodeFlags: readonly string[] = []): DaemonSpec {
  return {
    name,
    command: process.execPath,
    args: ['--enable-source-maps', ...nodeFlags, serviceBundle(config, name)],
    cwd: config.paths.repo,
    env: { ...process.env, ...SERVICE_PROCESS_ENV, ...env },
  };
}
