import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { generateRecipientKeyPair } from '@gridledger/file-crypto';
import { call, ownerAndFundedConsumer, signIn, type Answer, type PlatformUser } from '@gridledger/testing';

/**
 * The platform's other traffic during a scenario, beside the ledger commands: a data owner uploads
 * a small file, a consumer requests it, the owner approves, the consumer has the key released and
 * downloads. One flow after another, each on a fresh asset, so what the chain holds afterwards can
 * be counted per flow.
 */

const FILE_BYTES = 64 * 1024;
const PURPOSE = 'chaos';
const METADATA = {
  title: 'chaos mixed load',
  category: 'other',
  sensitivity: 'internal',
  priceCredits: 1,
  policy: { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: [PURPOSE], maxDurationSeconds: 86_400, maxDownloads: 100 },
};
/** how long one step may take, retried, before the flow counts as failed: a transient outage must not end a user's request */
const STEP_DEADLINE_MS = 180_000;

/** An answer a client should try again on: no answer at all, or a gateway or service that was not there. */
const transient = (a: Answer) => a.status === 0 || a.status === 502 || a.status === 503 || a.status === 504;
/** A refusal the platform gave on purpose: a 4xx or 5xx with a machine-readable code and a sentence. */
const clean = (a: Answer) => a.status >= 400 && typeof a.body['code'] === 'string' && typeof a.body['message'] === 'string';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function safely(ask: () => Promise<Answer>): Promise<Answer> {
  try {
    return await ask();
  } catch (error) {
    return { status: 0, body: { transportError: (error as Error).message } };
  }
}

interface Flow {
  assetId?: string;
  requestId?: string;
  sha256: string;
  /** the step that ended the flow without completing it, and the answer it got */
  failure?: { step: string; answer: Answer };
  completed: boolean;
  endedAt: number;
  /** steps asked again after a transient failure */
  retries: number;
}

export interface MixedLoadOutcome {
  flows: number;
  completed: number;
  /** flows ended by an answer that was not a clean refusal, or that a retry could not get past */
  problems: string[];
  /** when each completed flow ended, for the recovery time */
  completedAt: number[];
  retries: number;
}

export interface MixedLoadParties {
  owner: PlatformUser;
  consumer: PlatformUser;
}

interface SignedIn {
  token: Record<'owner' | 'consumer', string>;
}

/** An owner and a consumer with credits for a few hundred flows. */
export async function mixedLoadParties(endpoints: PlatformEndpoints): Promise<MixedLoadParties> {
  const { owner, consumer } = await ownerAndFundedConsumer(endpoints, 1_000);
  return { owner, consumer };
}

class FlowRunner {
  private readonly endpoints: PlatformEndpoints;
  private readonly parties: SignedIn;
  private readonly flow: Flow;

  constructor(endpoints: PlatformEndpoints, parties: SignedIn, flow: Flow) {
    this.endpoints = endpoints;
    this.parties = parties;
    this.flow = flow;
  }

  /**
   * One step, asked again while the answer is transient. `settled` looks at the platform's state
   * first, so a step whose answer was lost (the replica serving it was killed) is not done twice.
   */
  private async step(
    name: string,
    ask: () => Promise<Answer>,
    ok: (a: Answer) => boolean,
    { settled, again = transient, madeBefore }: { settled?: () => Promise<Answer | undefined>; again?: (a: Answer) => boolean; madeBefore?: (a: Answer) => boolean } = {},
  ): Promise<Answer | undefined> {
    const deadline = Date.now() + STEP_DEADLINE_MS;
    for (let first = true; ; first = false) {
      const already = first ? undefined : await settled?.();
      if (already) return already;
      const answer = await safely(ask);
      if (ok(answer)) return answer;
      // asked again, the platform says the lost attempt went through: wait for it to show
      if (!first && settled && madeBefore?.(answer)) {
        for (const until = Date.now() + 30_000; Date.now() < until; await sleep(500)) {
          const made = await settled();
          if (made) return made;
        }
      }
      if (!again(answer) || Date.now() > deadline) {
        this.flow.failure = { step: name, answer };
        return undefined;
      }
      if (transient(answer)) this.flow.retries += 1;
      await sleep(transient(answer) ? 1_000 : 250);
    }
  }

  async run(): Promise<void> {
    const { storageUrl, accessPolicyUrl } = this.endpoints;
    const { token } = this.parties;
    const content = randomBytes(FILE_BYTES);
    this.flow.sha256 = sha256(content);

    // an upload answered by no one cannot be asked again (its body is gone); a new one is made
    const uploaded = await this.step('upload', () => upload(storageUrl, token.owner, content), (a) => a.status === 201 || a.status === 202);
    if (!uploaded) return;
    const assetId = String(uploaded.body['assetId']);
    this.flow.assetId = assetId;
    const stillPending = (a: Answer) => transient(a) || (a.status === 200 && a.body['status'] === 'pending');
    const anchored = await this.step('anchoring', () => call(storageUrl, 'GET', `/files/${assetId}`, token.owner), (a) => a.status === 200 && a.body['status'] === 'anchored', { again: stillPending });
    if (!anchored) return;

    const mine = async () => {
      const listed = await safely(() => call(accessPolicyUrl, 'GET', `/requests?view=consumer&assetId=${assetId}`, token.consumer));
      const items = (listed.body['items'] as Record<string, unknown>[] | undefined) ?? [];
      return items[0] ? { status: 201, body: items[0] } : undefined;
    };
    const requested = await this.step('request', () => call(accessPolicyUrl, 'POST', '/requests', token.consumer, { assetId, purpose: PURPOSE, durationSeconds: 3600 }), (a) => a.status === 201, {
      settled: mine,
      // one open request per consumer and asset: the chain refuses a second, naming the first
      madeBefore: (a) => a.status === 409 && /already has an open request/.test(String(a.body['message'])),
    });
    if (!requested) return;
    const requestId = String(requested.body['id']);
    this.flow.requestId = requestId;

    const granted = async () => {
      const current = await safely(() => call(accessPolicyUrl, 'GET', `/requests/${requestId}`, token.consumer));
      return current.body['status'] === 'granted' ? current : undefined;
    };
    // the approval is answered once the chain has it; a read model a moment behind answers "still pending"
    if (!(await this.step('approval', () => call(accessPolicyUrl, 'POST', `/requests/${requestId}/approve`, token.owner, { reason: 'chaos load' }), (a) => a.status === 200, { settled: granted }))) return;

    const { publicKeyPem } = generateRecipientKeyPair();
    if (!(await this.step('key release', () => call(storageUrl, 'POST', `/files/${assetId}/key-release`, token.consumer, { publicKey: publicKeyPem }), (a) => a.status === 200))) return;

    const downloaded = await this.step('download', () => download(storageUrl, token.consumer, assetId), (a) => a.status === 200);
    if (!downloaded) return;
    if (downloaded.body['sha256'] !== this.flow.sha256) {
      this.flow.failure = { step: 'download', answer: { status: 200, body: { problem: 'the bytes differ from those uploaded' } } };
      return;
    }
    this.flow.completed = true;
  }
}

async function upload(storageUrl: string, token: string, content: Buffer): Promise<Answer> {
  const form = new FormData();
  form.append('metadata', JSON.stringify(METADATA));
  form.append('file', new Blob([new Uint8Array(content)], { type: 'text/csv' }), 'load.csv');
  const response = await fetch(`${storageUrl}/files`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: response.status, body: { text: text.slice(0, 200) } };
  }
}

/** The file as the consumer downloads it, reduced to its hash (the body of an error answer as it is). */
async function download(storageUrl: string, token: string, assetId: string): Promise<Answer> {
  const response = await fetch(`${storageUrl}/files/${assetId}/content`, { headers: { authorization: `Bearer ${token}` } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status !== 200) {
    try {
      return { status: response.status, body: JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown> };
    } catch {
      return { status: response.status, body: {} };
    }
  }
  return { status: 200, body: { sha256: sha256(bytes) } };
}

/**
 * Runs flows back to back until `stop()`, which lets the flow in hand finish and then checks
 * every flow against the platform: one request per asset (none lost, none doubled), and on chain a
 * grant with its download counted.
 */
export async function startMixedLoad(endpoints: PlatformEndpoints, { owner, consumer }: MixedLoadParties): Promise<{ stop(): Promise<MixedLoadOutcome> }> {
  // signed in afresh for each scenario: a suite outlasts an access token
  const parties: SignedIn = { token: { owner: await signIn(endpoints, owner), consumer: await signIn(endpoints, consumer) } };
  const flows: Flow[] = [];
  let stopping = false;
  const running = (async () => {
    while (!stopping) {
      const flow: Flow = { sha256: '', completed: false, endedAt: 0, retries: 0 };
      flows.push(flow);
      await new FlowRunner(endpoints, parties, flow).run();
      flow.endedAt = Date.now();
      // a user whose request failed does not come straight back
      if (flow.failure) await sleep(1_000);
    }
  })();

  return {
    async stop() {
      stopping = true;
      await running;
      const problems: string[] = [];
      for (const flow of flows) {
        if (flow.failure) problems.push(`${flow.failure.step} of asset ${flow.assetId ?? '(none)'} ended the flow: ${flow.failure.answer.status} ${JSON.stringify(flow.failure.answer.body).slice(0, 300)}${clean(flow.failure.answer) ? '' : ' (not a clean refusal)'}`);
        if (flow.assetId) problems.push(...(await checkOnPlatform(endpoints, parties, flow)));
      }
      return {
        flows: flows.length,
        completed: flows.filter((f) => f.completed).length,
        problems,
        completedAt: flows.filter((f) => f.completed).map((f) => f.endedAt),
        retries: flows.reduce((sum, f) => sum + f.retries, 0),
      };
    },
  };
}

/** What the platform holds for one flow: at most one request for its asset, and for a completed flow a grant with one download at least. */
async function checkOnPlatform(endpoints: PlatformEndpoints, { token }: SignedIn, flow: Flow): Promise<string[]> {
  const listed = await call(endpoints.accessPolicyUrl, 'GET', `/requests?view=consumer&assetId=${flow.assetId}`, token.consumer);
  const requests = (listed.body['items'] as unknown[] | undefined) ?? [];
  const problems: string[] = [];
  if (requests.length > 1) problems.push(`asset ${flow.assetId} has ${requests.length} requests for one flow`);
  if (flow.requestId && requests.length === 0) problems.push(`request ${flow.requestId} was answered but is not listed`);
  if (flow.completed && flow.requestId) {
    const onChain = await call(endpoints.ledgerUrl, 'GET', `/requests/${flow.requestId}`, token.consumer);
    const grant = onChain.body['grant'] as { used?: number; downloads?: number } | undefined;
    if (!grant || (grant.downloads ?? 0) < 1) problems.push(`request ${flow.requestId} completed its download, but the chain's grant shows ${JSON.stringify(grant)}`);
  }
  return problems;
}
