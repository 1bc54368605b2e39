import { HealthChecks, InboxConsumers } from '@gridledger/nest-service';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AUDIT_LOG_GROUP } from '../audit-log/audit-log.consumer.ts';
import { AuditDatabase } from '../database/audit-database.ts';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthChecks,
    private readonly database: AuditDatabase,
    private readonly inbox: InboxConsumers,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness, database reachability and what the audit consumer has recorded' })
  health() {
    return this.checks.run([this.checks.postgres('database', this.database.pool), this.checks.figures('consumer', () => this.inbox.metrics(AUDIT_LOG_GROUP))]);
  }
}
