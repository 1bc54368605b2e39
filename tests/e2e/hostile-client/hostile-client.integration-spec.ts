import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { ACCESS_TOPICS, CHAIN_TOPICS, IDENTITY_TOPICS, LEDGER_TOPICS, STORAGE_TOPICS } from '@gridledger/contracts';
import { deadLetterTopic } from '@gridledger/messaging';
import { SERVICE_KAFKA_ACCESS } from '@gridledger/stack';
import { onboardUser, outsideReader, publishMessages, removeOutsideReader, serviceBearer, signIn, startPlatformServices, testKafka, waitForMessages, type PlatformUser } from '@gridledger/testing';
import type { JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgeries } from '../support/forged-tokens.ts';
import { eventually, send, upload, type Seen } from '../support/hostile-http.ts';
import { writeReport, type CaseResult } from '../support/security-report.ts';
import { differences, StateSnapshot } from '../support/state-snapshot.ts';

/**
 * The platform tried as a hostile client would: forged tokens, other people's ids, other roles'
 * endpoints, extra fields, hostile file names, oversize and deep bodies, injection strings,
 * malformed cursors, replays, bad keys, strangers' credits, suspended and frozen parties, internal
 * routes, forged commands and poison events. Each case asserts the exact status and code, and that
 * the chain, the services' rows, the balances and the public topics are as they were.
 */
interface AttackCase {
  attackClass: string;
  name: string;
  expect: { status: number; code: string | null };
  run: () => Promise<Pick<Seen, 'status' | 'code'>>;
  /** snapshot paths the attack itself writes (a poison event on the topic it was published to) */
  ignore?: string[];
}

const results: CaseResult[] = [];

describe('the platform against a hostile client', () => {
  let e: PlatformEndpoints;
  const token: Record<string, string> = {};
  const user: Record<string, PlatformUser> = {};
  let assetId: string;
  let frozenAssetId: string;
  let requestId: string;
  let pendingRequestId: string;
  let hostileNameAssetId: string;
  let snapshot: StateSnapshot;
  let jwks: { keys: JWK[] };
  const policy = { allowedOrgs: ['ConsumerMSP'], allowedRoles: ['consumer'], allowedPurposes: ['research'], maxDurationSeconds: 86_400, maxDownloads: 3 };
  const metadata = (title: string) => ({ title, description: 'hostile-client suite', category: 'load-curve', sensitivity: 'internal', priceCredits: 10, policy });
  const anchored = async (id: string) => eventually(() => send(`${e.storageUrl}/files/${id}`, { token: token['owner'] }), (s) => s.body['status'] === 'anchored', `anchoring of ${id}`);

  beforeAll(async () => {
    e = startPlatformServices();
    for (const [name, msp, role] of [['owner', 'GridMSP', 'owner'], ['consumer', 'ConsumerMSP', 'consumer'], ['stranger', 'ConsumerMSP', 'consumer'], ['suspended', 'ConsumerMSP', 'consumer'], ['frozen', 'ConsumerMSP', 'consumer'], ['regulator', 'RegulatorMSP', 'regulator'], ['gridAdmin', 'GridMSP', 'admin']] as const) {
      user[name] = await onboardUser(e, msp, role);
      token[name] = await signIn(e, user[name]);
    }
    const consumerAdmin = e.admins.find((a) => a.mspId === 'ConsumerMSP');
    if (!consumerAdmin) throw new Error('no ConsumerMSP admin');
    token['consumerAdmin'] = await signIn(e, consumerAdmin);
    for (const name of ['consumer', 'stranger', 'frozen']) {
      expect((await send(`${e.accessPolicyUrl}/accounts/${user[name]?.id}/credits`, { method: 'POST', token: token['consumerAdmin'], json: { amount: 100 } })).status).toBe(201);
    }
    assetId = String((await upload(e.storageUrl, token['owner'] ?? '', metadata('hostile target'), Buffer.from('t,kw\n1,2\n'), 'target.csv')).body['assetId']);
    frozenAssetId = String((await upload(e.storageUrl, token['owner'] ?? '', metadata('frozen target'), Buffer.from('t,kw\n3,4\n'), 'frozen.csv')).body['assetId']);
    hostileNameAssetId = String((await upload(e.storageUrl, token['owner'] ?? '', metadata('hostile name'), Buffer.from('t,kw\n5,6\n'), '../../etc/passwd\r\nX-Injected: yes.csv')).body['assetId']);
    for (const id of [assetId, frozenAssetId, hostileNameAssetId]) await anchored(id);
    const requested = await send(`${e.accessPolicyUrl}/requests`, { method: 'POST', token: token['consumer'], json: { assetId, purpose: 'research', durationSeconds: 3600 } });
    requestId = String(requested.body['id']);
    expect((await send(`${e.accessPolicyUrl}/requests/${requestId}/approve`, { method: 'POST', token: token['owner'], json: { reason: 'ok' } })).body['status']).toBe('granted');
    // and one waiting for the owner, which its requester must not be able to approve
    pendingRequestId = String((await send(`${e.accessPolicyUrl}/requests`, { method: 'POST', token: token['stranger'], json: { assetId, purpose: 'research', durationSeconds: 3600 } })).body['id']);
    expect((await send(`${e.accessPolicyUrl}/supervision/assets/${frozenAssetId}/freeze`, { method: 'POST', token: token['regulator'], json: { reason: 'audit' } })).status).toBe(200);
    expect((await send(`${e.accessPolicyUrl}/supervision/users/${user['frozen']?.id}/freeze`, { method: 'POST', token: token['regulator'], json: { reason: 'audit' } })).status).toBe(200);
    expect((await send(`${e.identityUrl}/users/${user['suspended']?.id}/suspend`, { method: 'POST', token: token['consumerAdmin'], json: { reason: 'left' } })).status).toBeLessThan(300);
    // every service has heard of the suspension before the cases start
    await eventually(() => send(`${e.storageUrl}/files/${assetId}`, { token: token['suspended'] }), (s) => s.code === 'USER_SUSPENDED', 'the suspension at storage');
    jwks = (await send(`${e.identityUrl}/.well-known/jwks.json`)).body as unknown as { keys: JWK[] };
    snapshot = new StateSnapshot({
      ledgerUrl: e.ledgerUrl,
      regulatorToken: token['regulator'] ?? '',
      assetIds: [assetId, frozenAssetId],
      requestIds: [requestId, pendingRequestId],
      userIds: ['consumer', 'stranger', 'owner', 'frozen'].map((name) => user[name]?.id ?? ''),
    });
  }, 600_000);

  afterAll(async () => {
    await snapshot?.close();
    if (results.length > 0) console.log(`hostile-client report: ${writeReport(results)}`);
  });

  /** Runs one case between two snapshots and keeps its row for the report. */
  async function attack(c: AttackCase): Promise<void> {
    const before = await snapshot.take();
    const seen = await c.run();
    const changed = differences(before, await snapshot.take()).filter((path) => !c.ignore?.includes(path));
    results.push({ attackClass: c.attackClass, name: c.name, status: seen.status, code: seen.code, expected: `${c.expect.status} ${c.expect.code ?? ''}`.trim(), unchanged: changed.length === 0, changed });
    expect({ status: seen.status, code: seen.code }, `${c.attackClass}: ${c.name}`).toEqual(c.expect);
    expect(changed, `${c.attackClass}: ${c.name} changed state`).toEqual([]);
  }

  const get = (url: string, as?: string) => () => send(url, as ? { token: token[as] } : {});
  const post = (url: string, as: string | undefined, json: unknown) => () => send(url, { method: 'POST', ...(as ? { token: token[as] } : {}), json });

  it('token forgery: every forged, tampered or foreign token is refused at every service', async () => {
    const forged = await forgeries(token['consumer'] ?? '', jwks);
    for (const [name, bad] of Object.entries(forged)) {
      for (const [service, url] of [['storage', `${e.storageUrl}/files/${assetId}`], ['access-policy', `${e.accessPolicyUrl}/inbox`], ['ledger', `${e.ledgerUrl}/accounts/${user['consumer']?.id}`], ['entry', `${e.webUrl}/api/access/inbox`]] as const) {
        await attack({ attackClass: `token forgery: ${name}`, name: `at ${service}`, expect: { status: 401, code: 'INVALID_TOKEN' }, run: () => send(url, { headers: { authorization: `Bearer ${bad}` } }) });
      }
    }
  });

  it('guessed ids (BOLA): another user\'s request, file, balance and key envelope', async () => {
    await attack({ attackClass: 'BOLA', name: "a stranger reads the consumer's request", expect: { status: 404, code: 'NOT_FOUND' }, run: get(`${e.accessPolicyUrl}/requests/${requestId}`, 'stranger') });
    await attack({ attackClass: 'BOLA', name: 'a stranger downloads a file without a grant', expect: { status: 403, code: 'ACCESS_DENIED' }, run: get(`${e.storageUrl}/files/${assetId}/content`, 'stranger') });
    await attack({ attackClass: 'BOLA', name: "a stranger reads another consumer's balance", expect: { status: 403, code: 'FORBIDDEN' }, run: get(`${e.ledgerUrl}/accounts/${user['consumer']?.id}`, 'stranger') });
    await attack({ attackClass: 'BOLA', name: "a stranger asks for the consumer's key envelope", expect: { status: 403, code: 'ACCESS_DENIED' }, run: get(`${e.storageUrl}/files/${assetId}/key-envelope`, 'stranger') });
    await attack({ attackClass: 'BOLA', name: 'a random request id', expect: { status: 404, code: 'NOT_FOUND' }, run: get(`${e.accessPolicyUrl}/requests/${randomUUID()}`, 'consumer') });
  });

  it('every write endpoint tried by the wrong role', async () => {
    await attack({ attackClass: 'wrong role', name: 'a consumer approves their own pending request', expect: { status: 403, code: 'FORBIDDEN' }, run: post(`${e.accessPolicyUrl}/requests/${pendingRequestId}/approve`, 'stranger', { reason: 'self' }) });
    await attack({ attackClass: 'wrong role', name: 'a consumer freezes an asset', expect: { status: 403, code: 'FORBIDDEN' }, run: post(`${e.accessPolicyUrl}/supervision/assets/${assetId}/freeze`, 'consumer', { reason: 'x' }) });
    await attack({ attackClass: 'wrong role', name: 'an owner mints credits', expect: { status: 403, code: 'FORBIDDEN' }, run: post(`${e.accessPolicyUrl}/accounts/${user['owner']?.id}/credits`, 'owner', { amount: 5 }) });
    await attack({ attackClass: 'wrong role', name: "a consumer edits an asset's policy", expect: { status: 403, code: 'FORBIDDEN' }, run: () => send(`${e.accessPolicyUrl}/assets/${assetId}/policy`, { method: 'PUT', token: token['consumer'], json: { ...policy, maxDownloads: 100 } }) });
    await attack({ attackClass: 'wrong role', name: "a consumer sets an asset's price", expect: { status: 403, code: 'FORBIDDEN' }, run: () => send(`${e.accessPolicyUrl}/assets/${assetId}/details`, { method: 'PATCH', token: token['consumer'], json: { priceCredits: 0 } }) });
    await attack({ attackClass: 'wrong role', name: 'a consumer retires an asset', expect: { status: 403, code: 'FORBIDDEN' }, run: post(`${e.accessPolicyUrl}/assets/${assetId}/retire`, 'consumer', { reason: 'x' }) });
    await attack({ attackClass: 'wrong role', name: 'a consumer onboards a regulator', expect: { status: 403, code: 'FORBIDDEN' }, run: post(`${e.identityUrl}/organizations/RegulatorMSP/users`, 'consumer', { username: `x-${randomUUID().slice(0, 8)}`, email: 'x@x.example', password: 'Long-enough-pass-1', role: 'regulator' }) });
    await attack({ attackClass: 'wrong role', name: 'an admin onboards into another organisation', expect: { status: 403, code: 'FORBIDDEN' }, run: post(`${e.identityUrl}/organizations/RegulatorMSP/users`, 'gridAdmin', { username: `x-${randomUUID().slice(0, 8)}`, email: 'x@x.example', password: 'Long-enough-pass-1', role: 'regulator' }) });
  });

  it('mass assignment: fields a client may not set are refused, not ignored', async () => {
    await attack({ attackClass: 'mass assignment', name: 'a request that says it is granted', expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: post(`${e.accessPolicyUrl}/requests`, 'stranger', { assetId, purpose: 'research', durationSeconds: 3600, status: 'granted' }) });
    await attack({ attackClass: 'mass assignment', name: 'a policy that names its owner', expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: () => send(`${e.accessPolicyUrl}/assets/${assetId}/policy`, { method: 'PUT', token: token['owner'], json: { ...policy, owner: { mspId: 'ConsumerMSP', uid: user['stranger']?.id } } }) });
    await attack({ attackClass: 'mass assignment', name: 'asset details that move its owner or its status', expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: () => send(`${e.accessPolicyUrl}/assets/${assetId}/details`, { method: 'PATCH', token: token['owner'], json: { title: 'mine now', owner: { mspId: 'ConsumerMSP', uid: user['stranger']?.id }, status: 'active' } }) });
    await attack({ attackClass: 'mass assignment', name: 'credits with a balance field', expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: post(`${e.accessPolicyUrl}/accounts/${user['consumer']?.id}/credits`, 'consumerAdmin', { amount: 1, balance: 1_000_000 }) });
  });

  it('hostile file names come back harmless', async () => {
    let disposition = '';
    await attack({
      attackClass: 'traversal and CRLF in file names',
      name: '../../etc/passwd with a CRLF header, downloaded by its owner',
      expect: { status: 200, code: null },
      run: async () => {
        const response = await fetch(`${e.storageUrl}/files/${hostileNameAssetId}/content`, { headers: { authorization: `Bearer ${token['owner']}` } });
        disposition = response.headers.get('content-disposition') ?? '';
        await response.arrayBuffer();
        return { status: response.status, code: null };
      },
    });
    expect(disposition).not.toMatch(/[\r\n]|\.\.|\//);
    expect(disposition).toContain('passwd');
  });

  it('oversize, deep and polluting bodies', async () => {
    // deep, yet under the JSON size limit, so it is the depth that is tried
    const deep = `${'['.repeat(30_000)}${']'.repeat(30_000)}`;
    await attack({ attackClass: 'oversize body', name: 'a 2 MiB JSON body', expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' }, run: () => send(`${e.accessPolicyUrl}/requests`, { method: 'POST', token: token['stranger'], headers: { 'content-type': 'application/json' }, body: JSON.stringify({ assetId, purpose: 'x'.repeat(2 * 1024 * 1024) }) }) });
    await attack({
      attackClass: 'oversize upload',
      name: 'an upload that says it is 64 GiB',
      expect: { status: 413, code: 'PAYLOAD_TOO_LARGE' },
      run: async () => {
        // a body that would go on for ever: the service must refuse on the declared length, before reading it
        const body = Readable.toWeb(Readable.from((async function* () { yield Buffer.alloc(1024); await new Promise((resolve) => setTimeout(resolve, 60_000)); })())) as ReadableStream;
        const response = await fetch(`${e.storageUrl}/files`, { method: 'POST', headers: { authorization: `Bearer ${token['owner']}`, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(64 * 1024 ** 3) }, body, duplex: 'half' } as RequestInit);
        const json = (await response.json()) as { code?: string };
        return { status: response.status, code: json.code ?? null };
      },
    });
    await attack({ attackClass: 'deep JSON', name: '30,000 nested arrays', expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: () => send(`${e.accessPolicyUrl}/requests`, { method: 'POST', token: token['stranger'], headers: { 'content-type': 'application/json' }, body: deep }) });
    await attack({ attackClass: 'prototype pollution', name: '__proto__ in a request body', expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: () => send(`${e.accessPolicyUrl}/requests`, { method: 'POST', token: token['stranger'], headers: { 'content-type': 'application/json' }, body: `{"assetId":"${assetId}","purpose":"research","durationSeconds":3600,"__proto__":{"isAdmin":true}}` }) });
    await attack({ attackClass: 'malformed JSON', name: 'a body that is not JSON', expect: { status: 400, code: 'INVALID_JSON' }, run: () => send(`${e.accessPolicyUrl}/requests`, { method: 'POST', token: token['stranger'], headers: { 'content-type': 'application/json' }, body: '{"assetId":' }) });
  });

  it('SQL strings, malformed cursors, bookmarks, CIDs and ids', async () => {
    await attack({ attackClass: 'SQL injection', name: "catalog words ' OR 1=1 --", expect: { status: 200, code: null }, run: get(`${e.accessPolicyUrl}/catalog?q=${encodeURIComponent("' OR 1=1 --")}`, 'stranger') });
    await attack({ attackClass: 'SQL injection', name: "audit userId ' or '1'='1", expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: get(`${e.auditUrl}/audit/events?userId=${encodeURIComponent("' or '1'='1")}`, 'regulator') });
    await attack({ attackClass: 'malformed cursor', name: 'audit after=not-a-date|x', expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: get(`${e.auditUrl}/audit/events?after=${encodeURIComponent('not-a-date|x')}`, 'regulator') });
    await attack({ attackClass: 'malformed bookmark', name: 'ledger bookmark=abc', expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: get(`${e.ledgerUrl}/assets?bookmark=abc`, 'stranger') });
    await attack({ attackClass: 'bad ids', name: 'a file id that is no UUID', expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: get(`${e.storageUrl}/files/..%2F..%2Fetc`, 'owner') });
    await attack({ attackClass: 'bad ids', name: 'an asset id with a space', expect: { status: 400, code: 'INVALID_ARGUMENT' }, run: get(`${e.ledgerUrl}/assets/a%20b`, 'stranger') });
    await attack({ attackClass: 'bad ids', name: 'a reconciliation of an asset nobody knows', expect: { status: 404, code: 'NOT_FOUND' }, run: post(`${e.auditUrl}/audit/reconciliations`, 'regulator', { assetIds: [`ghost-${randomUUID()}`] }) });
  });

  it('replays: an approval again, a key release again', async () => {
    // a replay is answered as the decision was made (a user whose answer was lost asks again), and writes nothing
    await attack({ attackClass: 'replayed approval', name: 'the owner approves a granted request again', expect: { status: 200, code: null }, run: post(`${e.accessPolicyUrl}/requests/${requestId}/approve`, 'owner', { reason: 'again' }) });
    await attack({ attackClass: 'replayed approval', name: 'the owner rejects a request already granted', expect: { status: 409, code: 'FAILED_PRECONDITION' }, run: post(`${e.accessPolicyUrl}/requests/${requestId}/reject`, 'owner', { reason: 'too late' }) });
  });

  it('downloads: a broken or partial transfer is not counted; tickets are the consumer\'s own and spend no more than the grant', async () => {
    const download = (as: string, headers: Record<string, string> = {}) => () => send(`${e.storageUrl}/files/${assetId}/content`, { token: token[as], headers });
    let ticket = '';
    await attack({
      attackClass: 'download counted before its bytes',
      name: 'a transfer that stops short of the end uses no download',
      expect: { status: 206, code: null },
      run: async () => {
        const seen = await download('consumer', { range: 'bytes=0-3' })();
        ticket = seen.headers.get('x-download-ticket') ?? '';
        return seen;
      },
    });
    await attack({ attackClass: 'download tickets', name: "someone else's ticket", expect: { status: 404, code: 'TICKET_NOT_FOUND' }, run: download('stranger', { 'x-download-ticket': ticket, range: 'bytes=4-' }) });
    await attack({ attackClass: 'download tickets', name: 'a ticket that is not one', expect: { status: 404, code: 'TICKET_NOT_FOUND' }, run: download('consumer', { 'x-download-ticket': "' or 1=1 --", range: 'bytes=4-' }) });
    await attack({ attackClass: 'download tickets', name: 'several ranges at once', expect: { status: 416, code: 'RANGE_NOT_SATISFIABLE' }, run: download('consumer', { 'x-download-ticket': ticket, range: 'bytes=0-1,4-5' }) });
    const usedBefore = ((await send(`${e.ledgerUrl}/requests/${requestId}`, { token: token['consumer'] })).body['grant'] as { used: number }).used;
    const rest = await download('consumer', { 'x-download-ticket': ticket, range: 'bytes=4-' })();
    expect(rest.status).toBe(206);
    expect(((await send(`${e.ledgerUrl}/requests/${requestId}`, { token: token['consumer'] })).body['grant'] as { used: number }).used).toBe(usedBefore + 1);
    await attack({ attackClass: 'download tickets', name: 'a finished download read again on its ticket costs nothing more', expect: { status: 206, code: null }, run: download('consumer', { 'x-download-ticket': ticket, range: 'bytes=1-' }) });
  });

  it('invalid and low-order recipient keys', async () => {
    const zero = Buffer.alloc(32).toString('base64');
    await attack({ attackClass: 'low-order key', name: 'all-zero key at storage', expect: { status: 400, code: 'INVALID_PUBLIC_KEY' }, run: post(`${e.storageUrl}/files/${assetId}/key-release`, 'consumer', { publicKey: zero }) });
    await attack({ attackClass: 'low-order key', name: 'all-zero key with a request', expect: { status: 400, code: 'INVALID_PUBLIC_KEY' }, run: post(`${e.accessPolicyUrl}/requests`, 'stranger', { assetId, purpose: 'research', durationSeconds: 3600, recipientPublicKey: zero }) });
    await attack({ attackClass: 'invalid key', name: 'not a key at all', expect: { status: 400, code: 'INVALID_PUBLIC_KEY' }, run: post(`${e.storageUrl}/files/${assetId}/key-release`, 'consumer', { publicKey: 'hello' }) });
    await attack({ attackClass: 'low-order key', name: 'as a user\'s own encryption key', expect: { status: 400, code: 'INVALID_PUBLIC_KEY' }, run: () => send(`${e.identityUrl}/users/me/encryption-key`, { method: 'PUT', token: token['stranger'], json: { publicKey: zero } }) });
  });

  it('credits for strangers', async () => {
    await attack({ attackClass: 'minting for strangers', name: 'a user who does not exist', expect: { status: 404, code: 'NOT_FOUND' }, run: post(`${e.accessPolicyUrl}/accounts/ghost-x/credits`, 'consumerAdmin', { amount: 5 }) });
    await attack({ attackClass: 'minting for strangers', name: 'a user of another organisation', expect: { status: 403, code: 'FORBIDDEN' }, run: post(`${e.accessPolicyUrl}/accounts/${user['owner']?.id}/credits`, 'consumerAdmin', { amount: 5 }) });
  });

  it('suspended users and frozen assets and users, on every action', async () => {
    await attack({ attackClass: 'suspended user', name: 'reads the catalog', expect: { status: 403, code: 'USER_SUSPENDED' }, run: get(`${e.accessPolicyUrl}/catalog`, 'suspended') });
    await attack({ attackClass: 'suspended user', name: 'requests access', expect: { status: 403, code: 'USER_SUSPENDED' }, run: post(`${e.accessPolicyUrl}/requests`, 'suspended', { assetId, purpose: 'research', durationSeconds: 3600 }) });
    await attack({ attackClass: 'suspended user', name: 'reads the ledger', expect: { status: 403, code: 'USER_SUSPENDED' }, run: get(`${e.ledgerUrl}/accounts/${user['suspended']?.id}`, 'suspended') });
    await attack({ attackClass: 'frozen asset', name: 'a request for it', expect: { status: 403, code: 'FROZEN' }, run: post(`${e.accessPolicyUrl}/requests`, 'stranger', { assetId: frozenAssetId, purpose: 'research', durationSeconds: 3600 }) });
    await attack({ attackClass: 'frozen asset', name: 'its owner downloads it', expect: { status: 403, code: 'FROZEN' }, run: get(`${e.storageUrl}/files/${frozenAssetId}/content`, 'owner') });
    await attack({ attackClass: 'frozen user', name: 'requests access', expect: { status: 403, code: 'FROZEN' }, run: post(`${e.accessPolicyUrl}/requests`, 'frozen', { assetId, purpose: 'research', durationSeconds: 3600 }) });
  });

  it('internal routes through the public entry, and service credentials', async () => {
    for (const path of ['/api/identity/internal/signatures', '/api/ledger/operator/replays', '/api/storage/internal/files', '/api/access/operator/expiry/run']) {
      await attack({ attackClass: 'internal routes through the entry', name: path, expect: { status: 404, code: 'NOT_FOUND' }, run: () => send(`${e.webUrl}${path}`, { method: 'POST', token: token['regulator'] }) });
    }
    await attack({ attackClass: 'signing API', name: "a user's own token", expect: { status: 401, code: 'SERVICE_UNAUTHENTICATED' }, run: post(`${e.identityUrl}/internal/signatures`, 'consumer', {}) });
    await attack({ attackClass: 'signing API', name: "another service's token", expect: { status: 403, code: 'SERVICE_NOT_PERMITTED' }, run: async () => send(`${e.identityUrl}/internal/signatures`, { method: 'POST', headers: { authorization: await serviceBearer('storage', 'identity') }, json: {} }) });
  });

  it('Kafka: a forged command and a poison event', async () => {
    const name = `hostile-${randomUUID().slice(0, 8)}`;
    const reader = outsideReader(name);
    try {
      await attack({
        attackClass: 'forged command',
        name: 'a read-only principal writes the command topic',
        expect: { status: 403, code: 'TOPIC_AUTHORIZATION_FAILED' },
        run: async () => {
          const producer = testKafka('hostile', reader).producer();
          await producer.connect();
          try {
            await producer.send({ topic: LEDGER_TOPICS.submitRequested, messages: [{ value: '{}' }] });
            return { status: 200, code: null };
          } catch (error) {
            let cause = error as { type?: string; originalError?: unknown; cause?: unknown };
            while (!cause.type && (cause.originalError || cause.cause)) cause = (cause.originalError ?? cause.cause) as typeof cause;
            return { status: 403, code: cause.type ?? null };
          } finally {
            await producer.disconnect();
          }
        },
      });
    } finally {
      removeOutsideReader(name);
    }
  });

  it('a poison event on every kind of topic a service consumes is dead-lettered by each consumer, and changes nothing else', async () => {
    const poisoned: string[] = [LEDGER_TOPICS.submitRequested, LEDGER_TOPICS.txCommitted, ACCESS_TOPICS.keyReleaseRequested, CHAIN_TOPICS.AssetRegistered, STORAGE_TOPICS.keyReleased, IDENTITY_TOPICS.userRegistered];
    for (const topic of poisoned) {
      const consumers = Object.entries(SERVICE_KAFKA_ACCESS).filter(([, access]) => access.consumes.includes(topic)).map(([service]) => `gridledger-${service}`);
      const marker = randomUUID();
      await attack({
        attackClass: 'poison event',
        name: `${topic} (read by ${consumers.map((c) => c.replace('gridledger-', '')).join(', ')})`,
        expect: { status: 200, code: 'DEAD_LETTERED' },
        ignore: [`topics.${topic}`],
        run: async () => {
          await publishMessages(topic, [{ key: marker, value: `not json ${marker}` }]);
          const dead = await waitForMessages(deadLetterTopic(topic), (received) => consumers.every((group) => received.some((m) => m.key === marker && m.headers['dlq_group']?.startsWith(group))), 60_000);
          return { status: 200, code: dead.some((m) => m.key === marker) ? 'DEAD_LETTERED' : null };
        },
      });
    }
  });
});
