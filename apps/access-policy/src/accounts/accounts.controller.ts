import { submitCalls } from '@gridledger/chaincode-api';
import { Body, Controller, Get, Param, Post, Req, UseGuards } from '@nestjs/common';
import { type AuthenticatedRequest, UserGuard } from '@gridledger/nest-service';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { AccessError } from '../common/access-error.ts';
import { UserStandingClient } from '../identity/user-standing.ts';
import { LedgerGateway } from '../ledger/ledger-gateway.ts';
import { parseId, parseInput } from '../requests/request-input.ts';

const uidIsUuid = (uid: string) => z.uuid().safeParse(uid).success;
const mintSchema = z.object({ amount: z.number().int().min(1).max(1_000_000_000), memo: z.string().max(200).default('') }).strict();

/** Credits on chain: what a consumer holds and has in escrow, and an admin's allocation to their own users. */
@ApiTags('accounts')
@ApiBearerAuth()
@UseGuards(UserGuard)
@Controller('accounts')
export class AccountsController {
  constructor(
    private readonly ledger: LedgerGateway,
    private readonly users: UserStandingClient,
  ) {}

  @Get('me')
  @ApiOperation({ summary: "The caller's balance and escrow, from the chain" })
  me(@Req() request: AuthenticatedRequest) {
    return this.ledger.query.get<unknown>(`/accounts/${encodeURIComponent(request.user.id)}`, request.user.id);
  }

  @Post(':uid/credits')
  @ApiOperation({ summary: "Allocate credits to a user of the admin's own organisation (settlement:Mint)", description: 'A user who does not exist is a 404, one of another organisation a 403 FORBIDDEN, a suspended one a 403 USER_SUSPENDED; in each case nothing is written on chain.' })
  @ApiBody({ schema: { type: 'object', required: ['amount'], properties: { amount: { type: 'integer', minimum: 1 }, memo: { type: 'string', maxLength: 200 } } } })
  async mint(@Req() request: AuthenticatedRequest, @Param('uid') rawUid: string, @Body() body: unknown) {
    const uid = parseId('uid', rawUid);
    const { amount, memo } = parseInput(mintSchema, body);
    if (request.user.role !== 'admin') throw new AccessError('FORBIDDEN', "only an organisation's admin allocates credits", 403);
    // credits only for a real, active user of the admin's own organisation: nothing goes on chain otherwise
    const recipient = uidIsUuid(uid) ? await this.users.standing(uid) : undefined;
    if (!recipient) throw new AccessError('NOT_FOUND', `there is no user ${uid}`, 404);
    if (recipient.mspId !== request.user.mspId) throw new AccessError('FORBIDDEN', `user ${uid} is not of your organisation (${request.user.mspId}); an admin allocates credits to their own users`, 403);
    if (recipient.status !== 'active') throw new AccessError('USER_SUSPENDED', `user ${uid} is suspended; reactivate them before allocating credits`, 403);
    const committed = await this.ledger.submit({ subject: uid, signer: { userId: request.user.id }, call: submitCalls.mint(uid, amount, memo) });
    return { uid, amount, txId: committed.txId, account: committed.result };
  }
}
