import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ServiceExceptionFilter, serveOpenApi, useServiceLogs, useServiceTracing } from '@gridledger/nest-service';
import { IdentityModule } from './app.module.ts';
import type { IdentityConfig } from './config/identity-config.ts';

/** The configured application, shared by main.ts and the integration tests. */
export async function createIdentityApp(config: IdentityConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(IdentityModule.forConfig(config), { ...options, bodyParser: true, abortOnError: false, bufferLogs: options.logger !== false });
  if (options.logger !== false) useServiceLogs(app);
  useServiceTracing(app);
  // a proposal or transaction to sign may be up to 1 MiB, which is about 1.4 MB as base64 in JSON
  app.useBodyParser('json', { limit: '2mb' });
  app.useGlobalFilters(new ServiceExceptionFilter('identity'));
  serveOpenApi(app, {
    title: 'GridLedger identity service',
    description: 'Organisations, users, sign-in (ES256 JWTs with a JWKS), per-user Fabric identities and the internal signing API (per-service ES256 tokens; signs only attested calls).',
  });
  return app;
}
