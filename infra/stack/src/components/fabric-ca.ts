import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { caBootstrapAdmin, caBootstrapAdminFile, type CaBootstrapAdmin, fabricLayout, type PeerOrganization } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { httpOk } from '../process/probes.ts';
import { binaryLayout } from '../provision/binaries.ts';
import type { Component } from './component.ts';

/**
 * One Fabric CA per peer organisation. It signs with the org CA key cryptogen made, so every
 * user it enrols is a member of the org's MSP with their own certificate and attributes.
 */
export function fabricCaComponent(config: StackConfig, org: PeerOrganization): Component {
  const p = fabricLayout(config).peer(org);
  const server = join(binaryLayout(config).fabricCaBin, 'fabric-ca-server');
  return {
    name: `ca-${org.key}`,
    version: config.versions.fabricCa,
    address: `https://127.0.0.1:${org.caPort} (${org.caName}, ${org.mspId})`,
    ports: [org.caPort, org.caOperationsPort],
    startTimeoutMs: 30_000,
    async prepare() {
      mkdirSync(p.caHome, { recursive: true });
      const file = caBootstrapAdminFile(config, org);
      if (!existsSync(file)) {
        const admin: CaBootstrapAdmin = { enrollmentId: 'registrar', secret: randomBytes(18).toString('base64url') };
        writeFileSync(file, JSON.stringify(admin, null, 2), { mode: 0o600 });
      }
    },
    daemon() {
      const admin = caBootstrapAdmin(config, org);
      return {
        name: `ca-${org.key}`,
        command: server,
        args: [
          'start', '-H', p.caHome, '-b', `${admin.enrollmentId}:${admin.secret}`,
          '--address', '127.0.0.1', '--port', String(org.caPort), '--ca.name', org.caName,
          '--ca.certfile', p.caCert, '--ca.keyfile', p.caKey,
          '--tls.enabled', '--csr.hosts', 'localhost,127.0.0.1',
        ],
        env: { ...process.env, FABRIC_CA_SERVER_OPERATIONS_LISTENADDRESS: `127.0.0.1:${org.caOperationsPort}` },
      };
    },
    healthy: () => httpOk(org.caOperationsPort, '/healthz'),
  };
}
