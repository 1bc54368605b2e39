import { SupervisorsOnly } from '../auth/supervisors-only.ts';
import { Body, Controller, Get, HttpCode, HttpException, Param, ParseUUIDPipe, Post, Query, Req } from '@nestjs/common';
import type { AuthenticatedRequest } from '@gridledger/nest-service';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { isRegulator } from '@gridledger/domain';
import { parseQuery } from '../audit-log/audit-query.ts';
import { VIOLATION_STATES, type ViolationAction } from './violation-state.ts';
import { decisionSchema, listSchema } from './violations-query.ts';
import { ViolationsRepository } from './violations.repository.ts';

// which assets disagree with the chain across every organisation: the regulator's to see and to act on
const regulatorOnly = (request: AuthenticatedRequest) => {
  if (!isRegulator(request.user.role, request.user.mspId)) throw new HttpException({ statusCode: 403, code: 'FORBIDDEN', message: 'integrity violations are for regulators' }, 403);
};

@ApiTags('violations')
@ApiBearerAuth()
@SupervisorsOnly()
@Controller('audit/violations')
export class ViolationsController {
  constructor(private readonly violations: ViolationsRepository) {}

  @Get()
  @ApiOperation({ summary: 'Every integrity violation, from storage and from reconciliation, once per asset and kind, with its state (regulators); newest first' })
  @ApiQuery({ name: 'state', required: false, enum: [...VIOLATION_STATES] })
  @ApiQuery({ name: 'limit', required: false, description: '1 to 200, 50 by default' })
  @ApiQuery({ name: 'after', required: false, description: 'the next cursor of the previous page' })
  async list(@Req() request: AuthenticatedRequest, @Query() query: unknown) {
    regulatorOnly(request);
    const { state, limit, after } = parseQuery(listSchema, query);
    const [firstSeenAt, id] = after?.split('|') ?? [];
    const items = await this.violations.list({ state, limit, after: firstSeenAt && id ? { firstSeenAt, id } : undefined });
    const last = items[items.length - 1];
    return { items, next: items.length === limit && last ? `${last.firstSeenAt}|${last.id}` : null };
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge an open violation, with a note (regulators): who and when are recorded' })
  @ApiBody({ schema: { type: 'object', required: ['note'], properties: { note: { type: 'string', maxLength: 1000 } } } })
  acknowledge(@Req() request: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown) {
    return this.decide(request, id, 'acknowledge', body);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resolve an open or acknowledged violation, with a note (regulators); found again later, it reopens' })
  @ApiBody({ schema: { type: 'object', required: ['note'], properties: { note: { type: 'string', maxLength: 1000 } } } })
  resolve(@Req() request: AuthenticatedRequest, @Param('id', new ParseUUIDPipe()) id: string, @Body() body: unknown) {
    return this.decide(request, id, 'resolve', body);
  }

  private decide(request: AuthenticatedRequest, id: string, action: ViolationAction, body: unknown) {
    regulatorOnly(request);
    const { note } = parseQuery(decisionSchema, body);
    return this.violations.decide(id, action, request.user.id, note);
  }
}
