import { createHash, randomBytes } from 'node:crypto';
import { HttpException, Injectable } from '@nestjs/common';
import { AuditDatabase } from '../database/audit-database.ts';

/** How long a link may wait to be followed: a browser follows it at once. */
export const LINK_TTL_SECONDS = 60;

export interface ExportLinkOwner {
  userId: string;
  mspId: string;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const refuse = (status: number, code: string, message: string) => new HttpException({ statusCode: status, code, message }, status);

/**
 * Single-use, short-lived links to an export. The browser cannot add a bearer header to a link it
 * saves to disk, so a signed-in supervisor asks for a link (the export's parameters already
 * checked and narrowed to what they may see) and the browser follows it once, within a minute.
 */
@Injectable()
export class ExportLinksRepository {
  constructor(private readonly database: AuditDatabase) {}

  async create(owner: ExportLinkOwner, request: Record<string, unknown>): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const { rows } = await this.database.pool.query<{ expires_at: Date }>(
      `insert into audit_export_links (token_sha256, user_id, user_msp, request, expires_at) values ($1, $2, $3, $4, now() + make_interval(secs => $5)) returning expires_at`,
      [sha256(token), owner.userId, owner.mspId, JSON.stringify(request), LINK_TTL_SECONDS],
    );
    // links a day past their expiry are of no use, even as a record of a refusal
    await this.database.pool.query(`delete from audit_export_links where expires_at < now() - interval '1 day'`);
    return { token, expiresAt: rows[0]?.expires_at.toISOString() ?? '' };
  }

  /** Spends the link: who asked for it and what; a link that is unknown, spent or expired is refused. */
  async redeem(token: string): Promise<ExportLinkOwner & { request: Record<string, unknown> }> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw refuse(404, 'TICKET_NOT_FOUND', 'there is no such export link');
    const hash = sha256(token);
    const { rows } = await this.database.pool.query<{ user_id: string; user_msp: string; request: Record<string, unknown> }>(
      'update audit_export_links set used_at = now() where token_sha256 = $1 and used_at is null and expires_at > now() returning user_id, user_msp, request',
      [hash],
    );
    const row = rows[0];
    if (row) return { userId: row.user_id, mspId: row.user_msp, request: row.request };
    const { rows: known } = await this.database.pool.query<{ used_at: Date | null }>('select used_at from audit_export_links where token_sha256 = $1', [hash]);
    if (!known[0]) throw refuse(404, 'TICKET_NOT_FOUND', 'there is no such export link');
    if (known[0].used_at) throw refuse(403, 'TICKET_SPENT', 'this export link has been used already; ask for a new export');
    throw refuse(410, 'TICKET_EXPIRED', `this export link has expired (links last ${LINK_TTL_SECONDS} seconds); ask for a new export`);
  }
}
