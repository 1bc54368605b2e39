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
 * How the services that handle JSON, not file bodies, run (ledger, identity, access-policy, audit,
 * and the chaincode server), measured in the ledger through a 20,000-command backlog (peak RSS
 * 490 → 372 MiB with all three):
 * - V8 grows the young generation to its largest under a burst, 2 × 64 MiB here (new space
 *   128 MiB with 28 MiB live, v8.getHeapSpaceStatistics()); an 8 MiB semi-space keeps what they
 *   allocate per message (protobuf, JSON, signatures) short-lived without that reserve. Access-policy
 *   and audit, left at V8's default, had 128 MiB of new space after catching up at start, and
 *   access-policy's RSS swung between 163 and 247 MiB for the first 12 minutes of a 30-minute soak.
 * - glibc gives each thread that allocates (libuv's pool, V8's GC helpers, OpenSSL) an arena of
 *   its own, up to 8 per core, and memory freed in one stays in RSS: two arenas hold what they need.
 * - blocks of 64 KiB and more are mapped on their own and given back when freed, where glibc would
 *   otherwise raise that threshold as large buffers come and go and keep them in its heap.
 * The streaming services keep glibc's defaults: an upload's 64 KiB pieces would each be a mapping.
 */
export const JSON_SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];
export const JSON_SERVICE_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '65536' };

/** How the stack runs a bundled service: the repository's Node, source maps on, production mode. */
export function serviceDaemon(config: StackConfig, name: string, env: Record<string, string>, nodeFlags: readonly string[] = []): DaemonSpec {
  return {
    name,
    command: process.execPath,
    args: ['--enable-source-maps', ...nodeFlags, serviceBundle(config, name)],
    cwd: config.paths.repo,
    env: { ...process.env, NODE_ENV: 'production', ...env },
  };
}
