import { HealthChecks } from '@gridledger/nest-service';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChainEventsService } from '../chain-events/chain-events.service.ts';
import { LedgerDatabase } from '../database/ledger-database.ts';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthChecks,
    private readonly database: LedgerDatabase,
    private readonly chainEvents: ChainEventsService,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness, database reachability and relay counters' })
  health() {
    return this.checks.run([this.checks.postgres('database', this.database.pool), this.checks.figures('chainEvents', () => this.chainEvents.stats())]);
  }
}
