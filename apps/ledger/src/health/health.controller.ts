import { HealthChecks } from '@gridledger/nest-service';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChainEventsService } from '../chain-events/chain-events.service.ts';
import { LedgerCommandsService } from '../commands/ledger-commands.service.ts';
import { PIPELINE_STALL_MS } from '../commands/pipeline-stall.ts';
import { LedgerDatabase } from '../database/ledger-database.ts';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthChecks,
    private readonly database: LedgerDatabase,
    private readonly chainEvents: ChainEventsService,
    private readonly commands: LedgerCommandsService,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({
    summary: 'Liveness, database reachability, the command pipeline and relay counters',
    description: `503 when the database does not answer, or when commands have waited ${PIPELINE_STALL_MS / 1000} s while the pipeline of the replica that drives them took none up: a restart picks every recorded command up again.`,
  })
  health() {
    return this.checks.run([
      this.checks.postgres('database', this.database.pool),
      this.checks.reachable('commandPipeline', async () => !(await this.commands.stalled()), `commands have waited ${PIPELINE_STALL_MS / 1000} s and none is being driven`),
      this.checks.figures('commands', () => ({ driving: this.commands.driving, inFlight: this.commands.inFlight })),
      this.checks.figures('chainEvents', () => this.chainEvents.stats()),
    ]);
  }
}
