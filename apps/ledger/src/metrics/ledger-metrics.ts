import { Injectable } from '@nestjs/common';
import { OutboxPublisher } from '@gridledger/messaging';
import { ServiceMetrics } from '@gridledger/nest-service';
import { ChainEventsService } from '../chain-events/chain-events.service.ts';
import { LedgerCommandsService } from '../commands/ledger-commands.service.ts';
import { LedgerDatabase } from '../database/ledger-database.ts';
import { LedgerFabric } from '../fabric/ledger-fabric.ts';

const one = (value: number) => [{ value }];

/** The ledger's own figures on its /metrics: commands, outbox, chain height and the relay's position. */
@Injectable()
export class LedgerMetrics {
  constructor(metrics: ServiceMetrics, commands: LedgerCommandsService, chainEvents: ChainEventsService, outbox: OutboxPublisher, fabric: LedgerFabric, database: LedgerDatabase) {
    const c = commands.metrics;
    metrics.observe({ name: 'gridledger_ledger_commands_total', help: 'Ledger commands answered, by outcome', type: 'counter', labelNames: ['outcome'], read: () => [
      { labels: { outcome: 'committed' }, value: c.committed },
      { labels: { outcome: 'failed' }, value: c.failed },
      { labels: { outcome: 'answered_from_record' }, value: c.answeredFromRecord },
    ] });
    metrics.observe({ name: 'gridledger_ledger_commands_resumed_total', help: 'Commands whose transaction, endorsed before a crash, was settled by lookup or resubmission', type: 'counter', read: () => one(c.resumed) });
    metrics.observe({ name: 'gridledger_ledger_commands_in_flight', help: 'Commands being driven to an answer right now', type: 'gauge', read: () => one(commands.inFlight) });
    metrics.observe({ name: 'gridledger_ledger_transient_retries_total', help: 'Attempts made again after a peer, the orderer or the identity service was out of reach', type: 'counter', read: () => one(c.transientRetries) });
    metrics.observe({ name: 'gridledger_ledger_conflict_retries_total', help: 'Fresh endorsements after an MVCC or phantom read conflict', type: 'counter', read: () => one(c.conflictRetries) });
    metrics.observe({ name: 'gridledger_ledger_command_latency_median_ms', help: 'Median command-to-answer time of the last 1000 commands', type: 'gauge', read: () => one(c.medianLatencyMs() ?? Number.NaN) });
    metrics.observe({ name: 'gridledger_messaging_produced_total', help: 'Outbox records published to Kafka', type: 'counter', read: () => one(outbox.metrics.produced) });
    metrics.observe({ name: 'gridledger_messaging_resent_total', help: 'Outbox records sent again in a fresh Kafka transaction because the client retried part of their send', type: 'counter', read: () => one(outbox.metrics.resent) });
    metrics.observe({ name: 'gridledger_outbox_unpublished', help: 'Outbox rows not yet on Kafka', type: 'gauge', read: async () =>
      one(Number((await database.pool.query<{ n: string }>('select count(*)::text as n from outbox where published_at is null')).rows[0]?.n)) });
    metrics.observe({ name: 'gridledger_chain_events_total', help: 'Chaincode events seen by the relay since start, by result', type: 'counter', labelNames: ['result'], read: () => {
      const relay = chainEvents.stats();
      return [{ labels: { result: 'relayed' }, value: relay.relayed }, { labels: { result: 'skipped' }, value: relay.skipped }];
    } });
    metrics.observe({ name: 'gridledger_ledger_gateway_calls_total', help: "Calls routed through each gateway peer, by organisation: a fallback peer counting up means an organisation's own peer did not answer", type: 'counter', labelNames: ['msp', 'peer'], read: () =>
      fabric.peers.gatewayCalls().map((call) => ({ labels: { msp: call.mspId, peer: call.peer }, value: call.calls })) });
    metrics.observe({ name: 'gridledger_chain_height', help: 'Blocks on the channel', type: 'gauge', read: async () => one(Number(await fabric.lookup.height())) });
    metrics.observe({ name: 'gridledger_chain_relay_checkpoint_block', help: 'The last block whose chaincode events the relay recorded', type: 'gauge', read: async () =>
      one(Number((await database.pool.query<{ b: string }>('select block_number::text as b from chain_checkpoint where id = 1')).rows[0]?.b ?? Number.NaN)) });
  }
}
