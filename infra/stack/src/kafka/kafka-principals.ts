import { KAFKA_SERVICE_PRINCIPALS } from '@gridledger/stack-connection';
import type { StackConfig } from '../config/stack-config.ts';
import { outsideReaderAcls, serviceAcls } from './kafka-access.ts';
import { applyAcls } from './kafka-acls.ts';
import { ensureKafkaCredentials } from './kafka-credentials.ts';
import { provisionedScramUsers, upsertScramUser } from './kafka-scram-users.ts';

/**
 * Brings the broker's principals in line with the table: a SCRAM user for every service and
 * outside reader (added if the broker was formatted before it existed), and their ACLs.
 * Run by `up` once Kafka is healthy; idempotent.
 */
export async function ensureKafkaPrincipals(config: StackConfig): Promise<string> {
  const credentials = ensureKafkaCredentials(config);
  const known = provisionedScramUsers(config);
  for (const service of KAFKA_SERVICE_PRINCIPALS) {
    if (!known.has(service)) await upsertScramUser(config, service, credentials.services[service]);
    await applyAcls(config, service, serviceAcls(service));
  }
  for (const [name, reader] of Object.entries(credentials.readers)) {
    if (!known.has(name)) await upsertScramUser(config, name, reader.password);
    await applyAcls(config, name, outsideReaderAcls(name, reader.topics).acls);
  }
  return `${KAFKA_SERVICE_PRINCIPALS.length} service principals, ${Object.keys(credentials.readers).length} outside readers`;
}
