import { submitCalls } from '@gridledger/chaincode-api';
import type { DataAsset } from '@gridledger/domain';
import { type AuthenticatedRequest, AllowRoles, UserGuard } from '@gridledger/nest-service';
import { Body, Controller, HttpCode, Param, Patch, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AccessError } from '../common/access-error.ts';
import { LedgerGateway } from '../ledger/ledger-gateway.ts';
import { parseId, parseInput } from '../requests/request-input.ts';
import { assetDetailsSchema, retirementSchema } from './asset-details-input.ts';

/**
 * The owner's changes to an asset: its details and price, and its retirement. Each is a chain
 * transaction signed for the owner; the chaincode refuses a frozen or retired asset, a frozen
 * owner and anyone else, and this service passes its refusal on with its code.
 */
@ApiTags('assets')
@ApiBearerAuth()
@UseGuards(UserGuard)
@AllowRoles(['owner'], 'only an asset owner changes an asset')
@Controller('assets/:assetId')
export class AssetDetailsController {
  constructor(private readonly ledger: LedgerGateway) {}

  @Patch('details')
  @ApiOperation({ summary: "Change an asset's title, description, category, sensitivity (only upwards) or price (the owner)" })
  @ApiBody({ schema: { type: 'object', properties: { title: { type: 'string' }, description: { type: 'string' }, category: { type: 'string' }, sensitivity: { type: 'string' }, priceCredits: { type: 'integer' } } } })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: not the owner' })
  @ApiResponse({ status: 409, description: 'FROZEN: the asset or its owner is frozen; FAILED_PRECONDITION: the asset is retired' })
  async change(@Req() request: AuthenticatedRequest, @Param('assetId') rawAssetId: string, @Body() body: unknown) {
    const assetId = parseId('assetId', rawAssetId);
    const patch = parseInput(assetDetailsSchema, body);
    await this.ownedBy(assetId, request.user.id);
    const committed = await this.ledger.submit({ subject: assetId, signer: { userId: request.user.id }, call: submitCalls.updateAssetMetadata(assetId, patch) });
    return { asset: committed.result, txId: committed.txId };
  }

  @Post('retire')
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire an asset (the owner): no new requests; grants already given run their course' })
  @ApiBody({ schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string' } } } })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: not the owner' })
  async retire(@Req() request: AuthenticatedRequest, @Param('assetId') rawAssetId: string, @Body() body: unknown) {
    const assetId = parseId('assetId', rawAssetId);
    const { reason } = parseInput(retirementSchema, body);
    await this.ownedBy(assetId, request.user.id);
    const committed = await this.ledger.submit({ subject: assetId, signer: { userId: request.user.id }, call: submitCalls.retireAsset(assetId, reason) });
    return { asset: committed.result, txId: committed.txId };
  }

  /** A clear 403 before a transaction is signed; the chaincode checks the same again. */
  private async ownedBy(assetId: string, uid: string): Promise<void> {
    const asset = await this.ledger.query.get<DataAsset>(`/assets/${encodeURIComponent(assetId)}`, uid);
    if (asset.owner.uid !== uid) throw new AccessError('FORBIDDEN', `only the owner of asset ${assetId} changes it`, 403);
  }
}
