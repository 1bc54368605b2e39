import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HealthChecks } from '@gridledger/nest-service';
import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ENTRY_CONFIG, type EntryConfig } from '../config/entry-config.ts';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthChecks,
    @Inject(ENTRY_CONFIG) private readonly config: EntryConfig,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness, and whether the built dashboard is there to serve' })
  health() {
    return this.checks.run([this.checks.reachable('dashboard', async () => existsSync(join(this.config.WEB_STATIC_DIR, 'index.html')), 'not built')]);
  }
}
