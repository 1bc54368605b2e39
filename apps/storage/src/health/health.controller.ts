import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { StorageDatabase } from '../database/storage-database.ts';
import { KuboStore } from '../ipfs/kubo-store.ts';
import { OutboxPublisher } from '@gridledger/messaging';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly database: StorageDatabase,
    private readonly kubo: KuboStore,
    private readonly outbox: OutboxPublisher,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: database and IPFS reachability, events published' })
  async health() {
    const database = await this.database.pool.query('select 1').then(() => 'up', () => 'unreachable');
    const ipfs = (await this.kubo.healthy()) ? 'up' : 'unreachable';
    const body = { status: database === 'up' && ipfs === 'up' ? 'up' : 'down', database, ipfs, published: this.outbox.metrics.produced };
    if (body.status !== 'up') throw new ServiceUnavailableException(body);
    return body;
  }
}
