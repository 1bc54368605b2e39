import { setTimeout as sleep } from 'node:timers/promises';
import { loadStackConfig, statusRows } from '@gridledger/stack';

/** Each running component's pid: one that changed across a scenario was restarted. */
export async function componentPids(): Promise<Map<string, string>> {
  return new Map((await statusRows(loadStackConfig())).filter((row) => row.kind !== 'supervisor').map((row) => [row.component, row.pid]));
}

/** The components other than the victim whose pid changed between the two readings. */
export const collateralOf = (victim: string, before: Map<string, string>, after: Map<string, string>): string[] =>
  [...before].filter(([component, pid]) => component !== victim && after.get(component) !== pid).map(([component]) => component);

/** Seconds until the killed component runs again (another pid) and is healthy; the supervisor restarts it. */
export async function healthyAgain(target: string, killedPid: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const row = (await statusRows(loadStackConfig())).find((r) => r.component === target);
    if (row?.healthy && row.pid !== String(killedPid)) return (Date.now() - started) / 1000;
    if (Date.now() - started > 300_000) throw new Error(`${target} was not healthy again within 300 s`);
    await sleep(250);
  }
}
