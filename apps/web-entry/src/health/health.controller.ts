import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ENTRY_CONFIG, type EntryConfig } from '../config/entry-config.ts';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(@Inject(ENTRY_CONFIG) private readonly config: EntryConfig) {}

  @Get()
  @ApiOperation({ summary: 'Liveness, and whether the built dashboard is there to serve' })
  health() {
    if (!existsSync(join(this.config.WEB_STATIC_DIR, 'index.html'))) throw new ServiceUnavailableException({ status: 'down', dashboard: 'not built' });
    return { status: 'up', dashboard: 'up' };
  }
}
