import { OPERATOR } from '@gridledger/service-auth';
import { AcceptCallers, ServiceGuard } from '@gridledger/nest-service';
import { Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { MasterKeyRewrapService } from './master-key-rewrap.service.ts';

/** Called by `stack rotate-master-key` with the operator's credential; never routed by the public entry. */
@ApiTags('internal')
@ApiBearerAuth()
@UseGuards(ServiceGuard)
@Controller('internal/master-key')
export class MasterKeyController {
  constructor(private readonly rewrap: MasterKeyRewrapService) {}

  @Post('rewrap')
  @HttpCode(200)
  @AcceptCallers(OPERATOR)
  @ApiOperation({ summary: "Wrap every file's data key again under the current master key (the operator only)" })
  rewrapAll() {
    return this.rewrap.rewrapAll();
  }
}
