import 'reflect-metadata';
import { ledgerClientErrors } from '@gridledger/ledger-client';
import { bootstrapService } from '@gridledger/nest-service';
import { AccessPolicyModule } from './app.module.ts';
import { loadAccessPolicyConfig } from './config/access-policy-config.ts';

void bootstrapService({
  name: 'access-policy',
  loadConfig: loadAccessPolicyConfig,
  module: (config) => AccessPolicyModule.forConfig(config),
  address: (config) => ({ port: config.ACCESS_POLICY_PORT, host: config.ACCESS_POLICY_HOST }),
  openApi: {
    title: 'GridLedger access-policy service',
    description:
      'The sharing workflow: request, approve, regulator approval, key release, revoke, expiry; asset policies; inboxes; supervision. Every step is a chain transaction signed for the caller.',
  },
  errors: [ledgerClientErrors],
});
