import { Controller, Get, Req, UseGuards } from '@nestjs/common';
import { type AuthenticatedRequest, UserGuard } from '@gridledger/nest-service';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessPolicyDatabase } from '../database/access-policy-database.ts';
import { listRequestViews } from '../read-model/read-model-store.ts';
import { isRegulator } from '@gridledger/domain';

@ApiTags('inbox')
@ApiBearerAuth()
@UseGuards(UserGuard)
@Controller('inbox')
export class InboxController {
  constructor(private readonly database: AccessPolicyDatabase) {}

  @Get()
  @ApiOperation({ summary: "What waits for the caller: requests on their assets to decide, approvals for a regulator, their own open requests and their grants" })
  async inbox(@Req() request: AuthenticatedRequest) {
    const user = request.user;
    const pool = this.database.pool;
    const [ownerPending, regulatorPending, myRequests, myGrants] = await Promise.all([
      listRequestViews(pool, { ownerUid: user.id, statuses: ['pending-owner'], limit: 200 }),
      isRegulator(user.role, user.mspId) ? listRequestViews(pool, { statuses: ['pending-regulator'], limit: 200 }) : Promise.resolve([]),
      listRequestViews(pool, { consumerUid: user.id, statuses: ['pending-owner', 'pending-regulator', 'rejected', 'revoked', 'expired'], limit: 200 }),
      listRequestViews(pool, { consumerUid: user.id, statuses: ['granted'], limit: 200 }),
    ]);
    return { ownerPending, regulatorPending, myRequests, myGrants };
  }
}
