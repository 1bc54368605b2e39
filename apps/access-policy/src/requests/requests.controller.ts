import { REQUEST_STATUSES } from '@gridledger/domain';
import { type AuthenticatedRequest, UserGuard } from '@gridledger/nest-service';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { createRequestSchema, decisionSchema, keyReleaseSchema, listQuerySchema, parseId, parseInput, REQUEST_VIEWS } from './request-input.ts';
import { RequestsService } from './requests.service.ts';

/** Each decision is made once: the caller asking again (an answer lost) gets the request as it stands, not a refusal. */
const decided = { status: 200, description: "The request after the decision; the same answer when the caller's decision was already made and still stands" };
const notNow = { status: 409, description: 'FAILED_PRECONDITION: the request is not at a stage this decision applies to' };
const reasonBody = { schema: { type: 'object', required: ['reason'], properties: { reason: { type: 'string', maxLength: 500 } } } };

@ApiTags('requests')
@ApiBearerAuth()
@ApiResponse({ status: 400, description: 'INVALID_ARGUMENT: the sentence names the field' })
@ApiResponse({ status: 401, description: 'UNAUTHENTICATED / INVALID_TOKEN' })
@ApiResponse({ status: 404, description: 'NOT_FOUND: no such request that the caller may see' })
@UseGuards(UserGuard)
@Controller('requests')
export class RequestsController {
  constructor(private readonly requests: RequestsService) {}

  @Post()
  @ApiOperation({ summary: 'Request access to an asset; its price is escrowed on chain. With recipientPublicKey, the key is released as soon as the grant is final' })
  @ApiBody({ schema: { type: 'object', required: ['assetId', 'purpose', 'durationSeconds'], properties: { assetId: { type: 'string' }, purpose: { type: 'string' }, durationSeconds: { type: 'integer', minimum: 60 }, recipientPublicKey: { type: 'string', description: 'X25519, 32 bytes base64' }, subscription: { type: 'object', description: "subscribe to the asset's data product: this version now and each version published during the term, up to `versions` in all; installment × versions is held in escrow", required: ['versions'], properties: { versions: { type: 'integer', minimum: 1, maximum: 120 } } } } } })
  @ApiResponse({ status: 201, description: 'The request, pending the owner' })
  @ApiResponse({ status: 402, description: 'INSUFFICIENT_FUNDS: the balance does not cover the price' })
  @ApiResponse({ status: 403, description: 'POLICY_DENIED: the sentence says which rule of the asset\'s policy said no; FROZEN' })
  create(@Req() request: AuthenticatedRequest, @Body() body: unknown) {
    return this.requests.create(request.user, parseInput(createRequestSchema, body));
  }

  @Get()
  @ApiOperation({ summary: "Requests: the caller's own (view=consumer), those on the caller's assets (view=owner), or all (view=regulator, regulators only)" })
  @ApiQuery({ name: 'view', required: false, enum: REQUEST_VIEWS })
  @ApiQuery({ name: 'status', required: false, description: `comma-separated: ${REQUEST_STATUSES.join(', ')}` })
  @ApiQuery({ name: 'assetId', required: false })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: 500, default: 100 } })
  async list(@Req() request: AuthenticatedRequest, @Query() query: unknown) {
    const { view, status, assetId, limit } = parseInput(listQuerySchema, query);
    return { items: await this.requests.list(request.user, view, status, assetId, limit) };
  }

  @Get(':requestId')
  @ApiOperation({ summary: 'One request, for its consumer, its owner or a regulator' })
  get(@Req() request: AuthenticatedRequest, @Param('requestId') requestId: string) {
    return this.requests.get(request.user, parseId('requestId', requestId));
  }

  @Post(':requestId/approve')
  @HttpCode(200)
  @ApiOperation({ summary: "Approve: the owner while it is pending-owner, a regulator while it is pending-regulator" })
  @ApiBody(reasonBody)
  @ApiResponse(decided)
  @ApiResponse(notNow)
  approve(@Req() request: AuthenticatedRequest, @Param('requestId') requestId: string, @Body() body: unknown) {
    return this.requests.approve(request.user, parseId('requestId', requestId), parseInput(decisionSchema, body).reason);
  }

  @Post(':requestId/reject')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reject, refunding the escrow: the owner while pending-owner, a regulator while pending-regulator' })
  @ApiBody(reasonBody)
  @ApiResponse(decided)
  @ApiResponse(notNow)
  reject(@Req() request: AuthenticatedRequest, @Param('requestId') requestId: string, @Body() body: unknown) {
    return this.requests.reject(request.user, parseId('requestId', requestId), parseInput(decisionSchema, body).reason);
  }

  @Post(':requestId/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a grant (the owner)' })
  @ApiBody(reasonBody)
  @ApiResponse(decided)
  @ApiResponse(notNow)
  revoke(@Req() request: AuthenticatedRequest, @Param('requestId') requestId: string, @Body() body: unknown) {
    return this.requests.revoke(request.user, parseId('requestId', requestId), parseInput(decisionSchema, body).reason);
  }

  @Post(':requestId/key-release')
  @HttpCode(202)
  @ApiOperation({ summary: 'Have the file key sealed for this X25519 key (the consumer): now if granted, else when the grant is final. The envelope is then at the storage service, GET /files/{assetId}/key-envelope' })
  @ApiBody({ schema: { type: 'object', required: ['publicKey'], properties: { publicKey: { type: 'string', description: 'X25519, 32 bytes base64' } } } })
  keyRelease(@Req() request: AuthenticatedRequest, @Param('requestId') requestId: string, @Body() body: unknown) {
    return this.requests.requestKeyRelease(request.user, parseId('requestId', requestId), parseInput(keyReleaseSchema, body).publicKey);
  }
}
