import { applyDecorators, Controller, Get, Headers, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ServiceGuard } from '../common/service-guard.ts';
import { LedgerQueryService } from './ledger-query.service.ts';
import { ASSET_STATUSES, PAGE_SIZE, parseAssetQuery, parseCaller, parseId, SENSITIVITIES } from './query-input.ts';

const USER_HEADER = 'x-gridledger-user';

/** The routes the chaincode answers: evaluated as the user named in the header, if any. */
const AsUser = () =>
  applyDecorators(
    ApiHeader({ name: USER_HEADER, required: false, description: "Evaluate as this platform user (UUID), so the chaincode applies that user's visibility rules; without it, as the ledger's own identity" }),
    ApiResponse({ status: 403, description: 'The chaincode refused (FORBIDDEN, POLICY_DENIED, FROZEN, UNAUTHENTICATED)' }),
    ApiResponse({ status: 404, description: 'NOT_FOUND: the chaincode, or the identity service for the user, knows no such thing' }),
  );

/** Reads of the ledger for the other services and the dashboard's backend; every read goes through evaluate. */
@ApiTags('queries')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'INVALID_ARGUMENT: the sentence names the field' })
@ApiResponse({ status: 401, description: 'UNAUTHENTICATED: the service credential is missing or wrong' })
@ApiResponse({ status: 503, description: 'UNAVAILABLE: a peer or the identity service cannot be reached; try again' })
@UseGuards(ServiceGuard)
@Controller()
export class LedgerQueriesController {
  constructor(private readonly queries: LedgerQueryService) {}

  @Get('assets')
  @AsUser()
  @ApiOperation({ summary: 'The asset catalog, filtered, one page at a time (asset.QueryAssets)' })
  @ApiQuery({ name: 'ownerUid', required: false })
  @ApiQuery({ name: 'mspId', required: false })
  @ApiQuery({ name: 'category', required: false })
  @ApiQuery({ name: 'sensitivity', required: false, enum: SENSITIVITIES })
  @ApiQuery({ name: 'status', required: false, enum: ASSET_STATUSES })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: PAGE_SIZE.min, maximum: PAGE_SIZE.max, default: PAGE_SIZE.default } })
  @ApiQuery({ name: 'bookmark', required: false, description: 'the bookmark of the previous page, as returned' })
  assets(@Headers(USER_HEADER) user: unknown, @Query() query: unknown) {
    return this.queries.assets(parseCaller(user), parseAssetQuery(query));
  }

  @Get('assets/:assetId')
  @AsUser()
  @ApiOperation({ summary: 'One data asset (asset.GetAsset)' })
  asset(@Headers(USER_HEADER) user: unknown, @Param('assetId') assetId: string) {
    return this.queries.asset(parseCaller(user), parseId('assetId', assetId));
  }

  @Get('assets/:assetId/lineage')
  @AsUser()
  @ApiOperation({ summary: "An asset's lineage entries (lineage.GetAssetLineage)" })
  lineage(@Headers(USER_HEADER) user: unknown, @Param('assetId') assetId: string) {
    return this.queries.lineage(parseCaller(user), parseId('assetId', assetId));
  }

  @Get('assets/:assetId/history')
  @AsUser()
  @ApiOperation({ summary: 'Every version of the asset record, newest first (asset.GetAssetHistory)' })
  history(@Headers(USER_HEADER) user: unknown, @Param('assetId') assetId: string) {
    return this.queries.history(parseCaller(user), parseId('assetId', assetId));
  }

  @Get('assets/:assetId/access/:uid')
  @AsUser()
  @ApiOperation({ summary: 'May this user obtain the asset now, and if not which rule says no (access.CheckAccess)' })
  access(@Headers(USER_HEADER) user: unknown, @Param('assetId') assetId: string, @Param('uid') uid: string) {
    return this.queries.access(parseCaller(user), parseId('assetId', assetId), parseId('uid', uid));
  }

  @Get('requests/:requestId')
  @AsUser()
  @ApiOperation({ summary: 'One access request (access.GetRequest)' })
  request(@Headers(USER_HEADER) user: unknown, @Param('requestId') requestId: string) {
    return this.queries.request(parseCaller(user), parseId('requestId', requestId));
  }

  @Get('accounts/:uid')
  @AsUser()
  @ApiOperation({ summary: "A user's balance and escrow (settlement.GetAccount)" })
  account(@Headers(USER_HEADER) user: unknown, @Param('uid') uid: string) {
    return this.queries.account(parseCaller(user), parseId('uid', uid));
  }

  @Get('chain/height')
  @ApiOperation({ summary: "The channel's height: the number of the next block, as a decimal string" })
  height() {
    return this.queries.height();
  }

  @Get('transactions/:txId')
  @ApiOperation({ summary: "A transaction's status on the chain, and this service's command and answer for it if it submitted it" })
  @ApiResponse({ status: 404, description: 'NOT_FOUND: neither this service nor the ledger knows the transaction' })
  transaction(@Param('txId') txId: string) {
    return this.queries.transaction(parseId('txId', txId));
  }
}
