import { SupervisorsOnly } from '../auth/supervisors-only.ts';
import { orgScope } from '../auth/org-scope.ts';
import type { AuthenticatedRequest } from '@gridledger/nest-service';
import { applyDecorators, Body, Controller, Get, HttpCode, HttpException, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { SuspensionFeed } from '@gridledger/access-token';
import type { Response } from 'express';
import { parseQuery } from '../audit-log/audit-query.ts';
import { AuditExporter } from './audit-exporter.ts';
import { EXPORT_FORMATS } from './export-encoding.ts';
import { ExportLinksRepository } from './export-links.repository.ts';
import { exportSchema } from './export-query.ts';

const FILTERS = [
  { name: 'assetId', required: false },
  { name: 'userId', required: false },
  { name: 'org', required: false, description: "an admin always gets their own organisation's" },
  { name: 'action', required: false, description: 'e.g. chain.access-granted, storage.file-downloaded' },
  { name: 'from', required: false, description: 'ISO 8601 with a zone, inclusive; none: from the first event' },
  { name: 'to', required: false, description: 'ISO 8601 with a zone, exclusive; none: the moment the export starts' },
  { name: 'format', required: false, enum: [...EXPORT_FORMATS], description: 'csv (default) or jsonl (JSON Lines, each entry with its event data)' },
] as const;

@ApiTags('audit')
@Controller('audit/exports')
export class AuditExportController {
  constructor(
    private readonly exporter: AuditExporter,
    private readonly links: ExportLinksRepository,
    private readonly suspensions: SuspensionFeed,
  ) {}

  @Get()
  @SupervisorsOnly()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Export every matching audit entry, oldest first, with no cap: streamed as CSV or JSON Lines' })
  @ApiProduces('text/csv', 'application/jsonl')
  @applyDecorators(...FILTERS.map((q) => ApiQuery(q)))
  async export(@Req() request: AuthenticatedRequest, @Query() query: unknown, @Res() response: Response): Promise<void> {
    const parsed = parseQuery(exportSchema, query);
    await this.exporter.send(response, { ...parsed, org: orgScope(request.user, parsed.org) });
  }

  @Post('links')
  @HttpCode(201)
  @SupervisorsOnly()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'A single-use link, valid for 60 seconds, to the same export: for a browser to save it to disk without a bearer header' })
  @ApiBody({ schema: { type: 'object', properties: Object.fromEntries(FILTERS.map((q) => [q.name, { type: 'string', ...('enum' in q ? { enum: [...q.enum] } : {}) }])) } })
  async link(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const parsed = parseQuery(exportSchema, body);
    const { token, expiresAt } = await this.links.create({ userId: request.user.id, mspId: request.user.mspId }, { ...parsed, org: orgScope(request.user, parsed.org) });
    return { token, path: `/audit/exports/links/${token}`, expiresAt };
  }

  @Get('links/:token')
  @ApiOperation({ summary: 'Follow an export link once (no bearer header: the link is the credential); unknown, spent or expired links are refused' })
  @ApiParam({ name: 'token' })
  @ApiProduces('text/csv', 'application/jsonl')
  async follow(@Param('token') token: string, @Res() response: Response): Promise<void> {
    const link = await this.links.redeem(token);
    // a user suspended since they asked gets nothing more
    if (this.suspensions.isSuspended(link.userId)) throw new HttpException({ statusCode: 403, code: 'USER_SUSPENDED', message: 'this account is suspended' }, 403);
    await this.exporter.send(response, parseQuery(exportSchema, link.request));
  }
}
