import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ScenarioResult {
  scenario: string;
  killed: string;
  commands: number;
  /** commands with no answer at all */
  lost: number;
  /** answers beyond one per command, and transactions beyond one per command */
  duplicated: number;
  /** commands answered tx-failed (the request reached a final failure) */
  failed: number;
  /** seconds from the kill until the supervisor had the process healthy again (for a pause: how long it was stopped) */
  restartSeconds: number;
  /** seconds from the kill (or pause) until answers flowed again (the end of the longest stall after it) */
  recoverySeconds: number;
  /** answers written in each second from the fault on (index 0 is the first second): the shape of the stall behind recoverySeconds */
  answersPerSecond?: number[];
  /** other components that died (and were restarted) during the scenario */
  collateral: string[];
  /** the mixed load alongside (upload, request, approval, key release, download per flow), when it ran */
  flows?: { started: number; completed: number; retries: number; recoverySeconds: number };
}

/** dist/chaos/report.json and report.md (report-ha.* for the ha topology): the scenario tables the README quotes. */
export function writeChaosReport(results: ScenarioResult[], topology: 'dev' | 'ha', dir = join(process.cwd(), 'dist', 'chaos')): string {
  mkdirSync(dir, { recursive: true });
  const base = topology === 'dev' ? 'report' : `report-${topology}`;
  writeFileSync(join(dir, `${base}.json`), `${JSON.stringify({ at: new Date().toISOString(), topology, results }, null, 2)}\n`);
  const flows = (r: ScenarioResult) => (r.flows ? `${r.flows.completed}/${r.flows.started} (${r.flows.retries} retried steps)` : '–');
  const rows = results.map((r) => `| ${r.scenario} | ${r.commands} | ${r.lost} | ${r.duplicated} | ${r.failed} | ${flows(r)} | ${r.restartSeconds.toFixed(1)} | ${r.recoverySeconds.toFixed(1)} | ${r.collateral.join(', ') || 'none'} |`);
  const table = ['| scenario | commands | lost | duplicated | failed answers | mixed-load flows completed | back after (s) | answers again after (s) | also restarted |', '|---|---|---|---|---|---|---|---|---|', ...rows].join('\n');
  writeFileSync(join(dir, `${base}.md`), `${table}\n`);
  return join(dir, `${base}.md`);
}

/**
 * When answers flowed again after the kill: the end of the longest gap between consecutive
 * answers that ends after the kill (the stall the kill caused), in seconds from the kill.
 */
export function recoveryAfter(killedAt: number, answerTimes: number[]): number {
  const times = [...answerTimes].sort((a, b) => a - b);
  let stallEnd = killedAt;
  let longest = 0;
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] ?? 0) - (times[i - 1] ?? 0);
    if ((times[i] ?? 0) > killedAt && gap > longest) {
      longest = gap;
      stallEnd = times[i] ?? killedAt;
    }
  }
  return Math.max(0, (stallEnd - killedAt) / 1000);
}

/** How many answers were written in each whole second after the fault; answers from before it are left out. */
export function answersPerSecond(faultAt: number, answerTimes: number[]): number[] {
  const seconds = answerTimes.filter((t) => t >= faultAt).map((t) => Math.floor((t - faultAt) / 1000));
  const counts = Array.from({ length: seconds.length === 0 ? 0 : Math.max(...seconds) + 1 }, () => 0);
  for (const second of seconds) counts[second] = (counts[second] ?? 0) + 1;
  return counts;
}
