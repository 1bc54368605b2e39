/**
 * Upload and download throughput of the storage service against raw `ipfs add`, on the same file,
 * and the service's memory while it uploads. Start the platform first (npm start).
 * Run: npm run bench -- storage   → prints and writes dist/bench/storage-throughput.json
 * BENCH_FILE_MIB sets the file size (default 1024).
 *
 * - raw: the file's bytes streamed to Kubo's RPC `add` (pin, CIDv1, raw leaves), as the service does
 * - upload: the same file as multipart to POST /files (hash, encrypt, hash, add+pin, record)
 * - download: GET /files/{id}/content by the owner (ciphertext hashed against the chain first, then
 *   decrypted and hashed as it streams)
 * - RSS: the storage process's VmRSS sampled every 50 ms during the upload, against just before
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { create } from 'kubo-rpc-client';
import { request, type IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';

/** A streamed POST with node:http (backpressure on every write, as curl would send it); returns status and body text. */
async function postStream(url: string, headers: Record<string, string>, body: AsyncIterable<Uint8Array>): Promise<{ status: number; text: string }> {
  const outgoing = request(url, { method: 'POST', headers });
  const answered = new Promise<IncomingMessage>((resolve, reject) => {
    outgoing.once('response', resolve);
    outgoing.once('error', reject);
  });
  await pipeline(Readable.from(body), outgoing);
  const response = await answered;
  let text = '';
  for await (const chunk of response) text += String(chunk);
  return { status: response.statusCode ?? 0, text };
}

const home = process.env['GRIDLEDGER_HOME'] || join(homedir(), '.cache', 'gridledger');
const port = (name: string, fallback: number) => Number(process.env[`GRIDLEDGER_PORT_${name}`] || fallback);
const identityUrl = `http://127.0.0.1:${port('IDENTITY', 13001)}`;
const storageUrl = `http://127.0.0.1:${port('STORAGE', 13003)}`;
const mib = Number(process.env['BENCH_FILE_MIB'] || 1024);
const size = mib * 1024 * 1024;

function readJson<T>(path: string): T {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as T;
  } catch {
    console.error(`Cannot read ${path}: start the platform first with npm start.`);
    process.exit(1);
  }
}

/** user + system CPU seconds a process has used (clock ticks of /proc/<pid>/stat at 100 Hz) */
const cpuSeconds = (pid: number): number => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / 100;
};
const rssKiB = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN);
const round = (n: number) => Number(n.toFixed(1));

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

const { pid: kuboPid } = readJson<{ pid: number }>(join(home, 'run', 'pids', 'kubo.pid'));
const ipfs = create({ url: `http://127.0.0.1:${port('KUBO_API', 15001)}/api/v0` });
console.log('raw ipfs add …');
// the same request the service makes (streamed multipart, same options), without the service
const rawBoundary = `----raw-${randomBytes(6).toString('hex')}`;
async function* rawBody() {
  yield Buffer.from(`--${rawBoundary}\r\ncontent-disposition: form-data; name="file"; filename="file"\r\ncontent-type: application/octet-stream\r\n\r\n`);
  yield* createReadStream(file, { highWaterMark: 1024 * 1024 });
  yield Buffer.from(`\r\n--${rawBoundary}--\r\n`);
}
const kuboBeforeRaw = cpuSeconds(kuboPid);
let started = performance.now();
const rawResponse = await postStream(`http://127.0.0.1:${port('KUBO_API', 15001)}/api/v0/add?pin=true&cid-version=1&raw-leaves=true&chunker=size-1048576&quieter=true&progress=false`, { 'content-type': `multipart/form-data; boundary=${rawBoundary}` }, rawBody());
const rawCid = (JSON.parse(rawResponse.text.trim().split('\n').pop() ?? '{}') as { Hash: string }).Hash;
const rawSeconds = (performance.now() - started) / 1000;
const kuboCpuRaw = cpuSeconds(kuboPid) - kuboBeforeRaw;
await ipfs.pin.rm(rawCid);

const { admins } = readJson<{ admins: { mspId: string; username: string; password: string }[] }>(join(home, 'data', 'services', 'identity', 'bootstrap-admins.json'));
const admin = admins.find((a) => a.mspId === 'GridMSP');
if (!admin) throw new Error('no GridMSP admin');
const adminToken = String((await post('/auth/login', { username: admin.username, password: admin.password }))['accessToken']);
const username = `bench-${randomBytes(3).toString('hex')}`;
const password = `Bench-${randomBytes(9).toString('base64url')}`;
await post('/organizations/GridMSP/users', { username, email: `${username}@bench.example`, password, role: 'owner' }, adminToken);
const token = String((await post('/auth/login', { username, password }))['accessToken']);

const { pid } = readJson<{ pid: number }>(join(home, 'run', 'pids', 'storage.pid'));
const baseline = rssKiB(pid);
let peak = baseline;
const sampler = setInterval(() => (peak = Math.max(peak, rssKiB(pid))), 50);

console.log('upload through the storage service …');
const boundary = `----bench-${randomBytes(6).toString('hex')}`;
const metadata = { title: `benchmark ${mib} MiB`, category: 'other', sensitivity: 'internal', priceCredits: 0, policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['benchmark'], maxDurationSeconds: 3600, maxDownloads: 1 } };
async function* body() {
  yield Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="metadata"\r\n\r\n${JSON.stringify(metadata)}\r\n--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="bench.bin"\r\ncontent-type: application/octet-stream\r\n\r\n`);
  yield* createReadStream(file, { highWaterMark: 1024 * 1024 });
  yield Buffer.from(`\r\n--${boundary}--\r\n`);
}
const cpuBefore = { storage: cpuSeconds(pid), kubo: cpuSeconds(kuboPid), bench: process.cpuUsage() };
started = performance.now();
const uploaded = await postStream(`${storageUrl}/files`, { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, body());
const stored = JSON.parse(uploaded.text) as Record<string, unknown>;
const uploadSeconds = (performance.now() - started) / 1000;
const benchCpu = process.cpuUsage(cpuBefore.bench);
const uploadCpu = { storage: cpuSeconds(pid) - cpuBefore.storage, kubo: cpuSeconds(kuboPid) - cpuBefore.kubo, client: (benchCpu.user + benchCpu.system) / 1e6 };
clearInterval(sampler);
if (uploaded.status !== 201 || stored['plaintextSha256'] !== sha256) throw new Error(`upload failed: ${uploaded.status} ${JSON.stringify(stored)}`);
const assetId = String(stored['assetId']);
for (let i = 0; ; i++) {
  const status = (await (await fetch(`${storageUrl}/files/${assetId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
  if (status['status'] === 'anchored') break;
  if (i > 300) throw new Error(`asset stayed ${String(status['status'])}`);
  await new Promise((resolve) => setTimeout(resolve, 200));
}

console.log('download through the storage service (verified) …');
started = performance.now();
const downloaded = await fetch(`${storageUrl}/files/${assetId}/content`, { headers: { authorization: `Bearer ${token}` } });
const check = createHash('sha256');
for await (const chunk of downloaded.body as unknown as AsyncIterable<Uint8Array>) check.update(chunk);
const downloadSeconds = (performance.now() - started) / 1000;
if (check.digest('hex') !== sha256) throw new Error('the downloaded file differs from the upload');
rmSync(file, { force: true });

const result = {
  measuredAt: new Date().toISOString(),
  fileMiB: mib,
  rawIpfsAdd: { seconds: round(rawSeconds), mibPerSecond: round(mib / rawSeconds) },
  serviceUpload: { seconds: round(uploadSeconds), mibPerSecond: round(mib / uploadSeconds) },
  uploadVsRaw: Number((rawSeconds / uploadSeconds).toFixed(2)),
  serviceDownloadVerified: { seconds: round(downloadSeconds), mibPerSecond: round(mib / downloadSeconds) },
  // where the CPU went: on a 2-core machine the three processes share it
  cpuSeconds: { rawAdd: { kubo: round(kuboCpuRaw) }, upload: { storage: round(uploadCpu.storage), kubo: round(uploadCpu.kubo), client: round(uploadCpu.client) } },
  storageRssDuringUpload: { baselineMiB: round(baseline / 1024), peakMiB: round(peak / 1024), growthMiB: round((peak - baseline) / 1024) },
};
const out = join(process.cwd(), 'dist', 'bench', 'storage-throughput.json');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
console.log(`written to ${out}`);
