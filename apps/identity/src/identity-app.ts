import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { IdentityModule } from './app.module.ts';
import { IdentityExceptionFilter } from './common/identity-exception.filter.ts';
import type { IdentityConfig } from './config/identity-config.ts';

/** The configured application, shared by main.ts and the integration tests. */
export async function createIdentityApp(config: IdentityConfig, options: { logger?: false } = {}): Promise<INestApplication> {
  const app = await NestFactory.create(IdentityModule.forConfig(config), { ...options, bodyParser: true, abortOnError: false });
  app.useGlobalFilters(new IdentityExceptionFilter());
  const openApi = new DocumentBuilder()
    .setTitle('GridLedger identity service')
    .setDescription('Organisations, users, sign-in (ES256 JWTs with a JWKS), per-user Fabric identities and the internal signing API.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, openApi);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  return app;
}
