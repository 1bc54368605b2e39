import { applyDecorators, Controller, Get, Param, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { QueryCallerGuard, type LedgerRequest } from '../common/caller-guards.ts';
import { LedgerQueryService } from './ledger-query.service.ts';
import { ASSET_CATEGORIES, ASSET_STATUSES, SENSITIVITIES } from '@gridledger/domain';
import { PAGE_SIZE, parseAssetQuery, parseId, queryCaller } from './query-input.ts';

const USER_HEADER = 'x-gridledger-user';
const ATTESTATION_HEADER = 'x-gridledger-attestation';

/** The routes the chaincode answers: evaluated as the user named in the header, if any. */
const AsUser = () =>
  applyDecorators(
    ApiHeader({ name: USER_HEADER, required: false, description: "A service reading on a user's behalf: evaluate as this platform user (UUID), so the chaincode applies that user's visibility rules; without it, as the ledger's own identity. A user calling with their own access token always reads as themselves" }),
    ApiHeader({ name: ATTESTATION_HEADER, required: false, description: "With x-gridledger-user: the service's attestation that this user asked for the read; without it the identity service signs nothing for the user (403 NOT_ATTESTED)" }),
    ApiResponse({ status: 403, description: 'The chaincode refused (FORBIDDEN, POLICY_DENIED, FROZEN, UNAUTHENTICATED)' }),
    ApiResponse({ status: 404, description: 'NOT_FOUND: the chaincode, or the identity service for the user, knows no such thing' }),
  );

/** Reads of the ledger for the services that read on users' behalf, and for users themselves through the public entry; every read goes through evaluate. */
@ApiTags('queries')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'INVALID_ARGUMENT: the sentence names the field' })
@ApiResponse({ status: 401, description: "UNAUTHENTICATED / SERVICE_UNAUTHENTICATED: no valid service token or user access token" })
@ApiResponse({ status: 403, description: 'SERVICE_NOT_PERMITTED: a service that does not read the ledger (only storage, access-policy and audit do)' })
@ApiResponse({ status: 503, description: 'UNAVAILABLE: a peer or the identity service cannot be reached; try again' })
@UseGuards(QueryCallerGuard)
@Controller()
export class LedgerQueriesController {
  constructor(private readonly queries: LedgerQueryService) {}

  @Get('assets')
  @AsUser()
  @ApiOperation({ summary: 'The asset catalog, filtered, one page at a time (asset.QueryAssets)' })
  @ApiQuery({ name: 'ownerUid', required: false })
  @ApiQuery({ name: 'mspId', required: false })
  @ApiQuery({ name: 'category', required: false, enum: ASSET_CATEGORIES })
  @ApiQuery({ name: 'sensitivity', required: false, enum: SENSITIVITIES })
  @ApiQuery({ name: 'status', required: false, enum: ASSET_STATUSES })
  @ApiQuery({ name: 'pageSize', required: false, schema: { type: 'integer', minimum: PAGE_SIZE.min, maximum: PAGE_SIZE.max, default: PAGE_SIZE.default } })
  @ApiQuery({ name: 'bookmark', required: false, description: 'the bookmark of the previous page, as returned' })
  assets(@Req() request: LedgerRequest, @Query() query: unknown) {
    return this.queries.assets(queryCaller(request), parseAssetQuery(query));
  }

  @Get('assets/:assetId')
  @AsUser()
  @ApiOperation({ summary: 'One data asset (asset.GetAsset)' })
  asset(@Req() request: LedgerRequest, @Param('assetId') assetId: string) {
    return this.queries.asset(queryCaller(request), parseId('assetId', assetId));
  }

  @Get('assets/:assetId/lineage')
  @AsUser()
  @ApiOperation({ summary: "An asset's lineage entries (lineage.GetAssetLineage)" })
  lineage(@Req() request: LedgerRequest, @Param('assetId') assetId: string) {
    return this.queries.lineage(queryCaller(request), parseId('assetId', assetId));
  }

  @Get('assets/:assetId/history')
  @AsUser()
  @ApiOperation({ summary: 'Every version of the asset record, newest first (asset.GetAssetHistory)' })
  history(@Req() request: LedgerRequest, @Param('assetId') assetId: string) {
    return this.queries.history(queryCaller(request), parseId('assetId', assetId));
  }

  @Get('assets/:assetId/access/:uid')
  @AsUser()
  @ApiOperation({ summary: 'May this user obtain the asset now, and if not which rule says no (access.CheckAccess)' })
  access(@Req() request: LedgerRequest, @Param('assetId') assetId: string, @Param('uid') uid: string) {
    return this.queries.access(queryCaller(request), parseId('assetId', assetId), parseId('uid', uid));
  }

  @Get('requests/:requestId')
  @AsUser()
  @ApiOperation({ summary: 'One access request (access.GetRequest)' })
  request(@Req() request: LedgerRequest, @Param('requestId') requestId: string) {
    return this.queries.request(queryCaller(request), parseId('requestId', requestId));
  }

  @Get('accounts/:uid')
  @AsUser()
  @ApiOperation({ summary: "A user's balance and escrow (settlement.GetAccount)" })
  account(@Req() request: LedgerRequest, @Param('uid') uid: string) {
    return this.queries.account(queryCaller(request), parseId('uid', uid));
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
