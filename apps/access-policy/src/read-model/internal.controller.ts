import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptCallers, ServiceGuard } from '@gridledger/nest-service';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { listGrants } from './read-model-store.ts';

/** What reconciliation (the audit service) compares with the chain. Service credential only; never routed by the public entry. */
@ApiTags('internal')
@ApiBearerAuth()
@UseGuards(ServiceGuard)
@AcceptCallers('audit')
@Controller('internal')
export class InternalController {
  constructor(private readonly database: AccessPolicyDatabase) {}

  @Get('grants')
  @ApiOperation({ summary: 'Every request the read model holds as granted, with its consumer and grant terms' })
  async grants() {
    return { items: await listGrants(this.database.pool) };
  }
}
