// One-shot `kafka-init` of docker-compose.yml: the Kafka ACLs and topics the native stack's
// `up` gives the broker (infra/stack/src/kafka), from the files exported from the same table
// (infra/compose/kafka/acls.txt and topics.txt, `npm run deploy:export`). The SCRAM users
// themselves are created when the broker formats its log (infra/compose/kafka/kafka-start.sh).
// Runs in the identity image, whose node_modules hold kafkajs; as the `admin` super user.
import { readFileSync } from 'node:fs';
import kafkajs from 'kafkajs';

const { Kafka, AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, logLevel } = kafkajs;
const RESOURCE = { topic: AclResourceTypes.TOPIC, group: AclResourceTypes.GROUP, 'transactional-id': AclResourceTypes.TRANSACTIONAL_ID, cluster: AclResourceTypes.CLUSTER };
const PATTERN = { literal: ResourcePatternTypes.LITERAL, prefixed: ResourcePatternTypes.PREFIXED };
const OPERATION = { Read: 'READ', Write: 'WRITE', Create: 'CREATE', Describe: 'DESCRIBE', IdempotentWrite: 'IDEMPOTENT_WRITE' };

const lines = (file) => readFileSync(file, 'utf8').split('\n').filter((line) => line.trim() && !line.startsWith('#')).map((line) => line.trim().split(/\s+/));

const password = process.env.GRIDLEDGER_KAFKA_ADMIN_PASSWORD;
if (!password) throw new Error('GRIDLEDGER_KAFKA_ADMIN_PASSWORD is not set (.env)');
const kafka = new Kafka({
  clientId: 'gridledger-kafka-init',
  brokers: [process.env.KAFKA_BROKERS ?? 'kafka:19092'],
  ssl: { ca: [readFileSync('/var/gridledger-platform/tls/ca.pem', 'utf8')] },
  sasl: { mechanism: 'scram-sha-512', username: 'admin', password },
  logLevel: logLevel.WARN,
  retry: { retries: 10 },
});
const admin = kafka.admin();
await admin.connect();
try {
  const grants = lines('/gridledger/kafka/acls.txt');
  const principals = [...new Set(grants.map(([principal]) => principal))];
  // exactly the table: what a narrowed table no longer grants goes away, as in the native stack
  for (const principal of principals) {
    await admin.deleteAcls({ filters: [{ resourceType: AclResourceTypes.ANY, resourceName: null, resourcePatternType: ResourcePatternTypes.ANY, principal: `User:${principal}`, host: null, operation: AclOperationTypes.ANY, permissionType: AclPermissionTypes.ANY }] });
  }
  const acl = grants.flatMap(([principal, resource, pattern, name, operations]) =>
    operations.split(',').map((operation) => ({
      resourceType: RESOURCE[resource],
      resourceName: name,
      resourcePatternType: PATTERN[pattern],
      principal: `User:${principal}`,
      host: '*',
      operation: AclOperationTypes[OPERATION[operation]],
      permissionType: AclPermissionTypes.ALLOW,
    })),
  );
  await admin.createAcls({ acl });
  console.log(`${acl.length} ACL entries for ${principals.join(', ')}`);
  const existing = new Set(await admin.listTopics());
  const topics = lines('/gridledger/kafka/topics.txt').filter(([name]) => !existing.has(name)).map(([topic, partitions]) => ({ topic, numPartitions: Number(partitions) }));
  if (topics.length) await admin.createTopics({ topics, waitForLeaders: true });
  console.log(`${topics.length} topics created, ${existing.size} were there`);
} finally {
  await admin.disconnect();
}
