/**
 * Sign-in and signing latency of the running identity service (start it with `npm start`).
 * Run: npm run bench -- identity   → prints and writes dist/bench/identity-latency.json
 * Sequential calls from one client on loopback: it measures the service, not concurrency.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';

const home = process.env['GRIDLEDGER_HOME'] || join(homedir(), '.cache', 'gridledger');
const port = process.env['GRIDLEDGER_PORT_IDENTITY'] || '13001';
const base = `http://127.0.0.1:${port}`;
const files = join(home, 'data', 'services', 'identity');
const signIns = Number(process.env['BENCH_SIGN_INS'] || 300);
const signatures = Number(process.env['BENCH_SIGNATURES'] || 500);

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    console.error(`Cannot read ${path}: start the platform first with npm start.`);
    process.exit(1);
  }
}

async function post(path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${String(json['message'])}`);
  return json;
}

async function timed(count: number, call: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await call();
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples.sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
const summary = (sorted: number[]) => ({
  calls: sorted.length,
  medianMs: Number(quantile(sorted, 0.5).toFixed(2)),
  p99Ms: Number(quantile(sorted, 0.99).toFixed(2)),
  minMs: Number((sorted[0] ?? NaN).toFixed(2)),
  maxMs: Number((sorted[sorted.length - 1] ?? NaN).toFixed(2)),
});

const { admins } = readJson<{ admins: { mspId: string; username: string; password: string }[] }>(join(files, 'bootstrap-admins.json'));
const { serviceToken } = readJson<{ serviceToken: string }>(join(files, 'secrets.json'));
const admin = admins[0];
if (!admin) throw new Error('no bootstrap admin');

const first = await post('/auth/login', { username: admin.username, password: admin.password });
const me = (await (await fetch(`${base}/users/me`, { headers: { authorization: `Bearer ${String(first['accessToken'])}` } })).json()) as { id: string };

console.log(`sign-in: ${signIns} sequential password sign-ins (scrypt N=2^15) …`);
const signIn = await timed(signIns, () => post('/auth/login', { username: admin.username, password: admin.password }));
console.log(`signing: ${signatures} sequential signatures through the internal API …`);
const signing = await timed(signatures, () => post('/internal/signatures', { userId: me.id, digest: randomBytes(32).toString('base64'), purpose: 'benchmark' }, serviceToken));

const result = { measuredAt: new Date().toISOString(), service: base, signIn: summary(signIn), signing: summary(signing) };
const out = join(process.cwd(), 'dist', 'bench', 'identity-latency.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${out}`);
