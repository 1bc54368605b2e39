import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OpsPage } from './ops-page.tsx';
import type { OpsSample } from './ops-sample.ts';

afterEach(() => vi.unstubAllGlobals());

const sample: OpsSample = {
  at: '2026-11-24T10:00:00.000Z',
  services: [{ name: 'ledger', status: 'up', latencyMs: 12, detail: null }, { name: 'access-policy', status: 'down', latencyMs: null, detail: 'not running' }],
  components: [{ name: 'kafka', address: '127.0.0.1:19092', status: 'up' }],
  chain: { height: 321, blocksPerSecond: 0.5, txPerSecond: 1.5, failedTxPerSecond: 0, relayCheckpoint: 320 },
  kafka: { consumerLag: 0, consumerGroups: [{ service: 'audit', group: 'gridledger-audit', lag: 0 }], outboxUnpublished: 0, eventsPerSecond: 4, deadLettered: 0 },
  throughput: { uploadBytesPerSecond: 0, downloadBytesPerSecond: 0, uploadsActive: 0, downloadsActive: 0 },
  errors: [{ at: '2026-11-24T09:59:00.000Z', source: 'access-policy', message: 'access-policy is down: not running' }],
};

describe('OpsPage', () => {
  it('draws the readings the event stream sends', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`retry: 3000\n\nevent: sample\ndata: ${JSON.stringify(sample)}\n\n`));
      },
    });
    const history = { intervalSeconds: 60, points: [
      { at: '2026-11-24T09:58:00.000Z', txPerSecond: 42.5, eventsPerSecond: 120, uploadBytesPerSecond: null, downloadBytesPerSecond: null },
      { at: '2026-11-24T09:59:00.000Z', txPerSecond: 0, eventsPerSecond: 3, uploadBytesPerSecond: null, downloadBytesPerSecond: null },
    ] };
    vi.stubGlobal('fetch', vi.fn(async (input: RequestInfo | URL) =>
      String(input).endsWith('/api/ops/history')
        ? new Response(JSON.stringify(history), { status: 200, headers: { 'content-type': 'application/json' } })
        : new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } })));
    render(<OpsPage />);
    expect(await screen.findByTestId('chain-height')).toHaveTextContent('321');
    // what happened before the screen was opened is still there
    expect(await screen.findByTestId('day-peak-tx')).toHaveTextContent('42.5');
    expect(screen.getByText('Last 24 hours (one point a minute)')).toBeInTheDocument();
    expect(screen.getByTestId('ops-state')).toHaveTextContent('Live');
    expect(screen.getByTestId('service-access-policy')).toHaveTextContent('down');
    expect(screen.getByText('access-policy is down: not running')).toBeInTheDocument();
  });

  it('says why when the stream is refused', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ code: 'FORBIDDEN', message: 'the ops dashboard is for organisation admins and the regulator' }), { status: 403 })));
    render(<OpsPage />);
    expect(await screen.findByRole('alert')).toHaveTextContent('The ops dashboard is for organisation admins and the regulator.');
  });
});
