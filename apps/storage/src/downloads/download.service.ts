import { Readable } from 'node:stream';
import { type PlatformUser } from '@gridledger/nest-service';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { decryptStream, hashingPassThrough, type KeyEncryptionService } from '@gridledger/file-crypto';
import type { Response } from 'express';
import { StorageError } from '../common/storage-error.ts';
import { KEY_ENCRYPTION_SERVICE } from '../files/key-encryption.provider.ts';
import { KuboStore } from '../ipfs/kubo-store.ts';
import { AccessCheck } from './access-check.ts';
import { parseByteRange, windowLength } from './byte-range.ts';
import { DownloadRecords } from './download-records.ts';
import { DownloadTickets, type DownloadTicket } from './download-tickets.ts';
import { ServedWindow } from './served-window.ts';

export const TICKET_HEADER = 'x-download-ticket';

export interface DownloadAsk {
  /** the `Range` header, to resume or slice */
  range: string | undefined;
  /** the ticket of the download being resumed */
  ticketId: string | undefined;
}

/**
 * Download through the platform: access checked on chain, the pinned ciphertext verified against
 * the chain's hash before a byte is served, then the file decrypted as it streams, whole or the
 * asked range. A consumer's download runs under a ticket that holds one unit of the grant; it is
 * recorded on chain (using that unit) only when the transfer reaches the file's last byte, and the
 * plaintext hash is checked there too: the last bytes leave only when both succeeded. A broken
 * transfer resumes with `Range` and the ticket, at no further cost, until the ticket expires.
 */
@Injectable()
export class DownloadService {
  constructor(
    private readonly access: AccessCheck,
    private readonly tickets: DownloadTickets,
    private readonly records: DownloadRecords,
    private readonly kubo: KuboStore,
    @Inject(KEY_ENCRYPTION_SERVICE) private readonly kms: KeyEncryptionService,
  ) {}

  async download(user: PlatformUser, assetId: string, ask: DownloadAsk, response: Response): Promise<void> {
    const presented = ask.ticketId === undefined ? undefined : await this.tickets.find(ask.ticketId, user.id, assetId);
    if (presented) checkNotExpired(presented);
    // a ticket already recorded was paid for: resuming it passes even when it used the grant's last unit
    const { record, chain, decision } = await this.access.check(user, assetId, { repeatable: presented?.state === 'recorded' });
    if (presented) checkSameFile(presented, chain);

    const range = parseByteRange(ask.range, record.sizeBytes);
    if (range.kind === 'unsatisfiable') {
      response.setHeader('content-range', `bytes */${record.sizeBytes}`);
      throw new StorageError('RANGE_NOT_SATISFIABLE', `range "${String(ask.range).slice(0, 80)}" cannot be served from a file of ${record.sizeBytes} bytes: ask for one range, bytes=start-[end]`, 416);
    }
    await this.access.verifyPinnedCiphertext(chain);

    let ticket = presented;
    if (decision && !ticket) {
      ticket = await this.tickets.open({ assetId, consumerId: user.id, requestId: decision.requestId ?? '', keyVersion: chain.keyVersion, ciphertextSha256: chain.ciphertextSha256, sizeBytes: record.sizeBytes, remainingDownloads: decision.remainingDownloads });
    }
    if (ticket) await this.tickets.promise(ticket, windowLength(range.window));

    const reachesEnd = range.window.end === record.sizeBytes - 1;
    const plaintext = hashingPassThrough();
    const served = new ServedWindow(range.window, async () => {
      if (plaintext.sha256 !== chain.plaintextSha256) {
        await this.access.report({ assetId, cid: chain.cid, kind: 'plaintext-hash-mismatch', expected: chain.plaintextSha256, actual: plaintext.sha256, detectedBy: 'storage' });
      }
      if (ticket && reachesEnd) await this.records.recordCompletion(ticket.id);
    });

    const dataKey = await this.kms.unwrapDataKey(record.ownerId, record.wrappedKey, { assetId });
    response.status(range.kind === 'partial' ? 206 : 200);
    response.setHeader('content-type', record.contentType);
    response.setHeader('content-length', String(windowLength(range.window)));
    response.setHeader('accept-ranges', 'bytes');
    if (range.kind === 'partial') response.setHeader('content-range', `bytes ${range.window.start}-${range.window.end}/${record.sizeBytes}`);
    response.setHeader('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(record.fileName)}`);
    response.setHeader('x-content-sha256', chain.plaintextSha256);
    if (ticket) {
      response.setHeader(TICKET_HEADER, ticket.id);
      response.setHeader('x-download-ticket-expires', ticket.expiresAt.toISOString());
    }
    try {
      await pipeline(Readable.from(this.kubo.cat(chain.cid)), decryptStream(dataKey), plaintext, served, response);
    } finally {
      dataKey.fill(0);
      if (ticket) await this.tickets.addSent(ticket.id, served.sent);
    }
  }
}

function checkNotExpired(ticket: DownloadTicket): void {
  if (ticket.state === 'charged' || ticket.state === 'lapsed' || ticket.expiresAt.getTime() <= Date.now()) {
    throw new StorageError('TICKET_EXPIRED', `download ticket ${ticket.id} expired at ${ticket.expiresAt.toISOString()}; start the download again without it`, 410);
  }
}

function checkSameFile(ticket: DownloadTicket, chain: { keyVersion: number; ciphertextSha256: string }): void {
  if (ticket.keyVersion !== chain.keyVersion || ticket.ciphertextSha256 !== chain.ciphertextSha256) {
    throw new StorageError('FAILED_PRECONDITION', `the file was re-encrypted since download ticket ${ticket.id} began (key version ${ticket.keyVersion}, now ${chain.keyVersion}); start the download again`, 409);
  }
}
