import { createKafka } from '@gridledger/kafka-client';
import { Body, Controller, HttpCode, Inject, Logger, Post, UseGuards, type OnModuleDestroy } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { AcceptCallers, ServiceGuard } from '@gridledger/nest-service';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LedgerFabric } from '../fabric/ledger-fabric.ts';
import { replayBlocks, type ReplayReport } from './chain-replay.ts';
import { parseReplayRequest } from './replay-input.ts';

/** Operator actions: the operator's credential, or the access-policy service's (its read-model rebuild). */
@ApiTags('operator')
@ApiBearerAuth()
@UseGuards(ServiceGuard)
// the operator, and the access-policy service, which replays the chain to rebuild its read model
@AcceptCallers('operator', 'access-policy')
@Controller('operator')
export class OperatorController implements OnModuleDestroy {
  private readonly logger = new Logger('Replay');
  private readonly kafka: Kafka;
  private producer: Producer | undefined;

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    private readonly fabric: LedgerFabric,
  ) {
    this.kafka = createKafka('gridledger-ledger-replay', config.kafka);
  }

  @Post('replays')
  @HttpCode(200)
  @ApiOperation({ summary: "Replay the chaincode events of a block range into a topic of the operator's choosing (same CloudEvents as the relay wrote)" })
  @ApiResponse({ status: 200, description: 'blocks read, events published and skipped' })
  async replay(@Body() body: unknown): Promise<ReplayReport> {
    const request = parseReplayRequest(body);
    const toBlock = request.toBlock ?? (await this.fabric.lookup.height()) - 1n;
    if (!this.producer) {
      this.producer = this.kafka.producer({ idempotent: true, maxInFlightRequests: 1, createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    this.logger.log(`replaying blocks ${request.fromBlock}–${toBlock} into ${request.topic}`);
    let lastLogged = Date.now();
    const report = await replayBlocks(this.fabric.network(), this.config.LEDGER_CHAINCODE, this.producer, { fromBlock: request.fromBlock, toBlock, topic: request.topic }, (block) => {
      // a long replay says where it is every few seconds
      if (Date.now() - lastLogged > 5_000) {
        lastLogged = Date.now();
        this.logger.log(`replay into ${request.topic}: at block ${block} of ${toBlock}`);
      }
    });
    this.logger.log(`replay into ${request.topic} done: ${report.blocks} blocks, ${report.published} events`);
    return report;
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer?.disconnect();
  }
}
