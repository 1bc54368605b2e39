/**
 * Upload and download throughput of the storage service against raw `ipfs add` of the same file,
 * and the service's memory while it uploads. Start the platform first (npm start).
 * Run: npm run bench -- storage   → prints and writes dist/bench/storage-throughput.json
 * BENCH_FILE_MIB sets the file size (default 1024), BENCH_ROUNDS the number of rounds (default 3).
 *
 * Each round, on the same file, one after the other:
 * - raw: Kubo's own CLI, `ipfs add` with the service's options (pin, CIDv1, raw leaves, 1 MiB chunks)
 * - upload: the file as multipart to POST /files with curl (hash, encrypt, hash, add+pin, record)
 * - upload through the public entry: the same, to POST /api/storage/files on the entry (port 13000)
 * - download: GET /files/{id}/content by the owner (ciphertext hashed against the chain first, then
 *   decrypted and hashed as it streams), hashed again here
 * Both uploads and the raw add use native clients that stream the file from disk, so the client
 * costs the same in both. The machine is shared and noisy: figures are reported per round and as
 * medians, and the ratio is taken within each round.
 * RSS: the storage process's VmRSS sampled every 50 ms during each upload, against just before.
 * Afterwards the uploads are unpinned and Kubo's garbage collected (they are on chain still).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const home = process.env['GRIDLEDGER_HOME'] || join(homedir(), '.cache', 'gridledger');
const port = (name: string, fallback: number) => Number(process.env[`GRIDLEDGER_PORT_${name}`] || fallback);
const identityUrl = `http://127.0.0.1:${port('IDENTITY', 13001)}`;
const storageUrl = `http://127.0.0.1:${port('STORAGE', 13003)}`;
const entryUrl = `http://127.0.0.1:${port('WEB', 13000)}`;
const kuboApi = `/ip4/127.0.0.1/tcp/${port('KUBO_API', 15001)}`;
const mib = Number(process.env['BENCH_FILE_MIB'] || 1024);
const rounds = Number(process.env['BENCH_ROUNDS'] || 3);
const size = mib * 1024 * 1024;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    fail(`Cannot read ${path}: start the platform first with npm start.`);
  }
}

if (spawnSync('curl', ['--version']).status !== 0) fail('The benchmark uploads with curl: install it (apt-get install curl).');
const kuboBin = readdirSync(join(home, 'bin')).filter((name) => name.startsWith('kubo-')).map((name) => join(home, 'bin', name, 'ipfs')).find(existsSync);
if (!kuboBin) fail(`No Kubo binary under ${join(home, 'bin')}: start the platform first with npm start.`);

/** user + system CPU seconds a process has used (clock ticks of /proc/<pid>/stat at 100 Hz) */
const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const rssKiB = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
const round1 = (n: number) => Number(n.toFixed(1));
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
};

/** Runs a command to its end; its stdout, or the benchmark stops with its stderr. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += String(chunk)));
    child.stderr.on('data', (chunk: Buffer) => (err += String(chunk)));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} exited with ${code}: ${err.slice(0, 300)}`))));
  });
}

async function post(path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${identityUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${path} answered ${response.status}: ${String(json['message'])}`);
  return json;
}

// the file, on disk, so every run reads the same bytes at disk speed
const file = join(tmpdir(), `gridledger-bench-${mib}MiB.bin`);
console.log(`writing a ${mib} MiB random file to ${file} …`);
const hash = createHash('sha256');
await new Promise<void>((resolve, reject) => {
  const out = createWriteStream(file);
  out.on('error', reject);
  let written = 0;
  const next = () => {
    while (written < size) {
      const piece = randomBytes(Math.min(4 * 1024 * 1024, size - written));
      hash.update(piece);
      written += piece.length;
      if (!out.write(piece)) return void out.once('drain', next);
    }
    out.end(resolve);
  };
  next();
});
const sha256 = hash.digest('hex');

const { admins } = readJson<{ admins: { mspId: string; username: string; password: string }[] }>(join(home, 'data', 'services', 'identity', 'bootstrap-admins.json'));
const admin = admins.find((a) => a.mspId === 'GridMSP') ?? fail('no GridMSP admin in the identity bootstrap file');
const adminToken = String((await post('/auth/login', { username: admin.username, password: admin.password }))['accessToken']);
const username = `bench-${randomBytes(3).toString('hex')}`;
const password = `Bench-${randomBytes(9).toString('base64url')}`;
await post('/organizations/GridMSP/users', { username, email: `${username}@bench.example`, password, role: 'owner' }, adminToken);
const token = String((await post('/auth/login', { username, password }))['accessToken']);

const pid = (name: string) => readJson<{ pid: number }>(join(home, 'run', 'pids', `${name}.pid`)).pid;
const storagePid = pid('storage');
const kuboPid = pid('kubo');
const entryPid = pid('web');
const metadata = JSON.stringify({ title: `benchmark ${mib} MiB`, category: 'other', sensitivity: 'internal', priceCredits: 0, policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['benchmark'], maxDurationSeconds: 3600, maxDownloads: 1 } });

interface Measured {
  seconds: number;
  mibPerSecond: number;
  cpuSeconds: Record<string, number>;
}

/** Times `work`, with the CPU seconds each named process used meanwhile; its figures and its result. */
async function measure<T>(pids: Record<string, number>, work: () => Promise<T>): Promise<[Measured, T]> {
  const before = Object.fromEntries(Object.entries(pids).map(([name, p]) => [name, cpuSeconds(p)]));
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const cpu = Object.fromEntries(Object.entries(pids).map(([name, p]) => [name, round1(cpuSeconds(p) - (before[name] ?? 0))]));
  return [{ seconds: round1(seconds), mibPerSecond: round1(mib / seconds), cpuSeconds: cpu }, result];
}

async function rawAdd(): Promise<Measured> {
  const [measured, cid] = await measure({ kubo: kuboPid }, () =>
    run(kuboBin as string, ['--api', kuboApi, 'add', '--pin', '--cid-version', '1', '--raw-leaves', '--chunker', 'size-1048576', '--quieter', file], { ...process.env, IPFS_PATH: join(tmpdir(), 'gridledger-bench-no-repo') }),
  );
  await run(kuboBin as string, ['--api', kuboApi, 'pin', 'rm', cid.trim()]);
  return measured;
}

async function upload(url: string): Promise<Measured & { assetId: string; cid: string; rssGrowthMiB: number }> {
  const baseline = rssKiB(storagePid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(storagePid))), 50);
  const [measured, answer] = await measure({ storage: storagePid, kubo: kuboPid, entry: entryPid }, () =>
    run('curl', ['-sS', '--fail-with-body', '-H', `authorization: Bearer ${token}`, '-F', `metadata=${metadata}`, '-F', `file=@${file};type=application/octet-stream`, url]),
  );
  clearInterval(sampler);
  const stored = JSON.parse(answer) as Record<string, unknown>;
  if (stored['plaintextSha256'] !== sha256) throw new Error(`upload to ${url} answered ${answer.slice(0, 300)}`);
  return { ...measured, assetId: String(stored['assetId']), cid: String(stored['cid']), rssGrowthMiB: round1((peak - baseline) / 1024) };
}

async function verifiedDownload(assetId: string): Promise<Measured> {
  for (let i = 0; ; i++) {
    const status = (await (await fetch(`${storageUrl}/files/${assetId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
    if (status['status'] === 'anchored') break;
    if (i > 300) throw new Error(`asset stayed ${String(status['status'])}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const [measured] = await measure({ storage: storagePid, kubo: kuboPid }, async () => {
    const downloaded = await fetch(`${storageUrl}/files/${assetId}/content`, { headers: { authorization: `Bearer ${token}` } });
    const check = createHash('sha256');
    for await (const chunk of downloaded.body as unknown as AsyncIterable<Uint8Array>) check.update(chunk);
    if (check.digest('hex') !== sha256) throw new Error('the downloaded file differs from the upload');
  });
  return measured;
}

type Uploaded = Awaited<ReturnType<typeof upload>>;
const results: Array<{ raw: Measured; upload: Omit<Uploaded, 'assetId'>; entryUpload: Uploaded; download: Measured; uploadVsRaw: number }> = [];
for (let round = 1; round <= rounds; round++) {
  console.log(`round ${round}/${rounds}: raw ipfs add …`);
  const raw = await rawAdd();
  console.log(`round ${round}/${rounds}: upload through the storage service …`);
  const { assetId, ...uploaded } = await upload(`${storageUrl}/files`);
  console.log(`round ${round}/${rounds}: upload through the public entry …`);
  const entryUpload = await upload(`${entryUrl}/api/storage/files`);
  console.log(`round ${round}/${rounds}: verified download …`);
  const download = await verifiedDownload(assetId);
  const uploadVsRaw = Number((raw.seconds / uploaded.seconds).toFixed(2));
  results.push({ raw, upload: uploaded, entryUpload, download, uploadVsRaw });
  console.log(`  raw ${raw.mibPerSecond} MiB/s, upload ${uploaded.mibPerSecond} MiB/s (ratio ${uploadVsRaw}), through the entry ${entryUpload.mibPerSecond} MiB/s, download ${download.mibPerSecond} MiB/s, storage RSS +${uploaded.rssGrowthMiB} / +${entryUpload.rssGrowthMiB} MiB`);
}
rmSync(file, { force: true });
// Every round pins two copies of the file: unpinned and collected here, or a few runs fill the
// disk. The assets stay on chain; a reconciliation will list their files as not pinned.
console.log('unpinning the benchmark uploads and collecting garbage in Kubo …');
for (const { upload: stored, entryUpload } of results) for (const cid of [stored.cid, entryUpload.cid]) await run(kuboBin as string, ['--api', kuboApi, 'pin', 'rm', cid]).catch(() => undefined);
await run(kuboBin as string, ['--api', kuboApi, 'repo', 'gc', '--quiet']);

const medianOf = (pick: (r: (typeof results)[number]) => number) => round1(median(results.map(pick)));
const summary = {
  measuredAt: new Date().toISOString(),
  fileMiB: mib,
  rounds,
  median: {
    rawIpfsAddMiBPerSecond: medianOf((r) => r.raw.mibPerSecond),
    serviceUploadMiBPerSecond: medianOf((r) => r.upload.mibPerSecond),
    uploadVsRaw: Number(median(results.map((r) => r.uploadVsRaw)).toFixed(2)),
    entryUploadMiBPerSecond: medianOf((r) => r.entryUpload.mibPerSecond),
    serviceDownloadVerifiedMiBPerSecond: medianOf((r) => r.download.mibPerSecond),
    uploadCpuSeconds: { storage: medianOf((r) => r.upload.cpuSeconds['storage'] ?? NaN), kubo: medianOf((r) => r.upload.cpuSeconds['kubo'] ?? NaN), rawAddKubo: medianOf((r) => r.raw.cpuSeconds['kubo'] ?? NaN) },
  },
  // the bound is on the worst upload, the first after the service started included
  storageRssGrowthDuringUploadMiB: { max: Math.max(...results.flatMap((r) => [r.upload.rssGrowthMiB, r.entryUpload.rssGrowthMiB])), perUpload: results.flatMap((r) => [r.upload.rssGrowthMiB, r.entryUpload.rssGrowthMiB]) },
  perRound: results,
};
const out = join(process.cwd(), 'dist', 'bench', 'storage-throughput.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(summary, null, 2)}\n`);
console.log(JSON.stringify(summary.median, null, 2));
console.log(`storage RSS growth during uploads: max ${summary.storageRssGrowthDuringUploadMiB.max} MiB`);
console.log(`written to ${out}`);
