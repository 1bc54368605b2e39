import { createHash, randomBytes } from 'node:crypto';
import { HttpException } from '@nestjs/common';
import type pg from 'pg';

/** How long a link may wait to be followed: a browser follows it at once. */
export const LINK_TTL_SECONDS = 60;

export interface LinkOwner {
  userId: string;
  mspId: string;
}

/**
 * The table a service keeps its links in (its own schema creates it): only the token's hash is
 * kept, with who asked, for what, and when it was used.
 */
export const oneTimeLinksTableSql = (table: string) => `
create table if not exists ${table} (
  token_sha256 text primary key,
  user_id text not null,
  user_msp text not null,
  request jsonb not null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz);
create index if not exists ${table}_expiry on ${table} (expires_at);`;

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');
const refuse = (status: number, code: string, message: string) => new HttpException({ statusCode: status, code, message }, status);

/**
 * Single-use, short-lived links. A browser cannot add a bearer header to a link it saves to disk,
 * so a signed-in user asks for a link (what it leads to already checked and narrowed to what they
 * may have) and the browser follows it once, within a minute: the link is the credential, and the
 * browser's own download manager streams the file to disk.
 */
export class OneTimeLinks<Request extends object> {
  constructor(
    private readonly pool: pg.Pool,
    /** a table made by `oneTimeLinksTableSql`; a constant of the service, never input */
    private readonly table: string,
    /** what a link leads to, for refusals: "export", "download" */
    private readonly noun: string,
  ) {}

  async create(owner: LinkOwner, request: Request): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const { rows } = await this.pool.query<{ expires_at: Date }>(
      `insert into ${this.table} (token_sha256, user_id, user_msp, request, expires_at) values ($1, $2, $3, $4, now() + make_interval(secs => $5)) returning expires_at`,
      [sha256(token), owner.userId, owner.mspId, JSON.stringify(request), LINK_TTL_SECONDS],
    );
    // links a day past their expiry are of no use, even as a record of a refusal
    await this.pool.query(`delete from ${this.table} where expires_at < now() - interval '1 day'`);
    return { token, expiresAt: rows[0]?.expires_at.toISOString() ?? '' };
  }

  /** Spends the link: who asked for it and what; a link that is unknown, spent or expired is refused. */
  async redeem(token: string): Promise<LinkOwner & { request: Request }> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) throw refuse(404, 'TICKET_NOT_FOUND', `there is no such ${this.noun} link`);
    const hash = sha256(token);
    const { rows } = await this.pool.query<{ user_id: string; user_msp: string; request: Request }>(
      `update ${this.table} set used_at = now() where token_sha256 = $1 and used_at is null and expires_at > now() returning user_id, user_msp, request`,
      [hash],
    );
    const row = rows[0];
    if (row) return { userId: row.user_id, mspId: row.user_msp, request: row.request };
    const { rows: known } = await this.pool.query<{ used_at: Date | null }>(`select used_at from ${this.table} where token_sha256 = $1`, [hash]);
    if (!known[0]) throw refuse(404, 'TICKET_NOT_FOUND', `there is no such ${this.noun} link`);
    if (known[0].used_at) throw refuse(403, 'TICKET_SPENT', `this ${this.noun} link has been used already; ask for a new one`);
    throw refuse(410, 'TICKET_EXPIRED', `this ${this.noun} link has expired (links last ${LINK_TTL_SECONDS} seconds); ask for a new one`);
  }
}
