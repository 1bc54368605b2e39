/**
 * The outbox relay as its own process, so a test can SIGKILL it for real. Run with the repository's
 * Node 24 (type stripping: erasable TypeScript and `.ts` imports only) and the stack's resolve hook
 * for the workspace libraries' `@gridledger/…` names (`infra/stack/src/runtime/workspace-paths.ts`).
 *
 * Environment: DATABASE_URL, KAFKA_BROKERS (comma-separated), KAFKA_USERNAME, KAFKA_PASSWORD,
 * KAFKA_CA_FILE (the broker is SASL_SSL), BATCH_SIZE, TRANSACTIONAL_ID (for the
 * exactly-once mode), and optionally
 * HANG_AFTER_BATCH=n: after Kafka acknowledged batch n, say `hung` and wait before marking the rows,
 * so the test kills the process exactly in the window where a crash causes a re-send.
 */
import { readFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
// the relay's own module: the library's index also carries code that needs the workspace's path aliases
import { OutboxRelay } from '../../src/outbox-relay.ts';

const databaseUrl = process.env['DATABASE_URL'];
const brokers = process.env['KAFKA_BROKERS']?.split(',');
if (!databaseUrl || !brokers) throw new Error('DATABASE_URL and KAFKA_BROKERS are required');
const hangAfterBatch = Number(process.env['HANG_AFTER_BATCH'] ?? 0);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
const sasl = { mechanism: 'scram-sha-512' as const, username: process.env['KAFKA_USERNAME'] ?? '', password: process.env['KAFKA_PASSWORD'] ?? '' };
const kafka = new Kafka({ clientId: 'relay-process', brokers, ssl: { ca: [readFileSync(process.env['KAFKA_CA_FILE'] ?? '', 'utf8')] }, sasl, logLevel: logLevel.NOTHING });
let batches = 0;
const transactionalId = process.env['TRANSACTIONAL_ID'];
const relay = new OutboxRelay(pool, kafka, {
  ...(transactionalId ? { transactionalId } : {}),
  batchSize: Number(process.env['BATCH_SIZE'] ?? 100),
  pollIntervalMs: 100,
  afterSend: async (rows) => {
    batches += 1;
    process.stdout.write(`sent ${batches} ${rows.length}\n`);
    if (batches === hangAfterBatch) {
      process.stdout.write('hung\n');
      await new Promise(() => setInterval(() => undefined, 60_000));
    }
  },
});

process.on('SIGTERM', () => {
  void relay
    .stop()
    .then(() => pool.end())
    .then(() => process.exit(0));
});
relay.start();
process.stdout.write('started\n');
