import type { TransactionName } from '@gridledger/domain';
import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { LEDGER_TOPICS, STORAGE_TOPICS, type CloudEvent } from '@gridledger/contracts';
import { isAnswerFor, LEDGER_ANSWER_TOPICS, ledgerAnswerSchema, recordLedgerAnswer, type LedgerAnswer } from '@gridledger/ledger-client';
import { InboxEvents, type InboxContext } from '@gridledger/nest-service';
import { writeOutboxEvent } from '@gridledger/messaging';
import type pg from 'pg';
import { KuboStore } from '../ipfs/kubo-store.ts';
import { EVENT_SOURCE, REQUESTED_BY } from '../ledger/ledger-commands.ts';

type Answer = LedgerAnswer['payload'];

/** the command whose answer anchors an upload (a transaction name, checked against the chaincode's table) */
const REGISTER_ASSET = 'RegisterAsset' satisfies TransactionName<'asset'>;

/**
 * The ledger's answers to this service's commands. Each answer is recorded with its command (so
 * a request waiting on it can go on); an answer to RegisterAsset also moves the file from pending
 * to anchored, or to rejected, in which case the ciphertext is unpinned.
 */
@Controller()
export class LedgerAnswersConsumer {
  private readonly logger = new Logger('LedgerAnswers');

  constructor(private readonly kubo: KuboStore) {}

  @InboxEvents<Answer>({
    groupId: 'gridledger-storage-ledger-answers',
    clientId: 'gridledger-storage-answers',
    logContext: 'LedgerAnswers',
    topics: LEDGER_ANSWER_TOPICS,
    schemas: ledgerAnswerSchema,
    relevant: isAnswerFor(REQUESTED_BY),
  })
  record(@Payload() event: CloudEvent<Answer>, @Ctx() { tx, meta }: InboxContext): Promise<void> {
    return this.apply(tx, event, meta.topic as LedgerAnswer['topic']);
  }

  private async apply(tx: pg.PoolClient, event: CloudEvent<Answer>, topic: LedgerAnswer['topic']): Promise<void> {
    const answer = event.data;
    const command = await recordLedgerAnswer(tx, { topic, payload: answer } as LedgerAnswer);
    // another service's command, or an answer already recorded
    if (!command || command.transaction !== REGISTER_ASSET) return;

    if (topic === LEDGER_TOPICS.txCommitted && 'blockNumber' in answer) {
      const { rows } = await tx.query<{ cid: string }>("update files set status = 'anchored', tx_id = $2, block_number = $3, updated_at = now() where asset_id = $1 and status = 'pending' returning cid", [command.subject, answer.txId, answer.blockNumber]);
      const cid = rows[0]?.cid;
      if (cid) await writeOutboxEvent(tx, EVENT_SOURCE, STORAGE_TOPICS.fileAnchored, command.subject, { assetId: command.subject, cid, txId: answer.txId, blockNumber: answer.blockNumber });
      return;
    }
    if ('code' in answer) {
      const { rows } = await tx.query<{ cid: string }>("update files set status = 'rejected', rejection = $2, updated_at = now() where asset_id = $1 and status = 'pending' returning cid", [command.subject, JSON.stringify({ code: answer.code, message: answer.message, stage: answer.stage })]);
      const cid = rows[0]?.cid;
      if (!cid) return;
      await writeOutboxEvent(tx, EVENT_SOURCE, STORAGE_TOPICS.fileRejected, command.subject, { assetId: command.subject, cid, code: answer.code, message: answer.message });
      // unpinning twice is harmless, so doing it before the commit cannot leave a pinned orphan
      await this.kubo.unpin(cid);
      this.logger.warn(`asset ${command.subject} was refused by the chain (${answer.code}); ${cid} unpinned`);
    }
  }
}
