import type { SchemaMigration } from '@gridledger/messaging';
import { LedgerBaselineSchema1765000000000 } from './migrations/0001-baseline-schema.ts';
import { CommandTraceContext1765200000000 } from './migrations/0002-command-trace-context.ts';

/** The service's schema migrations, oldest first. A change to the schema is a new one at the end. */
export const LEDGER_MIGRATIONS: readonly SchemaMigration[] = [LedgerBaselineSchema1765000000000, CommandTraceContext1765200000000];
