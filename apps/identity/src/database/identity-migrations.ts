import type { SchemaMigration } from '@gridledger/messaging';
import { InitialSchema1764000000000 } from './migrations/0001-initial-schema.ts';
import { OutboxWriteOrder1764100000000 } from './migrations/0002-outbox-write-order.ts';
import { SignatureLogOutcomes1764200000000 } from './migrations/0003-signature-log-outcomes.ts';
import { Accounts1764300000000 } from './migrations/0004-accounts.ts';
import { AttestationReceipts1764400000000 } from './migrations/0005-attestation-receipts.ts';
import { OutboxRelayBookkeeping1764500000000 } from './migrations/0006-outbox-relay-bookkeeping.ts';

/** The service's schema migrations, oldest first. A change to the schema is a new one at the end. */
export const IDENTITY_MIGRATIONS: readonly SchemaMigration[] = [InitialSchema1764000000000, OutboxWriteOrder1764100000000, SignatureLogOutcomes1764200000000, Accounts1764300000000, AttestationReceipts1764400000000, OutboxRelayBookkeeping1764500000000];
