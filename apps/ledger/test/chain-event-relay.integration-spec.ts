import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { CHAIN_TOPICS } from '@gridledger/contracts';
import { connectGateway, createTestDatabase, enrollTestIdentity, organization, stackConnections, waitForMessages, type TestDatabase } from '@gridledger/testing';
import { buildService, loadStackConfig } from '@gridledger/stack';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toOutboxMessage } from '../src/chain-events/chain-event-message.ts';

const PINGS = 25;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

describe('ledger service: chaincode events to the outbox, across a crash', () => {
  const stack = loadStackConfig();
  let database: TestDatabase;
  let pool: pg.Pool;
  let env: NodeJS.ProcessEnv;
  let ledger: ChildProcess | undefined;
  const pingTxIds: string[] = [];

  const startLedger = async () => {
    const child = spawn(join(stack.paths.repo, 'node_modules', '.bin', 'node'), [join(stack.paths.repo, 'dist', 'apps', 'ledger', 'main.mjs')], { env, stdio: ['ignore', 'ignore', 'inherit'] });
    ledger = child;
    return child;
  };
  const outboxIds = async () => {
    try {
      return (await pool.query<{ id: string }>('select id from outbox')).rows.map((r) => r.id);
    } catch (error) {
      // the service creates its tables on start; until then nothing has been relayed
      if ((error as { code?: string }).code === '42P01') return [];
      throw error;
    }
  };

  beforeAll(async () => {
    await buildService(stack, 'ledger');
    database = await createTestDatabase('ledger');
    pool = new pg.Pool({ connectionString: database.url, max: 2 });

    // the transactions whose events must all arrive, committed before the relay starts
    const owner = await enrollTestIdentity('GridMSP', 'owner');
    const connection = connectGateway(owner);
    try {
      const system = connection.contract('system');
      for (let i = 0; i < PINGS; i++) {
        const transaction = await system.newProposal('Ping', { arguments: [`relay check ${i}`] }).endorse();
        await (await transaction.submit()).getStatus();
        pingTxIds.push(transaction.getTransactionId());
      }
    } finally {
      connection.close();
    }

    // the ledger listens as its organisation's service identity
    const service = await enrollTestIdentity('GridMSP', 'admin');
    const dir = mkdtempSync(join(tmpdir(), 'ledger-'));
    writeFileSync(join(dir, 'cert.pem'), service.certificatePem);
    writeFileSync(join(dir, 'key.pem'), service.privateKeyPem, { mode: 0o600 });
    const org = organization('GridMSP');
    env = {
      ...process.env,
      LEDGER_PORT: String(await freePort()),
      LEDGER_DATABASE_URL: database.url,
      LEDGER_CHANNEL: stackConnections().fabric.channel,
      LEDGER_CHAINCODE: stackConnections().fabric.chaincode,
      LEDGER_MSP_ID: 'GridMSP',
      LEDGER_PEER_ENDPOINT: org.peerEndpoint,
      LEDGER_PEER_HOST_ALIAS: org.peerHostAlias,
      LEDGER_PEER_TLS_ROOT_CERT: org.peerTlsRootCertPath,
      LEDGER_IDENTITY_CERT: join(dir, 'cert.pem'),
      LEDGER_IDENTITY_KEY: join(dir, 'key.pem'),
      LEDGER_KAFKA_BROKERS: stackConnections().kafka.brokers.join(','),
    };
  });

  afterAll(async () => {
    if (ledger && ledger.exitCode === null) {
      const exited = new Promise((resolve) => ledger?.once('exit', resolve));
      ledger.kill('SIGTERM');
      await exited;
    }
    await pool?.end();
    await database?.drop();
  });

  it('resumes from its checkpoint after SIGKILL with no gap and no duplicate', async () => {
    const first = await startLedger();
    const killAt = Date.now() + 60_000;
    // kill it as soon as it is part-way through the chain's history
    while ((await outboxIds()).length < 5) {
      if (Date.now() > killAt) throw new Error('the ledger service relayed nothing within 60 s');
      await sleep(20);
    }
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atCrash = (await outboxIds()).length;

    await startLedger();
    const doneBy = Date.now() + 90_000;
    for (;;) {
      const ids = new Set(await outboxIds());
      if (pingTxIds.every((id) => ids.has(id))) break;
      if (Date.now() > doneBy) throw new Error(`after the restart, ${pingTxIds.filter((id) => !ids.has(id)).length} of ${PINGS} transactions never reached the outbox`);
      await sleep(200);
    }

    // an independent read of the chain from the genesis block: what the relay should have written
    const reader = await enrollTestIdentity('GridMSP', 'consumer');
    const connection = connectGateway(reader);
    const expected = new Set<string>();
    const events = await connection.gateway.getNetwork(stackConnections().fabric.channel).getChaincodeEvents(stackConnections().fabric.chaincode, { startBlock: 0n });
    try {
      const remaining = new Set(pingTxIds);
      for await (const event of events) {
        if ('message' in toOutboxMessage(event)) expected.add(event.transactionId);
        remaining.delete(event.transactionId);
        if (remaining.size === 0) break;
      }
    } finally {
      events.close();
      connection.close();
    }

    const relayed = await outboxIds();
    expect(atCrash).toBeLessThan(relayed.length);
    expect(relayed.length).toBe(new Set(relayed).size);
    expect(new Set(relayed)).toEqual(expected);
    // and from the outbox on to Kafka, where consumers read them
    const onKafka = await waitForMessages(CHAIN_TOPICS.PingRecorded, (received) => pingTxIds.every((id) => received.some((m) => (m.value as { id?: string }).id === id)), 60_000);
    expect(onKafka.find((m) => (m.value as { id?: string }).id === pingTxIds[0])?.headers).toMatchObject({ ce_type: CHAIN_TOPICS.PingRecorded });
    const { rows } = await pool.query<{ topic: string; n: string }>("select topic, count(*) as n from outbox where topic = 'gridledger.chain.ping-recorded.v1' and id = any($1) group by topic", [pingTxIds]);
    expect(rows[0]?.n).toBe(String(PINGS));
  });
});
