import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IntegrityViolation } from '../../api/types.ts';
import { renderAt, stubApi } from '../../test-support.tsx';
import { ViolationsPanel } from './violations-panel.tsx';

afterEach(() => vi.unstubAllGlobals());

const violation = (overrides: Partial<IntegrityViolation>): IntegrityViolation => ({
  id: 'v-1', assetId: 'asset-aaaa-1111', kind: 'record-mismatch', sources: ['reconciliation'], where: 'storage', expected: 'cid=bafy1', actual: 'cid=bafy2',
  firstSeenAt: '2026-12-04T10:00:00.000Z', lastSeenAt: '2026-12-04T11:00:00.000Z', occurrences: 2, state: 'open', acknowledged: null, resolved: null, reopenedAt: null, ...overrides,
});

describe('ViolationsPanel', () => {
  it("lists storage's and reconciliation's violations, open ones first, and acknowledges one with a note", async () => {
    const calls = stubApi({
      'GET /api/audit/audit/violations': { items: [violation({}), violation({ id: 'v-2', kind: 'ciphertext-hash-mismatch', sources: ['storage'], occurrences: 1 })], next: null },
      'POST /api/audit/audit/violations/v-1/acknowledge': () => [200, violation({ state: 'acknowledged' })],
    });
    renderAt(<ViolationsPanel />, '/regulator');
    expect(await screen.findByRole('cell', { name: 'record-mismatch' })).toBeInTheDocument();
    expect(calls[0]?.path).toBe('/api/audit/audit/violations?state=open&limit=50');
    expect(screen.getByRole('cell', { name: 'ciphertext-hash-mismatch' })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: /^storage \(storage\)$/ })).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: /^reconciliation \(storage\)$/ })).toBeInTheDocument();

    const row = screen.getByRole('cell', { name: 'record-mismatch' }).closest('tr') as HTMLElement;
    await userEvent.click(within(row).getByRole('button', { name: 'Acknowledge' }));
    await userEvent.type(within(row).getByLabelText('Reason'), 'storage team is checking{Enter}');
    expect(calls.find((c) => c.method === 'POST')).toEqual({ method: 'POST', path: '/api/audit/audit/violations/v-1/acknowledge', body: { note: 'storage team is checking' } });
    // the list is read again after the decision
    await vi.waitFor(() => expect(calls.filter((c) => c.method === 'GET')).toHaveLength(2));
  });

  it('filters by state, shows who decided, and offers no action on a resolved one', async () => {
    const resolved = violation({ state: 'resolved', acknowledged: { by: 'reg-12345678', at: '2026-12-04T12:00:00.000Z', note: 'checking' }, resolved: { by: 'reg-12345678', at: '2026-12-04T13:00:00.000Z', note: 'record restored' } });
    const calls = stubApi({ 'GET /api/audit/audit/violations': { items: [resolved], next: null } });
    renderAt(<ViolationsPanel />, '/regulator');
    await screen.findByRole('cell', { name: 'record-mismatch' });
    await userEvent.selectOptions(screen.getByLabelText('State'), 'resolved');
    await vi.waitFor(() => expect(calls.at(-1)?.path).toBe('/api/audit/audit/violations?state=resolved&limit=50'));
    expect(await screen.findByText(/Resolved by reg-1234…, .*: record restored/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resolve' })).not.toBeInTheDocument();
  });

  it('says when no violation is in the chosen state, and shows a refusal in words', async () => {
    stubApi({
      'GET /api/audit/audit/violations': { items: [], next: null },
    });
    renderAt(<ViolationsPanel />, '/regulator');
    expect(await screen.findByText('No integrity violation is open.')).toBeInTheDocument();
    vi.unstubAllGlobals();
    stubApi({ 'GET /api/audit/audit/violations': () => [403, { statusCode: 403, code: 'FORBIDDEN', message: 'integrity violations are for regulators' }] });
    await userEvent.selectOptions(screen.getByLabelText('State'), '');
    expect(await screen.findByRole('alert')).toHaveTextContent('Integrity violations are for regulators.');
  });
});

describe('ViolationsPanel notes', () => {
  it('asks for a note before resolving, without claiming it goes on chain', async () => {
    const calls = stubApi({ 'GET /api/audit/audit/violations': { items: [violation({})], next: null } });
    renderAt(<ViolationsPanel />, '/regulator');
    await userEvent.click(await screen.findByRole('button', { name: 'Resolve' }));
    await userEvent.type(screen.getByLabelText('Reason'), '{Enter}');
    expect(screen.getByText('Write a note: it is kept with your name and the time.')).toBeInTheDocument();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });
});
