import { readFileSync } from 'node:fs';
import type { ConnectionConfig } from './connection-config.ts';
import { entryCertificateFiles, identityFiles, serviceKeyFiles, type CredentialHolder } from './service-files.ts';

export interface PlatformEndpoints {
  identityUrl: string;
  ledgerUrl: string;
  storageUrl: string;
  accessPolicyUrl: string;
  auditUrl: string;
  /** the public entry: the dashboard, and /api/... routed to the services */
  webUrl: string;
  /** the same entry over HTTPS, and the stack CA's certificate that verifies it */
  webHttpsUrl: string;
  stackCaFile: string;
  ipfsGatewayUrl: string;
  /** internal-API credentials: each service's private key file and the registry of public keys */
  serviceKeys: { registry: string; privateKey: (holder: CredentialHolder) => string };
  /** the first admin of each organisation, as `npm start` created them */
  admins: { mspId: string; username: string; password: string }[];
}

/** Where the running platform services are, and the credentials the stack generated for them. Holds secrets. */
export function platformEndpoints(config: ConnectionConfig): PlatformEndpoints {
  const files = identityFiles(config);
  const { admins } = JSON.parse(readFileSync(files.bootstrap, 'utf8')) as { admins: PlatformEndpoints['admins'] };
  return {
    identityUrl: `http://127.0.0.1:${config.ports.identity}`,
    ledgerUrl: `http://127.0.0.1:${config.ports.ledger}`,
    storageUrl: `http://127.0.0.1:${config.ports.storage}`,
    accessPolicyUrl: `http://127.0.0.1:${config.ports.accessPolicy}`,
    auditUrl: `http://127.0.0.1:${config.ports.audit}`,
    webUrl: `http://127.0.0.1:${config.ports.web}`,
    webHttpsUrl: `https://127.0.0.1:${config.ports.webHttps}`,
    stackCaFile: entryCertificateFiles(config).ca,
    ipfsGatewayUrl: `http://127.0.0.1:${config.ports.kuboGateway}`,
    serviceKeys: { registry: serviceKeyFiles(config).registry, privateKey: serviceKeyFiles(config).privateKey },
    admins,
  };
}
