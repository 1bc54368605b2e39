import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ChainEventsService } from '../chain-events/chain-events.service.ts';
import { LedgerCommandsService } from '../commands/ledger-commands.service.ts';
import { LedgerDatabase } from '../database/ledger-database.ts';
import { LedgerFabric } from '../fabric/ledger-fabric.ts';
import { OutboxPublisher } from '@gridledger/messaging';
import { prometheusText, type Metric } from './prometheus-text.ts';

/** A figure that cannot be read right now (peer or broker down) is reported as NaN, not as an error. */
const orNaN = async (read: () => Promise<number>): Promise<number> => read().catch(() => Number.NaN);

@ApiTags('metrics')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly commands: LedgerCommandsService,
    private readonly chainEvents: ChainEventsService,
    private readonly outbox: OutboxPublisher,
    private readonly fabric: LedgerFabric,
    private readonly database: LedgerDatabase,
  ) {}

  @Get()
  @Header('content-type', 'text/plain; version=0.0.4')
  @ApiProduces('text/plain')
  @ApiOperation({ summary: 'Prometheus metrics: commands, outbox, consumer lag, chain height and relay position' })
  async metrics(): Promise<string> {
    const c = this.commands.metrics;
    const consumed = this.commands.messaging;
    const produced = this.outbox.metrics;
    const [height, checkpoint, lag, unpublished] = await Promise.all([
      orNaN(async () => Number(await this.fabric.lookup.height())),
      orNaN(async () => Number((await this.database.pool.query<{ b: string }>('select block_number::text as b from chain_checkpoint where id = 1')).rows[0]?.b ?? Number.NaN)),
      orNaN(async () => (await this.commands.lag()).total),
      orNaN(async () => Number((await this.database.pool.query<{ n: string }>('select count(*)::text as n from outbox where published_at is null')).rows[0]?.n)),
    ]);
    const relay = this.chainEvents.stats();
    const metrics: Metric[] = [
      { name: 'gridledger_ledger_commands_total', help: 'Ledger commands answered, by outcome', type: 'counter', samples: [
        { labels: { outcome: 'committed' }, value: c.committed },
        { labels: { outcome: 'failed' }, value: c.failed },
        { labels: { outcome: 'answered_from_record' }, value: c.answeredFromRecord },
      ] },
      { name: 'gridledger_ledger_commands_resumed_total', help: 'Commands whose transaction, endorsed before a crash, was settled by lookup or resubmission', type: 'counter', samples: [{ value: c.resumed }] },
      { name: 'gridledger_ledger_commands_in_flight', help: 'Commands being driven to an answer right now', type: 'gauge', samples: [{ value: this.commands.inFlight }] },
      { name: 'gridledger_ledger_transient_retries_total', help: 'Attempts made again after a peer, the orderer or the identity service was out of reach', type: 'counter', samples: [{ value: c.transientRetries }] },
      { name: 'gridledger_ledger_conflict_retries_total', help: 'Fresh endorsements after an MVCC or phantom read conflict', type: 'counter', samples: [{ value: c.conflictRetries }] },
      { name: 'gridledger_ledger_command_latency_median_ms', help: 'Median command-to-answer time of the last 1000 commands', type: 'gauge', samples: [{ value: c.medianLatencyMs() ?? Number.NaN }] },
      { name: 'gridledger_messaging_consumed_total', help: 'Command deliveries, by result', type: 'counter', samples: [
        { labels: { result: 'delivered' }, value: consumed.consumed },
        { labels: { result: 'applied' }, value: consumed.applied },
        { labels: { result: 'duplicate' }, value: consumed.duplicates },
        { labels: { result: 'retried' }, value: consumed.retried },
        { labels: { result: 'dead_lettered' }, value: consumed.deadLettered },
      ] },
      { name: 'gridledger_messaging_consumer_lag', help: 'Commands waiting in Kafka for this service', type: 'gauge', samples: [{ value: lag }] },
      { name: 'gridledger_messaging_produced_total', help: 'Outbox records published to Kafka', type: 'counter', samples: [{ value: produced.produced }] },
      { name: 'gridledger_outbox_unpublished', help: 'Outbox rows not yet on Kafka', type: 'gauge', samples: [{ value: unpublished }] },
      { name: 'gridledger_chain_events_total', help: 'Chaincode events seen by the relay since start, by result', type: 'counter', samples: [
        { labels: { result: 'relayed' }, value: relay.relayed },
        { labels: { result: 'skipped' }, value: relay.skipped },
      ] },
      { name: 'gridledger_ledger_gateway_calls_total', help: 'Calls routed through each gateway peer, by organisation: a fallback peer counting up means an organisation\'s own peer did not answer', type: 'counter', samples:
        this.fabric.peers.gatewayCalls().map((c) => ({ labels: { msp: c.mspId, peer: c.peer }, value: c.calls })) },
      { name: 'gridledger_chain_height', help: 'Blocks on the channel', type: 'gauge', samples: [{ value: height }] },
      { name: 'gridledger_chain_relay_checkpoint_block', help: 'The last block whose chaincode events the relay recorded', type: 'gauge', samples: [{ value: checkpoint }] },
    ];
    return prometheusText(metrics);
  }
}
