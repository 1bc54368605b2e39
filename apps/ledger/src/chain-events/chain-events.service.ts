import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LedgerDatabase } from '../database/ledger-database.ts';
import { LedgerFabric } from '../fabric/ledger-fabric.ts';
import { SingletonLease } from '@gridledger/messaging';
import { ChainEventRelay } from './chain-event-relay.ts';
import { ChainEventStore } from './chain-event-store.ts';

/**
 * Runs the chaincode event relay for the life of the service, in one replica at a time: two
 * relays would write each block's events twice over (the event ids would dedupe them, but only
 * after both had read every block).
 */
@Injectable()
export class ChainEventsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ChainEvents');
  private relay: ChainEventRelay | undefined;
  private running: Promise<void> | undefined;
  private readonly lease: SingletonLease;
  /** what the relays this process ran before the current one passed on */
  private earlier = { relayed: 0, skipped: 0 };

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly database: LedgerDatabase,
    private readonly fabric: LedgerFabric,
  ) {
    this.lease = new SingletonLease({ connectionString: config.LEDGER_DATABASE_URL, name: 'ledger-chain-event-relay', logger: this.logger });
  }

  onApplicationBootstrap(): void {
    this.lease.run({ start: () => this.startRelay(), stop: () => this.stopRelay() });
  }

  stats() {
    return { relayed: this.earlier.relayed + (this.relay?.relayed ?? 0), skipped: this.earlier.skipped + (this.relay?.skipped ?? 0) };
  }

  async onModuleDestroy(): Promise<void> {
    await this.lease.stop();
  }

  private startRelay(): void {
    this.relay = new ChainEventRelay(() => this.fabric.network(), this.config.LEDGER_CHAINCODE, new ChainEventStore(this.database.pool), this.logger);
    this.running = this.relay.run();
    this.logger.log(`relaying chaincode events of ${this.config.LEDGER_CHAINCODE} on ${this.config.LEDGER_CHANNEL} from ${this.config.LEDGER_LISTEN_MSP_ID}'s peer`);
  }

  private async stopRelay(): Promise<void> {
    const relay = this.relay;
    if (!relay) return;
    relay.stop();
    await this.running?.catch(() => undefined);
    this.earlier = this.stats();
    this.relay = undefined;
  }
}
