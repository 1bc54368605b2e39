import { OutboxPublisher } from '@gridledger/messaging';
import { HealthChecks, InboxConsumers } from '@gridledger/nest-service';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { LEDGER_ANSWERS_GROUP } from '../ledger/ledger-answers.consumer.ts';
import { READ_MODEL_GROUP } from '../read-model/read-model.consumer.ts';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthChecks,
    private readonly database: AccessPolicyDatabase,
    private readonly outbox: OutboxPublisher,
    private readonly inbox: InboxConsumers,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: database reachable; events published and applied so far' })
  health() {
    return this.checks.run([
      this.checks.postgres('database', this.database.pool),
      this.checks.figures('outbox', () => ({ published: this.outbox.metrics.produced })),
      this.checks.figures('readModel', () => this.inbox.metrics(READ_MODEL_GROUP)),
      this.checks.figures('ledgerAnswers', () => this.inbox.metrics(LEDGER_ANSWERS_GROUP)),
    ]);
  }
}
