import { createHash, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.ts';
import { LedgerError } from './ledger-error.ts';

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

/**
 * The query API answers only to the platform's service credential: the other services and the
 * dashboard's backend, never a browser, since a query can be evaluated as any user.
 */
@Injectable()
export class ServiceGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(@Inject(LEDGER_CONFIG) config: Pick<LedgerConfig, 'LEDGER_IDENTITY_SERVICE_TOKEN'>) {
    this.expected = sha256(config.LEDGER_IDENTITY_SERVICE_TOKEN);
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const presented = sha256(/^Bearer (.+)$/i.exec(header)?.[1] ?? '');
    // compare digests, so neither length nor content leaks through timing
    if (!timingSafeEqual(presented, this.expected)) throw new LedgerError('UNAUTHENTICATED', 'the ledger query API needs the service credential (Authorization: Bearer …)', 401);
    return true;
  }
}
