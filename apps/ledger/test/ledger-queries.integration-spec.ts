import { randomUUID } from 'node:crypto';
import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { LEDGER_TOPICS } from '@gridledger/contracts';
import type { PrincipalName } from '@gridledger/service-auth';
import { credentialOf, envelopeOf, onboardUser, type PlatformUser, serviceBearer, signIn, stackConnections, startPlatformServices, waitForMessages } from '@gridledger/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { commandIdOf, commandMessage, sendCommands } from './support/ledger-commands.ts';

describe('ledger service: query API, metrics and replay on the real network', () => {
  let endpoints: PlatformEndpoints;
  let owner: PlatformUser;
  let committed: { txId: string; blockNumber: string };

  /** As a service that reads on users' behalf (storage), with its own service token. */
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const response = await fetch(`${endpoints.ledgerUrl}${path}`, { headers: { authorization: await serviceBearer('storage', 'ledger'), ...headers } });
    const text = await response.text();
    return { status: response.status, body: (response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text) as Record<string, unknown> & string };
  };

  beforeAll(async () => {
    endpoints = startPlatformServices();
    owner = await onboardUser(endpoints, 'GridMSP', 'owner');
    const message = await commandMessage({ userId: owner.id, contract: 'system', transaction: 'Ping', arguments: ['for the query API'] });
    await sendCommands([message]);
    const answers = await waitForMessages(LEDGER_TOPICS.txCommitted, (received) => received.some((m) => envelopeOf(m).data['commandId'] === commandIdOf(message)), 90_000);
    const answer = answers.map(envelopeOf).find((e) => e.data['commandId'] === commandIdOf(message));
    committed = { txId: String(answer?.data['txId']), blockNumber: String(answer?.data['blockNumber']) };
  });

  it('reports chain height and the status of a transaction, from its record and the chain', async () => {
    const height = await get('/chain/height');
    expect(height.status).toBe(200);
    expect(BigInt(height.body['height'] as string)).toBeGreaterThan(BigInt(committed.blockNumber));
    const status = await get(`/transactions/${committed.txId}`);
    expect(status.body).toMatchObject({ txId: committed.txId, status: 'VALID', blockNumber: committed.blockNumber });
    expect((await get(`/transactions/${'0'.repeat(64)}`)).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  /** The headers of a read the storage service makes on a user's behalf, attested as it attests one. */
  const onBehalfOf = async (userId: string, attestor: PrincipalName = 'storage') => {
    const { channel, chaincode } = stackConnections().fabric;
    return { 'x-gridledger-user': userId, 'x-gridledger-attestation': await credentialOf(attestor).attest({ commandId: randomUUID(), userId, mspId: null, channel, chaincode, contract: 'query', transaction: 'Read', arguments: [] }, 60) };
  };

  it("evaluates as the user named in the header, with the chaincode's visibility rules", async () => {
    const own = await get(`/accounts/${owner.id}`, await onBehalfOf(owner.id));
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ uid: owner.id });
    const stranger = await onboardUser(endpoints, 'ConsumerMSP', 'consumer');
    const refused = await get(`/accounts/${owner.id}`, await onBehalfOf(stranger.id));
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
    expect((await get(`/assets/${randomUUID()}`)).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
  });

  it('signs nothing for a user without proof that the user asked', async () => {
    // naming the user without an attestation, or with one from a service that does not read for users
    expect((await get(`/accounts/${owner.id}`, { 'x-gridledger-user': owner.id })).body).toMatchObject({ statusCode: 403, code: 'NOT_ATTESTED' });
    const fromStorageForAnother = await onBehalfOf(randomUUID());
    expect((await get(`/accounts/${owner.id}`, { ...fromStorageForAnother, 'x-gridledger-user': owner.id })).body).toMatchObject({ statusCode: 403, code: 'NOT_ATTESTED' });
  });

  it("reads as the user who calls with their own access token, and as no one else", async () => {
    const asOwner = { authorization: `Bearer ${await signIn(endpoints, owner)}` };
    const own = await fetch(`${endpoints.ledgerUrl}/accounts/${owner.id}`, { headers: asOwner });
    expect(await own.json()).toMatchObject({ uid: owner.id });
    const other = await fetch(`${endpoints.ledgerUrl}/accounts/${owner.id}`, { headers: { ...asOwner, 'x-gridledger-user': randomUUID() } });
    expect(await other.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
  });

  it('answers only the services that read the ledger, each with its own credential', async () => {
    const as = (holder: PrincipalName) => serviceBearer(holder, 'ledger').then((authorization) => fetch(`${endpoints.ledgerUrl}/chain/height`, { headers: { authorization } }));
    for (const reader of ['storage', 'access-policy', 'audit'] as const) expect((await as(reader)).status).toBe(200);
    const identity = await as('identity');
    expect(identity.status).toBe(403);
    expect(await identity.json()).toMatchObject({ code: 'SERVICE_NOT_PERMITTED' });
    // a token minted for another service is no key to this one
    const misaddressed = await fetch(`${endpoints.ledgerUrl}/chain/height`, { headers: { authorization: await serviceBearer('storage', 'identity') } });
    expect(misaddressed.status).toBe(401);
  });

  it('refuses a caller without the service credential and bad input, with a code', async () => {
    const anonymous = await fetch(`${endpoints.ledgerUrl}/chain/height`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await get('/assets?pageSize=5000')).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
    // a bookmark no page returned is the caller's mistake, not an outage
    expect((await get('/assets?bookmark=abc')).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT', message: expect.stringMatching(/bookmark/) });
  });

  it("exposes Prometheus metrics: its own figures, its consumer group's lag and Node's defaults", async () => {
    const metrics = await get('/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(/^gridledger_ledger_commands_total\{outcome="committed",service="ledger"\} [1-9]\d*$/m);
    expect(metrics.body).toMatch(/^gridledger_chain_height\{service="ledger"\} \d+$/m);
    expect(metrics.body).toMatch(/^gridledger_messaging_consumer_lag\{group="gridledger-ledger-commands",service="ledger"\} \d+$/m);
    expect(metrics.body).toMatch(/^process_resident_memory_bytes\{service="ledger"\} \d+$/m);
  });

  it('replays a block range into a topic chosen by the operator, with the events the relay wrote', async () => {
    const topic = `ops.replay-${randomUUID()}`;
    const response = await fetch(`${endpoints.ledgerUrl}/operator/replays`, {
      method: 'POST',
      headers: { authorization: await serviceBearer('operator', 'ledger'), 'content-type': 'application/json' },
      body: JSON.stringify({ fromBlock: committed.blockNumber, toBlock: committed.blockNumber, topic }),
    });
    const report = (await response.json()) as Record<string, unknown>;
    expect(report).toMatchObject({ blocks: 1, topic });
    expect(report['published']).toBeGreaterThanOrEqual(1);
    const replayed = await waitForMessages(topic, (received) => received.length >= Number(report['published']), 30_000);
    const event = replayed.map(envelopeOf).find((e) => e.id === committed.txId);
    expect(event).toMatchObject({ type: 'gridledger.chain.ping-recorded.v1', data: { txId: committed.txId, blockNumber: committed.blockNumber } });

    const publicTopic = await fetch(`${endpoints.ledgerUrl}/operator/replays`, {
      method: 'POST',
      headers: { authorization: await serviceBearer('operator', 'ledger'), 'content-type': 'application/json' },
      body: JSON.stringify({ fromBlock: 0, topic: 'gridledger.chain.ping-recorded.v1' }),
    });
    expect(publicTopic.status).toBe(400);
  });
});
