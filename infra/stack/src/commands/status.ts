import type { StackConfig } from '../config/stack-config.ts';
import { chaincodeServerComponent } from '../components/chaincode-server.ts';
import type { Component } from '../components/component.ts';
import { infrastructureComponents } from '../components/stack-components.ts';
import { runningDaemon } from '../process/daemon.ts';
import { platformServices } from '../services/platform-services.ts';

export interface StatusRow {
  component: string;
  /** services run only under `start`; a stopped service does not make the stack unhealthy */
  kind: 'stack' | 'service';
  version: string;
  pid: string;
  address: string;
  healthy: boolean;
}

export async function statusRows(config: StackConfig): Promise<StatusRow[]> {
  const chaincodeRecord = runningDaemon(config.paths, 'chaincode');
  const chaincode: Component = chaincodeServerComponent(config, chaincodeRecord?.meta?.['packageId'] ?? '', chaincodeRecord?.meta?.['version'] ?? '-');
  const services = new Set(platformServices(config).map((s) => s.name));
  const components = [...infrastructureComponents(config), chaincode, ...platformServices(config)];
  return Promise.all(
    components.map(async (c) => {
      const record = runningDaemon(config.paths, c.name);
      return {
        component: c.name,
        kind: services.has(c.name) ? ('service' as const) : ('stack' as const),
        version: c.version,
        pid: record ? String(record.pid) : '-',
        address: c.address,
        healthy: record ? await c.healthy() : false,
      };
    }),
  );
}

export function formatTable(rows: StatusRow[]): string {
  const header = ['COMPONENT', 'VERSION', 'PID', 'ADDRESS', 'HEALTH'];
  const cells = rows.map((r) => [r.component, r.version, r.pid, r.address, r.pid === '-' ? 'stopped' : r.healthy ? 'healthy' : 'UNHEALTHY']);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(header), ...cells.map(line)].join('\n');
}

/** Prints the table; resolves true when the stack is healthy and every running service is too. */
export async function printStatus(config: StackConfig): Promise<boolean> {
  const rows = await statusRows(config);
  console.log(formatTable(rows));
  return rows.every((r) => r.healthy || (r.kind === 'service' && r.pid === '-'));
}
