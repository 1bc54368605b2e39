import { randomBytes } from 'node:crypto';
import { CHAIN_TOPICS, LEDGER_TOPICS } from '@gridledger/contracts';
import { call, eventually, onboardUser, signIn, startPlatformServices } from '@gridledger/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.ts';

/**
 * One upload is one trace: from the browser's request at the web entry, through storage and IPFS,
 * Kafka, the ledger and Fabric, to the chain event and the services that consume it. The platform
 * is restarted with an OTLP endpoint (tracing is off by default), and put back as it was after.
 */
describe('tracing across the platform', () => {
  const receiver = new OtlpReceiver();
  // the browser's own span: the trace's root, as the dashboard would send it
  const traceId = randomBytes(16).toString('hex');
  const browserSpanId = randomBytes(8).toString('hex');
  let assetId = '';

  beforeAll(async () => {
    const endpoint = await receiver.start();
    process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = endpoint;
    process.env['OTEL_BSP_SCHEDULE_DELAY'] = '200';
    const endpoints = startPlatformServices();
    const owner = await onboardUser(endpoints, 'GridMSP', 'owner');
    const token = await signIn(endpoints, owner);
    const form = new FormData();
    const policy = { allowedOrgs: [], allowedRoles: [], allowedPurposes: [], maxDurationSeconds: 86_400, maxDownloads: 1 };
    form.append('metadata', JSON.stringify({ title: 'Traced feeder load curve', category: 'load-curve', sensitivity: 'internal', priceCredits: 1, policy }));
    form.append('file', new Blob([new Uint8Array(Buffer.from('t,kw\n1,2\n'))], { type: 'text/csv' }), 'traced.csv');
    const response = await fetch(`${endpoints.webUrl}/api/storage/files`, { method: 'POST', headers: { authorization: `Bearer ${token}`, traceparent: `00-${traceId}-${browserSpanId}-01` }, body: form });
    const stored = (await response.json()) as Record<string, unknown>;
    expect([201, 202]).toContain(response.status);
    assetId = String(stored['assetId']);
    await eventually(() => call(endpoints.storageUrl, 'GET', `/files/${assetId}`, token), (a) => a.body['status'] === 'anchored', `anchoring of ${assetId}`);
  }, 600_000);

  afterAll(async () => {
    delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
    delete process.env['OTEL_BSP_SCHEDULE_DELAY'];
    startPlatformServices();
    await receiver.stop();
  }, 600_000);

  /** Waits until the trace holds a span of `service` named `name`. */
  const spanOf = async (service: string, name: string): Promise<ReceivedSpan> => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const found = receiver.trace(traceId).find((span) => span.service === service && span.name === name);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no span "${name}" of ${service} in the upload's trace; it has: ${receiver.trace(traceId).map((s) => `${s.service}:${s.name}`).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  it('follows the upload from the browser through storage, Kafka, the ledger and Fabric to the chain event’s consumers', async () => {
    const entry = await spanOf('web-entry', 'POST');
    expect(entry.parentSpanId).toBe(browserSpanId);
    await spanOf('storage', 'ipfs add');
    await spanOf('ledger', `process ${LEDGER_TOPICS.submitRequested}`);
    await spanOf('ledger', 'ledger command asset:RegisterAsset');
    await spanOf('ledger', 'fabric submit and commit');
    await spanOf('storage', `process ${LEDGER_TOPICS.txCommitted}`);
    await spanOf('access-policy', `process ${CHAIN_TOPICS.AssetRegistered}`);
    await spanOf('audit', `process ${CHAIN_TOPICS.AssetRegistered}`);
    expect(receiver.trace(traceId).some((span) => span.name.startsWith('pg '))).toBe(true);
  });

  it('is one connected trace: every span’s parent is the browser’s span or another span of the trace', async () => {
    await spanOf('audit', `process ${CHAIN_TOPICS.AssetRegistered}`);
    const spans = receiver.trace(traceId);
    const ids = new Set([browserSpanId, ...spans.map((span) => span.spanId)]);
    const orphans = spans.filter((span) => !ids.has(span.parentSpanId));
    expect(orphans.map((span) => `${span.service}:${span.name}`)).toEqual([]);
    expect(new Set(spans.map((span) => span.service))).toEqual(new Set(['web-entry', 'storage', 'ledger', 'identity', 'access-policy', 'audit']));
  });
});
