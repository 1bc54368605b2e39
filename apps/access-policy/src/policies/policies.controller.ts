import { Body, Controller, Get, Param, Put, Req, UseGuards } from '@nestjs/common';
import { type AuthenticatedRequest, UserGuard } from '@gridledger/nest-service';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { submitCalls } from '@gridledger/chaincode-api';
import { needsRegulatorApproval, type DataAsset } from '@gridledger/domain';
import { AccessError } from '../common/access-error.ts';
import { LedgerGateway } from '../ledger/ledger-gateway.ts';
import { parseId, parseInput } from '../requests/request-input.ts';
import { policySchema } from './policy-input.ts';

const explain = (asset: DataAsset) => ({
  assetId: asset.id,
  owner: asset.owner,
  sensitivity: asset.sensitivity,
  priceCredits: asset.priceCredits,
  status: asset.status,
  policy: asset.policy,
  // what a requester reads before asking; the chaincode applies exactly these rules
  rules: [
    asset.policy.allowedOrgs.length ? `only users of ${asset.policy.allowedOrgs.join(', ')} may request` : 'users of any organisation may request',
    asset.policy.allowedRoles.length ? `only the roles ${asset.policy.allowedRoles.join(', ')} may request` : 'only consumers may request',
    asset.policy.allowedPurposes.length ? `the purpose must be one of: ${asset.policy.allowedPurposes.join(', ')}` : 'any stated purpose is accepted',
    `a grant lasts at most ${asset.policy.maxDurationSeconds} seconds`,
    `a grant allows ${asset.policy.maxDownloads} key releases and downloads in all`,
    ...(needsRegulatorApproval(asset.sensitivity) ? [`the data is ${asset.sensitivity}: the regulator approves every grant after the owner`] : []),
  ],
});

@ApiTags('policies')
@ApiBearerAuth()
@UseGuards(UserGuard)
@Controller('assets/:assetId/policy')
export class PoliciesController {
  constructor(private readonly ledger: LedgerGateway) {}

  @Get()
  @ApiOperation({ summary: "An asset's access policy, with the rules spelled out for a requester" })
  async get(@Req() request: AuthenticatedRequest, @Param('assetId') assetId: string) {
    return explain(await this.ledger.query.get<DataAsset>(`/assets/${encodeURIComponent(parseId('assetId', assetId))}`, request.user.id));
  }

  @Put()
  @ApiOperation({ summary: 'Replace the policy (the owner); the chaincode enforces it on every later request' })
  @ApiBody({ schema: { type: 'object', required: ['allowedOrgs', 'allowedRoles', 'allowedPurposes', 'maxDurationSeconds', 'maxDownloads'] } })
  @ApiResponse({ status: 403, description: 'FORBIDDEN: not the owner' })
  async replace(@Req() request: AuthenticatedRequest, @Param('assetId') rawAssetId: string, @Body() body: unknown) {
    const assetId = parseId('assetId', rawAssetId);
    const policy = parseInput(policySchema, body);
    const asset = await this.ledger.query.get<DataAsset>(`/assets/${encodeURIComponent(assetId)}`, request.user.id);
    if (asset.owner.uid !== request.user.id) throw new AccessError('FORBIDDEN', `only the owner of asset ${assetId} edits its policy`, 403);
    const committed = await this.ledger.submit({ subject: assetId, signer: { userId: request.user.id }, call: submitCalls.updateAssetMetadata(assetId, { policy }) });
    return { ...explain(committed.result), txId: committed.txId };
  }
}
