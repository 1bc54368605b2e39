import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConnectionConfig } from '@gridledger/stack-connection';

export interface CaseResult {
  attackClass: string;
  name: string;
  status: number;
  code: string | null;
  expected: string;
  unchanged: boolean;
  changed: string[];
}

/** The suite's table, in dist/security/report.md: class, case, status, code, unchanged. */
export function writeReport(results: CaseResult[]): string {
  const file = join(loadConnectionConfig().paths.repo, 'dist', 'security', 'report.md');
  mkdirSync(dirname(file), { recursive: true });
  const classes = new Set(results.map((r) => r.attackClass));
  const lines = [
    '# Hostile-client suite',
    '',
    `${results.length} cases in ${classes.size} attack classes, run ${new Date().toISOString()} against the platform as \`npm start\` runs it.`,
    'Every case asserts the exact status and code, and that the chain, the services\' rows, the balances and the public topics are as they were.',
    '',
    '| class | case | status | code | expected | unchanged |',
    '|---|---|---|---|---|---|',
    ...results.map((r) => `| ${r.attackClass} | ${r.name.replace(/\|/g, '\\|')} | ${r.status} | ${r.code ?? '—'} | ${r.expected} | ${r.unchanged ? 'yes' : `no: ${r.changed.join(', ')}`} |`),
    '',
  ];
  writeFileSync(file, lines.join('\n'));
  return file;
}
