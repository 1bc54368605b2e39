import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AcceptCallers, ServiceGuard } from '@gridledger/nest-service';
import { ExpiryJob } from '../expiry/expiry.job.ts';
import { ReadModelRebuild } from './read-model-rebuild.ts';

@ApiTags('operator')
@ApiBearerAuth()
@UseGuards(ServiceGuard)
@AcceptCallers('operator')
@Controller('operator')
export class OperatorController {
  constructor(
    private readonly rebuild: ReadModelRebuild,
    private readonly expiry: ExpiryJob,
  ) {}

  @Post('read-model/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rebuild the requests and assets read model from the chain (service credential); answers when done' })
  rebuildReadModel() {
    return this.rebuild.rebuild();
  }

  @Post('expiry/run')
  @HttpCode(200)
  @ApiOperation({ summary: 'Run the expiry round now instead of waiting for the schedule (service credential): grants past their end or download budget, and undecided requests past their TTL, expired on chain' })
  async runExpiry() {
    return { expired: await this.expiry.runOnce() };
  }
}
