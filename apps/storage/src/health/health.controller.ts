import { OutboxPublisher } from '@gridledger/messaging';
import { HealthChecks } from '@gridledger/nest-service';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { StorageDatabase } from '../database/storage-database.ts';
import { KuboStore } from '../ipfs/kubo-store.ts';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthChecks,
    private readonly database: StorageDatabase,
    private readonly kubo: KuboStore,
    private readonly outbox: OutboxPublisher,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness: database and IPFS reachability, events published' })
  health() {
    return this.checks.run([
      this.checks.postgres('database', this.database.pool),
      this.checks.reachable('ipfs', () => this.kubo.healthy()),
      this.checks.figures('outbox', () => ({ published: this.outbox.metrics.produced })),
    ]);
  }
}
