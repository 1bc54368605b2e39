import { createKafka } from '@gridledger/kafka-client';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { cloudEvent, LEDGER_TOPICS, TOPIC_SCHEMAS, type CloudEvent } from '@gridledger/contracts';
import { AttestationError, verifyAttestation } from '@gridledger/service-auth';
import { IdempotentConsumer, MessagingMetrics, type DeliveryMeta } from '@gridledger/messaging';
import type pg from 'pg';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LedgerDatabase } from '../database/ledger-database.ts';
import { LedgerFabric } from '../fabric/ledger-fabric.ts';
import { EVENT_SOURCE } from '../chain-events/chain-event-message.ts';
import { LedgerSigners } from '../signing/signing.providers.ts';
import { LedgerError } from '../common/ledger-error.ts';
import type { TransactionSigner } from '../signing/transaction-signer.ts';
import { CommandMetrics } from './command-metrics.ts';
import { processCommand, type Answer, type CommandPorts, type SubmitCommand } from './command-processor.ts';
import { CommandStore } from './command-store.ts';

export const COMMAND_CONSUMER_GROUP = 'gridledger-ledger-commands';
/** partitions of the command topic, when the ledger creates it: the most commands it can work on at once */
const COMMAND_TOPIC_PARTITIONS = 16;

/**
 * Consumes ledger commands and answers each with tx-committed or tx-failed, through the outbox.
 * The answer, the command's record and the consumed event id are one PostgreSQL transaction.
 */
@Injectable()
export class LedgerCommandsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LedgerCommands');
  readonly metrics = new CommandMetrics();
  readonly messaging = new MessagingMetrics();
  readonly store: CommandStore;
  private readonly consumer: IdempotentConsumer<SubmitCommand>;
  private readonly ports: CommandPorts;

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    database: LedgerDatabase,
    fabric: LedgerFabric,
    private readonly signers: LedgerSigners,
  ) {
    this.store = new CommandStore(database.pool);
    this.ports = {
      signerFor: (command) => this.signerFor(command),
      endorse: (signer, call) => fabric.submitter.endorse(signer, call),
      submit: (signer, prepared) => fabric.submitter.submit(signer, prepared),
      find: (txId) => fabric.lookup.find(txId),
      savePrepared: (command, prepared) => this.store.savePrepared(command, prepared),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    };
    this.consumer = new IdempotentConsumer<SubmitCommand>({
      kafka: createKafka('gridledger-ledger-commands', config.kafka),
      pool: database.pool,
      groupId: COMMAND_CONSUMER_GROUP,
      topics: [LEDGER_TOPICS.submitRequested],
      schemas: (topic) => (topic === LEDGER_TOPICS.submitRequested ? TOPIC_SCHEMAS[LEDGER_TOPICS.submitRequested] : undefined),
      handler: (tx, event, meta) => this.handle(tx, event, meta),
      maxAttempts: 8,
      backoff: { initialMs: 250, maxMs: 5_000, factor: 2 },
      concurrency: config.LEDGER_COMMAND_CONCURRENCY,
      createTopicsWithPartitions: COMMAND_TOPIC_PARTITIONS,
      metrics: this.messaging,
      logger: this.logger,
    });
  }

  /**
   * A user's command is signed through the identity service, which checks its attestation itself.
   * An organisation's service identity signs here, so here is where its attestation is checked
   * against the table: the ledger signs nothing for a command no permitted service attested.
   */
  private async signerFor(command: SubmitCommand): Promise<TransactionSigner> {
    if (command.userId) return this.signers.forUser(command.userId, { commandId: command.commandId, ...(command.attestation ? { attestation: command.attestation } : {}) });
    const mspId = command.mspId ?? '';
    try {
      const { service } = await verifyAttestation(command.attestation, { commandId: command.commandId, userId: null, mspId, channel: this.config.LEDGER_CHANNEL, chaincode: this.config.LEDGER_CHAINCODE, contract: command.contract, transaction: command.transaction, arguments: command.arguments }, { registry: this.config.auth.registry });
      this.logger.log(`signing ${command.contract}:${command.transaction} as ${mspId}'s service identity for ${service}, command ${command.commandId}`);
    } catch (error) {
      if (!(error instanceof AttestationError)) throw error;
      this.logger.warn(`refused to sign ${command.contract}:${command.transaction} as ${mspId}'s service identity (${error.code}), command ${command.commandId}: ${error.message}`);
      throw new LedgerError(error.code, error.message, 403);
    }
    return this.signers.forService(mspId);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.start();
    this.logger.log(`consuming ${LEDGER_TOPICS.submitRequested} as ${COMMAND_CONSUMER_GROUP}`);
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer.stop();
  }

  lag() {
    return this.consumer.lag();
  }

  private async handle(tx: pg.PoolClient, event: CloudEvent<SubmitCommand>, meta: DeliveryMeta): Promise<void> {
    const command = event.data;
    const started = Date.now();
    // the same command id may arrive in two events (a client re-sending it): one at a time
    await tx.query('select pg_advisory_xact_lock(hashtext($1))', [command.commandId]);
    const record = await this.store.find(tx, command.commandId);
    let answer: Answer;
    if (record?.answer) {
      this.metrics.answeredFromRecord += 1;
      answer = record.answer;
    } else {
      const stats = { conflictRetries: 0, resumed: false };
      answer = await processCommand(command, record?.prepared, this.ports, { maxConflictRetries: 5, lastAttempt: meta.lastAttempt }, stats);
      this.metrics.conflictRetries += stats.conflictRetries;
      if (stats.resumed) this.metrics.resumed += 1;
      await this.store.saveAnswer(tx, command, answer);
      if (answer.topic === LEDGER_TOPICS.txCommitted) this.metrics.committed += 1;
      else {
        this.metrics.failed += 1;
        this.logger.warn(`command ${command.commandId} (${command.contract}:${command.transaction}) failed at ${answer.payload.stage}: ${answer.payload.code}`);
      }
      this.metrics.observe(Date.now() - started);
    }
    // a fresh event id per command event: a client that re-sends a command gets the answer again
    const answerId = `${event.id}:answer`;
    const key = meta.key ?? command.commandId;
    const envelope = cloudEvent({ id: answerId, source: EVENT_SOURCE, type: answer.topic, subject: command.commandId, time: new Date(), data: answer.payload });
    await tx.query('insert into outbox (id, topic, message_key, envelope) values ($1, $2, $3, $4) on conflict (id) do nothing', [answerId, answer.topic, key, JSON.stringify(envelope)]);
  }
}
