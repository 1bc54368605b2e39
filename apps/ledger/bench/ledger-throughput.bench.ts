/**
 * Throughput of the ledger service for a simple write, and the delay from a block's commit to its
 * domain events reaching a Kafka consumer. Start the platform first (npm start).
 * Run: npm run bench -- ledger   → prints and writes dist/bench/ledger-throughput.json
 *
 * - throughput: N Ping commands published at once, signed by the GridMSP service identity and
 *   then by a platform user (two signatures each through the identity service, which decodes the
 *   proposal and the transaction and checks their attestation first); committed transactions per
 *   second = N / (last answer − publish), in BENCH_ROUNDS rounds (default 3), with medians
 * - the authenticated path as a service walks it: the bench publishes as the operator's Kafka
 *   principal over SASL/SCRAM and TLS, and attests each Ping with the operator's key (the one
 *   transaction the attestation table lets the operator ask for); attestations are made before the
 *   clock starts, as a service makes each one when it writes its outbox
 * - delay: each block's arrival on a block-event listener at the grid peer (≈ its commit there)
 *   against the arrival of its PingRecorded events at a Kafka consumer: over the bursts (a saturated
 *   machine), and apart for user-signed Pings published at a steady BENCH_PACED_RATE per second
 *   (default 50, about a third of what the chain takes here) for BENCH_PACED_SECONDS (default 15)
 * - the direct baseline, in every round beside the service: a fabric-gateway client straight at the
 *   chaincode through the grid peer, as GridMSP's service identity signing with OpenSSL as the
 *   ledger does (not the gateway's pure-JavaScript signer, which would slow the baseline down by
 *   the CPU it takes from the peers on two cores), the same number of Ping
 *   transactions with BENCH_DIRECT_IN_FLIGHT (default 200) in flight; the service's figures are
 *   reported as ratios of it (what the chain takes on this machine, at this moment)
 * - the read path: BENCH_READS (default 2000) catalog pages with BENCH_READ_CONNECTIONS (default 50)
 *   in flight through the ledger's HTTP API, beside the same query evaluated straight at the peer
 * - peak RSS (VmHWM) of the ledger and identity services, read from /proc at the end
 * - where the CPU went in each path: the machine's busy share, and each process's CPU milliseconds
 *   per transaction or read (cpu-accounting.ts)
 */
import { queryCalls, submitCalls } from '@gridledger/chaincode-api';
import { createPrivateKey, randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { connect, hash, type Contract } from '@hyperledger/fabric-gateway';
import { createKafka } from '@gridledger/kafka-client';
import { fabricMessageSigner, loadServiceCredential } from '@gridledger/service-auth';
import { Partitioners } from 'kafkajs';
import { totalMs, withCpuAccount, type CpuAccount } from './cpu-accounting.ts';

const home = process.env['GRIDLEDGER_HOME'] || join(homedir(), '.cache', 'gridledger');
const identityUrl = `http://127.0.0.1:${process.env['GRIDLEDGER_PORT_IDENTITY'] || '13001'}`;
const brokers = [`127.0.0.1:${process.env['GRIDLEDGER_PORT_KAFKA'] || '19092'}`];
const count = Number(process.env['BENCH_TRANSACTIONS'] || 300);
const rounds = Number(process.env['BENCH_ROUNDS'] || 3);
const directInFlight = Number(process.env['BENCH_DIRECT_IN_FLIGHT'] || 200);
const readCount = Number(process.env['BENCH_READS'] || 2000);
const readConnections = Number(process.env['BENCH_READ_CONNECTIONS'] || 50);
const PUBLISH_SLICE = 500;
const pacedRate = Number(process.env['BENCH_PACED_RATE'] || 50);
const pacedSeconds = Number(process.env['BENCH_PACED_SECONDS'] || 15);
/** marks the paced phase's Pings, whose block → Kafka delays are counted apart */
const PACED = 'paced';
const ledgerUrl = `http://127.0.0.1:${process.env['GRIDLEDGER_PORT_LEDGER'] || '13002'}`;
const COMMANDS = 'gridledger.ledger.submit-requested.v1';
const COMMITTED = 'gridledger.ledger.tx-committed.v1';
const FAILED = 'gridledger.ledger.tx-failed.v1';
const PINGS = 'gridledger.chain.ping-recorded.v1';

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    console.error(`Cannot read ${path}: start the platform first with npm start.`);
    process.exit(1);
  }
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
const round = (n: number) => Number(n.toFixed(2));

async function onboardOwner(): Promise<string> {
  const { admins } = readJson<{ admins: { mspId: string; username: string; password: string }[] }>(join(home, 'data', 'services', 'identity', 'bootstrap-admins.json'));
  const admin = admins.find((a) => a.mspId === 'GridMSP');
  if (!admin) throw new Error('no GridMSP admin');
  const post = async (path: string, body: unknown, token?: string) => {
    const response = await fetch(`${identityUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path} answered ${response.status}: ${String(json['message'])}`);
    return json;
  };
  const { accessToken } = await post('/auth/login', { username: admin.username, password: admin.password });
  const username = `bench-${randomBytes(3).toString('hex')}`;
  const created = await post('/organizations/GridMSP/users', { username, email: `${username}@bench.example`, password: `Bench-${randomBytes(9).toString('base64url')}`, role: 'owner' }, String(accessToken));
  return String(created['id']);
}

const kafkaCredentials = readJson<{ admin: string }>(join(home, 'data', 'kafka', 'credentials.json'));
const kafka = createKafka('ledger-bench', { brokers, username: 'admin', password: kafkaCredentials.admin, ca: readFileSync(join(home, 'data', 'tls', 'ca.pem'), 'utf8') }, { logLevel: 'nothing' });
const operator = loadServiceCredential('operator', join(home, 'data', 'services', 'keys', 'operator.pem'));
// a reader service's own credential, for the ledger's HTTP read API
const auditService = loadServiceCredential('audit', join(home, 'data', 'services', 'keys', 'audit.pem'));

// block arrivals at the grid peer, as the ledger service's own identity sees them
const { organizations } = readJson<{ organizations: { mspId: string; peerEndpoint: string; peerHostAlias: string; peerTlsRootCert: string; serviceCert: string; serviceKey: string }[] }>(join(home, 'data', 'services', 'ledger', 'organizations.json'));
const grid = organizations.find((o) => o.mspId === 'GridMSP');
if (!grid) throw new Error('no GridMSP peer in organizations.json');
const client = new grpc.Client(grid.peerEndpoint, grpc.credentials.createSsl(readFileSync(grid.peerTlsRootCert)), { 'grpc.ssl_target_name_override': grid.peerHostAlias });
// signed as the ledger service signs with its own identity: OpenSSL over the whole message
const gateway = connect({ client, identity: { mspId: grid.mspId, credentials: readFileSync(grid.serviceCert) }, hash: hash.none, signer: fabricMessageSigner(createPrivateKey(readFileSync(grid.serviceKey))) });
const network = gateway.getNetwork('gridledger');
const blockArrivals = new Map<string, { at: number; wall: number }>();
const blocks = await network.getBlockEvents();
void (async () => {
  try {
    for await (const block of blocks) blockArrivals.set(String(block.getHeader()?.getNumber()), { at: performance.now(), wall: Date.now() });
  } catch {
    // closed at the end
  }
})();

// answers and domain events, read as a grid operator's consumer would
const answers = new Map<string, number>();
const failures: string[] = [];
/**
 * Per block event: block at this client → this consumer, and its two parts (wall clocks of one
 * machine): until the ledger's relay sent it (the record's timestamp), and from there to here.
 * Over the bursts, and apart for the paced phase.
 */
const eventDelays = () => ({ total: [] as number[], untilSent: [] as number[], sentToConsumer: [] as number[] });
const burstDelays = eventDelays();
const pacedDelays = eventDelays();
const consumer = kafka.consumer({ groupId: `ledger-bench-${randomUUID()}` });
await consumer.connect();
await consumer.subscribe({ topics: [COMMITTED, FAILED, PINGS], fromBeginning: false });
let joined = false;
consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
const runMarker = randomUUID();
await consumer.run({
  eachMessage: async ({ topic, message }) => {
    const now = performance.now();
    const wallNow = Date.now();
    const event = JSON.parse(String(message.value)) as { data: Record<string, unknown> };
    if (topic === COMMITTED) answers.set(String(event.data['commandId']), now);
    else if (topic === FAILED) failures.push(String(event.data['code']));
    else {
      const ping = String((event.data['data'] as { message?: string } | undefined)?.message);
      const committedAt = blockArrivals.get(String(event.data['blockNumber']));
      if (!ping.startsWith(runMarker) || committedAt === undefined) return;
      const into = ping.startsWith(`${runMarker} ${PACED} `) ? pacedDelays : burstDelays;
      into.total.push(now - committedAt.at);
      into.untilSent.push(Number(message.timestamp) - committedAt.wall);
      into.sentToConsumer.push(wallNow - Number(message.timestamp));
    }
  },
});
while (!joined) await new Promise((resolve) => setTimeout(resolve, 100));

const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
await producer.connect();

/** `total` Ping commands for one signer, attested as a service attests them, ready to publish. */
async function commandMessages(label: string, total: number, signer: { userId: string | null; mspId: string | null }) {
  const ids = Array.from({ length: total }, () => randomUUID());
  const messages = await Promise.all(ids.map(async (commandId, i) => {
    const { contract, transaction, arguments: args } = submitCalls.ping(`${runMarker} ${label} #${i}`);
    const call = { commandId, ...signer, contract, transaction, arguments: args };
    const data = { ...call, requestedBy: 'ledger-bench', attestation: await operator.attest({ ...call, channel: 'gridledger', chaincode: 'gridledger' }) };
    const envelope = { specversion: '1.0', id: randomUUID(), source: '/gridledger/bench', type: COMMANDS, subject: commandId, time: new Date().toISOString(), datacontenttype: 'application/json', data };
    return { key: commandId, value: JSON.stringify(envelope), headers: { ce_id: envelope.id, ce_type: COMMANDS, 'content-type': 'application/cloudevents+json' } };
  }));
  return { ids, messages };
}

/** Waits until every command has its answer; throws after 15 minutes. */
async function answered(label: string, ids: string[]): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  while (ids.some((id) => !answers.has(id))) {
    if (Date.now() > deadline) throw new Error(`${label}: ${ids.filter((id) => !answers.has(id)).length} commands unanswered after 15 min (failures: ${failures.join(', ') || 'none'})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function burst(label: string, signer: { userId: string | null; mspId: string | null }) {
  const { ids, messages } = await commandMessages(label, count, signer);
  console.log(`${label}: ${count} Ping commands …`);
  const started = performance.now();
  // a produce request is bounded by the broker's message.max.bytes: a large burst (a 20,000-command
  // backlog) goes out in slices, back to back, all before the first answer could matter
  for (let at = 0; at < messages.length; at += PUBLISH_SLICE) await producer.send({ topic: COMMANDS, acks: -1, messages: messages.slice(at, at + PUBLISH_SLICE) });
  await answered(label, ids);
  const seconds = (Math.max(...ids.map((id) => answers.get(id) ?? 0)) - started) / 1000;
  // publish → answer: every command of the burst was published at `started`
  const latencies = ids.map((id) => (answers.get(id) ?? 0) - started).sort((a, b) => a - b);
  return { transactions: count, seconds: round(seconds), committedPerSecond: round(count / seconds), p50Ms: round(quantile(latencies, 0.5)), p99Ms: round(quantile(latencies, 0.99)) };
}

/**
 * The same user-signed Ping at a steady PACED_RATE per second for PACED_SECONDS, well under what
 * the machine takes: the block → Kafka delay of a platform that is not saturated (in the bursts,
 * every event also waits behind the CPU the burst's other commands take).
 */
async function paced(label: string, signer: { userId: string | null; mspId: string | null }) {
  const total = Math.round(pacedRate * pacedSeconds);
  const { ids, messages } = await commandMessages(`${PACED} ${label}`, total, signer);
  console.log(`${label}: ${total} Ping commands at ${pacedRate}/s …`);
  const started = performance.now();
  // a tenth of a second's commands at every tick, each tick on the clock (not after the last send)
  const perTick = Math.max(1, Math.round(pacedRate / 10));
  for (let at = 0; at < messages.length; at += perTick) {
    const due = started + (at / pacedRate) * 1000;
    if (due > performance.now()) await new Promise((resolve) => setTimeout(resolve, due - performance.now()));
    await producer.send({ topic: COMMANDS, acks: -1, messages: messages.slice(at, at + perTick) });
  }
  await answered(label, ids);
  return { transactions: total };
}

/** Runs task(0 … total-1) with at most `inFlight` running at once; resolves with the seconds it took. */
async function withInFlight(total: number, inFlight: number, task: (i: number) => Promise<void>): Promise<number> {
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < total) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, worker));
  return (performance.now() - started) / 1000;
}

/** The baseline: Ping straight at the chaincode, `directInFlight` at a time, each awaited to its commit. */
async function direct(label: string, contract: Contract) {
  console.log(`${label}: ${count} Ping transactions straight at the chaincode, ${directInFlight} in flight …`);
  let invalid = 0;
  const seconds = await withInFlight(count, directInFlight, async (i) => {
    const ping = submitCalls.ping(`${runMarker} ${label} #${i}`);
    const submitted = await contract.submitAsync(ping.transaction, { arguments: ping.arguments });
    if (!(await submitted.getStatus()).successful) invalid += 1;
  });
  if (invalid > 0) throw new Error(`${label}: ${invalid} transactions were invalidated`);
  return { transactions: count, seconds: round(seconds), committedPerSecond: round(count / seconds) };
}

/**
 * The read path: BENCH_READS catalog pages (asset.QueryAssets) with BENCH_READ_CONNECTIONS in
 * flight, through the ledger's HTTP API as the audit service (a service read, evaluated as
 * GridMSP's ledger identity), beside the same evaluation straight at the chaincode as GridMSP's
 * service identity.
 */
async function reads(label: string, read: () => Promise<unknown>) {
  console.log(`${label}: ${readCount} catalog reads, ${readConnections} in flight …`);
  const latencies: number[] = [];
  const seconds = await withInFlight(readCount, readConnections, async () => {
    const at = performance.now();
    await read();
    latencies.push(performance.now() - at);
  });
  latencies.sort((a, b) => a - b);
  return { readsPerSecond: round(readCount / seconds), p50Ms: round(quantile(latencies, 0.5)), p99Ms: round(quantile(latencies, 0.99)) };
}

/** One catalog page through the ledger's HTTP API; anything but a 200 is a failure of the run. */
async function httpCatalogPage(): Promise<void> {
  const response = await fetch(`${ledgerUrl}/assets?pageSize=20`, { headers: { authorization: `Bearer ${await auditService.token('ledger')}` } });
  if (response.status !== 200) throw new Error(`GET /assets answered ${response.status}: ${await response.text()}`);
  await response.arrayBuffer();
}

/** Peak resident set (VmHWM) of a platform service, from its pid file; null when it cannot be read. */
function peakRssMiB(service: string): number | null {
  try {
    const { pid } = JSON.parse(readFileSync(join(home, 'run', 'pids', `${service}.pid`), 'utf8')) as { pid: number };
    const kib = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kib ? round(Number(kib) / 1024) : null;
  } catch {
    return null;
  }
}

const owner = await onboardOwner();
type Burst = { committedPerSecond: number; p50Ms?: number; p99Ms?: number };
type Reads = { readsPerSecond: number; p50Ms: number; p99Ms: number };
type Phase = 'direct' | 'serviceSigned' | 'userSigned' | 'directReads' | 'httpReads';
const runs: { direct: Burst; serviceSigned: Burst; userSigned: Burst; directReads: Reads; httpReads: Reads; paced: { transactions: number }; cpu: Record<Phase, CpuAccount> }[] = [];
// the ledger's own catalog query: every filter unset, the default page, no bookmark
const catalogQuery = queryCalls.queryAssets(JSON.stringify({}), 20, '');
const pingContract = network.getContract('gridledger', submitCalls.ping('').contract);
const assetContract = network.getContract('gridledger', catalogQuery.contract);
for (let r = 1; r <= rounds; r += 1) {
  const cpu = {} as Record<Phase, CpuAccount>;
  const measured = async <T>(phase: Phase, units: number, work: () => Promise<T>): Promise<T> => {
    const [result, account] = await withCpuAccount(home, units, work);
    cpu[phase] = account;
    return result;
  };
  runs.push({
    direct: await measured('direct', count, () => direct(`round ${r} direct`, pingContract)),
    serviceSigned: await measured('serviceSigned', count, () => burst(`round ${r} service-signed`, { userId: null, mspId: 'GridMSP' })),
    userSigned: await measured('userSigned', count, () => burst(`round ${r} user-signed`, { userId: owner, mspId: null })),
    directReads: await measured('directReads', readCount, () => reads(`round ${r} direct reads`, () => assetContract.evaluate(catalogQuery.transaction, { arguments: catalogQuery.arguments }))),
    httpReads: await measured('httpReads', readCount, () => reads(`round ${r} reads through the ledger API`, httpCatalogPage)),
    paced: await paced(`round ${r} paced user-signed`, { userId: owner, mspId: null }),
    cpu,
  });
  console.log(`  round ${r} CPU ms per transaction (machine busy): ${(['direct', 'serviceSigned', 'userSigned'] as const).map((phase) => `${phase} ${totalMs(cpu[phase].msPerUnit).toFixed(1)} (${cpu[phase].machineBusy})`).join(', ')}`);
}
const median = (values: number[]) => quantile([...values].sort((a, b) => a - b), 0.5);
const medianOf = (values: (number | undefined)[]) => {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length > 0 ? round(median(defined)) : undefined;
};
const summary = (pick: (run: (typeof runs)[number]) => Burst) => ({
  transactionsPerRound: count,
  rounds: runs.map((run) => pick(run).committedPerSecond),
  medianCommittedPerSecond: round(median(runs.map((run) => pick(run).committedPerSecond))),
  // each round's ratio to the direct baseline of the same round, then their median
  medianRatioToDirect: round(median(runs.map((run) => pick(run).committedPerSecond / run.direct.committedPerSecond))),
  medianP50Ms: medianOf(runs.map((run) => pick(run).p50Ms)),
  medianP99Ms: medianOf(runs.map((run) => pick(run).p99Ms)),
});
const directBaseline = { ...summary((run) => run.direct), inFlight: directInFlight, identity: 'GridMSP service identity, through the grid peer gateway' };
const serviceSigned = summary((run) => run.serviceSigned);
const userSigned = summary((run) => run.userSigned);
const readSummary = (pick: (run: (typeof runs)[number]) => Reads) => ({
  reads: readCount,
  inFlight: readConnections,
  rounds: runs.map((run) => pick(run).readsPerSecond),
  medianReadsPerSecond: round(median(runs.map((run) => pick(run).readsPerSecond))),
  medianP50Ms: round(median(runs.map((run) => pick(run).p50Ms))),
  medianP99Ms: round(median(runs.map((run) => pick(run).p99Ms))),
});
/** Per phase, the median over the rounds of the machine's busy share and of each process's CPU per unit. */
const cpuSummary = (phase: Phase, unit: string) => {
  const accounts = runs.map((run) => run.cpu[phase]);
  const names = [...new Set(accounts.flatMap((account) => Object.keys(account.msPerUnit)))];
  const msPerUnit = Object.fromEntries(names.map((name) => [name, round(median(accounts.map((account) => account.msPerUnit[name] ?? 0)))] as const).filter(([, ms]) => ms > 0).sort(([, a], [, b]) => b - a));
  return { unit, machineBusy: round(median(accounts.map((account) => account.machineBusy))), totalMsPerUnit: round(totalMs(msPerUnit)), msPerUnit };
};
const readPath = {
  direct: { ...readSummary((run) => run.directReads), path: 'asset.QueryAssets evaluated straight at the grid peer as GridMSP\'s service identity' },
  http: { ...readSummary((run) => run.httpReads), path: 'GET /assets on the ledger service as the audit service (evaluated as GridMSP\'s ledger identity)' },
  medianRatioToDirect: round(median(runs.map((run) => run.httpReads.readsPerSecond / run.directReads.readsPerSecond))),
};
// the last events may still be on their way
await new Promise((resolve) => setTimeout(resolve, 3_000));
/** median and p99 of each list of delays */
const delaySummary = (lists: ReturnType<typeof eventDelays>) => {
  const [total, untilSent, sentToConsumer] = [lists.total, lists.untilSent, lists.sentToConsumer].map((list) => [...list].sort((a, b) => a - b)) as [number[], number[], number[]];
  const figures = (sorted: number[]) => ({ medianMs: round(quantile(sorted, 0.5)), p99Ms: round(quantile(sorted, 0.99)) });
  return { events: total.length, ...figures(total), untilSent: figures(untilSent), sentToConsumer: figures(sentToConsumer) };
};

const result = {
  measuredAt: new Date().toISOString(),
  note: 'one machine, all components on it; answers = tx-committed events seen by a Kafka consumer',
  direct: directBaseline,
  serviceSigned,
  userSigned,
  reads: readPath,
  ratios: { serviceToDirect: serviceSigned.medianRatioToDirect, userToDirect: userSigned.medianRatioToDirect, readsToDirect: readPath.medianRatioToDirect },
  // where the CPU went: with the machine's cores all busy, the path that costs more CPU per transaction commits fewer
  cpu: {
    direct: cpuSummary('direct', 'transaction'),
    serviceSigned: cpuSummary('serviceSigned', 'transaction'),
    userSigned: cpuSummary('userSigned', 'transaction'),
    directReads: cpuSummary('directReads', 'read'),
    httpReads: cpuSummary('httpReads', 'read'),
  },
  peakRssMiB: { ledger: peakRssMiB('ledger'), identity: peakRssMiB('identity') },
  blockCommitToKafka: delaySummary(burstDelays),
  blockCommitToKafkaAtSteadyLoad: {
    path: 'user-signed Pings published at a steady rate, apart from the bursts',
    ratePerSecond: pacedRate,
    transactions: runs.reduce((sum, run) => sum + run.paced.transactions, 0),
    ...delaySummary(pacedDelays),
  },
  failures: failures.length,
};
blocks.close();
gateway.close();
client.close();
await consumer.disconnect();
await producer.disconnect();
const out = join(process.cwd(), 'dist', 'bench', 'ledger-throughput.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${out}`);
