import { SupervisorsOnly } from '../auth/supervisors-only.ts';
import { orgScope } from '../auth/org-scope.ts';
import type { AuthenticatedRequest } from '@gridledger/nest-service';
import { Controller, Get, Header, HttpException, Param, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuditLogRepository } from './audit-log.repository.ts';
import { countersSchema, parseQuery, searchSchema } from './audit-query.ts';
import { AuditExporter } from '../audit-export/audit-exporter.ts';
import { lineageGraph } from './lineage-graph.ts';

@ApiTags('audit')
@ApiBearerAuth()
@SupervisorsOnly()
@Controller('audit')
export class AuditController {
  constructor(
    private readonly log: AuditLogRepository,
    private readonly exporter: AuditExporter,
  ) {}

  @Get('events')
  @ApiOperation({ summary: 'Search the audit log (newest first): by asset, user, organisation, action and time; JSON pages, or format=csv for every matching row as /audit/exports streams it' })
  @ApiQuery({ name: 'assetId', required: false })
  @ApiQuery({ name: 'userId', required: false })
  @ApiQuery({ name: 'org', required: false, description: "an admin always gets their own organisation's" })
  @ApiQuery({ name: 'action', required: false, description: 'e.g. chain.access-granted, storage.file-downloaded' })
  @ApiQuery({ name: 'from', required: false, description: 'ISO 8601, inclusive' })
  @ApiQuery({ name: 'to', required: false, description: 'ISO 8601, exclusive' })
  @ApiQuery({ name: 'limit', required: false })
  @ApiQuery({ name: 'after', required: false, description: 'the next cursor of the previous page' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv'], description: 'csv: every matching row, oldest first, streamed (limit and after are for JSON pages)' })
  async events(@Req() request: AuthenticatedRequest, @Query() query: unknown, @Res() response: Response): Promise<void> {
    const { after, format, org, limit, ...filter } = parseQuery(searchSchema, query);
    // a report used to stop silently at one page of 500: it is the whole export now
    if (format === 'csv') return this.exporter.send(response, { ...filter, org: orgScope(request.user, org), format: 'csv' });
    const [occurredAt, eventId] = after?.split('|') ?? [];
    const entries = await this.log.search({ ...filter, limit, org: orgScope(request.user, org), ...(occurredAt && eventId ? { after: { occurredAt, eventId } } : {}) });
    const last = entries[entries.length - 1];
    response.json({ entries, next: entries.length === limit && last ? `${last.occurredAt}|${last.eventId}` : null });
  }

  @Get('assets/:assetId/lineage')
  @ApiOperation({ summary: "An asset's lineage: the timeline of everything that happened to it, and the same as graph data" })
  async lineage(@Param('assetId') assetId: string) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/.test(assetId)) throw new HttpException({ statusCode: 400, code: 'INVALID_ARGUMENT', message: 'assetId: not an asset id' }, 400);
    const timeline = await this.log.forAsset(assetId);
    if (timeline.length === 0) throw new HttpException({ statusCode: 404, code: 'NOT_FOUND', message: `the audit log holds nothing about asset ${assetId}` }, 404);
    return { assetId, timeline, graph: lineageGraph(assetId, timeline) };
  }

  @Get('counters')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Uploads, requests, approvals, downloads and integrity violations per hour' })
  counters(@Req() request: AuthenticatedRequest, @Query() query: unknown) {
    const { hours, org } = parseQuery(countersSchema, query);
    return this.log.counters(hours, orgScope(request.user, org));
  }
}
