import type { Server } from 'node:http';
import type { ErrorTranslator } from '@gridledger/api-errors';
import { Logger, type DynamicModule, type INestApplication, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { ServiceExceptionFilter } from '../errors/service-exception.filter.ts';
import { startInbox } from '../inbox/inbox.provider.ts';
import { useServiceLogs } from '../service-foundation.module.ts';
import { listenOnSharedPort } from '../shared-port.ts';
import { startServiceTracing, useServiceTracing } from '../tracing/service-tracing.ts';

export interface ServiceBootstrap<Config> {
  /** the service's name, as its logs, errors and metrics say it */
  name: string;
  /** reads and checks the environment; throws a sentence that names the bad setting */
  loadConfig: () => Config;
  module: (config: Config) => DynamicModule;
  address: (config: Config) => { port: number; host: string };
  openApi: { title: string; description: string };
  /** the service's own error translations, for the one exception filter */
  errors?: readonly ErrorTranslator[];
  nestOptions?: Pick<NestApplicationOptions, 'bodyParser'>;
  /** once listening: what this service sets on its server */
  listening?: (server: Server, config: Config) => void;
}

/** OpenAPI at /docs (JSON at /openapi.json), with bearer authentication, as every service has it. */
export function serveOpenApi(app: INestApplication, openApi: { title: string; description: string }): void {
  const document = new DocumentBuilder().setTitle(openApi.title).setDescription(openApi.description).setVersion('1').addBearerAuth().build();
  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, document), { jsonDocumentUrl: 'openapi.json' });
}

/**
 * A service's main(): the configuration checked before anything starts (a bad setting stops the
 * boot with its sentence and exit code 1), JSON logs from the first line, the one exception
 * filter, OpenAPI, traces (when an OTLP endpoint is set), graceful shutdown, the Kafka inbox (a hybrid app), and the shared port. main.ts says only what is its own.
 */
export async function bootstrapService<Config>(service: ServiceBootstrap<Config>): Promise<INestApplication> {
  let config: Config;
  try {
    config = service.loadConfig();
    startServiceTracing(service.name);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
  const app = await NestFactory.create(service.module(config), { abortOnError: false, bufferLogs: true, ...service.nestOptions });
  useServiceLogs(app);
  useServiceTracing(app);
  app.useGlobalFilters(new ServiceExceptionFilter(service.name, service.errors));
  serveOpenApi(app, service.openApi);
  app.enableShutdownHooks();
  await startInbox(app);
  const { port, host } = service.address(config);
  const server = await listenOnSharedPort(app, port, host);
  service.listening?.(server, config);
  new Logger(service.name).log(`listening on http://${host}:${port} (OpenAPI at /docs)`);
  return app;
}
