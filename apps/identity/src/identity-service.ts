import type { ServiceBootstrap } from '@gridledger/nest-service';
import { IdentityModule } from './app.module.ts';
import { loadIdentityConfig, type IdentityConfig } from './config/identity-config.ts';

/** The identity service as bootstrapService builds it: main.ts serves it, the integration tests start it in-process. */
export const IDENTITY_SERVICE: ServiceBootstrap<IdentityConfig> = {
  name: 'identity',
  loadConfig: loadIdentityConfig,
  module: (config) => IdentityModule.forConfig(config),
  address: (config) => ({ port: config.port, host: config.host }),
  openApi: {
    title: 'GridLedger identity service',
    description: 'Organisations, users, sign-in (ES256 JWTs with a JWKS), per-user Fabric identities and the internal signing API (per-service ES256 tokens; signs only attested calls).',
  },
  nestOptions: { bodyParser: true },
  // a proposal or transaction to sign may be up to 1 MiB, which is about 1.4 MB as base64 in JSON
  configure: (app) => app.useBodyParser('json', { limit: '2mb' }),
};
