import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLogConsumer } from '../audit-log/audit-log.consumer.ts';
import { AuditDatabase } from '../database/audit-database.ts';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: AuditDatabase,
    private readonly consumer: AuditLogConsumer,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness, database reachability and what the audit consumer has recorded' })
  async health() {
    try {
      await this.database.pool.query('select 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'down', database: 'unreachable' });
    }
    return { status: 'up', database: 'up', consumer: this.consumer.metrics() };
  }
}
