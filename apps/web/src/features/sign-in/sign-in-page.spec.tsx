import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app.tsx';
import { SessionProvider } from '../../session/session-context.tsx';
import { renderAt, stubApi } from '../../test-support.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const consumer = { id: 'u-1', username: 'ana', email: 'a@x', mspId: 'ConsumerMSP', role: 'consumer', status: 'active' };

describe('sign in', () => {
  it('explains a wrong password in a sentence and keeps the form', async () => {
    stubApi({ 'POST /api/identity/auth/login': () => [401, { code: 'INVALID_CREDENTIALS', message: 'the username or password is wrong' }] });
    renderAt(<SessionProvider><App /></SessionProvider>, '/catalog');
    await userEvent.type(await screen.findByLabelText('Username'), 'ana');
    await userEvent.type(screen.getByLabelText('Password'), 'nope');
    await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The username or password is wrong.');
  });

  it('asks for both fields before calling the server', async () => {
    const calls = stubApi({});
    renderAt(<SessionProvider><App /></SessionProvider>, '/');
    await userEvent.click(await screen.findByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enter your username and password.');
    expect(calls).toEqual([]);
  });

  it('signs a consumer in to the catalog, offers only consumer screens, and signs out', async () => {
    stubApi({
      'POST /api/identity/auth/login': () => [200, { accessToken: 'a', refreshToken: 'r', expiresIn: 900 }],
      'GET /api/identity/users/me': consumer,
      'GET /api/identity/organizations': [],
      'GET /api/access/catalog': { assets: [], total: 0, page: 1, pageSize: 20 },
      'POST /api/identity/auth/logout': () => [204, null],
    });
    renderAt(<SessionProvider><App /></SessionProvider>, '/');
    await userEvent.type(await screen.findByLabelText('Username'), 'ana');
    await userEvent.type(screen.getByLabelText('Password'), 'secret-password');
    await userEvent.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { name: 'Catalog' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation');
    expect(nav).toHaveTextContent('My requests & grants');
    expect(nav).not.toHaveTextContent('Upload');
    expect(nav).not.toHaveTextContent('Regulator console');
    expect(await screen.findByText('No data asset matches these filters.')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Sign out' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument());
    expect(sessionStorage.getItem('gridledger.refreshToken')).toBeNull();
  });
});
