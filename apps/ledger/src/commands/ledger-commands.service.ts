import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LEDGER_TOPICS } from '@gridledger/contracts';
import { AttestationError, verifyAttestation } from '@gridledger/service-auth';
import { SingletonLease } from '@gridledger/messaging';
import type { InboxDeliveries } from '@gridledger/nest-service';
import { contextFromCarrier, inSpan, pickTraceCarrier, SpanKind, traceCarrier, type TraceCarrier } from '@gridledger/tracing';
import type pg from 'pg';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LedgerDatabase } from '../database/ledger-database.ts';
import { LedgerFabric } from '../fabric/ledger-fabric.ts';
import { validationCodeName } from '../fabric/fabric-errors.ts';
import type { CommitOutcome, PreparedTransaction } from '../fabric/transaction-submitter.ts';
import { AttestationReceiptTaker } from '../signing/attestation-receipts.ts';
import { LedgerSigners } from '../signing/signing.providers.ts';
import { LedgerError } from '../common/ledger-error.ts';
import type { TransactionSigner } from '../signing/transaction-signer.ts';
import { CommandMetrics } from './command-metrics.ts';
import { CommandPipeline } from './command-pipeline.ts';
import { addressedTo, processCommand, type Answer, type CommandPorts, type SubmitCommand } from './command-processor.ts';
import { CommandStore, type PendingCommand } from './command-store.ts';
import { pipelineStalled } from './pipeline-stall.ts';
import { WriteBatcher } from './write-batcher.ts';

/**
 * A block names a transaction within a second or two, a few under a full pipeline; past this it
 * is looked up, and sent again if no block has it. An orderer that dies (the Raft leader, say)
 * takes the transactions it had not replicated with it, and each one holds its user's later
 * commands, which follow it in order: 30 s here stalled the ha chaos suite's user for 30 s.
 * Sending the same signed bytes twice is safe: one commits, the other is DUPLICATE_TXID.
 */
const COMMIT_WAIT_MS = 10_000;
/** how long a replica that lost the pipeline lease lets its commands in flight finish */
const HANDOVER_WAIT_MS = 30_000;

/**
 * Ledger commands, in two steps that share nothing but the database:
 *
 * 1. Intake: the inbox (LedgerCommandsConsumer) records each batch of deliveries (command, Kafka key,
 *    deadline) in one short transaction with their event ids, and only then does Kafka get the
 *    offsets. A command is
 *    never on the network while a consumer transaction or a partition waits on it, and a command
 *    recorded is never lost.
 * 2. The pipeline drives recorded commands (hundreds at once, one per key at a time) to an answer;
 *    the signed transaction is written before it is submitted, and the answer with its outbox rows,
 *    in batches. Exactly once follows from the records: an answered command is never driven again,
 *    and an unanswered one resumes with the transaction it had.
 *
 * Kafka alone could not give both: holding a delivery open until its commit caps the work in
 * flight at one command per partition, and committing offsets past unfinished commands loses them
 * in a crash unless they are written down first, which is what the intake does.
 */
@Injectable()
export class LedgerCommandsService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('LedgerCommands');
  readonly metrics = new CommandMetrics();
  readonly store: CommandStore;
  private readonly pipeline: CommandPipeline;
  /** runs with the pipeline: users' commands signed as of their arrival, however long the backlog */
  readonly receipts: AttestationReceiptTaker;
  /** one driver of the pipeline among the replicas: two could each submit a transaction for one command */
  private readonly lease: SingletonLease;
  /** everything but the signer, which is bound per command (it judges the command as of its receipt) */
  private readonly ports: Omit<CommandPorts, 'signerFor'>;
  private readonly prepared: WriteBatcher<{ command: SubmitCommand; prepared: PreparedTransaction; trace: TraceCarrier }>;
  private readonly answers: WriteBatcher<{ command: SubmitCommand; answer: Answer; trace: TraceCarrier }>;
  /** each driven command's span, until its answer is written: the answer event continues it */
  private readonly answerTraces = new Map<string, TraceCarrier>();
  private stopping = false;

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    database: LedgerDatabase,
    private readonly fabric: LedgerFabric,
    private readonly signers: LedgerSigners,
  ) {
    this.store = new CommandStore(database.pool, (db) => this.lease.assertHeld(db));
    this.prepared = new WriteBatcher((batch) => this.store.savePrepared(batch), { maxItems: 100, lingerMs: 2 });
    this.answers = new WriteBatcher((batch) => this.store.saveAnswers(batch), { maxItems: 200, lingerMs: 5 });
    this.ports = {
      endorse: (signer, call) => inSpan(`fabric endorse ${call.contract}:${call.transaction}`, { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'fabric-gateway', 'fabric.chaincode': config.LEDGER_CHAINCODE } }, () => fabric.submitter.endorse(signer, call)),
      submit: (signer, prepared) => inSpan('fabric submit and commit', { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'fabric-gateway', 'fabric.tx_id': prepared.txId } }, () => this.submit(signer, prepared)),
      find: (txId) => inSpan('fabric find transaction', { kind: SpanKind.CLIENT, attributes: { 'rpc.system': 'fabric-gateway', 'fabric.tx_id': txId } }, () => fabric.lookup.find(txId)),
      savePrepared: (command, prepared) => this.prepared.add({ command, prepared, trace: traceCarrier() }),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      now: () => Date.now(),
    };
    this.pipeline = new CommandPipeline(this.store, (pending) => this.drive(pending), (entry) => this.answer(entry), { maxInFlight: config.LEDGER_COMMANDS_IN_FLIGHT, scanLimit: 200, idleScanMs: 1_000 }, this.logger);
    this.receipts = new AttestationReceiptTaker(this.store, signers.identity, this.logger);
    this.lease = new SingletonLease({ connectionString: config.LEDGER_DATABASE_URL, name: 'ledger-command-pipeline', logger: this.logger });
  }

  get inFlight(): number {
    return this.pipeline.size;
  }

  /** whether this replica drives commands: it holds the pipeline lease */
  get driving(): boolean {
    return this.pipeline.driving;
  }

  /** Whether commands wait while this replica's pipeline, holding the lease, takes none up (see pipelineStalled). */
  stalled(): Promise<boolean> {
    return pipelineStalled({ idleFor: (now) => this.pipeline.idleFor(now), oldestWaiting: () => this.store.oldestWaiting() });
  }

  async onApplicationBootstrap(): Promise<void> {
    // a replica that does not hold the lease still records commands
    this.lease.run({ start: () => this.startPipeline(), stop: () => Promise.all([this.receipts.stop(), this.pipeline.stop(this.stopping ? undefined : HANDOVER_WAIT_MS)]).then(() => undefined) });
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    await this.lease.stop();
  }

  private async startPipeline(): Promise<void> {
    await this.fabric.commits.start();
    this.receipts.start();
    this.pipeline.start();
    this.logger.log(`driving commands, up to ${this.config.LEDGER_COMMANDS_IN_FLIGHT} at once, deadline ${this.config.LEDGER_COMMAND_DEADLINE_MS} ms`);
  }

  /** The intake: a batch of deliveries recorded in the inbox's transaction (see LedgerCommandsConsumer). */
  async recordBatch(tx: pg.PoolClient, deliveries: InboxDeliveries<SubmitCommand>): Promise<void> {
    const batch = deliveries.map(({ event, meta }) => ({ eventId: event.id, key: meta.key ?? event.data.commandId, command: event.data, trace: pickTraceCarrier(event) }));
    this.metrics.answeredFromRecord += await this.store.recordBatch(tx, batch, new Date(Date.now() + this.config.LEDGER_COMMAND_DEADLINE_MS));
    this.receipts.wake();
    this.pipeline.wake();
  }

  /** One span per command driven, in the trace the command was sent in: its Fabric calls and its answer go under it. */
  private drive(pending: PendingCommand): Promise<Answer> {
    const { command } = pending;
    const attributes = { 'gridledger.command.id': command.commandId, 'gridledger.command.transaction': `${command.contract}:${command.transaction}`, 'gridledger.command.signed_by': command.userId ? 'user' : 'service' };
    return inSpan(`ledger command ${command.contract}:${command.transaction}`, { parent: contextFromCarrier(pending.trace), attributes }, async (span) => {
      const answer = await this.driveTraced(pending);
      span.setAttribute('gridledger.command.answer', answer.topic);
      this.answerTraces.set(command.commandId, traceCarrier());
      return answer;
    });
  }

  private async driveTraced(pending: PendingCommand): Promise<Answer> {
    const { command } = pending;
    const started = Date.now();
    const stats = { conflictRetries: 0, resumed: false, transientRetries: 0 };
    const ports: CommandPorts = { ...this.ports, signerFor: () => this.signerFor(command, pending.receivedAt) };
    const answer = addressedTo(command, await processCommand(command, pending.prepared, ports, { maxConflictRetries: 5, deadline: pending.deadline }, stats));
    this.metrics.conflictRetries += stats.conflictRetries;
    this.metrics.transientRetries += stats.transientRetries;
    if (stats.resumed) this.metrics.resumed += 1;
    if (answer.topic === LEDGER_TOPICS.txCommitted) this.metrics.committed += 1;
    else {
      this.metrics.failed += 1;
      this.logger.warn(`command ${command.commandId} (${command.contract}:${command.transaction}) failed at ${answer.payload.stage}: ${answer.payload.code}`);
    }
    this.metrics.observe(Date.now() - started);
    return answer;
  }

  private async answer(entry: { command: SubmitCommand; answer: Answer }): Promise<void> {
    const { commandId } = entry.command;
    await this.answers.add({ ...entry, trace: this.answerTraces.get(commandId) ?? {} });
    this.answerTraces.delete(commandId);
  }

  /** Sends the transaction and waits for the block stream's verdict on it. */
  private async submit(signer: TransactionSigner, prepared: PreparedTransaction): Promise<CommitOutcome> {
    // registered before sending, so the block that holds it cannot pass unseen
    const committed = this.fabric.commits.wait(prepared.txId, COMMIT_WAIT_MS);
    await this.fabric.submitter.send(signer, prepared);
    const outcome = await committed;
    // the same bytes sent again after they had committed: the first block's verdict is the answer
    if (validationCodeName(outcome.code) === 'DUPLICATE_TXID') return (await this.fabric.lookup.find(prepared.txId)) ?? outcome;
    return outcome;
  }

  /**
   * A user's command is signed through the identity service, which checks its attestation itself.
   * An organisation's service identity signs here, so here is where its attestation is checked
   * against the table: the ledger signs nothing for a command no permitted service attested. It is
   * judged as of the moment this service recorded the command, so a command that waited out an
   * outage within its deadline is not refused for an attestation that has expired since.
   */
  private async signerFor(command: SubmitCommand, receivedAt: Date): Promise<TransactionSigner> {
    if (command.userId) return this.signers.forUser(command.userId, { commandId: command.commandId, ...(command.attestation ? { attestation: command.attestation } : {}) });
    const mspId = command.mspId ?? '';
    try {
      const { service } = await verifyAttestation(command.attestation, { commandId: command.commandId, userId: null, mspId, channel: this.config.LEDGER_CHANNEL, chaincode: this.config.LEDGER_CHAINCODE, contract: command.contract, transaction: command.transaction, arguments: command.arguments }, { registry: this.config.auth.registry, now: receivedAt });
      this.logger.log(`signing ${command.contract}:${command.transaction} as ${mspId}'s service identity for ${service}, command ${command.commandId}`);
    } catch (error) {
      if (!(error instanceof AttestationError)) throw error;
      this.logger.warn(`refused to sign ${command.contract}:${command.transaction} as ${mspId}'s service identity (${error.code}), command ${command.commandId}: ${error.message}`);
      throw new LedgerError(error.code, error.message, 403);
    }
    return this.signers.forService(mspId);
  }
}
