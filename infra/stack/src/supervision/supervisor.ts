import { setTimeout as sleep } from 'node:timers/promises';
import { pidFilePath, readPidFile } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { chaincodeServerComponent } from '../components/chaincode-server.ts';
import type { Component } from '../components/component.ts';
import { ensureRunning } from '../components/ensure-running.ts';
import { infrastructureComponents } from '../components/stack-components.ts';
import { type DaemonSpec } from '../process/daemon.ts';
import { liveProcess } from '../process/pid-file.ts';
import { withStackLock } from '../process/stack-lock.ts';
import { STACK_CLI_ARGS } from '../runtime/stack-cli-args.ts';
import { platformServices } from '../services/platform-services.ts';
import { decideRestart, recentRestarts } from './restart-policy.ts';
import { unmetNeeds } from './restart-needs.ts';
import { readSupervisorState, writeSupervisorState } from './supervisor-state.ts';

export const SUPERVISOR = 'supervisor';
const POLL_MS = 1_000;

/** The supervisor as the stack runs it: the stack CLI's own `supervise` command, detached. */
export function supervisorDaemon(config: StackConfig): DaemonSpec {
  return { name: SUPERVISOR, command: process.execPath, args: [...STACK_CLI_ARGS, 'supervise'], cwd: config.paths.repo, env: process.env };
}

/**
 * A component died when its pid file is still there but its process is not: `down` removes the
 * pid file of what it stops, so a stopped component is never mistaken for a dead one.
 */
function died(config: StackConfig, name: string): boolean {
  const file = pidFilePath(config.paths, name);
  return readPidFile(file) !== undefined && liveProcess(file) === undefined;
}

/** Every supervised component as it is now; the chaincode server's package is the one it last ran. */
function components(config: StackConfig): Component[] {
  const chaincode = readPidFile(pidFilePath(config.paths, 'chaincode'));
  const chaincodeServer = chaincode?.meta?.['packageId'] ? [chaincodeServerComponent(config, chaincode.meta['packageId'], chaincode.meta['version'] ?? '-')] : [];
  return [...infrastructureComponents(config), ...chaincodeServer, ...platformServices(config)];
}

/**
 * Restarts whatever the stack started and then died, with exponential backoff, until a component
 * has been restarted too often in the window (a crash loop), which is left down and shown by
 * `status`. Restarts take the stack lock, so they never race a person's `up` or `down`, and the
 * death is checked again under the lock.
 */
export async function supervise(config: StackConfig, log: (line: string) => void = console.log): Promise<never> {
  log(`supervising the stack's components (every ${POLL_MS} ms)`);
  /** components waiting for what they need, so the wait is logged once, not every second */
  const waiting = new Set<string>();
  for (;;) {
    const all = components(config);
    // asked at most once a pass, and only when something died
    const health = new Map<string, Promise<boolean>>();
    const healthy = (name: string) => {
      const component = all.find((c) => c.name === name);
      if (!component) return undefined;
      if (!health.has(name)) health.set(name, died(config, name) ? Promise.resolve(false) : component.healthy().catch(() => false));
      return health.get(name);
    };
    for (const component of all) {
      if (!died(config, component.name)) {
        waiting.delete(component.name);
        continue;
      }
      // restarting it before its database or Kafka answers would only spend its restart budget
      // (and a minute of this loop) on a start that cannot succeed: what it needs comes back first
      const unmet = await unmetNeeds(component, healthy);
      if (unmet.length > 0) {
        if (!waiting.has(component.name)) log(`${component.name} died; it is restarted once ${unmet.map((group) => group.join(' or ')).join(' and ')} answer${unmet.length === 1 && unmet[0]?.length === 1 ? 's' : ''}`);
        waiting.add(component.name);
        continue;
      }
      waiting.delete(component.name);
      const state = readSupervisorState(config.paths);
      const entry = state[component.name] ?? { restarts: [], crashLoop: false };
      if (entry.crashLoop) continue;
      const now = Date.now();
      const decision = decideRestart(entry.restarts, now);
      if (decision.action === 'wait') continue;
      if (decision.action === 'give-up') {
        state[component.name] = { ...entry, crashLoop: true };
        writeSupervisorState(config.paths, state);
        log(`${component.name} died ${decision.restarts} times in the restart window: left down (CRASH-LOOP); see its log, then run up`);
        continue;
      }
      await withStackLock(config.paths, `supervisor: restart ${component.name}`, async () => {
        if (!died(config, component.name)) return;
        log(`${component.name} died; restarting it`);
        // the attempt is counted before it starts: one that hangs, or a supervisor killed during
        // it, still counts toward the crash loop
        const restarted: typeof entry = { restarts: [...recentRestarts(readSupervisorState(config.paths)[component.name]?.restarts ?? [], now), now], crashLoop: false };
        writeSupervisorState(config.paths, { ...readSupervisorState(config.paths), [component.name]: restarted });
        try {
          await ensureRunning(config, component, () => false, { prepare: false });
          log(`${component.name} is back`);
        } catch (error) {
          const lastError = (error as Error).message.slice(0, 500);
          writeSupervisorState(config.paths, { ...readSupervisorState(config.paths), [component.name]: { ...restarted, lastError } });
          log(`${component.name} did not come back: ${lastError}`);
        }
      });
    }
    await sleep(POLL_MS);
  }
}
