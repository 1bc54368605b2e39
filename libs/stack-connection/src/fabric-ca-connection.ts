import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionConfig } from './connection-config.ts';
import { fabricLayout } from './fabric-layout.ts';
import type { PeerOrganization } from './organizations.ts';

export interface CaBootstrapAdmin {
  enrollmentId: string;
  secret: string;
}

/** Where `up` keeps an organisation's CA registrar, generated once per data directory. */
export const caBootstrapAdminFile = (config: ConnectionConfig, org: PeerOrganization) => join(fabricLayout(config).peer(org).caHome, 'bootstrap-admin.json');

/** The CA's registrar, readable only by the stack's user. */
export function caBootstrapAdmin(config: ConnectionConfig, org: PeerOrganization): CaBootstrapAdmin {
  return JSON.parse(readFileSync(caBootstrapAdminFile(config, org), 'utf8')) as CaBootstrapAdmin;
}

/** The CA serves TLS with a certificate it issues itself, so the org's CA certificate is the trust root. */
export function caTlsRootPath(config: ConnectionConfig, org: PeerOrganization): string {
  return fabricLayout(config).peer(org).caCert;
}
