import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the machine's CPU went during a piece of the benchmark: how busy the machine was, and the
 * CPU milliseconds each process of the stack spent per unit of work (a transaction, a read). On a
 * machine whose cores are all busy, this says which process bounds throughput, and by how much
 * each path costs more than the direct baseline.
 */
export interface CpuAccount {
  /** the machine's cores busy during the piece, 0–1 (from /proc/stat) */
  machineBusy: number;
  /** CPU milliseconds per unit, by component (its process and its children: PostgreSQL's backends), the bench itself, and the rest of the machine */
  msPerUnit: Record<string, number>;
}

const CLOCK_TICKS_PER_SECOND = 100;

/** The CPU milliseconds of every process together. */
export const totalMs = (msPerUnit: Record<string, number>): number => Object.values(msPerUnit).reduce((sum, ms) => sum + ms, 0);

interface ProcessStat {
  ppid: number;
  ticks: number;
}

/** Every process's parent and user + system clock ticks, from /proc/<pid>/stat. */
function processStats(): Map<number, ProcessStat> {
  const stats = new Map<number, ProcessStat>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // the command name may hold spaces and parentheses: the fields start after its last ')'
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone since the listing
    }
  }
  return stats;
}

/** The stack's components and their pids, from its pid files; the supervisor is left out (its children are the components). */
function componentPids(home: string): Map<string, number> {
  const dir = join(home, 'run', 'pids');
  const pids = new Map<string, number>();
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.pid') || file === 'supervisor.pid') continue;
    try {
      pids.set(file.slice(0, -'.pid'.length), (JSON.parse(readFileSync(join(dir, file), 'utf8')) as { pid: number }).pid);
    } catch {
      // a component being restarted
    }
  }
  return pids;
}

interface Snapshot {
  byComponent: Map<string, number>;
  bench: number;
  machineBusy: number;
  machineTotal: number;
}

function snapshot(home: string): Snapshot {
  const stats = processStats();
  const components = componentPids(home);
  const componentOf = new Map([...components].map(([name, pid]) => [pid, name]));
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of stats) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  // a component's own ticks and its children's, not descending into another component
  const treeTicks = (pid: number): number => (stats.get(pid)?.ticks ?? 0) + (children.get(pid) ?? []).filter((child) => !componentOf.has(child)).reduce((sum, child) => sum + treeTicks(child), 0);
  const byComponent = new Map([...components].map(([name, pid]) => [name, treeTicks(pid)]));
  const [, ...cpu] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/);
  const ticks = cpu.map(Number).filter(Number.isFinite);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  const total = ticks.slice(0, 8).reduce((sum, t) => sum + t, 0);
  const usage = process.cpuUsage();
  return { byComponent, bench: ((usage.user + usage.system) / 1e6) * CLOCK_TICKS_PER_SECOND, machineBusy: total - idle, machineTotal: total };
}

/** Runs `work` and accounts the machine's CPU over it, per unit of work done. */
export async function withCpuAccount<T>(home: string, units: number, work: () => Promise<T>): Promise<[T, CpuAccount]> {
  const before = snapshot(home);
  const result = await work();
  const after = snapshot(home);
  const msPerUnit: Record<string, number> = {};
  const perUnit = (ticks: number) => Number(((ticks / CLOCK_TICKS_PER_SECOND / units) * 1000).toFixed(2));
  let accounted = 0;
  for (const [name, ticks] of after.byComponent) {
    const spent = ticks - (before.byComponent.get(name) ?? ticks);
    accounted += spent;
    if (spent > 0) msPerUnit[name] = perUnit(spent);
  }
  const bench = after.bench - before.bench;
  msPerUnit['bench'] = perUnit(bench);
  const busy = after.machineBusy - before.machineBusy;
  msPerUnit['rest of the machine'] = perUnit(Math.max(0, busy - accounted - bench));
  const sorted = Object.fromEntries(Object.entries(msPerUnit).sort(([, a], [, b]) => b - a));
  return [result, { machineBusy: Number((busy / Math.max(1, after.machineTotal - before.machineTotal)).toFixed(2)), msPerUnit: sorted }];
}
