import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadStackConfig } from './config/stack-config.ts';

/**
 * `npm run bench:chain-settings -- --reset-my-stack`: the ledger benchmark once per candidate
 * orderer batch setting, each on a fresh channel (batch settings live in the genesis block, so
 * every candidate costs a `stack reset`: it wipes the stack's data, hence the flag). Figures go
 * to dist/bench/chain-settings-<time>.json; README's "Chain settings" says what was chosen from them.
 */
const ALL_CANDIDATES = ['250ms/100', '100ms/100', '500ms/200', '1s/500'];
/** SWEEP_CANDIDATES=500ms/200,1s/500 measures only those (BatchTimeout/MaxMessageCount). */
const CANDIDATES = (process.env['SWEEP_CANDIDATES']?.split(',') ?? ALL_CANDIDATES).map((pair) => {
  const [timeout, count] = pair.split('/');
  return { GRIDLEDGER_BATCH_TIMEOUT: timeout ?? '', GRIDLEDGER_BATCH_MAX_MESSAGES: count ?? '' };
});

if (!process.argv.includes('--reset-my-stack')) {
  console.error('This resets the stack (all its data) once per candidate setting. Run it with --reset-my-stack.');
  process.exit(2);
}
const { repo } = loadStackConfig().paths;
const npm = (args: string[], env: NodeJS.ProcessEnv) => {
  const result = spawnSync('npm', args, { cwd: repo, env, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed with ${result.status}`);
};
const results = [];
for (const candidate of CANDIDATES) {
  const env = { ...process.env, ...candidate, BENCH_ROUNDS: process.env['BENCH_ROUNDS'] ?? '1', BENCH_TRANSACTIONS: process.env['BENCH_TRANSACTIONS'] ?? '1000' };
  console.log(`\n== BatchTimeout ${candidate.GRIDLEDGER_BATCH_TIMEOUT}, MaxMessageCount ${candidate.GRIDLEDGER_BATCH_MAX_MESSAGES}`);
  npm(['run', '-s', 'stack', '--', 'reset'], env);
  npm(['run', '-s', 'stack', '--', 'up'], env);
  npm(['run', '-s', 'bench', '--', 'ledger'], env);
  const bench = JSON.parse(readFileSync(join(repo, 'dist', 'bench', 'ledger-throughput.json'), 'utf8')) as Record<string, { medianCommittedPerSecond?: number; medianP50Ms?: number; medianP99Ms?: number; medianMs?: number; p99Ms?: number }>;
  results.push({
    batchTimeout: candidate.GRIDLEDGER_BATCH_TIMEOUT,
    maxMessageCount: Number(candidate.GRIDLEDGER_BATCH_MAX_MESSAGES),
    directPerSecond: bench['direct']?.medianCommittedPerSecond,
    servicePerSecond: bench['serviceSigned']?.medianCommittedPerSecond,
    servicePublishToAnswerP50Ms: bench['serviceSigned']?.medianP50Ms,
    userPerSecond: bench['userSigned']?.medianCommittedPerSecond,
    blockToKafkaMedianMs: bench['blockCommitToKafka']?.medianMs,
    blockToKafkaP99Ms: bench['blockCommitToKafka']?.p99Ms,
  });
}
// the defaults again, so the machine is left as `npm start` makes it
npm(['run', '-s', 'stack', '--', 'reset'], process.env);
npm(['run', '-s', 'stack', '--', 'up'], process.env);
const out = join(repo, 'dist', 'bench', `chain-settings-${Date.now()}.json`);
mkdirSync(join(repo, 'dist', 'bench'), { recursive: true });
writeFileSync(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), results }, null, 2)}\n`);
console.table(results);
console.log(`written to ${out}`);
