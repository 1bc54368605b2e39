import { join } from 'node:path';
import { entryCertificateFiles, kafkaNodes } from '@gridledger/stack-connection';
import { build as viteBuild } from 'vite';
import type { StackConfig } from '../config/stack-config.ts';
import type { Component } from '../components/component.ts';
import { httpOk } from '../process/probes.ts';
import { ensureCertificate } from '../tls/stack-ca.ts';
import { buildService } from './build-service.ts';
import { serviceDaemon, STREAMING_SERVICE_NODE_FLAGS } from './service-daemon.ts';

export const dashboardDir = (config: StackConfig): string => join(config.paths.repo, 'dist', 'apps', 'web');

/**
 * The one public entry: the built dashboard, and /api/... routed to the internal services.
 * Started last, so every service it routes to is already up. Its ops figures probe the stack's
 * components by TCP, so it is told where each one listens.
 */
export function webServiceComponent(config: StackConfig): Component {
  const port = config.ports.web;
  const p = config.ports;
  const probed = {
    postgres: p.postgres,
    ...Object.fromEntries(kafkaNodes(config).map((node) => [node.name, node.port])),
    kubo: p.kuboApi,
    'ipfs-gateway': p.kuboGateway,
    ...Object.fromEntries(config.orderer.nodes.map((node) => [node.name, node.port])),
    ...Object.fromEntries(config.organizations.flatMap((org) => org.peers.map((peer) => [peer.name, peer.port]))),
    ...Object.fromEntries(config.organizations.map((org) => [`ca-${org.key}`, org.caPort])),
    chaincode: p.chaincode,
  };
  return {
    name: 'web',
    version: 'dev',
    address: `http://127.0.0.1:${port}, https://127.0.0.1:${config.ports.webHttps} (dashboard; OpenAPI /docs)`,
    ports: [port, config.ports.webHttps],
    startTimeoutMs: 60_000,
    async prepare() {
      await viteBuild({ configFile: join(config.paths.repo, 'apps', 'web', 'vite.config.ts'), logLevel: 'warn' });
      await buildService(config, 'web-entry');
      await ensureCertificate(config, 'web-entry');
    },
    daemon() {
      return {
        ...serviceDaemon(config, 'web-entry', {
          WEB_PORT: String(port),
          WEB_HTTPS_PORT: String(config.ports.webHttps),
          WEB_TLS_CERT_FILE: entryCertificateFiles(config).cert,
          WEB_TLS_KEY_FILE: entryCertificateFiles(config).key,
          WEB_IDENTITY_URL: `http://127.0.0.1:${p.identity}`,
          WEB_LEDGER_URL: `http://127.0.0.1:${p.ledger}`,
          WEB_STORAGE_URL: `http://127.0.0.1:${p.storage}`,
          WEB_ACCESS_POLICY_URL: `http://127.0.0.1:${p.accessPolicy}`,
          WEB_AUDIT_URL: `http://127.0.0.1:${p.audit}`,
          WEB_STATIC_DIR: dashboardDir(config),
          WEB_COMPONENTS: Object.entries(probed).map(([name, at]) => `${name}=127.0.0.1:${at}`).join(','),
        }, STREAMING_SERVICE_NODE_FLAGS),
        // the stack knows it as "web" (pid file, logs); its bundle is the web-entry app's
        name: 'web',
      };
    },
    healthy: () => httpOk(port, '/health'),
  };
}
