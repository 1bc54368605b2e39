/**
 * The soak: the platform under a steady load for a long while, to show what a short benchmark
 * cannot (memory that creeps up, errors that come with time). Start the platform first (npm start).
 * Run: npm run bench -- soak   → prints progress and writes dist/bench/soak.json
 *
 * - writes: user-signed Ping commands at SOAK_RATE a second, by default half the user-signed rate
 *   the last `npm run bench -- ledger` measured (dist/bench/ledger-throughput.json), 50 without it;
 *   every command must be answered once, tx-committed
 * - uploads: a SOAK_UPLOAD_KIB (default 256) file every SOAK_UPLOAD_EVERY_S (default 10) seconds
 *   through the storage service, waited for until anchored, then downloaded (verified against the
 *   chain as it streams) and compared byte for byte
 * - for SOAK_MINUTES (default 30); every SAMPLE_MS the RSS of every process of the stack is read
 *   from /proc; growth is the median of the last tenth of the samples against the median of the
 *   first tenth after the warm-up (a tenth of the run, at most 3 minutes: caches and JIT settle
 *   first). One sample is a point on a collector's sawtooth: in one soak audit's RSS read 251 MiB
 *   after the warm-up, 320 at its peak and 226 at the end. The single samples are reported too.
 * - the Node services' V8 heap (used and reserved) and external memory are read from their
 *   /metrics beside it, and the Fabric nodes' Go heap (allocated, and the live heap the last
 *   collection left: half the next goal at GOGC=100) from their operations endpoints, so RSS that
 *   grows can be told apart: live objects, a collector's reserve or native memory
 * - a process restarted during the soak (its pid changed) is reported: the soak is void for it
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { platformEndpoints } from '@gridledger/stack-connection';
import { LEDGER_TOPICS } from '@gridledger/contracts';
import { loadStackConfig, statusRows } from '@gridledger/stack';
import { commandIdOf, commandMessage, onboardUser, sendCommands, signIn, testKafka, uploadAndAnchor } from '@gridledger/testing';

const SAMPLE_MS = 15_000;
const minutes = Number(process.env['SOAK_MINUTES'] || 30);
const uploadEverySeconds = Number(process.env['SOAK_UPLOAD_EVERY_S'] || 10);
const uploadKiB = Number(process.env['SOAK_UPLOAD_KIB'] || 256);
const config = loadStackConfig();
const endpoints = platformEndpoints(config);
const out = join(config.paths.repo, 'dist', 'bench', 'soak.json');

/** Half the user-signed rate the ledger benchmark last measured on this machine. */
function defaultRate(): { rate: number; from: string } {
  const file = join(config.paths.repo, 'dist', 'bench', 'ledger-throughput.json');
  if (!existsSync(file)) return { rate: 50, from: 'default (no dist/bench/ledger-throughput.json: run npm run bench -- ledger for a measured rate)' };
  const measured = (JSON.parse(readFileSync(file, 'utf8')) as { userSigned?: { medianCommittedPerSecond?: number } }).userSigned?.medianCommittedPerSecond;
  return measured ? { rate: Math.max(1, Math.round(measured / 2)), from: `half of ${measured} user-signed commits/s measured in ${file}` } : { rate: 50, from: 'default' };
}
const { rate, from: rateFrom } = process.env['SOAK_RATE'] ? { rate: Number(process.env['SOAK_RATE']), from: 'SOAK_RATE' } : defaultRate();

const rssMiB = (pid: string): number => {
  try {
    return Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
  } catch {
    return Number.NaN;
  }
};
/** A Prometheus endpoint's samples, read by metric name (the first sample, whatever its labels); undefined when it does not answer. */
async function scrape(url: string): Promise<((name: string) => number) | undefined> {
  try {
    const text = await (await fetch(`${url}/metrics`, { signal: AbortSignal.timeout(5_000) })).text();
    return (name) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1]);
  } catch {
    return undefined;
  }
}
const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
/** Each endpoint's figures, for the endpoints that answered. */
async function scrapeAll<T>(urls: Record<string, string>, figures: (metric: (name: string) => number) => T): Promise<Record<string, T>> {
  const scraped = await Promise.all(Object.entries(urls).map(async ([name, url]) => [name, await scrape(url)] as const));
  return Object.fromEntries(scraped.flatMap(([name, metric]) => (metric ? [[name, figures(metric)]] : [])));
}
/** The Node services' memory as V8 sees it, from Node's default metrics on each service's /metrics. */
const nodeMetricsUrls: Record<string, string> = { identity: endpoints.identityUrl, ledger: endpoints.ledgerUrl, storage: endpoints.storageUrl, 'access-policy': endpoints.accessPolicyUrl, audit: endpoints.auditUrl };
interface HeapSample {
  usedMiB: number;
  reservedMiB: number;
  externalMiB: number;
}
const heaps = () => scrapeAll(nodeMetricsUrls, (metric): HeapSample => ({ usedMiB: mib(metric('nodejs_heap_size_used_bytes')), reservedMiB: mib(metric('nodejs_heap_size_total_bytes')), externalMiB: mib(metric('nodejs_external_memory_bytes')) }));
/** The Fabric nodes' Go heap, from go_memstats on their operations endpoints. */
const goMetricsUrls: Record<string, string> = Object.fromEntries([...config.organizations.flatMap((org) => org.peers), ...config.orderer.nodes].map((node) => [node.name, `http://127.0.0.1:${node.operationsPort}`]));
interface GoHeapSample {
  allocatedMiB: number;
  liveMiB: number;
}
const goHeaps = () => scrapeAll(goMetricsUrls, (metric): GoHeapSample => ({ allocatedMiB: mib(metric('go_memstats_heap_alloc_bytes')), liveMiB: mib(metric('go_memstats_next_gc_bytes') / 2) }));
const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? Number.NaN;

async function processes(): Promise<Map<string, string>> {
  return new Map((await statusRows(config)).filter((row) => row.kind !== 'supervisor' && /^\d+$/.test(row.pid)).map((row) => [row.component, row.pid]));
}

console.log(`soak: ${minutes} min, ${rate} commands/s (${rateFrom}), a ${uploadKiB} KiB upload every ${uploadEverySeconds} s`);
const owner = await onboardUser(endpoints, 'GridMSP', 'owner');
/** access tokens last 15 minutes: the soak signs in again well before, as the dashboard refreshes */
const TOKEN_MS = 10 * 60_000;
let session = { token: await signIn(endpoints, owner), at: Date.now() };
async function freshToken(): Promise<string> {
  if (Date.now() - session.at > TOKEN_MS) session = { token: await signIn(endpoints, owner), at: Date.now() };
  return session.token;
}
const pidsAtStart = await processes();

const errors: { at: string; what: string; message: string }[] = [];
const noteError = (what: string, error: unknown) => {
  errors.push({ at: new Date().toISOString(), what, message: (error as Error).message.slice(0, 300) });
  console.log(`  ${what} failed: ${(error as Error).message.slice(0, 200)}`);
};

// answers, read as an outside consumer does (committed records only)
const sentAt = new Map<string, number>();
const answers = new Map<string, { topic: string; at: number }>();
let duplicateAnswers = 0;
const group = `soak-${randomBytes(4).toString('hex')}`;
const consumer = testKafka(group).consumer({ groupId: group, readUncommitted: false });
await consumer.connect();
await consumer.subscribe({ topics: [LEDGER_TOPICS.txCommitted, LEDGER_TOPICS.txFailed], fromBeginning: true });
consumer.on(consumer.events.CRASH, ({ payload }) => noteError('reading the answers', payload.error));
await consumer.run({
  eachMessage: async ({ topic, message }) => {
    // the topics are public: a record that is not JSON (the hostile-client suite writes some) is not an answer
    let commandId: string;
    try {
      commandId = String((JSON.parse(message.value?.toString() ?? '{}') as { data?: { commandId?: unknown } }).data?.commandId);
    } catch {
      return;
    }
    if (!sentAt.has(commandId)) return;
    if (answers.has(commandId)) duplicateAnswers += 1;
    else answers.set(commandId, { topic, at: Date.now() });
  },
});

const started = Date.now();
const endAt = started + minutes * 60_000;
const warmUpMs = Math.min(3 * 60_000, (minutes * 60_000) / 10);

async function writeLoad(): Promise<void> {
  for (let second = 0; Date.now() < endAt; second++) {
    const tick = started + second * 1_000;
    const messages = await Promise.all(Array.from({ length: rate }, (_, i) => commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping', arguments: [`soak ${group} ${second}.${i}`] })));
    const now = Date.now();
    for (const message of messages) sentAt.set(commandIdOf(message), now);
    // a batch the broker does not take is sent again, as an outbox would: an error, not a loss
    for (;;) {
      try {
        await sendCommands(messages);
        break;
      } catch (error) {
        noteError('publishing commands', error);
        await sleep(1_000);
      }
    }
    await sleep(Math.max(0, tick + 1_000 - Date.now()));
  }
}

const uploads = { done: 0, failed: 0, seconds: [] as number[] };
async function uploadLoad(): Promise<void> {
  const metadata = { title: 'soak upload', category: 'other', sensitivity: 'internal', priceCredits: 0, policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['soak'], maxDurationSeconds: 3600, maxDownloads: 1 } };
  for (let n = 0; Date.now() < endAt; n++) {
    const tick = Date.now();
    const content = randomBytes(uploadKiB * 1024);
    try {
      const token = await freshToken();
      const stored = await uploadAndAnchor(endpoints, token, metadata, content, `soak-${n}.bin`);
      const downloaded = await fetch(`${endpoints.storageUrl}/files/${String(stored['assetId'])}/content`, { headers: { authorization: `Bearer ${token}` } });
      if (!downloaded.ok) throw new Error(`download answered ${downloaded.status}`);
      const digest = createHash('sha256').update(new Uint8Array(await downloaded.arrayBuffer())).digest('hex');
      if (digest !== createHash('sha256').update(content).digest('hex')) throw new Error('the downloaded file differs from the upload');
      uploads.done += 1;
      uploads.seconds.push((Date.now() - tick) / 1000);
    } catch (error) {
      uploads.failed += 1;
      noteError('upload and download', error);
    }
    await sleep(Math.max(0, tick + uploadEverySeconds * 1_000 - Date.now()));
  }
}

const samples: { seconds: number; rssMiB: Record<string, number>; heapMiB: Record<string, HeapSample>; goHeapMiB: Record<string, GoHeapSample> }[] = [];
async function sampler(): Promise<void> {
  while (Date.now() < endAt) {
    const [pids, heapMiB, goHeapMiB] = await Promise.all([processes(), heaps(), goHeaps()]);
    samples.push({ seconds: Math.round((Date.now() - started) / 1000), rssMiB: Object.fromEntries([...pids].map(([component, pid]) => [component, rssMiB(pid)])), heapMiB, goHeapMiB });
    const elapsed = ((Date.now() - started) / 60_000).toFixed(1);
    console.log(`${elapsed}/${minutes} min: ${sentAt.size} commands sent, ${answers.size} answered, uploads ${uploads.done} ok / ${uploads.failed} failed, ledger ${samples.at(-1)?.rssMiB['ledger']} MiB, identity ${samples.at(-1)?.rssMiB['identity']} MiB`);
    await sleep(Math.min(SAMPLE_MS, Math.max(0, endAt - Date.now())));
  }
}

await Promise.all([writeLoad(), uploadLoad(), sampler()]);
// the last commands' answers
for (const waitUntil = Date.now() + 120_000; answers.size < sentAt.size && Date.now() < waitUntil; ) await sleep(500);
await sleep(3_000);
await consumer.disconnect();
const pidsAtEnd = await processes();

const latencies = [...answers].map(([id, answer]) => answer.at - (sentAt.get(id) ?? answer.at)).sort((a, b) => a - b);
const afterWarmUp = samples.filter((s) => s.seconds * 1000 >= warmUpMs);
const windowSize = Math.max(1, Math.floor(samples.length / 10));
const firstWindow = afterWarmUp.slice(0, windowSize);
const lastWindow = samples.slice(-windowSize);
const baseline = afterWarmUp[0] ?? samples[0];
const last = samples.at(-1);
const medianOf = (values: number[]): number => quantile([...values].sort((a, b) => a - b), 0.5);
const percent = (before: number, after: number) => Number((((after - before) / before) * 100).toFixed(1));
const rss = Object.fromEntries(
  [...pidsAtStart.keys()].map((component) => {
    const of = (window: typeof samples) => medianOf(window.map((s) => s.rssMiB[component] ?? Number.NaN).filter(Number.isFinite));
    const [windowBefore, windowAfter] = [of(firstWindow), of(lastWindow)];
    const before = baseline?.rssMiB[component] ?? Number.NaN;
    const after = last?.rssMiB[component] ?? Number.NaN;
    const peak = Math.max(...samples.map((s) => s.rssMiB[component] ?? Number.NaN).filter(Number.isFinite));
    const heap = { afterWarmUp: baseline?.heapMiB[component], end: last?.heapMiB[component] };
    const goHeap = { afterWarmUp: baseline?.goHeapMiB[component], end: last?.goHeapMiB[component] };
    return [
      component,
      {
        medianAfterWarmUpMiB: windowBefore,
        medianAtEndMiB: windowAfter,
        growthPercent: percent(windowBefore, windowAfter),
        afterWarmUpMiB: before,
        endMiB: after,
        peakMiB: peak,
        sampleGrowthPercent: percent(before, after),
        ...(heap.end ? { heapMiB: heap } : {}),
        ...(goHeap.end ? { goHeapMiB: goHeap } : {}),
      },
    ];
  }),
);
const committed = [...answers.values()].filter((a) => a.topic === LEDGER_TOPICS.txCommitted).length;
const summary = {
  measuredAt: new Date().toISOString(),
  minutes,
  load: { commandsPerSecond: rate, rateFrom, uploadKiB, uploadEverySeconds },
  commands: { sent: sentAt.size, committed, failed: answers.size - committed, unanswered: sentAt.size - answers.size, duplicateAnswers, p50Ms: quantile(latencies, 0.5), p99Ms: quantile(latencies, 0.99) },
  uploads: { completed: uploads.done, failed: uploads.failed, medianSeconds: quantile([...uploads.seconds].sort((a, b) => a - b), 0.5) },
  errors,
  restarted: [...pidsAtStart].filter(([component, pid]) => pidsAtEnd.get(component) !== pid).map(([component]) => component),
  rssGrowthWindowSamples: windowSize,
  rssGrowthOver10Percent: Object.entries(rss).filter(([, r]) => r.growthPercent > 10).map(([component]) => component),
  rss,
  samples,
};
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
const { samples: _samples, ...printed } = summary;
console.log(JSON.stringify(printed, null, 2));
console.log(`written to ${out}`);
process.exit(0);
