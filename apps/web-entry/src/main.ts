import 'reflect-metadata';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Logger } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { bootstrapService } from '@gridledger/nest-service';
import { WebEntryModule } from './app.module.ts';
import { loadEntryConfig, type EntryConfig } from './config/entry-config.ts';
import { ApiProxy } from './proxy/api-proxy.ts';
import { browserProtection, strictTransportOverTls } from './security/browser-protection.ts';
import { listenTls } from './security/tls-listener.ts';
import { dashboardFiles } from './static/dashboard-files.ts';

/** In front of Nest's router: the browser protections on every answer, /api forwarded, the dashboard's files. */
function mountEntry(app: NestExpressApplication, config: EntryConfig): void {
  // first, so every answer (the dashboard, the API, errors) carries the browser protections
  app.use(browserProtection());
  app.use(strictTransportOverTls());
  const proxy = app.get(ApiProxy);
  // mounted before Nest's router: /api/<service>/… is forwarded, /api/ops falls through to the controller
  app.use('/api', (req: IncomingMessage, res: ServerResponse, next: () => void) => void proxy.handle(req, res, next));
  app.use(dashboardFiles(config.WEB_STATIC_DIR));
}

/** The dashboard over HTTPS too, when a certificate is configured; it goes down with the HTTP server. */
async function serveTls(server: Server, config: EntryConfig, app: NestExpressApplication): Promise<void> {
  const logger = new Logger('WebEntry');
  logger.log(`dashboard on http://${config.WEB_HOST}:${config.WEB_PORT}`);
  const tls = await listenTls(config, app.getHttpAdapter().getInstance(), config.WEB_HOST);
  if (!tls) return;
  logger.log(`dashboard on https://${config.WEB_HOST}:${config.WEB_HTTPS_PORT}`);
  // Nest closes only the server it listens with; the TLS one goes down with it
  server.once('close', () => {
    tls.close();
    tls.closeAllConnections();
  });
}

void bootstrapService({
  name: 'web-entry',
  loadConfig: loadEntryConfig,
  module: (config) => WebEntryModule.forConfig(config),
  address: (config) => ({ port: config.WEB_PORT, host: config.WEB_HOST }),
  openApi: {
    title: 'GridLedger public entry',
    description:
      'The one origin the browser talks to: the dashboard, /api/{identity,ledger,storage,access,audit}/… forwarded to the internal services after the access token is verified here, and the ops figures.',
  },
  // no body parser: proxied bodies (uploads up to 1 GiB) stream through untouched
  nestOptions: { bodyParser: false },
  configure: mountEntry,
  listening: serveTls,
});
