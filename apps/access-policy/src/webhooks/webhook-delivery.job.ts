import { leasedInterval, type SingletonLease } from '@gridledger/messaging';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import type { AddressPolicy } from './address-policy.ts';
import type { RetryPolicy } from './delivery-backoff.ts';
import { nextState } from './delivery-state.ts';
import { dueDeliveries, recordAttempt, type DueDelivery } from './webhook-deliveries-queue.ts';
import { sendDelivery } from './webhook-sender.ts';

const BATCH = 20;

/**
 * Drives the deliveries table: sends what is due, records each attempt and the delivery's next
 * state. One replica at a time (a lease); a crash between sending and recording sends that
 * delivery again, so receivers dedupe on the delivery id (at least once, never lost).
 */
@Injectable()
export class WebhookDeliveryJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Webhooks');
  private schedule: SingletonLease | undefined;
  private readonly retry: RetryPolicy;
  private readonly policy: AddressPolicy;

  constructor(
    @Inject(ACCESS_POLICY_CONFIG) private readonly config: AccessPolicyConfig,
    private readonly database: AccessPolicyDatabase,
  ) {
    this.retry = { maxAttempts: config.ACCESS_POLICY_WEBHOOK_MAX_ATTEMPTS, baseMs: config.ACCESS_POLICY_WEBHOOK_BACKOFF_BASE_MS, capMs: config.ACCESS_POLICY_WEBHOOK_BACKOFF_CAP_MS };
    this.policy = { allowLoopback: config.ACCESS_POLICY_WEBHOOK_ALLOW_LOOPBACK, allowedCidrs: config.ACCESS_POLICY_WEBHOOK_ALLOWED_CIDRS };
  }

  onApplicationBootstrap(): void {
    this.schedule = leasedInterval({
      connectionString: this.config.ACCESS_POLICY_DATABASE_URL,
      name: 'access-policy-webhooks',
      intervalMs: this.config.ACCESS_POLICY_WEBHOOK_POLL_INTERVAL_MS,
      round: () => this.deliverDue(),
      onError: (error) => this.logger.warn(`webhook round failed: ${error.message}`),
      logger: this.logger,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.schedule?.stop();
  }

  private async deliverDue(): Promise<number> {
    const due = await dueDeliveries(this.database.pool, BATCH);
    await Promise.all(due.map((delivery) => this.deliver(delivery)));
    return due.length;
  }

  private async deliver(delivery: DueDelivery): Promise<void> {
    const startedAt = new Date();
    const result = await sendDelivery(delivery, this.policy, this.config.ACCESS_POLICY_WEBHOOK_TIMEOUT_MS);
    const next = nextState(this.retry, delivery.attempts, result);
    await this.database.transaction((tx) => recordAttempt(tx, delivery, { startedAt, ...result }, next));
    // the URL only: its secret and the body stay out of the logs
    if (next.outcome === 'dead') this.logger.warn(`delivery ${delivery.id} to ${new URL(delivery.url).origin} dead-lettered after ${delivery.attempts + 1} attempts (${result.error ?? result.statusCode})`);
  }
}
