import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setLanguage } from '../../i18n/i18n.ts';
import { renderAt, stubApi } from '../../test-support.tsx';
import { WebhooksSection } from './webhooks-section.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  setLanguage('en');
});

const hook = { id: 'w1', url: 'https://hooks.grid.example/in', eventTypes: ['request.awaiting-owner'], createdBy: 'a1', createdAt: '2026-12-05T10:00:00Z' };

describe('the webhooks section', () => {
  it('registers a webhook for the chosen event types and shows its secret once', async () => {
    const calls = stubApi({
      'GET /api/access/webhooks': [],
      'POST /api/access/webhooks': () => [201, { ...hook, id: 'w2', secret: 'whsec_shown_once' }],
    });
    renderAt(<WebhooksSection />);
    expect(await screen.findByText('Your organisation has no webhook yet.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Register webhook' }));
    await userEvent.type(screen.getByLabelText('Receiver URL (HTTPS)'), 'https://hooks.grid.example/in');
    await userEvent.click(screen.getByRole('button', { name: 'Register webhook' }));
    expect(screen.getByText('Choose at least one event type.')).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText(/key.released/));
    await userEvent.click(screen.getByRole('button', { name: 'Register webhook' }));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ url: 'https://hooks.grid.example/in', eventTypes: ['key.released'] });
    expect(await screen.findByTestId('webhook-secret')).toHaveTextContent('whsec_shown_once');
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByText('whsec_shown_once')).not.toBeInTheDocument();
  });

  it('translates a refused URL, lists, shows the delivery log and deletes', async () => {
    const calls = stubApi({
      'GET /api/access/webhooks': [hook],
      'POST /api/access/webhooks': () => [400, { statusCode: 400, code: 'WEBHOOK_URL_NOT_ALLOWED', message: 'url: points to 10.0.0.1 is in a private, link-local or reserved range' }],
      'GET /api/access/webhooks/w1/deliveries': [{ id: 'd1', eventType: 'request.awaiting-owner', status: 'dead', nextAttemptAt: null, createdAt: '2026-12-05T10:00:00Z', attempts: [{ attempt: 1, startedAt: '2026-12-05T10:00:00Z', durationMs: 12, statusCode: 500, error: null, outcome: 'dead' }] }],
      'DELETE /api/access/webhooks/w1': () => [204, null],
    });
    setLanguage('zh');
    renderAt(<WebhooksSection />);
    expect(await screen.findByText('https://hooks.grid.example/in')).toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('接收地址（HTTPS）'), 'https://10.0.0.1/in');
    await userEvent.click(screen.getByLabelText(/key.released/));
    await userEvent.click(screen.getByRole('button', { name: '注册 Webhook' }));
    expect(await screen.findByText(/不允许使用该 Webhook 地址/)).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: '投递记录' }));
    expect(await screen.findByText('已转入死信')).toBeInTheDocument();
    expect(screen.getByText(/第 1 次：500/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: '删除' }));
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/access/webhooks/w1')).toBe(true);
    expect(await screen.findByText('Webhook 已删除。')).toBeInTheDocument();
  });
});
