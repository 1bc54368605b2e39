import 'reflect-metadata';
import { bootstrapService } from '@gridledger/nest-service';
import { AuditModule } from './app.module.ts';
import { loadAuditConfig } from './config/audit-config.ts';

void bootstrapService({
  name: 'audit',
  loadConfig: loadAuditConfig,
  module: (config) => AuditModule.forConfig(config),
  address: (config) => ({ port: config.AUDIT_PORT, host: config.AUDIT_HOST }),
  openApi: {
    title: 'GridLedger audit service',
    description: 'The append-only audit log of every platform event: search, lineage, counters and reports for regulators and organisation admins.',
  },
});
