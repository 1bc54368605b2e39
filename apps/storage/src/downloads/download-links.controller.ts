import { Controller, Get, Headers, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SuspensionFeed } from '@gridledger/access-token';
import type { Response } from 'express';
import { StorageError } from '../common/storage-error.ts';
import { DownloadLinks } from './download-links.ts';
import { DownloadService } from './download.service.ts';

/** The followed end of a download link: no bearer header, the link is the credential. */
@ApiTags('files')
@Controller('downloads/links')
export class DownloadLinksController {
  constructor(
    private readonly links: DownloadLinks,
    private readonly downloads: DownloadService,
    private readonly suspensions: SuspensionFeed,
  ) {}

  @Get(':token')
  @ApiOperation({ summary: 'Follow a download link once: the file, as GET /files/{assetId}/content gives it to the user who asked for the link' })
  @ApiParam({ name: 'token' })
  @ApiProduces('application/octet-stream')
  @ApiResponse({ status: 403, description: 'TICKET_SPENT (followed already), USER_SUSPENDED, or the download refused as GET /files/{assetId}/content would be' })
  @ApiResponse({ status: 404, description: 'TICKET_NOT_FOUND' })
  @ApiResponse({ status: 410, description: 'TICKET_EXPIRED (links last 60 seconds)' })
  async follow(@Param('token') token: string, @Headers('range') range: string | undefined, @Res() response: Response): Promise<void> {
    const link = await this.links.redeem(token);
    // a user suspended since they asked gets nothing more
    if (this.suspensions.isSuspended(link.userId)) throw new StorageError('USER_SUSPENDED', 'this account is suspended', 403);
    await this.downloads.download({ id: link.userId, mspId: link.mspId, role: link.request.role }, link.request.assetId, { range, ticketId: undefined }, response);
  }
}
