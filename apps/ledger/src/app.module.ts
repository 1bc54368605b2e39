import { suspensionFeedProvider } from '@gridledger/access-token';
import { callerAuthProvider, inboxProvider, ServiceFoundationModule, outboxPublisherProvider } from '@gridledger/nest-service';
import { Module, type DynamicModule } from '@nestjs/common';
import { ChainEventsService } from './chain-events/chain-events.service.ts';
import { LedgerCommandsConsumer } from './commands/ledger-commands.consumer.ts';
import { LedgerCommandsService } from './commands/ledger-commands.service.ts';
import { QueryCallerGuard } from './common/caller-guards.ts';
import { LEDGER_CONFIG, type LedgerConfig } from './config/ledger-config.ts';
import { LedgerDatabase } from './database/ledger-database.ts';
import { LedgerFabric } from './fabric/ledger-fabric.ts';
import { HealthController } from './health/health.controller.ts';
import { LedgerMetrics } from './metrics/ledger-metrics.ts';
import { OperatorController } from './operator/operator.controller.ts';
import { LedgerQueriesController } from './queries/ledger-queries.controller.ts';
import { LedgerQueryService } from './queries/ledger-query.service.ts';
import { LedgerSigners } from './signing/signing.providers.ts';

@Module({})
export class LedgerModule {
  static forConfig(config: LedgerConfig): DynamicModule {
    return {
      module: LedgerModule,
      imports: [ServiceFoundationModule.forService('ledger')],
      controllers: [HealthController, LedgerQueriesController, OperatorController, LedgerCommandsConsumer],
      providers: [LedgerMetrics, { provide: LEDGER_CONFIG, useValue: config }, LedgerDatabase, LedgerFabric, ChainEventsService, LedgerCommandsService, suspensionFeedProvider(LEDGER_CONFIG, 'ledger'),
        inboxProvider<LedgerConfig, LedgerDatabase>(LEDGER_CONFIG, LedgerDatabase, (config, database) => ({ kafka: config.kafka, pool: database.pool })),
        callerAuthProvider<LedgerConfig>(LEDGER_CONFIG, (config) => ({ audience: 'ledger', registry: config.auth.registry, identityUrl: config.LEDGER_IDENTITY_URL })), LedgerSigners, LedgerQueryService, QueryCallerGuard,
        // publishes the relayed chain events and the command answers
        outboxPublisherProvider<LedgerConfig>({
          configToken: LEDGER_CONFIG,
          options: (config) => ({
            databaseUrl: config.LEDGER_DATABASE_URL,
            kafka: config.kafka,
            clientId: 'gridledger-ledger',
            // the relay sits between a block's commit and the domain event on Kafka: inserts wake it
            // (NOTIFY), and under load a block's events and its commands' answers go in one Kafka
            // transaction rather than several
            pollIntervalMs: 100,
            batchSize: 500,
          }),
        }),
      ],
    };
  }
}
