import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Req, UseGuards } from '@nestjs/common';
import { AcceptCallers, ServiceGuard, type ServiceRequest } from '@gridledger/nest-service';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { OPERATOR } from '@gridledger/service-auth';
import { IdentityError } from '../common/identity-error.ts';
import { openApiBody } from '../common/openapi-body.ts';
import { SigningKeysService } from '../tokens/signing-keys.service.ts';
import { parseBody } from '../users/user-input.ts';
import { UsersService } from '../users/users.service.ts';
import { attestationReceiptBatchSchema, MAX_RECEIPTS_PER_CALL } from './attestation-receipt-request.ts';
import { AttestationReceipts } from './attestation-receipts.ts';
import { MAX_SIGNATURES_PER_BATCH, signatureBatchSchema, signatureRequestSchema } from './signature-request.ts';
import { SigningService } from './signing.service.ts';

/**
 * Service-to-service endpoints, each accepting only the callers it names, proved by their own
 * service tokens; never exposed through the public entry.
 */
@ApiTags('internal')
@ApiBearerAuth()
@UseGuards(ServiceGuard)
@Controller('internal')
export class InternalController {
  constructor(
    private readonly signing: SigningService,
    private readonly signingKeys: SigningKeysService,
    private readonly users: UsersService,
    private readonly receipts: AttestationReceipts,
  ) {}

  @Get('users/:id/fabric-identity')
  @AcceptCallers('ledger')
  @ApiOperation({ summary: "A user's MSP id and certificate, to build a proposal in their name (the ledger service only)" })
  identity(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.signing.identity(id);
  }

  @Get('users/:id/standing')
  @AcceptCallers('access-policy')
  @ApiOperation({ summary: "Whether a user exists, in which organisation, with which role, and whether active: what an allocation of credits checks first (the access-policy service only)" })
  async standing(@Param('id', new ParseUUIDPipe({ exceptionFactory: () => new IdentityError('NOT_FOUND', 'no such user: a user id is a UUID') })) id: string) {
    const user = await this.users.byId(id);
    return { id: user.id, mspId: user.mspId, role: user.role, status: user.status };
  }

  @Post('signatures')
  @HttpCode(200)
  @AcceptCallers('ledger')
  @ApiOperation({
    summary: "Sign a Fabric proposal or transaction with a user's key (the ledger service only)",
    description:
      'The bytes are decoded here and signed only when they are made out for this user and carry out a call the user asked for: ' +
      'an attestation the attestation table allows, or for a query proposal a reader service\'s attestation or the user\'s own access token. ' +
      'Refusals: 400 UNDECODABLE, 404 NOT_FOUND, 403 NOT_ATTESTED, NOT_PERMITTED or USER_SUSPENDED. Every signature and refusal is logged.',
  })
  @ApiBody(openApiBody(signatureRequestSchema))
  sign(@Body() body: unknown, @Req() request: ServiceRequest) {
    return this.signing.sign(parseBody(signatureRequestSchema, body), request.caller);
  }

  @Post('signatures/batch')
  @HttpCode(200)
  @AcceptCallers('ledger')
  @ApiOperation({
    summary: `Up to ${MAX_SIGNATURES_PER_BATCH} signature requests in one call (the ledger service only)`,
    description:
      'Each request is decoded, checked and logged exactly as POST /internal/signatures does it, and answered in the same position: ' +
      '{signature, txId} or {error: {statusCode, code, message}} with the refusal that call would have given. One call instead of many is the only difference.',
  })
  @ApiBody(openApiBody(signatureBatchSchema))
  async signBatch(@Body() body: unknown, @Req() request: ServiceRequest) {
    const { requests } = parseBody(signatureBatchSchema, body);
    const results = (await this.signing.signMany(requests, request.caller)).map((result) =>
      'error' in result ? { error: { statusCode: result.error.status, code: result.error.code, message: result.error.message } } : result,
    );
    return { results };
  }

  @Post('attestations/receipts')
  @HttpCode(200)
  @AcceptCallers('ledger')
  @ApiOperation({
    summary: `Take receipts of up to ${MAX_RECEIPTS_PER_CALL} user commands' attestations as the ledger records the commands (the ledger service only)`,
    description:
      'Each attestation is checked now: validly signed by a known service, unexpired, for this user and this command. One that holds gets a receipt, ' +
      'and when its command is signed later its call is verified in full as of the receipt, so a command that waited in the backlog past the ' +
      'attestation\'s two minutes is still signed. Answered in the same positions: {received: true, receivedAt} or {error: {statusCode, code, message}}. ' +
      'A refused one is not final here: the signature request gives the command its answer.',
  })
  @ApiBody(openApiBody(attestationReceiptBatchSchema))
  async receiveAttestations(@Body() body: unknown) {
    const { attestations } = parseBody(attestationReceiptBatchSchema, body);
    return { results: await this.receipts.receive(attestations) };
  }

  @Post('signing-keys/rotate')
  @HttpCode(200)
  @AcceptCallers(OPERATOR)
  @ApiOperation({ summary: 'Start signing access tokens with a new key; the old one stays in the JWKS until its tokens expire (the operator only)' })
  async rotateSigningKey() {
    return { kid: await this.signingKeys.rotate() };
  }

  @Post('master-key/rewrap')
  @HttpCode(200)
  @AcceptCallers(OPERATOR)
  @ApiOperation({ summary: "Reseal every stored private key (users' keys and JWT signing keys) under the current master key (the operator only)" })
  async rewrap() {
    return { resealed: (await this.users.rewrapSecrets()) + (await this.signingKeys.rewrap()) };
  }
}
