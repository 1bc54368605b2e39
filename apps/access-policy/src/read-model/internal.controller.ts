import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptCallers, ServiceGuard } from '@gridledger/nest-service';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';

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
    const { rows } = await this.database.pool.query<Record<string, unknown>>(
      `select request_id as "requestId", asset_id as "assetId", consumer_uid as "consumerUid", status, grant_expires_at as "expiresAt", max_downloads as "maxDownloads"
         from requests where status = 'granted' order by request_id`,
    );
    return { items: rows.map((row) => ({ ...row, expiresAt: (row['expiresAt'] as Date | null)?.toISOString() ?? null })) };
  }
}
