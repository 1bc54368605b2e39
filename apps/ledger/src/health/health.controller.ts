import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChainEventsService } from '../chain-events/chain-events.service.ts';
import { LedgerDatabase } from '../database/ledger-database.ts';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: LedgerDatabase,
    private readonly chainEvents: ChainEventsService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness, database reachability and relay counters' })
  async health() {
    try {
      await this.database.pool.query('select 1');
    } catch {
      throw new ServiceUnavailableException({ status: 'down', database: 'unreachable' });
    }
    return { status: 'up', database: 'up', chainEvents: this.chainEvents.stats() };
  }
}
