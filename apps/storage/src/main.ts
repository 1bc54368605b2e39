import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { StorageModule } from './app.module.ts';
import { storageHttpErrors } from './common/storage-http-errors.ts';
import { loadStorageConfig, type StorageConfig } from './config/storage-config.ts';
import { ledgerClientErrors } from '@gridledger/ledger-client';
import { listenOnSharedPort, ServiceExceptionFilter, useServiceLogs } from '@gridledger/nest-service';

async function main(): Promise<void> {
  let config: StorageConfig;
  try {
    config = loadStorageConfig();
  } catch (error) {
    // a bad environment stops the boot with the sentence that names the setting
    console.error((error as Error).message);
    process.exit(1);
  }
  // the body of an upload is streamed by the upload service, never parsed into memory
  const app = await NestFactory.create(StorageModule.forConfig(config), { abortOnError: false, bufferLogs: true, bodyParser: true });
  useServiceLogs(app);
  app.useGlobalFilters(new ServiceExceptionFilter('storage', [storageHttpErrors, ledgerClientErrors]));
  const openApi = new DocumentBuilder()
    .setTitle('GridLedger storage service')
    .setDescription('Encrypted files on IPFS, anchored on chain: upload, status, download through the platform, key release to consumers.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'openapi.json' });
  app.enableShutdownHooks();
  const server = await listenOnSharedPort(app, config.STORAGE_PORT, config.STORAGE_HOST);
  // large uploads and downloads take longer than Node's default request timeout
  server.requestTimeout = 0;
  new Logger('Storage').log(`listening on http://${config.STORAGE_HOST}:${config.STORAGE_PORT}`);
}

void main();
