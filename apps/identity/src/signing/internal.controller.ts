import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { openApiBody } from '../common/openapi-body.ts';
import { ServiceGuard } from '../auth/guards.ts';
import { SigningKeysService } from '../tokens/signing-keys.service.ts';
import { parseBody, signatureRequestSchema } from '../users/user-input.ts';
import { UsersService } from '../users/users.service.ts';
import { SigningService } from './signing.service.ts';

/** Service-to-service endpoints, behind the service credential; never exposed through the public entry. */
@ApiTags('internal')
@ApiBearerAuth()
@UseGuards(ServiceGuard)
@Controller('internal')
export class InternalController {
  constructor(
    private readonly signing: SigningService,
    private readonly signingKeys: SigningKeysService,
    private readonly users: UsersService,
  ) {}

  @Get('users/:id/fabric-identity')
  @ApiOperation({ summary: "A user's MSP id and certificate, to build a proposal in their name" })
  identity(@Param('id', new ParseUUIDPipe()) id: string) {
    return this.signing.identity(id);
  }

  @Post('signatures')
  @HttpCode(200)
  @ApiOperation({ summary: "Sign a SHA-256 digest with a user's Fabric key (offline signing for the ledger service)" })
  @ApiBody(openApiBody(signatureRequestSchema))
  sign(@Body() body: unknown) {
    const { userId, digest, purpose } = parseBody(signatureRequestSchema, body);
    return this.signing.sign(userId, Buffer.from(digest, 'base64'), purpose, 'ledger-service');
  }

  @Post('signing-keys/rotate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Start signing access tokens with a new key; the old one stays in the JWKS until its tokens expire' })
  async rotateSigningKey() {
    return { kid: await this.signingKeys.rotate() };
  }

  @Post('master-key/rewrap')
  @HttpCode(200)
  @ApiOperation({ summary: "Reseal every stored private key (users' keys and JWT signing keys) under the current master key" })
  async rewrap() {
    return { resealed: (await this.users.rewrapSecrets()) + (await this.signingKeys.rewrap()) };
  }
}
