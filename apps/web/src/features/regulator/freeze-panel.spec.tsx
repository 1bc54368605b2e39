import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../test-support.tsx';
import { UserFreezePanel } from './freeze-panel.tsx';

afterEach(() => vi.unstubAllGlobals());

const analyst = { id: 'c0000000-0000-4000-8000-000000000007', username: 'chen', displayName: 'Chen Jie', email: 'chen@research.example', mspId: 'ConsumerMSP', organizationName: 'Research and energy services', role: 'consumer', status: 'active', createdAt: '2026-12-01T00:00:00Z' };

describe('freezing a user', () => {
  it('picks the user from the directory by name, then freezes them by their id', async () => {
    const calls = stubApi({
      'GET /api/identity/users': { users: [analyst], total: 1, limit: 8, offset: 0 },
      [`POST /api/access/supervision/users/${analyst.id}/freeze`]: () => [200, { txId: 'tx-1' }],
    });
    render(<UserFreezePanel />);
    expect(screen.queryByLabelText('User id')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Find a user (name, username or e-mail)'), 'chen');
    expect(calls.at(-1)?.path).toBe('/api/identity/users?search=chen&limit=8&offset=0');
    await userEvent.click(await screen.findByRole('button', { name: 'Choose Chen Jie' }));
    expect(screen.getByText('Chosen: Chen Jie (chen, Research and energy services)')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Freeze' }));
    await userEvent.type(screen.getByLabelText('Reason'), 'suspected leak{Enter}');
    expect(await screen.findByText('Done: recorded on chain.')).toBeInTheDocument();
    expect(calls.at(-1)).toEqual({ method: 'POST', path: `/api/access/supervision/users/${analyst.id}/freeze`, body: { reason: 'suspected leak' } });
  });

  it('says when nobody matches', async () => {
    stubApi({ 'GET /api/identity/users': { users: [], total: 0, limit: 8, offset: 0 } });
    render(<UserFreezePanel />);
    await userEvent.type(screen.getByLabelText('Find a user (name, username or e-mail)'), 'nobody');
    expect(await screen.findByText('No user matches.')).toBeInTheDocument();
  });
});
