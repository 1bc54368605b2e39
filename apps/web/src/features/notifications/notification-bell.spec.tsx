import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAt, stubApi } from '../../test-support.tsx';
import { NotificationBell } from './notification-bell.tsx';

afterEach(() => vi.unstubAllGlobals());

const earlier = { id: 'n1', kind: 'request.rejected', assetId: 'asset-1', requestId: 'req-1', details: { reason: 'not for billing' }, createdAt: '2026-12-05T10:00:00Z', read: false };
const arriving = { id: 'n2', kind: 'request.awaiting-owner', assetId: 'asset-2', requestId: 'req-2', details: {}, createdAt: '2026-12-06T10:00:00Z', read: false };

/** The API stubbed, and the stream answering with `events` then staying open. */
function stubWithStream(events: string) {
  const calls = stubApi({
    'GET /api/access/notifications': { unreadCount: 1, items: [earlier] },
    'POST /api/access/notifications/n2/read': { id: 'n2', read: true, unreadCount: 1 },
    'POST /api/access/notifications/read-all': { marked: 1, unreadCount: 0 },
  });
  const api = globalThis.fetch;
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
    if (!String(input).endsWith('/notifications/stream')) return api(input, init);
    const body = new ReadableStream<Uint8Array>({ start: (controller) => controller.enqueue(new TextEncoder().encode(events)) });
    return Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
  });
  return calls;
}

describe('the notification bell', () => {
  it('shows the unread count, adds what arrives live, and marks one and all read', async () => {
    const calls = stubWithStream(`retry: 3000\n\nevent: unread\ndata: {"unreadCount":1}\n\nevent: notification\ndata: ${JSON.stringify({ notification: arriving, unreadCount: 2 })}\n\n`);
    renderAt(<NotificationBell />);
    expect(await screen.findByLabelText('2 unread')).toBeInTheDocument();

    await userEvent.click(screen.getByTestId('notification-bell'));
    expect(screen.getByText(/A new request on your asset asset-2 waits for your decision/)).toBeInTheDocument();
    expect(screen.getByText(/Your request req-1 on asset asset-1 was rejected. not for billing/)).toBeInTheDocument();

    await userEvent.click(screen.getAllByRole('button', { name: 'Mark read' })[0] as HTMLElement);
    expect(calls.some((c) => c.method === 'POST' && c.path === '/api/access/notifications/n2/read')).toBe(true);
    expect(await screen.findByLabelText('1 unread')).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: 'Mark all read' }));
    expect(calls.some((c) => c.path === '/api/access/notifications/read-all')).toBe(true);
    expect(screen.queryByLabelText(/unread/)).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Mark read' })).not.toBeInTheDocument();
  });
});
