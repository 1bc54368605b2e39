import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { ChainEventRelay } from './chain-event-relay.ts';
import { ChainEventStore } from './chain-event-store.ts';
import { connectFabric } from './fabric-connection.ts';

/** Runs the chaincode event relay for the life of the service. */
@Injectable()
export class ChainEventsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ChainEvents');
  readonly pool: pg.Pool;
  private relay: ChainEventRelay | undefined;
  private fabric: { close(): void } | undefined;
  private running: Promise<void> | undefined;

  constructor(@Inject(LEDGER_CONFIG) private readonly config: LedgerConfig) {
    this.pool = new pg.Pool({ connectionString: config.LEDGER_DATABASE_URL, max: 5 });
  }

  async onApplicationBootstrap(): Promise<void> {
    const store = new ChainEventStore(this.pool);
    await store.migrate();
    const fabric = connectFabric(this.config);
    this.fabric = fabric;
    this.relay = new ChainEventRelay(fabric.gateway.getNetwork(this.config.LEDGER_CHANNEL), this.config.LEDGER_CHAINCODE, store, this.logger);
    this.running = this.relay.run();
    this.logger.log(`relaying chaincode events of ${this.config.LEDGER_CHAINCODE} on ${this.config.LEDGER_CHANNEL} from ${this.config.LEDGER_PEER_ENDPOINT}`);
  }

  stats() {
    return { relayed: this.relay?.relayed ?? 0, skipped: this.relay?.skipped ?? 0 };
  }

  async onApplicationShutdown(): Promise<void> {
    this.relay?.stop();
    await this.running?.catch(() => undefined);
    this.fabric?.close();
    await this.pool.end();
  }
}
