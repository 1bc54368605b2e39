import 'reflect-metadata';
import { bootstrapService } from '@gridledger/nest-service';
import { LedgerModule } from './app.module.ts';
import { ledgerHttpErrors } from './common/ledger-http-errors.ts';
import { loadLedgerConfig } from './config/ledger-config.ts';

void bootstrapService({
  name: 'ledger',
  loadConfig: loadLedgerConfig,
  module: (config) => LedgerModule.forConfig(config),
  address: (config) => ({ port: config.LEDGER_PORT, host: config.LEDGER_HOST }),
  openApi: {
    title: 'GridLedger ledger service',
    description: 'Ledger reads for the other services (behind the service credential), chaincode events relayed to Kafka, and ledger commands consumed from Kafka.',
  },
  errors: [ledgerHttpErrors],
});
