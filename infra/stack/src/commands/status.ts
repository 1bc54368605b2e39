import type { StackConfig } from '../config/stack-config.ts';
import { chaincodeServerComponent } from '../components/chaincode-server.ts';
import type { Component } from '../components/component.ts';
import { infrastructureComponents } from '../components/stack-components.ts';
import { runningDaemon } from '../process/daemon.ts';
import { platformServices } from '../services/platform-services.ts';
import { readSupervisorState } from '../supervision/supervisor-state.ts';
import { SUPERVISOR } from '../supervision/supervisor.ts';

export interface StatusRow {
  component: string;
  kind: 'stack' | 'service' | 'supervisor';
  version: string;
  pid: string;
  address: string;
  healthy: boolean;
  /** restarts by the supervisor within its window */
  restarts: number;
  /** the supervisor gave up on it until the next `up` */
  crashLoop: boolean;
}

export async function statusRows(config: StackConfig): Promise<StatusRow[]> {
  const chaincodeRecord = runningDaemon(config.paths, 'chaincode');
  const chaincode: Component = chaincodeServerComponent(config, chaincodeRecord?.meta?.['packageId'] ?? '', chaincodeRecord?.meta?.['version'] ?? '-');
  const services = new Set(platformServices(config).map((s) => s.name));
  const components = [...infrastructureComponents(config), chaincode, ...platformServices(config)];
  const supervised = readSupervisorState(config.paths);
  const rows = await Promise.all(
    components.map(async (c): Promise<StatusRow> => {
      const record = runningDaemon(config.paths, c.name);
      return {
        component: c.name,
        kind: services.has(c.name) ? 'service' : 'stack',
        version: c.version,
        pid: record ? String(record.pid) : '-',
        address: c.address,
        healthy: record ? await c.healthy() : false,
        restarts: supervised[c.name]?.restarts.length ?? 0,
        crashLoop: supervised[c.name]?.crashLoop ?? false,
      };
    }),
  );
  const supervisor = runningDaemon(config.paths, SUPERVISOR);
  rows.push({ component: SUPERVISOR, kind: 'supervisor', version: 'dev', pid: supervisor ? String(supervisor.pid) : '-', address: 'restarts what dies, with backoff', healthy: supervisor !== undefined, restarts: 0, crashLoop: false });
  return rows;
}

const health = (r: StatusRow): string => (r.crashLoop ? 'CRASH-LOOP' : r.pid === '-' ? 'stopped' : r.healthy ? 'healthy' : 'UNHEALTHY');

export function formatTable(rows: StatusRow[]): string {
  const header = ['COMPONENT', 'VERSION', 'PID', 'ADDRESS', 'HEALTH', 'RESTARTS'];
  const cells = rows.map((r) => [r.component, r.version, r.pid, r.address, health(r), r.restarts > 0 ? String(r.restarts) : '']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}

/** Prints the table; resolves true only when everything, services and supervisor included, runs and is healthy. */
export async function printStatus(config: StackConfig): Promise<boolean> {
  const rows = await statusRows(config);
  console.log(formatTable(rows));
  return rows.every((r) => r.healthy);
}
