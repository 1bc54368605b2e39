import 'reflect-metadata';
import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { generateServiceKeyPair, ServiceCredential, ServiceKeyRegistry } from '@gridledger/service-auth';
import { describe, expect, it } from 'vitest';
import { AcceptCallers, ServiceGuard, type ServiceRequest } from './service-guard.ts';

const pairs = { ledger: generateServiceKeyPair(), storage: generateServiceKeyPair(), operator: generateServiceKeyPair() };
const registry = ServiceKeyRegistry.fromJwks({ ledger: pairs.ledger.publicJwk, storage: pairs.storage.publicJwk, operator: pairs.operator.publicJwk });
const token = (name: keyof typeof pairs) => ServiceCredential.fromPem(name, pairs[name].privateKeyPem).token('identity');

class Routes {
  @AcceptCallers('ledger')
  sign() {
    return 'signed';
  }

  @AcceptCallers('operator')
  rotate() {
    return 'rotated';
  }

  unmarked() {
    return 'nothing';
  }
}

const guard = new ServiceGuard(new Reflector(), { audience: 'identity', registry });
async function call(route: keyof Routes, authorization?: string): Promise<{ caller?: string; error?: unknown }> {
  const request = { method: 'POST', path: `/internal/${route}`, headers: authorization ? { authorization } : {} } as unknown as ServiceRequest;
  const context = { switchToHttp: () => ({ getRequest: () => request }), getHandler: () => Routes.prototype[route], getClass: () => Routes } as unknown as ExecutionContext;
  try {
    await guard.canActivate(context);
    return { caller: request.caller };
  } catch (error) {
    return { error };
  }
}

describe('ServiceGuard', () => {
  it('lets in exactly the callers a route accepts and names them on the request', async () => {
    expect(await call('sign', `Bearer ${await token('ledger')}`)).toEqual({ caller: 'ledger' });
    expect(await call('rotate', `Bearer ${await token('operator')}`)).toEqual({ caller: 'operator' });
  });

  it('answers 403 SERVICE_NOT_PERMITTED to another valid caller, and to everyone on a route that names nobody', async () => {
    expect((await call('sign', `Bearer ${await token('storage')}`)).error).toMatchObject({ code: 'SERVICE_NOT_PERMITTED', status: 403 });
    expect((await call('sign', `Bearer ${await token('operator')}`)).error).toMatchObject({ code: 'SERVICE_NOT_PERMITTED', status: 403 });
    expect((await call('rotate', `Bearer ${await token('ledger')}`)).error).toMatchObject({ code: 'SERVICE_NOT_PERMITTED', status: 403 });
    expect((await call('unmarked', `Bearer ${await token('ledger')}`)).error).toMatchObject({ code: 'SERVICE_NOT_PERMITTED' });
  });

  it('answers 401 SERVICE_UNAUTHENTICATED without a valid service token', async () => {
    expect((await call('sign')).error).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED', status: 401 });
    expect((await call('sign', `Bearer ${'x'.repeat(64)}`)).error).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED', status: 401 });
    const stranger = ServiceCredential.fromPem('ledger', generateServiceKeyPair().privateKeyPem);
    expect((await call('sign', `Bearer ${await stranger.token('identity')}`)).error).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED' });
    expect((await call('sign', `Bearer ${await ServiceCredential.fromPem('ledger', pairs.ledger.privateKeyPem).token('ledger')}`)).error).toMatchObject({ code: 'SERVICE_UNAUTHENTICATED' });
  });
});
