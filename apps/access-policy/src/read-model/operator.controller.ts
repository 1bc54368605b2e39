import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ServiceGuard } from '../auth/service-guard.ts';
import { ReadModelRebuild } from './read-model-rebuild.ts';

@ApiTags('operator')
@ApiBearerAuth()
@UseGuards(ServiceGuard)
@Controller('operator')
export class OperatorController {
  constructor(private readonly rebuild: ReadModelRebuild) {}

  @Post('read-model/rebuild')
  @HttpCode(200)
  @ApiOperation({ summary: 'Rebuild the requests and assets read model from the chain (service credential); answers when done' })
  rebuildReadModel() {
    return this.rebuild.rebuild();
  }
}
