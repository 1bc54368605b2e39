import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AuditModule } from './app.module.ts';
import { loadAuditConfig, type AuditConfig } from './config/audit-config.ts';
import { listenOnSharedPort, ServiceExceptionFilter, useServiceLogs } from '@gridledger/nest-service';

async function main(): Promise<void> {
  let config: AuditConfig;
  try {
    config = loadAuditConfig();
  } catch (error) {
    // a bad environment stops the boot with the sentence that names the setting
    console.error((error as Error).message);
    process.exit(1);
  }
  const app = await NestFactory.create(AuditModule.forConfig(config), { abortOnError: false, bufferLogs: true });
  useServiceLogs(app);
  const openApi = new DocumentBuilder()
    .setTitle('GridLedger audit service')
    .setDescription('The append-only audit log of every platform event: search, lineage, counters and reports for regulators and organisation admins.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, openApi), { jsonDocumentUrl: 'openapi.json' });
  app.useGlobalFilters(new ServiceExceptionFilter('audit'));
  app.enableShutdownHooks();
  await listenOnSharedPort(app, config.AUDIT_PORT, config.AUDIT_HOST);
  new Logger('Audit').log(`listening on http://${config.AUDIT_HOST}:${config.AUDIT_PORT}`);
}

void main();
