import { setTimeout as sleep } from 'node:timers/promises';
import { loadConnectionConfig, type PlatformEndpoints, serviceDatabaseUrl } from '@gridledger/stack-connection';
import { call, eventually, killComponent, ownerAndFundedConsumer, startPlatformServices, uploadAndAnchor } from '@gridledger/testing';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The access-policy service is SIGKILLed after it has written a request's chain command (with the
 * outbox event) and before the ledger's answer: the stack restarts it, and the request reaches the
 * chain exactly once, escrow included, and the read model shows it.
 */
describe('access-policy crash between command and answer', () => {
  let endpoints: PlatformEndpoints;
  let token: Record<'owner' | 'consumer', string>;
  let assetId: string;

  beforeAll(async () => {
    endpoints = startPlatformServices();
    ({ token } = await ownerAndFundedConsumer(endpoints, 50));
    const file = await uploadAndAnchor(endpoints, token['owner'], {
      title: 'Substation 4 measurements', category: 'substation-measurement', sensitivity: 'internal', priceCredits: 30,
      policy: { allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 86_400, maxDownloads: 2 },
    }, Buffer.from('t,kv\n0,110.2\n'), 'sub4.csv');
    assetId = String(file['assetId']);
  }, 600_000);

  it('commits the request once, escrow once, after the restart', async () => {
    const db = new pg.Client({ connectionString: serviceDatabaseUrl(loadConnectionConfig(), 'access_policy') });
    await db.connect();
    try {
      const since = (await db.query<{ now: Date }>('select now()')).rows[0]?.now;
      const pending = call(endpoints.accessPolicyUrl, 'POST', '/requests', token['consumer'], { assetId, purpose: 'planning', durationSeconds: 3600 }).catch((error: Error) => error);
      // the moment the command is written (with its outbox event), the service dies
      for (let i = 0; ; i++) {
        const { rows } = await db.query("select 1 from ledger_commands where transaction = 'RequestAccess' and created_at >= $1 and answer_topic is null", [since]);
        if (rows.length) break;
        if (i > 2000) throw new Error('the request command was never written');
        await sleep(5);
      }
      killComponent('access-policy');
      const outcome = await pending;
      // the caller saw the connection drop, or (if the answer was quicker than the kill) a 201
      if (!(outcome instanceof Error)) expect([201, 504]).toContain(outcome.status);
    } finally {
      await db.end();
    }

    startPlatformServices();
    const mine = await eventually(
      () => call(endpoints.accessPolicyUrl, 'GET', `/requests?view=consumer&assetId=${assetId}`, token['consumer']),
      (a) => ((a.body['items'] as unknown[] | undefined) ?? []).length > 0,
      'the request in the restarted read model',
    );
    await sleep(2_000);
    const again = await call(endpoints.accessPolicyUrl, 'GET', `/requests?view=consumer&assetId=${assetId}`, token['consumer']);
    expect(again.body['items']).toHaveLength(1);
    expect(mine.body['items']).toEqual([expect.objectContaining({ status: 'pending-owner', priceCredits: 30 })]);
    expect((await call(endpoints.accessPolicyUrl, 'GET', '/accounts/me', token['consumer'])).body).toMatchObject({ balance: 20, escrowed: 30 });

    // and the workflow goes on from there
    const requestId = String((again.body['items'] as { id: string }[])[0]?.id);
    const approved = await call(endpoints.accessPolicyUrl, 'POST', `/requests/${requestId}/approve`, token['owner'], { reason: 'internal data, fine' });
    expect(approved.body).toMatchObject({ status: 'granted' });
  });
});
