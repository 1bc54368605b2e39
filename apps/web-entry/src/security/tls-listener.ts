import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { RequestListener } from 'node:http';
import { listenServerOnSharedPort } from '@gridledger/nest-service';
import type { EntryConfig } from '../config/entry-config.ts';

/**
 * The same application served over HTTPS beside plain HTTP, when a certificate is configured. The
 * stack gives the entry one from its own CA; production gives it the organisation's certificate
 * (or terminates TLS in front of it). Modern protocol versions only.
 */
export async function listenTls(config: EntryConfig, handler: RequestListener, host: string): Promise<Server | undefined> {
  if (config.WEB_HTTPS_PORT === undefined || !config.WEB_TLS_CERT_FILE || !config.WEB_TLS_KEY_FILE) return undefined;
  const server = createServer({ cert: readFileSync(config.WEB_TLS_CERT_FILE), key: readFileSync(config.WEB_TLS_KEY_FILE), minVersion: 'TLSv1.2' }, handler);
  await listenServerOnSharedPort(server, config.WEB_HTTPS_PORT, host);
  return server;
}
