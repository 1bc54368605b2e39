import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app.tsx';
import { SessionProvider } from '../../session/session-context.tsx';
import { renderAt, resumeSessionAs, stubApi } from '../../test-support.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const owner = { id: '7d0c5b8e-5b7e-4a52-9a59-0d6f1e1c2b3a', username: 'wang', displayName: 'Wang Fang', email: 'w@grid.example', mspId: 'GridMSP', role: 'owner', status: 'active' };

const openAccount = async (routes: Record<string, unknown>) => {
  const calls = stubApi({ ...resumeSessionAs(owner), 'GET /api/access/inbox': { ownerPending: [], regulatorPending: [], myRequests: [], myGrants: [] }, ...routes });
  renderAt(<SessionProvider><App /></SessionProvider>, '/account');
  await screen.findByRole('heading', { name: 'My account' });
  return calls;
};

const fillPasswords = async (current: string, next: string, confirm = next) => {
  await userEvent.type(screen.getByLabelText('Current password'), current);
  await userEvent.type(screen.getByLabelText('New password'), next);
  await userEvent.type(screen.getByLabelText('New password again'), confirm);
  await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
};

describe('my account', () => {
  it('shows the display name in the header and changes the password, carrying on with the new session', async () => {
    const calls = await openAccount({
      'PUT /api/identity/users/me/password': () => [200, { accessToken: 'a-new', refreshToken: 'r-new', tokenType: 'Bearer', expiresIn: 900 }],
    });
    expect(screen.getByTestId('signed-in-as')).toHaveTextContent('Signed in as Wang Fang (owner, GridMSP)');
    expect(screen.getByRole('navigation')).toHaveTextContent('My account');
    await fillPasswords('Old-password-1', 'New-Password-2026!');
    expect(await screen.findByText('Your password is changed. Your other sessions are signed out.')).toBeInTheDocument();
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ currentPassword: 'Old-password-1', newPassword: 'New-Password-2026!' });
    expect(sessionStorage.getItem('gridledger.refreshToken')).toBe('r-new');
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });

  it('says when the current password is wrong, shows the weak-password sentence, and checks the two new ones agree first', async () => {
    let answer: [number, unknown] = [403, { code: 'WRONG_PASSWORD', message: 'the current password is wrong' }];
    const calls = await openAccount({ 'PUT /api/identity/users/me/password': () => answer });
    await fillPasswords('x', 'New-Password-2026!', 'New-Password-2027!');
    expect(screen.getByRole('alert')).toHaveTextContent('The two new passwords differ.');
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);

    await userEvent.clear(screen.getByLabelText('New password again'));
    await userEvent.type(screen.getByLabelText('New password again'), 'New-Password-2026!');
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The current password is wrong.');

    answer = [400, { code: 'WEAK_PASSWORD', message: 'a password needs at least 12 characters' }];
    await userEvent.click(screen.getByRole('button', { name: 'Change password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('A password needs at least 12 characters.');
    expect(sessionStorage.getItem('gridledger.refreshToken')).toBe('r-resumed');
  });

  it('saves a new display name', async () => {
    const calls = await openAccount({ [`PUT /api/identity/users/${owner.id}/display-name`]: (body: unknown) => [200, { ...owner, ...(body as object) }] });
    const field = screen.getByLabelText('Display name');
    expect(field).toHaveValue('Wang Fang');
    await userEvent.clear(field);
    await userEvent.type(field, '  Wang Fang (steward) ');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect(await screen.findByText('Your display name is saved.')).toBeInTheDocument();
    expect(calls.at(-1)?.body).toEqual({ displayName: 'Wang Fang (steward)' });
  });
});
