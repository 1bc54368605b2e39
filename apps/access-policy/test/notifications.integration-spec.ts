import type { PlatformEndpoints } from '@gridledger/stack-connection';
import { type Answer, call, eventually, ownerAndFundedConsumer, type PlatformUser, signIn, startPlatformServices, uploadAndAnchor } from '@gridledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyDelivery } from '../src/webhooks/webhook-signature.ts';
import { openEventStream } from './support/event-stream.ts';
import { startWebhookReceiver } from './support/webhook-receiver.ts';

/**
 * Notifications and webhooks on the real stack: a consumer's request reaches the owner live over
 * the entry's event stream, and the owner's organisation's webhooks, signed, retried and
 * dead-lettered (the dev stack retries 4 times, 1 s apart and doubling).
 */
describe('notifications and webhooks', () => {
  let endpoints: PlatformEndpoints;
  let owner: PlatformUser;
  let token: Record<'owner' | 'consumer', string>;
  let adminToken: string;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const hooks: Record<'ok' | 'flaky' | 'down', { id: string; secret: string }> = { ok: { id: '', secret: '' }, flaky: { id: '', secret: '' }, down: { id: '', secret: '' } };
  let requestId = '';
  const entry = (method: string, path: string, as: string, body?: unknown): Promise<Answer> => call(`${endpoints.webUrl}/api/access`, method, path, as, body);
  const deliveriesOf = (id: string) => entry('GET', `/webhooks/${id}/deliveries`, adminToken);

  beforeAll(async () => {
    endpoints = startPlatformServices();
    ({ owner, token } = await ownerAndFundedConsumer(endpoints, 100));
    const gridAdmin = endpoints.admins.find((a) => a.mspId === owner.mspId);
    if (!gridAdmin) throw new Error(`no ${owner.mspId} admin`);
    adminToken = await signIn(endpoints, gridAdmin);
    receiver = await startWebhookReceiver({ '/ok': [200], '/flaky': [500, 200], '/down': [500] });
    for (const name of ['ok', 'flaky', 'down'] as const) {
      const created = await entry('POST', '/webhooks', adminToken, { url: receiver.url(`/${name}`), eventTypes: ['request.awaiting-owner'] });
      expect(created.status).toBe(201);
      hooks[name] = { id: String(created.body['id']), secret: String(created.body['secret']) };
    }
  }, 600_000);

  afterAll(async () => {
    for (const hook of Object.values(hooks)) if (hook.id) await entry('DELETE', `/webhooks/${hook.id}`, adminToken);
    await receiver?.close();
  });

  it("tells the owner of a consumer's request live, over the entry's event stream, and keeps it unread until read", async () => {
    const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 86_400, maxDownloads: 3 };
    const file = await uploadAndAnchor(endpoints, token.owner, { title: 'Feeder load', category: 'load-curve', sensitivity: 'internal', priceCredits: 5, policy }, Buffer.from('t,kw\n1,3\n'), 'load.csv');
    const stream = await openEventStream(`${endpoints.webUrl}/api/access/notifications/stream`, token.owner);
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toContain('text/event-stream');
      await eventually(async () => ({ status: stream.events.length, body: {} }), (a) => a.status > 0, 'the unread count on connecting', 10_000);
      expect(stream.events[0]).toMatchObject({ event: 'unread', data: { unreadCount: 0 } });

      const requested = await call(endpoints.accessPolicyUrl, 'POST', '/requests', token.consumer, { assetId: file['assetId'], purpose: 'load-forecasting', durationSeconds: 3600 });
      expect(requested.status).toBe(201);
      requestId = String(requested.body['id']);
      const live = () => stream.events.find((e) => e.event === 'notification' && (e.data as { notification: { requestId: string } }).notification.requestId === requestId);
      await eventually(async () => ({ status: live() ? 1 : 0, body: {} }), (a) => a.status === 1, 'the live notification', 60_000);
      expect(live()?.data).toMatchObject({ unreadCount: 1, notification: { kind: 'request.awaiting-owner', assetId: file['assetId'], requestId, read: false, details: { purpose: 'load-forecasting' } } });
    } finally {
      stream.close();
    }

    // kept server side: a reload lists it; the consumer does not see it
    const listed = await entry('GET', '/notifications', token.owner);
    expect(listed.body).toMatchObject({ unreadCount: 1, items: [{ kind: 'request.awaiting-owner', requestId, read: false }] });
    expect((await entry('GET', '/notifications', token.consumer)).body['items']).not.toContainEqual(expect.objectContaining({ requestId, kind: 'request.awaiting-owner' }));
    const id = String((listed.body['items'] as { id: string }[])[0]?.id);
    expect((await entry('POST', `/notifications/${id}/read`, token.consumer)).body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
    expect((await entry('POST', `/notifications/${id}/read`, token.owner)).body).toMatchObject({ read: true, unreadCount: 0 });
    expect((await entry('GET', '/notifications', token.owner)).body).toMatchObject({ unreadCount: 0, items: [{ id, read: true }] });
    expect((await entry('POST', '/notifications/read-all', token.owner)).body).toMatchObject({ unreadCount: 0 });
  }, 180_000);

  it("delivers the request to the organisation's webhook once, signed with its secret over the timestamp and the body", async () => {
    const toOk = () => receiver.received.filter((r) => r.path === '/ok' && (JSON.parse(r.body) as { requestId: string }).requestId === requestId);
    await eventually(async () => ({ status: toOk().length, body: {} }), (a) => a.status > 0, 'the delivery to /ok', 30_000);
    const [delivery] = toOk();
    if (!delivery) throw new Error('no delivery');
    const headers = { timestamp: delivery.headers['x-gridledger-timestamp'] as string, signature: delivery.headers['x-gridledger-signature'] as string };
    expect(verifyDelivery(hooks.ok.secret, headers, delivery.body, Math.floor(Date.now() / 1000))).toBe(true);
    expect(verifyDelivery(hooks.flaky.secret, headers, delivery.body, Math.floor(Date.now() / 1000))).toBe(false);
    expect(JSON.parse(delivery.body)).toMatchObject({ type: 'request.awaiting-owner', organisation: owner.mspId, requestId });
    const log = await eventually(() => deliveriesOf(hooks.ok.id), (a) => JSON.stringify(a.body).includes('"delivered"'), 'the delivery log of /ok', 10_000);
    expect(log.body).toMatchObject([{ eventType: 'request.awaiting-owner', status: 'delivered', attempts: [{ attempt: 1, statusCode: 200, outcome: 'delivered' }] }]);
    // once: nothing more arrives for it
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(toOk()).toHaveLength(1);
  }, 60_000);

  it('retries a receiver that answered 500, then shows both attempts; dead-letters one that always fails', async () => {
    const flaky = await eventually(() => deliveriesOf(hooks.flaky.id), (a) => JSON.stringify(a.body).includes('"delivered"'), 'the retried delivery', 30_000);
    expect(flaky.body).toMatchObject([{ status: 'delivered', attempts: [{ attempt: 1, statusCode: 500, outcome: 'retry' }, { attempt: 2, statusCode: 200, outcome: 'delivered' }] }]);
    const down = await eventually(() => deliveriesOf(hooks.down.id), (a) => JSON.stringify(a.body).includes('"dead"'), 'the dead-lettered delivery', 60_000);
    expect(down.body).toMatchObject([{ status: 'dead', nextAttemptAt: null, attempts: [{ outcome: 'retry' }, { outcome: 'retry' }, { outcome: 'retry' }, { attempt: 4, statusCode: 500, outcome: 'dead' }] }]);
  }, 120_000);

  it('refuses private, metadata and plain-HTTP URLs, unknown event types and anyone but an admin, and never lists a secret', async () => {
    for (const url of ['https://10.0.0.1/hook', 'https://169.254.169.254/latest/meta-data', 'http://hooks.example.org/hook', 'https://[::ffff:10.0.0.1]/hook']) {
      expect((await entry('POST', '/webhooks', adminToken, { url, eventTypes: ['key.released'] })).body, url).toMatchObject({ statusCode: 400, code: 'WEBHOOK_URL_NOT_ALLOWED' });
    }
    expect((await entry('POST', '/webhooks', adminToken, { url: receiver.url('/ok'), eventTypes: ['request.created'] })).body).toMatchObject({ statusCode: 400, code: 'UNKNOWN_EVENT_TYPE' });
    expect((await entry('POST', '/webhooks', token.owner, { url: receiver.url('/ok'), eventTypes: ['key.released'] })).body).toMatchObject({ statusCode: 403 });
    const listed = await entry('GET', '/webhooks', adminToken);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(hooks.ok.secret);
    expect((await entry('GET', '/webhooks', token.owner)).status).toBe(403);
  });
});
