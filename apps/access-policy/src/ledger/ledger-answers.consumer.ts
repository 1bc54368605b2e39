import type { CloudEvent } from '@gridledger/contracts';
import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { isAnswerFor, LEDGER_ANSWER_TOPICS, ledgerAnswerSchema, recordLedgerAnswer, type LedgerAnswer } from '@gridledger/ledger-client';
import { REQUESTED_BY } from './ledger-gateway.ts';
import { InboxEvents, type InboxContext } from '@gridledger/nest-service';

type Answer = LedgerAnswer['payload'];

export const LEDGER_ANSWERS_GROUP = 'gridledger-access-policy-ledger-answers';

/** Records the ledger's answers to this service's commands, so the requests waiting on them go on. */
@Controller()
export class LedgerAnswersConsumer {
  @InboxEvents<Answer>({
    groupId: LEDGER_ANSWERS_GROUP,
    clientId: 'gridledger-access-policy-answers',
    logContext: 'LedgerAnswers',
    topics: LEDGER_ANSWER_TOPICS,
    schemas: ledgerAnswerSchema,
    // other services' answers are skipped unread; any that get through match no row
    relevant: isAnswerFor(REQUESTED_BY),
    concurrency: 4,
  })
  async record(@Payload() event: CloudEvent<Answer>, @Ctx() { tx, meta }: InboxContext): Promise<void> {
    await recordLedgerAnswer(tx, { topic: meta.topic, payload: event.data } as LedgerAnswer);
  }
}
