import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LedgerDatabase } from '../database/ledger-database.ts';
import { LedgerFabric } from '../fabric/ledger-fabric.ts';
import { ChainEventRelay } from './chain-event-relay.ts';
import { ChainEventStore } from './chain-event-store.ts';

/** Runs the chaincode event relay for the life of the service. */
@Injectable()
export class ChainEventsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ChainEvents');
  private relay: ChainEventRelay | undefined;
  private running: Promise<void> | undefined;

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly database: LedgerDatabase,
    private readonly fabric: LedgerFabric,
  ) {}

  onApplicationBootstrap(): void {
    this.relay = new ChainEventRelay(() => this.fabric.network(), this.config.LEDGER_CHAINCODE, new ChainEventStore(this.database.pool), this.logger);
    this.running = this.relay.run();
    this.logger.log(`relaying chaincode events of ${this.config.LEDGER_CHAINCODE} on ${this.config.LEDGER_CHANNEL} from ${this.config.LEDGER_LISTEN_MSP_ID}'s peer`);
  }

  stats() {
    return { relayed: this.relay?.relayed ?? 0, skipped: this.relay?.skipped ?? 0 };
  }

  async onModuleDestroy(): Promise<void> {
    this.relay?.stop();
    await this.running?.catch(() => undefined);
  }
}
