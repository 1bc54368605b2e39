import { createKafka } from '@gridledger/kafka-client';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { isAnswerFor, LEDGER_ANSWER_TOPICS, ledgerAnswerSchema, recordLedgerAnswer, type LedgerAnswer } from '@gridledger/ledger-client';
import { REQUESTED_BY } from './ledger-gateway.ts';
import { ServiceMetrics } from '@gridledger/nest-service';
import { IdempotentConsumer } from '@gridledger/messaging';
import { ACCESS_POLICY_CONFIG, type AccessPolicyConfig } from '../config/access-policy-config.ts';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';

type Answer = LedgerAnswer['payload'];

/** Records the ledger's answers to this service's commands, so the requests waiting on them go on. */
@Injectable()
export class LedgerAnswersConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly consumer: IdempotentConsumer<Answer>;

  constructor(@Inject(ACCESS_POLICY_CONFIG) config: AccessPolicyConfig, database: AccessPolicyDatabase, metrics: ServiceMetrics) {
    this.consumer = new IdempotentConsumer<Answer>({
      kafka: createKafka('gridledger-access-policy-answers', config.kafka),
      pool: database.pool,
      groupId: 'gridledger-access-policy-ledger-answers',
      topics: LEDGER_ANSWER_TOPICS,
      schemas: ledgerAnswerSchema,
      // other services' answers are skipped unread; any that get through match no row
      relevant: isAnswerFor(REQUESTED_BY),
      handler: async (tx, event, meta) => void (await recordLedgerAnswer(tx, { topic: meta.topic, payload: event.data } as LedgerAnswer)),
      concurrency: 4,
      logger: new Logger('LedgerAnswers'),
    });
    metrics.observeConsumer(this.consumer);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer.stop();
  }

  metrics() {
    return this.consumer.metrics.snapshot();
  }
}
