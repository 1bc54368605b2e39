import type { Server } from 'node:http';
import type { ErrorTranslator } from '@gridledger/api-errors';
import { Logger, type DynamicModule, type INestApplication, type NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
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
  /** the service's own middleware and parsers, mounted after logs and traces and before its routes and OpenAPI */
  configure?: (app: NestExpressApplication, config: Config) => void;
  /** once listening: what this service sets on its server, or starts beside it */
  listening?: (server: Server, config: Config, app: NestExpressApplication) => void | Promise<void>;
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
  const app = await createServiceApp(service, config);
  app.enableShutdownHooks();
  await startInbox(app);
  const { port, host } = service.address(config);
  const server = await listenOnSharedPort(app, port, host);
  await service.listening?.(server, config, app);
  new Logger(service.name).log(`listening on http://${host}:${port} (OpenAPI at /docs)`);
  return app;
}

/**
 * The service's app, configured as bootstrapService serves it but not listening: what its
 * integration tests start in-process. `logger: false` keeps a test's output quiet.
 */
export async function createServiceApp<Config>(service: ServiceBootstrap<Config>, config: Config, options: { logger?: false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(service.module(config), { abortOnError: false, bufferLogs: options.logger !== false, ...options, ...service.nestOptions });
  if (options.logger !== false) useServiceLogs(app);
  useServiceTracing(app);
  service.configure?.(app, config);
  app.useGlobalFilters(new ServiceExceptionFilter(service.name, service.errors));
  serveOpenApi(app, service.openApi);
  return app;
}
