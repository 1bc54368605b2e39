import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { StackConfig } from '../config/stack-config.ts';

/**
 * What cannot be rebuilt, relative to the data directory. The chain, IPFS and Kafka are not here:
 * in production each is replicated by its own cluster (other organisations' peers, a pinning
 * cluster, a replicated broker set), so losing one machine's copy loses nothing of theirs.
 */
export const BACKED_UP_PATHS = [
  // the master keys, which seal every custodial key (identity) and every file key (storage)
  'services/identity/secrets.json',
  'services/storage/secrets.json',
  // the first admins' initial passwords, which the database only holds hashed
  'services/identity/bootstrap-admins.json',
  // each service's own credential and the registry of their public keys
  'services/keys',
  // the ledger service's enrolled Fabric identity
  'services/ledger-service',
  // the stack's CA (TLS for Kafka and the entry), the organisations' Fabric CAs and their MSP material
  'tls',
  'fabric/ca',
  'fabric/crypto',
  // the SCRAM secrets the broker knows, and PostgreSQL's roles; without them nobody could connect
  'kafka/credentials.json',
  'kafka/scram-users.json',
  'postgres/credentials.json',
] as const;

/** Where PostgreSQL keeps its cluster: every service's database. */
export const PGDATA = 'postgres/pgdata';

export function existingBackedUpPaths(config: StackConfig): string[] {
  return BACKED_UP_PATHS.filter((path) => existsSync(join(config.paths.data, path)));
}
