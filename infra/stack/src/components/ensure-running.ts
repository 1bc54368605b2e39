import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { logFilePath, type PidRecord, portEnvName, type PortName } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { runningDaemon, startDaemon, stopDaemon } from '../process/daemon.ts';
import { processStartTime } from '../process/pid-file.ts';
import { portFree, waitUntil } from '../process/probes.ts';
import { StackError } from '../terminal/stack-error.ts';
import type { Component } from './component.ts';

export type Outcome = 'running' | 'started' | 'restarted';

function portName(config: StackConfig, port: number): string {
  const name = (Object.keys(config.ports) as PortName[]).find((n) => config.ports[n] === port);
  return name ? portEnvName(name) : 'its port setting';
}

function logTail(config: StackConfig, name: string): string {
  try {
    return readFileSync(logFilePath(config.paths, name), 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

async function portFreeWithin(port: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await portFree(port)) return true;
    if (Date.now() > deadline) return false;
    await sleep(250);
  }
}

async function start(config: StackConfig, component: Component, prepare: boolean): Promise<PidRecord> {
  for (const port of component.ports) {
    // a process stopped a moment ago may still be letting go of its sockets
    if (!(await portFreeWithin(port, 5_000))) {
      throw new StackError(`Port ${port}, needed by ${component.name}, is held by another process: stop it or set ${portName(config, port)} to a free port.`);
    }
  }
  if (prepare) await component.prepare();
  await component.clearRemains?.();
  const record = startDaemon(config.paths, component.daemon());
  const logHint = `log: ${logFilePath(config.paths, component.name)}`;
  await waitUntil(
    component.name,
    async () => {
      if (processStartTime(record.pid) !== record.startTime) {
        throw new StackError(`${component.name} exited during start-up.`, `${logTail(config, component.name)}\n${logHint}`);
      }
      return component.healthy();
    },
    component.startTimeoutMs,
    `${logTail(config, component.name)}\n${logHint}`,
  );
  return record;
}

/**
 * Makes one component run and be healthy: leaves a healthy one alone, starts a stopped one,
 * and replaces one that is alive but unhealthy or no longer wanted (`replace`). `prepare: false`
 * (the supervisor bringing back what died) skips the build and configuration steps, which ran
 * when it was first started.
 */
export async function ensureRunning(
  config: StackConfig,
  component: Component,
  replace: (record: PidRecord) => boolean = () => false,
  options: { prepare?: boolean } = {},
): Promise<Outcome> {
  const existing = runningDaemon(config.paths, component.name);
  if (existing && !replace(existing)) {
    if (await component.healthy()) return 'running';
    // it may still be starting (e.g. another `up` just launched it): give it its start window
    try {
      await waitUntil(component.name, () => component.healthy(), component.startTimeoutMs);
      return 'running';
    } catch {
      /* replaced below */
    }
  }
  if (existing) await stopDaemon(config.paths, component.name);
  await start(config, component, options.prepare ?? true);
  return existing ? 'restarted' : 'started';
}
