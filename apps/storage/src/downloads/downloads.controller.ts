import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { type AuthenticatedRequest, UserGuard } from '@gridledger/nest-service';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { KeyReleaseService } from '../key-release/key-release.service.ts';
import { KeyRotationService } from '../key-rotation/key-rotation.service.ts';
import { AccessCheck } from './access-check.ts';
import { DownloadLinks } from './download-links.ts';
import { DownloadService, TICKET_HEADER } from './download.service.ts';
import { StorageLimits } from '../limits/request-limits.ts';

@ApiTags('files')
@ApiBearerAuth()
@UseGuards(UserGuard)
@Controller('files/:assetId')
export class DownloadsController {
  constructor(
    private readonly downloads: DownloadService,
    private readonly keys: KeyReleaseService,
    private readonly rotation: KeyRotationService,
    private readonly limits: StorageLimits,
    private readonly links: DownloadLinks,
    private readonly access: AccessCheck,
  ) {}

  @Get('content')
  @ApiOperation({
    summary: 'Download the file through the platform: access checked on chain, integrity verified, the download recorded on chain when the transfer completes',
    description:
      "A consumer's download runs under a ticket (response header x-download-ticket, valid until x-download-ticket-expires) that holds one unit of the grant. It is recorded on chain, using that unit, just before the file's last bytes leave. A broken transfer resumes at no further cost: send the same x-download-ticket with Range: bytes=<received>-. A ticket may serve at most twice the file plus 1 MiB; one that expires unfinished after serving bytes is charged, one that served nothing is released.",
  })
  @ApiHeader({ name: 'range', required: false, description: 'One byte range, e.g. bytes=1048576- to resume; answered 206 with content-range' })
  @ApiHeader({ name: TICKET_HEADER, required: false, description: 'The ticket of the download being resumed' })
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 206, description: 'The asked range' })
  @ApiResponse({ status: 403, description: 'ACCESS_DENIED (the chain said no, with its reason), FROZEN, or TICKET_SPENT' })
  @ApiResponse({ status: 404, description: 'TICKET_NOT_FOUND: no such ticket of yours for this asset' })
  @ApiResponse({ status: 409, description: 'DOWNLOADS_IN_PROGRESS: every download left on the grant is held by an unfinished one; resume it' })
  @ApiResponse({ status: 410, description: 'TICKET_EXPIRED' })
  @ApiResponse({ status: 416, description: 'RANGE_NOT_SATISFIABLE' })
  @ApiResponse({ status: 502, description: 'INTEGRITY_VIOLATION: the stored file does not match the chain; never served' })
  async content(@Req() request: AuthenticatedRequest, @Param('assetId', new ParseUUIDPipe()) assetId: string, @Headers('range') range: string | undefined, @Headers(TICKET_HEADER) ticketId: string | undefined, @Res() response: Response): Promise<void> {
    await this.downloads.download(request.user, assetId, { range, ticketId }, response);
  }

  @Post('download-link')
  @HttpCode(201)
  @ApiOperation({ summary: "A single-use link, valid for 60 seconds, to download the file: for the browser's download manager, which cannot send a bearer header, to save it straight to disk" })
  @ApiResponse({ status: 201, description: '{ token, path, expiresAt }: follow GET /downloads/links/{token} once (the path is relative to this service)' })
  async downloadLink(@Req() request: AuthenticatedRequest, @Param('assetId', new ParseUUIDPipe()) assetId: string) {
    // refused now rather than when the browser follows it, where the user would see a bare error page
    await this.access.check(request.user, assetId);
    const { token, expiresAt } = await this.links.create({ userId: request.user.id, mspId: request.user.mspId }, { assetId, role: request.user.role });
    return { token, path: `/downloads/links/${token}`, expiresAt };
  }

  @Post('key-release')
  @HttpCode(200)
  @ApiOperation({ summary: "Release the file key to a consumer with a grant, sealed for their X25519 public key (HPKE); recorded on chain" })
  @ApiBody({ schema: { type: 'object', required: ['publicKey'], properties: { publicKey: { type: 'string', description: 'X25519 public key: 32 bytes base64, or PEM (SPKI)' } } } })
  @ApiResponse({ status: 429, description: 'TOO_MANY_REQUESTS: too many key releases of this asset to you in a minute (Retry-After)' })
  release(@Req() request: AuthenticatedRequest, @Param('assetId', new ParseUUIDPipe()) assetId: string, @Body() body: { publicKey?: unknown } | undefined) {
    this.limits.keyReleases.take(`${assetId}:${request.user.id}`);
    return this.keys.release(request.user, assetId, body?.publicKey);
  }

  @Get('key-envelope')
  @ApiOperation({ summary: 'The envelope of the current key last sealed for you (after a key rotation, the re-sealed one)' })
  latestEnvelope(@Req() request: AuthenticatedRequest, @Param('assetId', new ParseUUIDPipe()) assetId: string) {
    return this.keys.latest(request.user, assetId);
  }

  @Post('key-rotation')
  @HttpCode(200)
  @ApiOperation({ summary: "Rotate the file's key (owner): re-encrypt, pin, re-anchor on chain, unpin the old ciphertext, re-seal for valid grantees" })
  rotate(@Req() request: AuthenticatedRequest, @Param('assetId', new ParseUUIDPipe()) assetId: string) {
    return this.rotation.rotate(request.user, assetId);
  }
}
