import { suspensionFeedProvider } from '@gridledger/access-token';
import { callerAuthProvider, inboxProvider, outboxPublisherProvider, ServiceFoundationModule } from '@gridledger/nest-service';
import { Module, type DynamicModule } from '@nestjs/common';
import { AuditExportController } from './audit-export/audit-export.controller.ts';
import { AuditExporter } from './audit-export/audit-exporter.ts';
import { ExportLinksRepository } from './audit-export/export-links.repository.ts';
import { AuditController } from './audit-log/audit.controller.ts';
import { AuditLogConsumer } from './audit-log/audit-log.consumer.ts';
import { AuditLogRepository } from './audit-log/audit-log.repository.ts';
import { AUDIT_CONFIG, type AuditConfig } from './config/audit-config.ts';
import { AuditDatabase } from './database/audit-database.ts';
import { HealthController } from './health/health.controller.ts';
import { ReconciliationController } from './reconciliation/reconciliation.controller.ts';
import { ReconciliationService } from './reconciliation/reconciliation.service.ts';
import { ViolationsController } from './violations/violations.controller.ts';
import { ViolationsRepository } from './violations/violations.repository.ts';

@Module({})
export class AuditModule {
  static forConfig(config: AuditConfig): DynamicModule {
    return {
      module: AuditModule,
      imports: [ServiceFoundationModule.forService('audit')],
      controllers: [HealthController, AuditLogConsumer, AuditController, AuditExportController, ReconciliationController, ViolationsController],
      providers: [{ provide: AUDIT_CONFIG, useValue: config }, AuditDatabase, AuditLogRepository, AuditExporter, ExportLinksRepository, ViolationsRepository, ReconciliationService, suspensionFeedProvider(AUDIT_CONFIG, 'audit'),
        inboxProvider<AuditConfig, AuditDatabase>(AUDIT_CONFIG, AuditDatabase, (config, database) => ({ kafka: config.kafka, pool: database.pool })),
        callerAuthProvider<AuditConfig>(AUDIT_CONFIG, (config) => ({ audience: 'audit', registry: config.auth.registry, identityUrl: config.AUDIT_IDENTITY_URL })),
        // publishes what reconciliation finds (integrity violations, run reports)
        outboxPublisherProvider<AuditConfig>({
          configToken: AUDIT_CONFIG,
          options: (config) => ({ databaseUrl: config.AUDIT_DATABASE_URL, kafka: config.kafka, clientId: 'gridledger-audit' }),
        }),
      ],
    };
  }
}
