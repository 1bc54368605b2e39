import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { LedgerModule } from './app.module.ts';
import { ledgerHttpErrors } from './common/ledger-http-errors.ts';
import { loadLedgerConfig, type LedgerConfig } from './config/ledger-config.ts';
import { listenOnSharedPort, ServiceExceptionFilter, useServiceLogs } from '@gridledger/nest-service';

async function main(): Promise<void> {
  let config: LedgerConfig;
  try {
    config = loadLedgerConfig();
  } catch (error) {
    // a bad environment stops the boot with the sentence that names the setting
    console.error((error as Error).message);
    process.exit(1);
  }
  const app = await NestFactory.create(LedgerModule.forConfig(config), { abortOnError: false, bufferLogs: true });
  useServiceLogs(app);
  app.useGlobalFilters(new ServiceExceptionFilter('ledger', [ledgerHttpErrors]));
  const openApi = new DocumentBuilder()
    .setTitle('GridLedger ledger service')
    .setDescription('Ledger reads for the other services (behind the service credential), chaincode events relayed to Kafka, and ledger commands consumed from Kafka.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, openApi);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'openapi.json' });
  app.enableShutdownHooks();
  await listenOnSharedPort(app, config.LEDGER_PORT, config.LEDGER_HOST);
  new Logger('Ledger').log(`listening on http://${config.LEDGER_HOST}:${config.LEDGER_PORT}`);
}

void main();
