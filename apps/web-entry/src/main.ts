import 'reflect-metadata';
import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { WebEntryModule } from './app.module.ts';
import { loadEntryConfig, type EntryConfig } from './config/entry-config.ts';
import { ApiProxy } from './proxy/api-proxy.ts';
import { browserProtection, strictTransportOverTls } from './security/browser-protection.ts';
import { listenTls } from './security/tls-listener.ts';
import { dashboardFiles } from './static/dashboard-files.ts';
import { listenOnSharedPort, serveOpenApi, startServiceTracing, useServiceLogs, useServiceTracing } from '@gridledger/nest-service';

async function main(): Promise<void> {
  let config: EntryConfig;
  try {
    config = loadEntryConfig();
    startServiceTracing('web-entry');
  } catch (error) {
    // a bad environment stops the boot with the sentence that names the setting
    console.error((error as Error).message);
    process.exit(1);
  }
  // no body parser: proxied bodies (uploads up to 1 GiB) stream through untouched
  const app = await NestFactory.create<NestExpressApplication>(WebEntryModule.forConfig(config), { abortOnError: false, bodyParser: false, bufferLogs: true });
  useServiceLogs(app);
  // the browser's request is where an upload's trace begins
  useServiceTracing(app);
  // first, so every answer (the dashboard, the API, errors) carries the browser protections
  app.use(browserProtection());
  app.use(strictTransportOverTls());
  const proxy = app.get(ApiProxy);
  // mounted before Nest's router: /api/<service>/… is forwarded, /api/ops falls through to the controller
  app.use('/api', (req: Parameters<ApiProxy['handle']>[0], res: Parameters<ApiProxy['handle']>[1], next: () => void) => void proxy.handle(req, res, next));
  app.use(dashboardFiles(config.WEB_STATIC_DIR));
  serveOpenApi(app, {
    title: 'GridLedger public entry',
    description:
      'The one origin the browser talks to: the dashboard, /api/{identity,ledger,storage,access,audit}/… forwarded to the internal services after the access token is verified here, and the ops figures.',
  });
  app.enableShutdownHooks();
  await listenOnSharedPort(app, config.WEB_PORT, config.WEB_HOST);
  const logger = new Logger('WebEntry');
  logger.log(`dashboard on http://${config.WEB_HOST}:${config.WEB_PORT}`);
  const tls = await listenTls(config, app.getHttpAdapter().getInstance(), config.WEB_HOST);
  if (tls) {
    logger.log(`dashboard on https://${config.WEB_HOST}:${config.WEB_HTTPS_PORT}`);
    // Nest closes only the server it listens with; the TLS one goes down with it
    (app.getHttpServer() as Server).once('close', () => {
      tls.close();
      tls.closeAllConnections();
    });
  }
}

void main();
