/**
 * Sign-in and signing latency of the running identity service (start it with `npm start`).
 * Run: npm run bench -- identity   → prints and writes dist/bench/identity-latency.json
 * Sequential calls from one client on loopback: it measures the service, not concurrency.
 * Signing is measured as the ledger asks for it: the ledger's service token (from the key files
 * the stack generated), a query proposal built by fabric-gateway, vouched for by the user's own
 * access token; the service decodes and checks each one before it signs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { loadServiceCredential, loadServiceKeyRegistry, type ServiceCredential } from '@gridledger/service-auth';
import { connect } from '@hyperledger/fabric-gateway';

const home = process.env['GRIDLEDGER_HOME'] || join(homedir(), '.cache', 'gridledger');
const port = process.env['GRIDLEDGER_PORT_IDENTITY'] || '13001';
const base = `http://127.0.0.1:${port}`;
const files = join(home, 'data', 'services', 'identity');
const keys = join(home, 'data', 'services', 'keys');
// the stack's channel and chaincode (libs/stack-connection/src/connection-config.ts); the proposals are only decoded, never sent
const channel = 'gridledger';
const chaincode = 'gridledger';
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

/** The ledger's own credential, which the identity service accepts for signing; it must be the key the registry holds. */
function ledgerCredential(): ServiceCredential {
  try {
    const credential = loadServiceCredential('ledger', join(keys, 'ledger.pem'));
    if (!loadServiceKeyRegistry(join(keys, 'registry.json')).publicKey('ledger')?.equals(credential.publicKey())) {
      throw new Error(`The key in ${join(keys, 'ledger.pem')} is not the one ${join(keys, 'registry.json')} holds for the ledger.`);
    }
    return credential;
  } catch (error) {
    console.error(`${(error as Error).message} Start the platform first with npm start.`);
    process.exit(1);
  }
}

const { admins } = readJson<{ admins: { mspId: string; username: string; password: string }[] }>(join(files, 'bootstrap-admins.json'));
const ledger = ledgerCredential();
const admin = admins[0];
if (!admin) throw new Error('no bootstrap admin');

const first = await post('/auth/login', { username: admin.username, password: admin.password });
const accessToken = String(first['accessToken']);
const me = (await (await fetch(`${base}/users/me`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as { id: string };
const identity = (await (await fetch(`${base}/internal/users/${me.id}/fabric-identity`, { headers: { authorization: `Bearer ${await ledger.token('identity')}` } })).json()) as { mspId: string; certificatePem: string };

// the proposals are built beforehand (offline: fabric-gateway contacts no peer to build one), so only the service is timed
const client = new grpc.Client('127.0.0.1:1', grpc.credentials.createInsecure());
const gateway = connect({ client, identity: { mspId: identity.mspId, credentials: Buffer.from(identity.certificatePem) } });
const contract = gateway.getNetwork(channel).getContract(chaincode, 'system');
const proposals = Array.from({ length: signatures }, () => Buffer.from(contract.newProposal('WhoAmI').getBytes()).toString('base64'));
gateway.close();
client.close();

console.log(`sign-in: ${signIns} sequential password sign-ins (scrypt N=2^15) …`);
const signIn = await timed(signIns, () => post('/auth/login', { username: admin.username, password: admin.password }));
console.log(`signing: ${signatures} sequential signatures of query proposals through the internal API …`);
let next = 0;
const signing = await timed(signatures, async () => post('/internal/signatures', { userId: me.id, kind: 'proposal', bytes: proposals[next++], userAccessToken: accessToken }, await ledger.token('identity')));

const result = { measuredAt: new Date().toISOString(), service: base, signIn: summary(signIn), signing: summary(signing) };
const out = join(process.cwd(), 'dist', 'bench', 'identity-latency.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${out}`);
