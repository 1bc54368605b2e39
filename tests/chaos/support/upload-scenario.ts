import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConnectionConfig, type PlatformEndpoints } from '@gridledger/stack-connection';
import { call, eventually, killComponent, onboardUser, signIn, type Answer } from '@gridledger/testing';
import { healthyAgain } from './component-watch.ts';
import { recoveryAfter, type ScenarioResult } from './scenario-report.ts';

/** uploads in flight at any moment, so the kill always lands in the middle of some */
const WORKERS = 2;
const UPLOAD_BYTES = 4 * 1024 * 1024;
const KILL_AFTER_MS = 3_000;
/** uploads go on this long after Kubo is back */
const AFTER_RESTART_MS = 5_000;

const METADATA = {
  title: 'chaos upload',
  category: 'other',
  sensitivity: 'internal',
  priceCredits: 0,
  policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['chaos'], maxDurationSeconds: 3600, maxDownloads: 1 },
};

interface Upload {
  startedAt: number;
  endedAt: number;
  status: number;
  body: Record<string, unknown>;
  sha256: string;
}

/** What the checks found wrong; the scenario passes with none. */
export interface UploadOutcome {
  result: ScenarioResult;
  problems: string[];
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The recursive pins Kubo holds now, read straight from its RPC API. */
async function pins(): Promise<Set<string>> {
  const response = await fetch(`http://127.0.0.1:${loadConnectionConfig().ports.kuboApi}/api/v0/pin/ls?type=recursive`, { method: 'POST' });
  if (!response.ok) throw new Error(`Kubo's pin/ls answered ${response.status}`);
  return new Set(Object.keys(((await response.json()) as { Keys?: Record<string, unknown> }).Keys ?? {}));
}

async function uploadOnce(endpoints: PlatformEndpoints, token: string, n: number): Promise<Upload> {
  const content = randomBytes(UPLOAD_BYTES);
  const form = new FormData();
  form.append('metadata', JSON.stringify(METADATA));
  form.append('file', new Blob([new Uint8Array(content)], { type: 'application/octet-stream' }), `chaos-${n}.bin`);
  const startedAt = Date.now();
  try {
    const response = await fetch(`${endpoints.storageUrl}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
    const text = await response.text();
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = { notJson: text.slice(0, 200) };
    }
    return { startedAt, endedAt: Date.now(), status: response.status, body, sha256: sha256(content) };
  } catch (error) {
    // no answer at all: the storage service itself went away, which this scenario must not cause
    return { startedAt, endedAt: Date.now(), status: 0, body: { transportError: (error as Error).message }, sha256: sha256(content) };
  }
}

/**
 * Kubo SIGKILLed in the middle of uploads (WORKERS of UPLOAD_BYTES each, back to back, before,
 * during and after its outage). An upload whose bytes were streaming into Kubo cannot be replayed
 * (the request body is gone), so it may fail, but cleanly: an error status with a machine-readable
 * code, no file record and nothing left pinned. Every upload that was answered as stored must be
 * anchored on chain, pinned exactly once, and download to the bytes that were sent.
 */
export async function runUploadScenario(endpoints: PlatformEndpoints): Promise<UploadOutcome> {
  const owner = await onboardUser(endpoints, 'GridMSP', 'owner');
  const token = await signIn(endpoints, owner);
  const pinsBefore = await pins();
  const uploads: Upload[] = [];
  let stopAt = Number.POSITIVE_INFINITY;
  let n = 0;
  const workers = Array.from({ length: WORKERS }, async () => {
    while (Date.now() < stopAt) uploads.push(await uploadOnce(endpoints, token, n++));
  });
  await sleep(KILL_AFTER_MS);
  const killedAt = Date.now();
  const restartSeconds = await healthyAgain('kubo', killComponent('kubo'));
  stopAt = Date.now() + AFTER_RESTART_MS;
  await Promise.all(workers);

  const problems: string[] = [];
  const stored = uploads.filter((u) => u.status === 201 || u.status === 202);
  const refused = uploads.filter((u) => !stored.includes(u));
  const unclean = refused.filter((u) => u.status < 400 || typeof u.body['code'] !== 'string' || typeof u.body['message'] !== 'string');
  for (const u of unclean) problems.push(`an upload ended without a clean answer: ${u.status} ${JSON.stringify(u.body).slice(0, 300)}`);
  if (!uploads.some((u) => u.startedAt < killedAt && u.endedAt > killedAt)) problems.push('no upload was in flight when Kubo was killed');
  if (!stored.some((u) => u.startedAt > killedAt + restartSeconds * 1000)) problems.push('no upload started after Kubo was back was stored');

  // every stored upload: anchored (not refused by the chain), and its download is the bytes sent
  let notAnchored = 0;
  for (const u of stored) {
    const assetId = String(u.body['assetId']);
    const settled = await eventually(() => call(endpoints.storageUrl, 'GET', `/files/${assetId}`, token), (a) => a.status === 200 && a.body['status'] !== 'pending', `anchoring of ${assetId}`, 180_000).catch((error: Error): Answer => ({ status: 0, body: { error: error.message } }));
    if (settled.body['status'] !== 'anchored') {
      notAnchored += 1;
      problems.push(`stored upload ${assetId} was not anchored: ${JSON.stringify(settled.body).slice(0, 300)}`);
      continue;
    }
    const download = await fetch(`${endpoints.storageUrl}/files/${assetId}/content`, { headers: { authorization: `Bearer ${token}` } });
    const bytes = new Uint8Array(await download.arrayBuffer());
    if (download.status !== 200 || sha256(bytes) !== u.sha256) problems.push(`stored upload ${assetId} downloads as ${download.status} with other bytes`);
  }

  // pinned: exactly the stored uploads' ciphertexts, nothing of the refused ones
  const storedCids = new Set(stored.map((u) => String(u.body['cid'])));
  const pinnedNow = async () => [...(await pins())].filter((cid) => !pinsBefore.has(cid));
  let newPins = await pinnedNow();
  // a pin whose answer Kubo's death cut off is released by the storage service once Kubo is back
  // (PinReleases sweeps every 2 s): it gets that long and a margin, then a stray pin is a failure
  for (const deadline = Date.now() + 30_000; newPins.some((cid) => !storedCids.has(cid)) && Date.now() < deadline; newPins = await pinnedNow()) await sleep(1_000);
  const strayPins = newPins.filter((cid) => !storedCids.has(cid));
  const missingPins = [...storedCids].filter((cid) => !newPins.includes(cid) && !pinsBefore.has(cid));
  if (strayPins.length > 0) problems.push(`pinned without a stored upload: ${strayPins.join(', ')}`);
  if (missingPins.length > 0) problems.push(`stored but not pinned: ${missingPins.join(', ')}`);

  return {
    result: {
      scenario: `IPFS (Kubo) killed mid-upload, ${WORKERS} uploads of ${UPLOAD_BYTES / 1024 / 1024} MiB in flight`,
      killed: 'kubo',
      commands: uploads.length,
      lost: unclean.length + notAnchored + missingPins.length,
      duplicated: strayPins.length,
      failed: refused.length - unclean.length,
      restartSeconds,
      recoverySeconds: recoveryAfter(killedAt, stored.map((u) => u.endedAt)),
      // filled in by the caller, who read the pids before
      collateral: [],
    },
    problems,
  };
}
