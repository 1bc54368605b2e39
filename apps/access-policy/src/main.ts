import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AccessPolicyModule } from './app.module.ts';
import { loadAccessPolicyConfig, type AccessPolicyConfig } from './config/access-policy-config.ts';
import { ledgerClientErrors } from '@gridledger/ledger-client';
import { listenOnSharedPort, ServiceExceptionFilter, useServiceLogs } from '@gridledger/nest-service';

async function main(): Promise<void> {
  let config: AccessPolicyConfig;
  try {
    config = loadAccessPolicyConfig();
  } catch (error) {
    // a bad environment stops the boot with the sentence that names the setting
    console.error((error as Error).message);
    process.exit(1);
  }
  const app = await NestFactory.create(AccessPolicyModule.forConfig(config), { abortOnError: false, bufferLogs: true });
  useServiceLogs(app);
  app.useGlobalFilters(new ServiceExceptionFilter('access-policy', [ledgerClientErrors]));
  const openApi = new DocumentBuilder()
    .setTitle('GridLedger access-policy service')
    .setDescription('The sharing workflow: request, approve, regulator approval, key release, revoke, expiry; asset policies; inboxes; supervision. Every step is a chain transaction signed for the caller.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'openapi.json' });
  app.enableShutdownHooks();
  await listenOnSharedPort(app, config.ACCESS_POLICY_PORT, config.ACCESS_POLICY_HOST);
  new Logger('AccessPolicy').log(`listening on http://${config.ACCESS_POLICY_HOST}:${config.ACCESS_POLICY_PORT}`);
}

void main();
