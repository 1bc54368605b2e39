import { Injectable } from '@nestjs/common';
import type { Role } from '@gridledger/domain';
import { OneTimeLinks } from '@gridledger/nest-service';
import { StorageDatabase } from '../database/storage-database.ts';

/** What a download link leads to: one asset, for the user who asked, in the role they had. */
export interface DownloadLinkRequest {
  assetId: string;
  role: Role;
}

/**
 * Single-use, minute-long links to a download (see `OneTimeLinks`), so the dashboard hands the
 * file to the browser's own download manager, which streams it to disk, instead of holding it
 * whole in memory. Following the link checks access on chain again, as any download does.
 */
@Injectable()
export class DownloadLinks extends OneTimeLinks<DownloadLinkRequest> {
  constructor(database: StorageDatabase) {
    // the table storage-schema.ts creates
    super(database.pool, 'download_links', 'download');
  }
}
