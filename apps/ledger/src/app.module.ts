import { Module, type DynamicModule } from '@nestjs/common';
import { ChainEventsService } from './chain-events/chain-events.service.ts';
import { LedgerCommandsService } from './commands/ledger-commands.service.ts';
import { LEDGER_CONFIG, type LedgerConfig } from './config/ledger-config.ts';
import { LedgerDatabase } from './database/ledger-database.ts';
import { LedgerFabric } from './fabric/ledger-fabric.ts';
import { HealthController } from './health/health.controller.ts';
import { OutboxPublisherService } from './outbox/outbox-publisher.service.ts';

@Module({})
export class LedgerModule {
  static forConfig(config: LedgerConfig): DynamicModule {
    return {
      module: LedgerModule,
      controllers: [HealthController],
      providers: [{ provide: LEDGER_CONFIG, useValue: config }, LedgerDatabase, LedgerFabric, ChainEventsService, LedgerCommandsService, OutboxPublisherService],
    };
  }
}
