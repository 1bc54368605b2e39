import { createKafka } from '@gridledger/kafka-client';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { chainEventSchema, type ChainEvent } from '@gridledger/contracts';
import { IdempotentConsumer } from '@gridledger/messaging';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { AccessError } from '../common/access-error.ts';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { InboxConsumers } from '@gridledger/nest-service';
import { READ_MODEL_GROUP } from './read-model.consumer.ts';
import { ReadModelProjector } from './read-model.projector.ts';

export interface RebuildReport {
  runId: string;
  blocks: number;
  events: number;
  assets: number;
  requests: number;
  durationMs: number;
}

/**
 * Rebuilds the read model from the chain itself: the live consumer pauses, the rows go, the ledger
 * service replays every block's chaincode events into a private topic, and they are applied again.
 * The live consumer then resumes where it stopped; events the replay already applied are
 * duplicates to it. Kafka's retention of the public topics does not matter: the chain is the source.
 */
@Injectable()
export class ReadModelRebuild {
  private readonly logger = new Logger('ReadModelRebuild');
  private running = false;

  constructor(
    @Inject(ACCESS_POLICY_CONFIG) private readonly config: AccessPolicyConfig,
    private readonly database: AccessPolicyDatabase,
    private readonly projector: ReadModelProjector,
    private readonly inbox: InboxConsumers,
  ) {}

  async rebuild(): Promise<RebuildReport> {
    if (this.running) throw new AccessError('ALREADY_RUNNING', 'a rebuild of the read model is already running', 409);
    this.running = true;
    const started = Date.now();
    const runId = randomUUID();
    const topic = `ops.access-policy.rebuild.${runId}`;
    await this.inbox.pause(READ_MODEL_GROUP);
    try {
      await this.database.transaction(async (tx) => {
        await tx.query('delete from requests');
        await tx.query('delete from assets');
        await tx.query("delete from processed_events where consumer_group = $1 and (topic like 'gridledger.chain.%' or topic like 'ops.access-policy.rebuild.%')", [READ_MODEL_GROUP]);
      });
      this.logger.log(`read model cleared; replaying the chain into ${topic}`);
      const replay = await this.replayChain(topic);
      await this.applyReplay(topic, replay.published);
      const counts = await this.database.pool.query<{ assets: string; requests: string }>('select (select count(*) from assets) as assets, (select count(*) from requests) as requests');
      const report = { runId, blocks: replay.blocks, events: replay.published, assets: Number(counts.rows[0]?.assets), requests: Number(counts.rows[0]?.requests), durationMs: Date.now() - started };
      this.logger.log(`read model rebuilt from ${report.blocks} blocks: ${report.assets} assets, ${report.requests} requests`);
      return report;
    } finally {
      await this.inbox.resume(READ_MODEL_GROUP);
      this.running = false;
    }
  }

  private async replayChain(topic: string): Promise<{ blocks: number; published: number }> {
    const response = await fetch(new URL('/operator/replays', this.config.ACCESS_POLICY_LEDGER_URL), {
      method: 'POST',
      headers: { authorization: `Bearer ${await this.config.auth.credential.token('ledger')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fromBlock: '0', topic }),
      signal: AbortSignal.timeout(10 * 60_000),
    });
    const body = (await response.json().catch(() => ({}))) as { blocks?: number; published?: number; message?: string };
    if (!response.ok) throw new AccessError('REPLAY_FAILED', `the ledger could not replay the chain: ${body.message ?? response.status}`, 502);
    return { blocks: Number(body.blocks ?? 0), published: Number(body.published ?? 0) };
  }

  private async applyReplay(topic: string, expected: number): Promise<void> {
    const consumer = new IdempotentConsumer<ChainEvent>({
      kafka: createKafka('gridledger-access-policy-rebuild', this.config.kafka),
      pool: this.database.pool,
      groupId: READ_MODEL_GROUP,
      topics: [topic],
      schemas: () => chainEventSchema,
      handler: (tx, event) => this.projector.applyChainEvent(tx, event.data, { replay: true }),
      logger: this.logger,
    });
    await consumer.start();
    try {
      const deadline = Date.now() + 10 * 60_000;
      while (consumer.metrics.applied + consumer.metrics.duplicates + consumer.metrics.deadLettered < expected) {
        if (Date.now() > deadline) throw new AccessError('REBUILD_TIMEOUT', `the replay was not applied in time (${consumer.metrics.applied} of ${expected} events)`, 504);
        await sleep(200);
      }
    } finally {
      await consumer.stop();
    }
  }
}
