import 'reflect-metadata';
import { AccessTokenError, type AccessTokenVerifier, type PlatformUser } from '@gridledger/access-token';
import { ServiceKeyRegistry } from '@gridledger/service-auth';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { AllowRoles, UserGuard, type AuthenticatedRequest } from './user-guard.ts';

class Routes {
  @AllowRoles(['regulator', 'admin'], 'the audit log is for regulators and organisation admins')
  audit() {
    return 'audit';
  }

  anyone() {
    return 'anyone';
  }
}

/** A verifier that knows one token per user; any other token is invalid, a suspended user's refused. */
const users: Record<string, PlatformUser> = {
  regulator: { id: 'reg-1', mspId: 'RegulatorMSP', role: 'regulator' },
  'false-regulator': { id: 'rex', mspId: 'ConsumerMSP', role: 'regulator' },
  admin: { id: 'adm-1', mspId: 'GridMSP', role: 'admin' },
  owner: { id: 'own-1', mspId: 'GridMSP', role: 'owner' },
};
const verifier = {
  async verifyHeader(authorization: string | undefined) {
    const token = /^Bearer (.+)$/.exec(authorization ?? '')?.[1];
    if (!token) throw new AccessTokenError('missing');
    if (token === 'suspended') throw new AccessTokenError('suspended');
    const user = users[token];
    if (!user) throw new AccessTokenError('invalid');
    return user;
  },
} as unknown as AccessTokenVerifier;

const guard = new UserGuard(new Reflector(), { audience: 'audit', registry: ServiceKeyRegistry.fromJwks({}), users: verifier });
async function call(route: keyof Routes, token?: string): Promise<{ user?: PlatformUser; error?: unknown }> {
  const request = { headers: token ? { authorization: `Bearer ${token}` } : {} } as unknown as AuthenticatedRequest;
  const context = { switchToHttp: () => ({ getRequest: () => request }), getHandler: () => Routes.prototype[route], getClass: () => Routes } as unknown as ExecutionContext;
  try {
    await guard.canActivate(context);
    return { user: request.user };
  } catch (error) {
    return { error };
  }
}

describe('UserGuard', () => {
  it('puts the verified user on the request', async () => {
    expect(await call('anyone', 'owner')).toEqual({ user: users['owner'] });
  });

  it('refuses a missing, invalid or suspended token with the platform codes', async () => {
    expect((await call('anyone')).error).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect((await call('anyone', 'forged')).error).toMatchObject({ code: 'INVALID_TOKEN', status: 401 });
    expect((await call('anyone', 'suspended')).error).toMatchObject({ code: 'USER_SUSPENDED', status: 403 });
  });

  it("lets in only the route's roles, a regulator only of the regulator organisation", async () => {
    expect((await call('audit', 'regulator')).user).toEqual(users['regulator']);
    expect((await call('audit', 'admin')).user).toEqual(users['admin']);
    for (const token of ['owner', 'false-regulator']) {
      expect((await call('audit', token)).error).toMatchObject({ code: 'FORBIDDEN', status: 403, message: 'the audit log is for regulators and organisation admins' });
    }
  });
});
