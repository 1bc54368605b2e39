import { Injectable } from '@nestjs/common';
import { OneTimeLinks } from '@gridledger/nest-service';
import { AuditDatabase } from '../database/audit-database.ts';

/**
 * Single-use, short-lived links to an export (see `OneTimeLinks`): a signed-in supervisor asks for
 * a link, the export's parameters already checked and narrowed to what they may see, and the
 * browser saves the export straight to disk.
 */
@Injectable()
export class ExportLinksRepository extends OneTimeLinks<Record<string, unknown>> {
  constructor(database: AuditDatabase) {
    // the table audit-schema.ts creates
    super(database.pool, 'audit_export_links', 'export');
  }
}
