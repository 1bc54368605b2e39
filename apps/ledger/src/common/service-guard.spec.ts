import type { ExecutionContext } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import { ServiceGuard } from './service-guard.ts';

const TOKEN = 's'.repeat(40);
const guard = new ServiceGuard({ LEDGER_IDENTITY_SERVICE_TOKEN: TOKEN });
const withAuthorization = (authorization?: string) => ({ switchToHttp: () => ({ getRequest: () => ({ headers: { authorization } }) }) }) as unknown as ExecutionContext;

describe('ServiceGuard', () => {
  it('lets the service credential through', () => {
    expect(guard.canActivate(withAuthorization(`Bearer ${TOKEN}`))).toBe(true);
    expect(guard.canActivate(withAuthorization(`bearer ${TOKEN}`))).toBe(true);
  });

  it.each([undefined, '', TOKEN, `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(1)}`, 'Bearer ', `Basic ${TOKEN}`])('refuses %j with 401 UNAUTHENTICATED', (authorization) => {
    expect(() => guard.canActivate(withAuthorization(authorization))).toThrow(expect.objectContaining({ code: 'UNAUTHENTICATED', status: 401 }));
  });
});
