import { Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult, type HealthIndicatorFunction } from '@nestjs/terminus';

/** A database ping that does not answer in this time counts as down: a paused PostgreSQL must not hang the probe. */
const PING_TIMEOUT_MS = 3_000;

const withinTimeout = <T>(work: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

/**
 * The building blocks of a service's GET /health, on @nestjs/terminus: the answer is terminus's
 * `{ status, info, error, details }`, 200 while every check is up and 503 (same body) otherwise.
 */
@Injectable()
export class HealthChecks {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
  ) {}

  run(checks: HealthIndicatorFunction[]): Promise<HealthCheckResult> {
    return this.health.check(checks);
  }

  /** The database answers `select 1` (a pg Pool, or a TypeORM DataSource). */
  postgres(key: string, database: { query(sql: string): Promise<unknown> }): HealthIndicatorFunction {
    return () => this.probe(key, () => database.query('select 1').then(() => true));
  }

  /** Something the service cannot work without passes its own probe; `downMessage` says what is wrong otherwise. */
  reachable(key: string, probe: () => Promise<boolean>, downMessage = 'unreachable'): HealthIndicatorFunction {
    return () => this.probe(key, probe, downMessage);
  }

  /** Always up: figures (events published, consumed …) that operators and the ops screen read. */
  figures(key: string, read: () => object): HealthIndicatorFunction {
    return () => this.indicators.check(key).up({ ...read() });
  }

  private async probe(key: string, probe: () => Promise<boolean>, downMessage = 'unreachable') {
    const session = this.indicators.check(key);
    // the reason stays in the service's log: a driver's error may name hosts or users
    const up = await withinTimeout(probe(), PING_TIMEOUT_MS).catch(() => false);
    return up ? session.up() : session.down({ message: downMessage });
  }
}
