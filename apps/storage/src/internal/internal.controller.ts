import { createHash } from 'node:crypto';
import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { StorageError } from '../common/storage-error.ts';
import { FileRecords } from '../files/file-records.ts';
import { KuboStore } from '../ipfs/kubo-store.ts';
import { AcceptCallers, ServiceGuard } from '@gridledger/nest-service';

const PAGE = 500;

/**
 * What reconciliation (the audit service) needs to compare this service's records and IPFS with
 * the chain. Only this service talks to IPFS, so the pin and content checks are made here.
 * Service credential only; never routed by the public entry.
 */
@ApiTags('internal')
@ApiBearerAuth()
@UseGuards(ServiceGuard)
@AcceptCallers('audit')
@Controller('internal')
export class InternalController {
  constructor(
    private readonly files: FileRecords,
    private readonly kubo: KuboStore,
  ) {}

  @Get('files')
  @ApiOperation({ summary: 'Every file record (no keys), by asset id, a page at a time' })
  @ApiQuery({ name: 'after', required: false, description: 'the last asset id of the previous page' })
  async list(@Query('after') after?: string) {
    if (after !== undefined && !/^[0-9a-f-]{36}$/.test(after)) throw new StorageError('INVALID_ARGUMENT', 'after must be an asset id (UUID)');
    const rows = await this.files.page(after, PAGE);
    return { items: rows, next: rows.length === PAGE ? rows.at(-1)?.['assetId'] : null };
  }

  @Get('pins/:cid')
  @ApiOperation({ summary: 'Is this CID pinned, and what do its bytes hash to (SHA-256 of the whole ciphertext, read from IPFS)' })
  async pin(@Param('cid') cid: string) {
    if (!/^(Qm[1-9A-HJ-NP-Za-km-z]{44}|b[a-z2-7]{20,})$/.test(cid)) throw new StorageError('INVALID_ARGUMENT', 'cid must be an IPFS CID (Qm… or b…)');
    if (!(await this.kubo.isPinned(cid))) return { cid, pinned: false, ciphertextSha256: null };
    const hash = createHash('sha256');
    for await (const chunk of this.kubo.cat(cid, AbortSignal.timeout(10 * 60_000))) hash.update(chunk);
    return { cid, pinned: true, ciphertextSha256: hash.digest('hex') };
  }
}
