import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { DirectoryUser } from '../../api/types.ts';
import { App } from '../../app.tsx';
import { SessionProvider } from '../../session/session-context.tsx';
import { renderAt, resumeSessionAs, stubApi } from '../../test-support.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const admin = { id: 'a0000000-0000-4000-8000-000000000001', username: 'grid-admin', displayName: 'Grid admin', email: 'admin@grid.example', mspId: 'GridMSP', role: 'admin', status: 'active' };
const user = (n: number, displayName: string): DirectoryUser => ({
  id: `u0000000-0000-4000-8000-00000000000${n}`, username: `user-${n}`, displayName, email: `user-${n}@grid.example`, mspId: 'GridMSP', organizationName: 'Grid company', role: 'owner', status: 'active', createdAt: '2026-12-01T00:00:00Z',
});

describe('the admin screen', () => {
  it('lists the organisation from the directory by display name, searches it and pages through it', async () => {
    const calls = stubApi({
      ...resumeSessionAs(admin),
      'GET /api/identity/users': { users: [user(1, 'Chen Jie'), user(2, 'Wang Fang')], total: 45, limit: 20, offset: 0 },
    });
    renderAt(<SessionProvider><App /></SessionProvider>, '/admin');
    const row = (await screen.findByText('Wang Fang')).closest('tr') as HTMLElement;
    expect(row).toHaveAttribute('data-username', 'user-2');
    expect(within(row).getByText(/user-2@grid.example/)).toBeInTheDocument();
    expect(screen.getByText('45 users')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    // the audit log is no longer read to rebuild the list
    expect(calls.some((c) => c.path.startsWith('/api/audit'))).toBe(false);

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(calls.at(-1)?.path).toBe('/api/identity/users?limit=20&offset=20');
    await userEvent.type(screen.getByLabelText('Search users'), 'wang');
    expect(calls.at(-1)?.path).toBe('/api/identity/users?search=wang&limit=20&offset=0');
  });

  it('shows a reset token once, and never again after it is closed', async () => {
    const calls = stubApi({
      ...resumeSessionAs(admin),
      'GET /api/identity/users': { users: [user(1, 'Chen Jie')], total: 1, limit: 20, offset: 0 },
      [`POST /api/identity/users/${user(1, '').id}/password-reset`]: () => [201, { userId: user(1, '').id, token: 'one-time-token-xyz', expiresAt: '2026-12-04T12:30:00Z' }],
    });
    renderAt(<SessionProvider><App /></SessionProvider>, '/admin');
    await userEvent.click(await screen.findByRole('button', { name: 'Reset password' }));
    const dialog = await screen.findByRole('dialog', { name: 'One-time reset token for Chen Jie' });
    expect(within(dialog).getByTestId('reset-token')).toHaveTextContent('one-time-token-xyz');
    expect(dialog).toHaveTextContent('/reset-password?token=one-time-token-xyz');
    expect(calls.filter((c) => c.method === 'POST' && c.path.endsWith('/password-reset'))).toHaveLength(1);
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    expect(screen.queryByText('one-time-token-xyz')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Reset password' })).toBeInTheDocument();
  });

  it('onboards with a display name, then finds the new user in the directory', async () => {
    const calls = stubApi({
      ...resumeSessionAs(admin),
      'GET /api/identity/users': { users: [], total: 0, limit: 20, offset: 0 },
      'POST /api/identity/organizations/GridMSP/users': (body: unknown) => [201, { ...(body as object), id: 'new-id', mspId: 'GridMSP', status: 'active' }],
    });
    renderAt(<SessionProvider><App /></SessionProvider>, '/admin');
    await userEvent.type(await screen.findByLabelText('Username'), 'li.na');
    await userEvent.type(screen.getByLabelText('Display name (optional)'), 'Li Na');
    await userEvent.type(screen.getByLabelText('E-mail'), 'li@grid.example');
    await userEvent.type(screen.getByLabelText('Initial password (12 or more characters)'), 'Initial-Pass-2026');
    await userEvent.click(screen.getByRole('button', { name: 'Onboard' }));
    expect(await screen.findByText('li.na was onboarded with their own Fabric identity.')).toBeInTheDocument();
    expect(calls.find((c) => c.path === '/api/identity/organizations/GridMSP/users')?.body).toEqual({ username: 'li.na', displayName: 'Li Na', email: 'li@grid.example', password: 'Initial-Pass-2026', role: 'consumer' });
    expect(calls.at(-1)?.path).toBe('/api/identity/users?search=li.na&limit=20&offset=0');
  });
});
