import { LEDGER_TOPICS, TOPIC_SCHEMAS } from '@gridledger/contracts';
import { InboxEvents, type InboxBatchContext, type InboxDeliveries } from '@gridledger/nest-service';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import type { SubmitCommand } from './command-processor.ts';
import { LedgerCommandsService } from './ledger-commands.service.ts';

export const COMMAND_CONSUMER_GROUP = 'gridledger-ledger-commands';
/** partitions of the command topic, when the ledger creates it: deliveries recorded at once */
const COMMAND_TOPIC_PARTITIONS = 16;

/** The ledger commands the other services send, recorded a fetched batch at a time before Kafka gets their offsets. */
@Controller()
export class LedgerCommandsConsumer {
  constructor(private readonly commands: LedgerCommandsService) {}

  @InboxEvents<SubmitCommand>({
    groupId: COMMAND_CONSUMER_GROUP,
    clientId: 'gridledger-ledger-commands',
    logContext: 'LedgerCommands',
    topics: [LEDGER_TOPICS.submitRequested],
    schemas: (topic) => (topic === LEDGER_TOPICS.submitRequested ? TOPIC_SCHEMAS[LEDGER_TOPICS.submitRequested] : undefined),
    batch: true,
    maxAttempts: 8,
    backoff: { initialMs: 250, maxMs: 5_000, factor: 2 },
    concurrency: COMMAND_TOPIC_PARTITIONS,
    createTopicsWithPartitions: COMMAND_TOPIC_PARTITIONS,
  })
  record(@Payload() deliveries: InboxDeliveries<SubmitCommand>, @Ctx() { tx }: InboxBatchContext): Promise<void> {
    return this.commands.recordBatch(tx, deliveries);
  }
}
