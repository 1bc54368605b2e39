import { submitCalls } from '@gridledger/chaincode-api';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { PENDING_REQUEST_STATUSES } from '@gridledger/domain';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { leasedInterval, type SingletonLease } from '@gridledger/messaging';
import { LedgerGateway } from '../ledger/ledger-gateway.ts';

/** The chaincode's TTL of an undecided request (PENDING_REQUEST_TTL_SECONDS). */
const PENDING_TTL = '7 days';

/**
 * Time alone emits nothing on chain: a grant past its end and a request nobody decided stay as
 * they are until someone submits ExpireRequest, which refunds what is still in escrow. (A grant
 * whose download budget is spent is not expired: CheckAccess already refuses it.) This job does that, signed for the consumer, whose request it is.
 */
@Injectable()
export class ExpiryJob implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Expiry');
  /** the schedule runs in one replica at a time */
  private schedule: SingletonLease | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(ACCESS_POLICY_CONFIG) private readonly config: AccessPolicyConfig,
    private readonly database: AccessPolicyDatabase,
    private readonly ledger: LedgerGateway,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.ACCESS_POLICY_EXPIRY_INTERVAL_MS === 0) return;
    this.schedule = leasedInterval({
      connectionString: this.config.ACCESS_POLICY_DATABASE_URL,
      name: 'access-policy-expiry',
      intervalMs: this.config.ACCESS_POLICY_EXPIRY_INTERVAL_MS,
      round: () => this.runOnce(),
      onError: (error) => this.logger.warn(`expiry round failed: ${error.message}`),
      logger: this.logger,
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.schedule?.stop();
    await this.running?.catch(() => undefined);
  }

  /** One round: expires what is due; returns how many requests it expired. Rounds never overlap. */
  runOnce(): Promise<number> {
    this.running ??= this.expireDue().finally(() => (this.running = undefined));
    return this.running;
  }

  private async expireDue(): Promise<number> {
    const { rows } = await this.database.pool.query<{ request_id: string; asset_id: string; consumer_uid: string }>(
      `select request_id, asset_id, consumer_uid from requests
        where ((status = 'granted' and grant_expires_at < now())
           or (status = any($1) and created_at < now() - interval '${PENDING_TTL}'))
          -- signed for the consumer through the identity service: only platform users (uuid ids) can be
          and consumer_uid ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        order by updated_at limit 50`,
      [[...PENDING_REQUEST_STATUSES]],
    );
    let expired = 0;
    for (const row of rows) {
      try {
        await this.ledger.submit({ subject: row.asset_id, signer: { userId: row.consumer_uid }, call: submitCalls.expireRequest(row.request_id) });
        expired += 1;
      } catch (error) {
        this.logger.warn(`request ${row.request_id} could not be expired: ${(error as Error).message}`);
      }
    }
    if (expired) this.logger.log(`expired ${expired} request(s) on chain`);
    return expired;
  }
}
