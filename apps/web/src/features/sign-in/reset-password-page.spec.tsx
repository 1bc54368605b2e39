import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../app.tsx';
import { setLanguage } from '../../i18n/i18n.ts';
import { SessionProvider } from '../../session/session-context.tsx';
import { renderAt, stubApi } from '../../test-support.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  setLanguage('en');
});

const setPassword = async (password: string, confirm = password) => {
  await userEvent.type(screen.getByLabelText('New password'), password);
  await userEvent.type(screen.getByLabelText('New password again'), confirm);
  await userEvent.click(screen.getByRole('button', { name: 'Set password' }));
};

describe('setting a password with a reset token', () => {
  it('is reached from sign-in, sends the token once, and leads back to sign-in', async () => {
    const calls = stubApi({ 'POST /api/identity/auth/password-reset': () => [204, null] });
    renderAt(<SessionProvider><App /></SessionProvider>, '/sign-in');
    await userEvent.click(await screen.findByRole('link', { name: /Have a reset token/ }));
    await userEvent.type(screen.getByLabelText('Reset token'), ' tok-123 ');
    await setPassword('New-Password-2026!');
    expect(await screen.findByText('Your password is set. Sign in with it.')).toBeInTheDocument();
    expect(calls).toEqual([{ method: 'POST', path: '/api/identity/auth/password-reset', body: { token: 'tok-123', newPassword: 'New-Password-2026!' } }]);
    await userEvent.click(screen.getByRole('link', { name: 'Back to sign in' }));
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
  });

  it('takes the token from the link, and explains a spent, expired or unknown token in the chosen language', async () => {
    let code = 'RESET_TOKEN_USED';
    stubApi({ 'POST /api/identity/auth/password-reset': () => [code === 'RESET_TOKEN_INVALID' ? 400 : 410, { code, message: 'in English' }] });
    renderAt(<SessionProvider><App /></SessionProvider>, '/reset-password?token=from-the-link');
    expect(await screen.findByLabelText('Reset token')).toHaveValue('from-the-link');
    await setPassword('New-Password-2026!');
    expect(await screen.findByRole('alert')).toHaveTextContent('This token was already used, or replaced by a newer one. Ask your admin for a new one.');
    code = 'RESET_TOKEN_EXPIRED';
    await userEvent.click(screen.getByRole('button', { name: 'Set password' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This token has expired.');
    code = 'RESET_TOKEN_INVALID';
    setLanguage('zh');
    await userEvent.click(await screen.findByRole('button', { name: '设置密码' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('该令牌无效。请检查是否完整复制。');
  });

  it('asks for matching passwords before calling the server', async () => {
    const calls = stubApi({});
    renderAt(<SessionProvider><App /></SessionProvider>, '/reset-password?token=t');
    await screen.findByLabelText('Reset token');
    await setPassword('New-Password-2026!', 'New-Password-2027!');
    expect(screen.getByRole('alert')).toHaveTextContent('The two passwords differ.');
    expect(calls).toEqual([]);
  });
});
