import { submitCalls } from '@gridledger/chaincode-api';
import { randomUUID } from 'node:crypto';
import { type AuthenticatedRequest, UserGuard } from '@gridledger/nest-service';
import { Body, Controller, HttpCode, Param, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AccessError } from '../common/access-error.ts';
import { LedgerGateway } from '../ledger/ledger-gateway.ts';
import { decisionSchema, parseId, parseInput } from '../requests/request-input.ts';
import { isRegulator } from '@gridledger/domain';
import { noteBody, noteSchema } from './note-input.ts';

const CALLS = { assets: { freeze: submitCalls.freezeAsset, unfreeze: submitCalls.unfreezeAsset }, users: { freeze: submitCalls.freezeUser, unfreeze: submitCalls.unfreezeUser } } as const;
const reasonBody = { schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', maxLength: 500 } } } };

/** The regulator's hand on the brake: freezes stop every flow of an asset, or of a user, at the chaincode. */
@ApiTags('supervision')
@ApiBearerAuth()
@UseGuards(UserGuard)
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly ledger: LedgerGateway) {}

  @Post('assets/:id/freeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze an asset: no request, key release or download until unfrozen (regulators)' })
  @ApiBody(reasonBody)
  freezeAsset(@Req() request: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown) {
    return this.act(request, 'assets', 'freeze', id, body);
  }

  @Post('assets/:id/unfreeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unfreeze an asset (regulators)' })
  @ApiBody(reasonBody)
  unfreezeAsset(@Req() request: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown) {
    return this.act(request, 'assets', 'unfreeze', id, body);
  }

  @Post('users/:id/freeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Freeze a user: they can neither share nor obtain data until unfrozen (regulators)' })
  @ApiBody(reasonBody)
  freezeUser(@Req() request: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown) {
    return this.act(request, 'users', 'freeze', id, body);
  }

  @Post('users/:id/unfreeze')
  @HttpCode(200)
  @ApiOperation({ summary: 'Unfreeze a user (regulators)' })
  @ApiBody(reasonBody)
  unfreezeUser(@Req() request: AuthenticatedRequest, @Param('id') id: string, @Body() body: unknown) {
    return this.act(request, 'users', 'unfreeze', id, body);
  }

  @Post('notes')
  @HttpCode(201)
  @ApiOperation({ summary: "Write a note on an asset, a request or a user, on chain; notes on an asset or its requests appear in the asset's lineage (regulators)" })
  @ApiBody(noteBody)
  async addNote(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    const note = parseInput(noteSchema, body);
    if (!isRegulator(request.user.role, request.user.mspId)) throw new AccessError('FORBIDDEN', 'only regulators write notes', 403);
    const noteId = randomUUID();
    const committed = await this.ledger.submit({ subject: note.subjectId, signer: { userId: request.user.id }, call: submitCalls.addRegulatorNote(noteId, note.subjectType, note.subjectId, note.text) });
    return { noteId, ...note, txId: committed.txId, blockNumber: committed.blockNumber };
  }

  private async act(request: AuthenticatedRequest, kind: 'assets' | 'users', action: 'freeze' | 'unfreeze', rawId: string, body: unknown) {
    const id = parseId('id', rawId);
    const { reason } = parseInput(decisionSchema, body);
    if (!isRegulator(request.user.role, request.user.mspId)) throw new AccessError('FORBIDDEN', `only regulators ${action} ${kind}`, 403);
    const committed = await this.ledger.submit<unknown>({ subject: id, signer: { userId: request.user.id }, call: CALLS[kind][action](id, reason) });
    return { [kind === 'assets' ? 'assetId' : 'uid']: id, action, txId: committed.txId, blockNumber: committed.blockNumber, result: committed.result };
  }
}
