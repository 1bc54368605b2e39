import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { OutboxPublisher } from '@gridledger/messaging';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { LedgerAnswersConsumer } from '../ledger/ledger-answers.consumer.ts';
import { ReadModelConsumer } from '../read-model/read-model.consumer.ts';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: AccessPolicyDatabase,
    private readonly outbox: OutboxPublisher,
    private readonly readModel: ReadModelConsumer,
    private readonly answers: LedgerAnswersConsumer,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: database reachable; events published and applied so far' })
  async health() {
    const database = await this.database.pool.query('select 1').then(() => 'up', () => 'unreachable');
    const body = { status: database === 'up' ? 'up' : 'down', database, published: this.outbox.metrics.produced, readModel: this.readModel.metrics(), ledgerAnswers: this.answers.metrics() };
    if (body.status !== 'up') throw new ServiceUnavailableException(body);
    return body;
  }
}
