import type { SchemaMigration } from '@gridledger/messaging';
import { AuditBaselineSchema1765000000000 } from './migrations/0001-baseline-schema.ts';
import { IntegrityViolations1765100000000 } from './migrations/0002-integrity-violations.ts';

/** The service's schema migrations, oldest first. A change to the schema is a new one at the end. */
export const AUDIT_MIGRATIONS: readonly SchemaMigration[] = [AuditBaselineSchema1765000000000, IntegrityViolations1765100000000];
