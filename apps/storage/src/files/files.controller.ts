import { randomUUID } from 'node:crypto';
import { type AuthenticatedRequest, UserGuard } from '@gridledger/nest-service';
import { Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiHeader, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { StorageError } from '../common/storage-error.ts';
import { StorageLimits } from '../limits/request-limits.ts';
import { FileRecords } from './file-records.ts';
import { UploadProgressRegistry } from './upload-progress.ts';
import { UploadService } from './upload.service.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('files')
@ApiBearerAuth()
@UseGuards(UserGuard)
@Controller()
export class FilesController {
  constructor(
    private readonly uploads: UploadService,
    private readonly progress: UploadProgressRegistry,
    private readonly records: FileRecords,
    private readonly limits: StorageLimits,
  ) {}

  @Post('files')
  @HttpCode(201)
  @ApiOperation({ summary: 'Upload a file (owner): encrypted, pinned to IPFS, and registered on chain; the asset is pending until the chain confirms' })
  @ApiConsumes('multipart/form-data')
  @ApiHeader({ name: 'x-upload-id', required: false, description: 'a UUID of your choosing, to follow the upload at GET /uploads/{uploadId}' })
  @ApiBody({ schema: { type: 'object', required: ['metadata', 'file'], properties: { metadata: { type: 'string', description: 'JSON: title, description, category, sensitivity, priceCredits, policy; must come before the file part' }, file: { type: 'string', format: 'binary' } } } })
  @ApiResponse({ status: 413, description: 'PAYLOAD_TOO_LARGE: refused while streaming, nothing kept' })
  @ApiResponse({ status: 429, description: 'TOO_MANY_REQUESTS: too many of your uploads at once (Retry-After says when to try again)' })
  async upload(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response, @Headers('x-upload-id') uploadId: string | undefined) {
    if (uploadId !== undefined && !UUID.test(uploadId)) throw new StorageError('INVALID_ARGUMENT', 'x-upload-id must be a UUID');
    try {
      return await this.limits.uploads.run(request.user.id, () => this.uploads.upload(request.user, request, uploadId ?? randomUUID()));
    } catch (error) {
      // the rest of the body is not read: the connection closes after the refusal
      if (error instanceof StorageError && error.status === 413) response.setHeader('connection', 'close');
      throw error;
    }
  }

  @Get('uploads/:uploadId')
  @ApiOperation({ summary: 'Progress of one of your uploads: bytes received, stage, and the asset id once stored' })
  uploadProgress(@Req() request: AuthenticatedRequest, @Param('uploadId', new ParseUUIDPipe()) uploadId: string) {
    const progress = this.progress.get(uploadId, request.user.id);
    if (!progress) throw new StorageError('NOT_FOUND', `no upload ${uploadId} of yours is in progress or recently finished`, 404);
    return progress;
  }

  @Get('files/:assetId')
  @ApiOperation({ summary: 'A stored file: its status (pending, anchored, rejected), hashes, CID and on-chain transaction' })
  file(@Param('assetId', new ParseUUIDPipe()) assetId: string) {
    return this.records.publicView(assetId);
  }
}
