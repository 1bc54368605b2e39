import { SupervisorsOnly } from '../auth/supervisors-only.ts';
import { Body, Controller, Get, HttpCode, HttpException, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import type { AuthenticatedRequest } from '@gridledger/nest-service';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { isRegulator } from '@gridledger/domain';
import { z } from 'zod';
import { ReconciliationService } from './reconciliation.service.ts';

const runSchema = z.object({ assetIds: z.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/)).min(1).max(1000).optional() }).strict();

const regulatorOnly = (request: AuthenticatedRequest) => {
  if (!isRegulator(request.user.role, request.user.mspId)) throw new HttpException({ statusCode: 403, code: 'FORBIDDEN', message: 'reconciliation reports are for regulators' }, 403);
};

@ApiTags('reconciliation')
@ApiBearerAuth()
@SupervisorsOnly()
@Controller('audit/reconciliations')
export class ReconciliationController {
  constructor(private readonly reconciliation: ReconciliationService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Reconcile now (regulators): the chain against storage records, IPFS and the access-policy grants; answers with the report. assetIds narrows it to those assets' })
  @ApiBody({ schema: { type: 'object', properties: { assetIds: { type: 'array', items: { type: 'string' } } } } })
  async run(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    regulatorOnly(request);
    const parsed = runSchema.safeParse(body ?? {});
    if (!parsed.success) throw new HttpException({ statusCode: 400, code: 'INVALID_ARGUMENT', message: `${parsed.error.issues[0]?.path.join('.') || 'body'}: ${parsed.error.issues[0]?.message}` }, 400);
    return this.reconciliation.run('on-demand', parsed.data.assetIds ?? null);
  }

  @Get()
  @ApiOperation({ summary: 'The latest reconciliation runs, newest first (regulators)' })
  async recent(@Req() request: AuthenticatedRequest) {
    regulatorOnly(request);
    return { items: await this.reconciliation.recent(50) };
  }

  @Get(':runId')
  @ApiOperation({ summary: 'One run with every finding (regulators)' })
  async report(@Req() request: AuthenticatedRequest, @Param('runId', new ParseUUIDPipe()) runId: string) {
    regulatorOnly(request);
    const report = await this.reconciliation.report(runId);
    if (!report) throw new HttpException({ statusCode: 404, code: 'NOT_FOUND', message: `there is no reconciliation run ${runId}` }, 404);
    return report;
  }
}
