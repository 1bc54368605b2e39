import { HealthChecks } from '@gridledger/nest-service';
import { Controller, Get } from '@nestjs/common';
import { HealthCheck } from '@nestjs/terminus';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly checks: HealthChecks,
    private readonly db: DataSource,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Liveness and database reachability' })
  health() {
    return this.checks.run([this.checks.postgres('database', this.db)]);
  }
}
