import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIdentity, type Harness } from './support/identity-harness.ts';

const strongPassword = () => `Str0ng-${randomBytes(6).toString('hex')}`;
const suffix = randomBytes(3).toString('hex');

interface Account {
  id: string;
  username: string;
  password: string;
}

describe('accounts: passwords, reset tokens, display names and the directory, on the real PostgreSQL and Fabric CAs', () => {
  let h: Harness;
  let gridAdmin: string;
  let regulatorAdmin: string;

  const login = (username: string, password: string) => h.call('POST', '/auth/login', { body: { username, password } });
  const tokenOf = async (account: { username: string; password: string }) => {
    const signedIn = await login(account.username, account.password);
    expect(signedIn.status).toBe(200);
    return signedIn.body as { accessToken: string; refreshToken: string };
  };
  const onboard = async (adminToken: string, mspId: string, role: string, username: string, displayName?: string): Promise<Account> => {
    const password = strongPassword();
    const created = await h.call('POST', `/organizations/${mspId}/users`, {
      token: adminToken,
      body: { username, email: `${username}@example.org`, password, role, ...(displayName ? { displayName } : {}) },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return { id: created.body['id'] as string, username, password };
  };
  const issueReset = (adminToken: string, userId: string) => h.call('POST', `/users/${userId}/password-reset`, { token: adminToken });
  const redeem = (token: string, newPassword: string) => h.call('POST', '/auth/password-reset', { body: { token, newPassword } });

  let owner: Account;
  let analyst: Account;
  let inspector: Account;

  beforeAll(async () => {
    h = await startIdentity();
    gridAdmin = (await tokenOf(h.admins.grid)).accessToken;
    regulatorAdmin = (await tokenOf(h.admins.regulator)).accessToken;
    owner = await onboard(gridAdmin, 'GridMSP', 'owner', `owner-${suffix}`, 'Wang Fang, data steward');
    analyst = await onboard(gridAdmin, 'GridMSP', 'consumer', `analyst-${suffix}`);
    inspector = await onboard(regulatorAdmin, 'RegulatorMSP', 'regulator', `inspector-${suffix}`, 'Inspector Li');
  });

  afterAll(async () => {
    await h?.close();
  });

  describe('changing your own password', () => {
    it('refuses a wrong current password and a weak new one, and changes nothing', async () => {
      const { accessToken } = await tokenOf(owner);
      const wrong = await h.call('PUT', '/users/me/password', { token: accessToken, body: { currentPassword: 'not-the-password-1A', newPassword: strongPassword() } });
      expect(wrong.body).toMatchObject({ statusCode: 403, code: 'WRONG_PASSWORD' });
      const weak = await h.call('PUT', '/users/me/password', { token: accessToken, body: { currentPassword: owner.password, newPassword: 'short' } });
      expect(weak.body).toMatchObject({ statusCode: 400, code: 'WEAK_PASSWORD', message: 'a password needs at least 12 characters' });
      const containsName = await h.call('PUT', '/users/me/password', { token: accessToken, body: { currentPassword: owner.password, newPassword: `X9!${owner.username}-long` } });
      expect(containsName.body).toMatchObject({ statusCode: 400, code: 'WEAK_PASSWORD' });
      expect((await login(owner.username, owner.password)).status).toBe(200);
    });

    it('sets the new password, closes the other sessions and keeps this one', async () => {
      const other = await tokenOf(owner);
      const mine = await tokenOf(owner);
      const newPassword = strongPassword();
      const changed = await h.call('PUT', '/users/me/password', { token: mine.accessToken, body: { currentPassword: owner.password, newPassword } });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ tokenType: 'Bearer', accessToken: expect.any(String), refreshToken: expect.any(String) });
      expect((await h.call('POST', '/auth/refresh', { body: { refreshToken: other.refreshToken } })).body).toMatchObject({ statusCode: 401, code: 'INVALID_TOKEN' });
      expect((await h.call('POST', '/auth/refresh', { body: { refreshToken: mine.refreshToken } })).status).toBe(401);
      expect((await h.call('POST', '/auth/refresh', { body: { refreshToken: changed.body['refreshToken'] } })).status).toBe(200);
      expect((await login(owner.username, owner.password)).body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
      expect((await login(owner.username, newPassword)).status).toBe(200);
      owner.password = newPassword;
    });
  });

  describe("an admin's one-time reset token", () => {
    it('sets a password once: a weak password spends nothing, the token then works once, and a second use is refused', async () => {
      const session = await tokenOf(analyst);
      const issued = await issueReset(gridAdmin, analyst.id);
      expect(issued.status).toBe(201);
      const token = issued.body['token'] as string;
      expect(new Date(issued.body['expiresAt'] as string).getTime() - Date.now()).toBeGreaterThan(29 * 60_000);
      // only the hash is stored
      const stored = (await h.app.get(DataSource).query('select token_hash from password_reset_tokens where user_id = $1', [analyst.id])) as { token_hash: string }[];
      expect(stored).toHaveLength(1);
      expect(stored[0]?.token_hash).not.toContain(token);

      expect((await redeem(token, 'weak')).body).toMatchObject({ statusCode: 400, code: 'WEAK_PASSWORD' });
      const newPassword = strongPassword();
      expect((await redeem(token, newPassword)).status).toBe(204);
      expect((await login(analyst.username, newPassword)).status).toBe(200);
      expect((await login(analyst.username, analyst.password)).status).toBe(401);
      expect((await h.call('POST', '/auth/refresh', { body: { refreshToken: session.refreshToken } })).status).toBe(401);
      expect((await redeem(token, strongPassword())).body).toMatchObject({ statusCode: 410, code: 'RESET_TOKEN_USED' });
      expect((await login(analyst.username, newPassword)).status).toBe(200);
      analyst.password = newPassword;
    });

    it('refuses a token after its expiry, one replaced by a newer token, and one never issued', async () => {
      const old = (await issueReset(gridAdmin, analyst.id)).body['token'] as string;
      const expiring = (await issueReset(gridAdmin, analyst.id)).body['token'] as string;
      expect((await redeem(old, strongPassword())).body).toMatchObject({ statusCode: 410, code: 'RESET_TOKEN_USED' });
      await h.app.get(DataSource).query(`update password_reset_tokens set expires_at = now() - interval '1 second' where user_id = $1 and used_at is null`, [analyst.id]);
      expect((await redeem(expiring, strongPassword())).body).toMatchObject({ statusCode: 410, code: 'RESET_TOKEN_EXPIRED' });
      expect((await redeem(randomBytes(32).toString('base64url'), strongPassword())).body).toMatchObject({ statusCode: 400, code: 'RESET_TOKEN_INVALID' });
      expect((await login(analyst.username, analyst.password)).status).toBe(200);
    });

    it("is refused to another organisation's admin and to a user who is not an admin", async () => {
      const tokens = async () => ((await h.app.get(DataSource).query('select count(*)::int as n from password_reset_tokens where user_id = $1', [analyst.id])) as { n: number }[])[0]?.n;
      const before = await tokens();
      expect((await issueReset(regulatorAdmin, analyst.id)).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      const { accessToken } = await tokenOf(owner);
      expect((await issueReset(accessToken, analyst.id)).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect(await tokens()).toBe(before);
    });
  });

  describe('display names', () => {
    it('are set at onboarding (the username when left out), by the user, and by their admin only', async () => {
      const { accessToken } = await tokenOf(owner);
      expect((await h.call('GET', '/users/me', { token: accessToken })).body).toMatchObject({ displayName: 'Wang Fang, data steward' });
      const analystToken = (await tokenOf(analyst)).accessToken;
      expect((await h.call('GET', '/users/me', { token: analystToken })).body).toMatchObject({ displayName: analyst.username });

      const own = await h.call('PUT', `/users/${owner.id}/display-name`, { token: accessToken, body: { displayName: '  Wang Fang  ' } });
      expect(own.body).toMatchObject({ id: owner.id, displayName: 'Wang Fang' });
      expect((await h.call('PUT', `/users/${analyst.id}/display-name`, { token: gridAdmin, body: { displayName: 'Chen Jie (analyst)' } })).body).toMatchObject({ displayName: 'Chen Jie (analyst)' });
      expect((await h.call('PUT', `/users/${analyst.id}/display-name`, { token: accessToken, body: { displayName: 'hijacked' } })).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect((await h.call('PUT', `/users/${analyst.id}/display-name`, { token: regulatorAdmin, body: { displayName: 'hijacked' } })).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect((await h.call('PUT', `/users/${owner.id}/display-name`, { token: accessToken, body: { displayName: '   ' } })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
    });
  });

  describe('the user directory', () => {
    type Page = { users: { id: string; username: string; displayName: string; mspId: string; organizationName: string }[]; total: number; limit: number; offset: number };
    const list = async (token: string, query = '') => h.call('GET', `/users${query}`, { token });

    it("shows an admin their own organisation's users, searched and paged by display name", async () => {
      const all = (await list(gridAdmin)).body as unknown as Page;
      expect(all.total).toBe(3);
      expect(new Set(all.users.map((u) => u.mspId))).toEqual(new Set(['GridMSP']));
      expect(all.users.map((u) => u.displayName)).toEqual(['Chen Jie (analyst)', h.admins.grid.username, 'Wang Fang']);
      expect(all.users[0]).toMatchObject({ organizationName: 'Grid company' });
      expect(JSON.stringify(all)).not.toMatch(/passwordHash|password_hash|certificatePem|Wrapped/);

      const first = (await list(gridAdmin, '?limit=2')).body as unknown as Page;
      const second = (await list(gridAdmin, '?limit=2&offset=2')).body as unknown as Page;
      expect([first.total, first.users.length, second.total, second.users.length]).toEqual([3, 2, 3, 1]);
      expect([...first.users, ...second.users].map((u) => u.id)).toEqual(all.users.map((u) => u.id));

      expect(((await list(gridAdmin, '?search=WANG')).body as unknown as Page).users.map((u) => u.id)).toEqual([owner.id]);
      expect(((await list(gridAdmin, `?search=analyst-${suffix}%40example`)).body as unknown as Page).users.map((u) => u.id)).toEqual([analyst.id]);
      expect(((await list(gridAdmin, '?search=%25')).body as unknown as Page).total).toBe(0);
      expect(((await list(gridAdmin, `?search=inspector-${suffix}`)).body as unknown as Page).total).toBe(0);
    });

    it('shows the regulator every organisation, filtered by one if asked', async () => {
      const { accessToken } = await tokenOf(inspector);
      const all = (await list(accessToken, '?limit=100')).body as unknown as Page;
      expect(all.total).toBe(5);
      expect(new Set(all.users.map((u) => u.mspId))).toEqual(new Set(['GridMSP', 'RegulatorMSP']));
      const grid = (await list(accessToken, '?org=GridMSP')).body as unknown as Page;
      expect(grid.total).toBe(3);
      expect(((await list(accessToken, '?search=inspector')).body as unknown as Page).users).toMatchObject([{ id: inspector.id, displayName: 'Inspector Li', organizationName: 'Energy regulator' }]);
    });

    it("refuses another organisation to an admin, everyone who is neither admin nor regulator, and bad paging", async () => {
      expect((await list(gridAdmin, '?org=RegulatorMSP')).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect((await list((await tokenOf(owner)).accessToken)).body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      expect((await list(gridAdmin, '?limit=1000')).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
      expect((await list(gridAdmin, '?offset=-1')).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
      expect((await h.call('GET', '/users')).body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    });
  });

  describe('names for the users a screen shows', () => {
    it('gives any signed-in user names and organisations, and nothing more, for the ids asked', async () => {
      const asAnalyst = (await tokenOf(analyst)).accessToken;
      const unknown = '00000000-0000-4000-8000-000000000000';
      const names = await h.call('GET', `/users/names?ids=${owner.id},${inspector.id},${unknown},${owner.id}`, { token: asAnalyst });
      expect(names.status).toBe(200);
      const users = (names.body['users'] as Record<string, unknown>[]).sort((a, b) => String(a['displayName']).localeCompare(String(b['displayName'])));
      expect(users).toEqual([
        { id: inspector.id, displayName: 'Inspector Li', mspId: 'RegulatorMSP', organizationName: 'Energy regulator' },
        // as the owner renamed themselves above
        { id: owner.id, displayName: 'Wang Fang', mspId: 'GridMSP', organizationName: 'Grid company' },
      ]);
    });

    it('refuses ids that are not user ids, too many of them, and a caller who is not signed in', async () => {
      const asAnalyst = (await tokenOf(analyst)).accessToken;
      expect((await h.call('GET', "/users/names?ids=x'--", { token: asAnalyst })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
      const many = Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(',');
      expect((await h.call('GET', `/users/names?ids=${many}`, { token: asAnalyst })).body).toMatchObject({ statusCode: 400, code: 'INVALID_ARGUMENT' });
      expect((await h.call('GET', `/users/names?ids=${owner.id}`)).body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    });
  });

  // last: it onboards one more user, whom the directory's counts above do not expect
  it('counts wrong current passwords toward the lockout, which a reset token ends', async () => {
    const guessed = await onboard(gridAdmin, 'GridMSP', 'consumer', `guessed-${suffix}`);
    const { accessToken } = await tokenOf(guessed);
    const guess = () => h.call('PUT', '/users/me/password', { token: accessToken, body: { currentPassword: 'a-guess-1A!', newPassword: strongPassword() } });
    // the harness locks after 3 failures
    for (let i = 0; i < 3; i += 1) expect((await guess()).body).toMatchObject({ code: 'WRONG_PASSWORD' });
    expect((await guess()).body).toMatchObject({ statusCode: 423, code: 'ACCOUNT_LOCKED' });
    expect((await login(guessed.username, guessed.password)).body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    const token = (await issueReset(gridAdmin, guessed.id)).body['token'] as string;
    const newPassword = strongPassword();
    expect((await redeem(token, newPassword)).status).toBe(204);
    expect((await login(guessed.username, newPassword)).status).toBe(200);
  });
});
