import 'reflect-metadata';
import { ServiceUnavailableException } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { HealthChecks } from './health-checks.ts';
import { ServiceHealthModule } from './service-health.module.ts';

async function healthChecks(): Promise<HealthChecks> {
  const module = await Test.createTestingModule({ imports: [ServiceHealthModule] }).setLogger(false as never).compile();
  return module.get(HealthChecks);
}

const answering = { query: async () => ({ rows: [{ '?column?': 1 }] }) };
const refusing = { query: async () => Promise.reject(new Error('password authentication failed for user "ledger" at 10.0.0.7')) };
const silent = { query: () => new Promise<never>(() => undefined) };

describe('HealthChecks', () => {
  it("answers terminus's body, with the figures, while everything is up", async () => {
    const checks = await healthChecks();
    const result = await checks.run([checks.postgres('database', answering), checks.figures('outbox', () => ({ published: 7 }))]);
    expect(result).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, outbox: { status: 'up', published: 7 } } });
  });

  it('is a 503 with the same body when the database refuses, without the driver\'s words', async () => {
    const checks = await healthChecks();
    const failure = await checks.run([checks.postgres('database', refusing), checks.reachable('ipfs', async () => true)]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ServiceUnavailableException);
    const body = (failure as ServiceUnavailableException).getResponse();
    expect(body).toMatchObject({ status: 'error', error: { database: { status: 'down', message: 'unreachable' } }, info: { ipfs: { status: 'up' } } });
    expect(JSON.stringify(body)).not.toMatch(/10\.0\.0\.7|password/);
  });

  it('counts a database that does not answer as down, rather than hang the probe', async () => {
    const checks = await healthChecks();
    const failure = await checks.run([checks.postgres('database', silent)]).catch((error: unknown) => error);
    expect((failure as ServiceUnavailableException).getResponse()).toMatchObject({ error: { database: { status: 'down' } } });
  });

  it('says what is wrong in its own words for a probe that fails', async () => {
    const checks = await healthChecks();
    const failure = await checks.run([checks.reachable('dashboard', async () => false, 'not built')]).catch((error: unknown) => error);
    expect((failure as ServiceUnavailableException).getResponse()).toMatchObject({ error: { dashboard: { status: 'down', message: 'not built' } } });
  });
});
