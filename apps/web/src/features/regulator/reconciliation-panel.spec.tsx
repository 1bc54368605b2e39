import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderAt, stubApi } from '../../test-support.tsx';
import { ReconciliationPanel } from './reconciliation-panel.tsx';

afterEach(() => vi.unstubAllGlobals());

describe('ReconciliationPanel', () => {
  it('runs a reconciliation and lists what disagrees with the chain', async () => {
    const calls = stubApi({
      'POST /api/audit/audit/reconciliations': {
        runId: 'r1', trigger: 'on-demand', scope: null, startedAt: '', finishedAt: '', assetsChecked: 12, grantsChecked: 3,
        violations: [{ assetId: 'a-7', kind: 'record-mismatch', where: 'storage', expected: 'cid=bafy1', actual: 'cid=bafy2' }],
      },
    });
    renderAt(<ReconciliationPanel />, '/regulator');
    await userEvent.click(screen.getByRole('button', { name: 'Reconcile now' }));
    expect(await screen.findByText('12 assets and 3 grants checked; disagreements with the chain: 1.')).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'record-mismatch' })).toBeInTheDocument();
    expect(calls.some((c) => c.path === '/api/audit/audit/reconciliations')).toBe(true);
  });
});
